import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { localDate, pauseEndsAt } from '../../../functions/domain/schedule';
import { decideNext } from '../../../functions/domain/pairing/decide';
import { agreeable, participant, simProgram, simPairing, simulate } from './simulate';

/**
 * "Paused until Wednesday 10 March": the day each reader is told, in their own zone, and nobody is
 * told the pairing has resumed while it is still the day before where they are.
 */
describe('a pause until a day, for a pair a calendar day apart', () => {
  const zones = { mentor: 'Pacific/Auckland', mentee: 'Pacific/Honolulu' } as const;
  const r = simulate({
    answer: agreeable,
    mentor: { timeZone: zones.mentor },
    mentee: { timeZone: zones.mentee },
    controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-03-10' } }],
  });
  const to = (side: 'mentor' | 'mentee') => `${side}@example.com`;

  it('ends when the day has begun for both: its start in Honolulu, the later of the two', () => {
    expect(pauseEndsAt('2027-03-10', [zones.mentor, zones.mentee]).toISOString()).toBe('2027-03-10T10:00:00.000Z');
    const resumedAt = r.decisions.find((d) => d.decision.emails.some((e) => e.template === 'pairingResumed'))!.at;
    expect(localDate(new Date(resumedAt), zones.mentee)).toBe('2027-03-10');
  });

  it('tells both the same day, and neither reads "has resumed" before that day in their own zone', () => {
    for (const side of ['mentor', 'mentee'] as const) {
      const paused = r.emails.find((e) => e.template === 'pairingPaused' && e.to === to(side))!;
      expect(renderIntent(paused.template, paused.input).subject).toMatch(/paused until Wednesday 10 March 2027$/);
      const resumed = r.emails.find((e) => e.template === 'pairingResumed' && e.to === to(side))!;
      const arrives = new Date(resumed.notBefore ?? resumed.sentAt);
      expect(localDate(arrives, zones[side]) >= '2027-03-10').toBe(true);
    }
  });
});

describe('a pause until a day, when HR moves one of the pair to another zone during it', () => {
  // Paused until 15 January while both were in London (ends 00:00 UTC); HR then moved the mentee to Los Angeles.
  const pairing = simPairing('2027-01-01T09:00:00Z', {
    status: 'paused',
    startedAt: '2026-12-01T09:00:00Z',
    acceptedAt: '2026-12-02T09:00:00Z',
    pausedAt: '2027-01-05T10:00:00Z',
    pausedUntil: pauseEndsAt('2027-01-15', ['Europe/London']).toISOString(),
    pausedUntilDay: '2027-01-15',
    mentorId: 'pt_mentor',
    menteeId: 'pt_mentee',
  });
  const ctx = (now: string) => ({
    pairing,
    program: simProgram(),
    mentor: participant('mentor', { participantId: 'pt_mentor', timeZone: 'Europe/London' }),
    mentee: participant('mentee', { participantId: 'pt_mentee', timeZone: 'America/Los_Angeles' }),
    now: new Date(now),
    execution: { startedAt: '2026-12-01T09:00:00Z', generation: 1 },
  });

  it('does not resume at the hour the day began in the old zone: it is still the 14th in Los Angeles', () => {
    const d = decideNext(ctx(pairing.pausedUntil!));
    expect(d.pairing.status).toBe('paused');
    expect(d.emails.filter((e) => e.template === 'pairingResumed')).toEqual([]);
    expect(d.next).toEqual({ action: 'wait', at: '2027-01-15T08:00:00.000Z' });
  });

  it('resumes once the day has begun where both are now', () => {
    const d = decideNext(ctx('2027-01-15T08:00:00.000Z'));
    expect(d.pairing.status).toBe('active');
    expect(d.emails.some((e) => e.template === 'pairingResumed')).toBe(true);
  });
});

describe('a pause without a date, when HR moves one of the pair west during it', () => {
  const mentor = participant('mentor', { participantId: 'pt_mentor', timeZone: 'Asia/Tokyo' });
  const menteeIn = (timeZone: string) => participant('mentee', { participantId: 'pt_mentee', timeZone });
  const active = simPairing('2026-11-01T09:00:00Z', {
    status: 'active',
    startedAt: '2026-11-01T09:00:00Z',
    acceptedAt: '2026-11-02T09:00:00Z',
    mentorId: 'pt_mentor',
    menteeId: 'pt_mentee',
    controls: [{ kind: 'pause', requestedAt: '2026-12-03T00:30:00.000Z', participantId: 'pt_mentee' }],
  });
  const execution = { startedAt: '2026-11-01T09:00:00Z', generation: 1 };
  const step = (pairing: typeof active, now: string, timeZone: string) =>
    decideNext({ pairing, program: simProgram(), mentor, mentee: menteeIn(timeZone), now: new Date(now), execution });

  it('lasts until the day two weeks ahead has begun where both are, in the zones they have when it ends (verify15)', () => {
    // Thursday 3 December, 09:30 in Tokyo: "paused until Thursday 17 December".
    const paused = step(active, '2026-12-03T00:30:00.000Z', 'Asia/Tokyo').pairing;
    expect(paused).toMatchObject({ status: 'paused', pausedUntilDay: '2026-12-17' });
    // Moved to Los Angeles: at the instant planned for Tokyo it is still 16 December there.
    const early = step(paused, paused.pausedUntil!, 'America/Los_Angeles');
    expect(early.pairing.status).toBe('paused');
    expect(early.next).toEqual({ action: 'wait', at: pauseEndsAt('2026-12-17', ['Asia/Tokyo', 'America/Los_Angeles']).toISOString() });
  });
});
