import { describe, expect, it } from 'vitest';
import { pausesOverruled } from '../../../functions/domain/pairing/controls';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { ControlRequest, Pairing } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import type { ProgramInput } from '../../../functions/domain/program';
import type { Participant } from '../../../functions/domain/participant';
import { participant, simPairing, simProgram } from './simulate';

/**
 * A member's PAUSE and an end (their partner's STOP, END or REMATCH, HR's departure, an admin's
 * end) reach the pairing before one step: the end wins (controls.ts, applyControls), but the one
 * who asked to pause is still away. They are not matched with a new partner before the day their
 * pause would have ended (`availableFrom`, as a NO with a return date), a rematch for them is asked
 * on that day and not now, and their end email answers their PAUSE with that day.
 */

const NOW = new Date('2027-02-10T10:00:00Z');
const at = NOW.toISOString();
const BACK = '2027-03-24'; // six weeks on
const running = (controls: ControlRequest[]): Pairing =>
  simPairing('2027-01-04T08:00:00Z', { status: 'active', acceptedAt: '2027-01-06T10:00:00Z', startedAt: '2027-01-04T08:00:00Z', checkInsHeld: 2, controls });

function step(controls: ControlRequest[], opts: { mentor?: Partial<Participant>; mentee?: Partial<Participant>; program?: Partial<ProgramInput> } = {}) {
  return decideNext({
    pairing: running(controls),
    program: simProgram(opts.program),
    mentor: participant('mentor', opts.mentor),
    mentee: participant('mentee', opts.mentee),
    now: NOW,
    execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
  });
}

const menteePause = (until: string | null = BACK): ControlRequest => ({
  kind: 'pause',
  requestedAt: at,
  participantId: 'pt_mentee',
  ...(until ? { until } : {}),
});
const mentorStop: ControlRequest = { kind: 'left', requestedAt: at, participantId: 'pt_mentor', reason: 'withdrawn' };
const withdrawn = { mentor: { status: 'withdrawn' as const } };

type Decision = ReturnType<typeof step>;
const textTo = (d: Decision, to: string) => {
  const email = d.emails.find((e) => e.to === to);
  expect(email, `an email to ${to}`).toBeDefined();
  return renderIntent(email!.template, email!.input).text.replace(/\s+/g, ' ');
};
const rematches = (d: Decision) =>
  d.events
    .filter((e) => e.type === 'RematchRequested')
    .map((e) => ({ ids: (e.detail as { participantIds: string[] }).participantIds, notBefore: e.notBefore }));

describe('a PAUSE that arrives with an end', () => {
  it("the partner's STOP: the pause is answered, and the one away is looked for a partner from the day they are back, not now", () => {
    const d = step([menteePause(), mentorStop], withdrawn);
    expect(d.pairing.status).toBe('ended');
    expect(d.pairing.statusReason).toBe('participant-withdrew');
    // Recorded as a NO with a return date is: matching does not offer them before that day.
    expect(d.people).toEqual([
      expect.objectContaining({ participantId: 'pt_mentee', status: 'awaiting-rematch', standing: expect.objectContaining({ availableFrom: BACK }) }),
    ]);
    // No rematch now; one of their own once the day has begun in Berlin and for matching (UTC).
    const asked = rematches(d);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.ids).toEqual(['pt_mentee']);
    expect(asked[0]!.notBefore).toBe(`${BACK}T00:00:00.000Z`);
    const said = textTo(d, 'mentee@example.com');
    expect(d.emails.find((e) => e.to === 'mentee@example.com')!.template).toBe('partnerLeft');
    expect(said).toContain('We also received your request to pause until Wednesday 24 March 2027');
    expect(said).toContain('We will look for a new partner for you from Wednesday 24 March 2027, when you are back');
    expect(said).not.toContain('We are looking for a new partner');
    expect(d.records.some((r) => r.item.kind === 'pause-overruled')).toBe(true);
  });

  it("the partner's END: both go back to the pool, the one away not before the day they are back, and their email says so", () => {
    const d = step([menteePause(), { kind: 'end', requestedAt: at, reason: 'participant-request', participantId: 'pt_mentor' }]);
    expect(d.pairing.statusReason).toBe('participant-request');
    const mentee = d.people.find((p) => p.participantId === 'pt_mentee')!;
    const mentor = d.people.find((p) => p.participantId === 'pt_mentor')!;
    expect(mentee).toMatchObject({ status: 'enrolled', standing: { availableFrom: BACK } });
    expect(mentor.status).toBe('enrolled');
    expect(mentor.standing.availableFrom).toBeUndefined();
    expect(rematches(d)).toEqual([]);
    const said = textTo(d, 'mentee@example.com');
    expect(said).toContain('We also received your request to pause until Wednesday 24 March 2027');
    expect(said).toContain('you will not be matched with a new partner before Wednesday 24 March 2027');
    // The partner's email is as any end's: nothing of the other's pause.
    expect(textTo(d, 'mentor@example.com')).not.toContain('pause');
  });

  it("the partner's REMATCH: the partner is looked for someone now, the one away from their day", () => {
    const d = step([menteePause(), { kind: 'end', requestedAt: at, reason: 'participant-rematch', participantId: 'pt_mentor' }]);
    expect(d.people.map((p) => [p.participantId, p.status, p.standing.availableFrom])).toEqual([
      ['pt_mentor', 'awaiting-rematch', undefined],
      ['pt_mentee', 'awaiting-rematch', BACK],
    ]);
    expect(rematches(d)).toEqual([
      { ids: ['pt_mentor'], notBefore: undefined },
      { ids: ['pt_mentee'], notBefore: `${BACK}T00:00:00.000Z` },
    ]);
    expect(textTo(d, 'mentor@example.com')).toContain('We are looking for a new partner for you');
  });

  it('a PAUSE without a date: away for the two weeks such a pause would have lasted', () => {
    const d = step([menteePause(null), mentorStop], withdrawn);
    expect(d.people[0]!.standing.availableFrom).toBe('2027-02-24');
    expect(textTo(d, 'mentee@example.com')).toContain('from Wednesday 24 February 2027');
  });

  it("a pause past the program's last day for new pairings: no new partner in it, and no rematch asked", () => {
    const d = step([menteePause(), mentorStop], { ...withdrawn, program: { endDate: '2027-03-15' } });
    expect(d.people).toEqual([
      expect.objectContaining({ participantId: 'pt_mentee', status: 'enrolled', standing: expect.objectContaining({ availableFrom: BACK }) }),
    ]);
    expect(rematches(d)).toEqual([]);
    expect(textTo(d, 'mentee@example.com')).toContain(
      'Sim cohort pairs people only until Monday 15 March 2027, before you are back, so no new partner will be found for you in it.',
    );
  });

  it('without a PAUSE by reply the end is as before: an HR pause, or a pause an admin resume called off', () => {
    for (const controls of [
      [{ kind: 'pause', requestedAt: at, until: BACK } as ControlRequest, mentorStop],
      [menteePause(), { kind: 'resume', requestedAt: at } as ControlRequest, mentorStop],
    ]) {
      const d = step(controls, withdrawn);
      expect(d.people[0]!.standing.availableFrom).toBeUndefined();
      expect(rematches(d).map((r) => r.ids)).toEqual([['pt_mentee']]);
      expect(rematches(d)[0]!.notBefore === undefined || rematches(d)[0]!.notBefore! < '2027-02-12').toBe(true);
      expect(textTo(d, 'mentee@example.com')).toContain('We are looking for a new partner for you');
    }
  });

  it('the one who paused also left: their leaving is their news, nothing is kept for them', () => {
    const d = step([menteePause(), { kind: 'left', requestedAt: at, participantId: 'pt_mentee', reason: 'withdrawn' }], { mentee: { status: 'withdrawn' } });
    expect(d.people.map((p) => p.participantId)).toEqual(['pt_mentor']);
    expect(d.emails.some((e) => e.to === 'mentee@example.com')).toBe(false);
  });

  it('safe to run twice: the same decision again, and a step after it decides nothing more', () => {
    const first = step([menteePause(), mentorStop], withdrawn);
    expect(step([menteePause(), mentorStop], withdrawn)).toEqual(first);
    const again = decideNext({
      pairing: first.pairing,
      program: simProgram(),
      mentor: participant('mentor', { status: 'withdrawn' }),
      mentee: participant('mentee', { status: 'awaiting-rematch', availableFrom: BACK }),
      now: new Date(NOW.getTime() + 60_000),
      execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
    });
    expect(again.changed).toBe(false);
    expect([again.emails, again.events, again.people]).toEqual([[], [], []]);
  });
});

describe('pausesOverruled', () => {
  it("keeps each member's last pause by reply, and none that a later resume called off", () => {
    const a: ControlRequest = { kind: 'pause', requestedAt: at, participantId: 'pt_a', until: '2027-03-01' };
    const a2: ControlRequest = { ...a, until: '2027-03-08' };
    const b: ControlRequest = { kind: 'pause', requestedAt: at, participantId: 'pt_b', until: '2027-03-02' };
    const hr: ControlRequest = { kind: 'pause', requestedAt: at, until: '2027-03-03' };
    const end: ControlRequest = { kind: 'end', requestedAt: at };
    expect(pausesOverruled([a, hr, end, a2])).toEqual([a2]);
    expect(pausesOverruled([a, { kind: 'resume', requestedAt: at }, b, end])).toEqual([b]);
    expect(pausesOverruled([hr, end])).toEqual([]);
  });
});
