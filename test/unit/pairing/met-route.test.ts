import { describe, expect, it } from 'vitest';
import { standingAddressHelp } from '../../../functions/domain/emails';
import { metRoute } from '../../../functions/domain/pairing/met-route';
import type { Pairing, Round } from '../../../functions/domain/pairing/model';
import { simPairing, simProgram } from './simulate';

/**
 * "We met on Tuesday" to the nudge's reply address (the standing address, which records nothing):
 * the help that answers it says where the meeting still counts, as the nudge did (QA quiet4).
 */

const lifecycle = simProgram({ lifecycle: { durationMonths: 3, checkInCadenceDays: 14 } as never }).lifecycle;
const ACCEPTED = '2027-01-04T09:00:00.000Z';
const NOW = new Date('2027-01-25T12:00:00Z');
const active = (over: Partial<Pairing> = {}) => simPairing(ACCEPTED, { status: 'active', acceptedAt: ACCEPTED, startedAt: ACCEPTED, ...over });
const checkIn = (sent: boolean, over: Partial<Round> = {}): Round => ({
  key: 'check-in#2',
  kind: 'check-in',
  label: 'Check-in 2',
  dueAt: '2027-01-25T09:00:00.000Z',
  closesAt: '2027-01-31T09:00:00.000Z',
  asks: { mentor: { sendAt: '2027-01-25T09:00:00.000Z', sent } },
  answers: {},
  ...over,
});

describe('metRoute', () => {
  it('points to the check-in email they have, while it is open and unanswered', () => {
    expect(metRoute([{ pairing: active({ round: checkIn(true) }), side: 'mentor' }], lifecycle, NOW)).toBe('open');
  });

  it('points to the next check-in when the open one waits for their send time, or none is open and one is planned', () => {
    expect(metRoute([{ pairing: active({ round: checkIn(false) }), side: 'mentor' }], lifecycle, NOW)).toBe('next');
    expect(metRoute([{ pairing: active(), side: 'mentor' }], lifecycle, NOW)).toBe('next');
    // Answered already, or closed: the plan's next check-in.
    expect(
      metRoute(
        [{ pairing: active({ round: checkIn(true, { answers: { mentor: { intent: 'yes', at: NOW.toISOString() } } }) }), side: 'mentor' }],
        lifecycle,
        NOW,
      ),
    ).toBe('next');
  });

  it('promises no check-in when none is left, or nothing runs', () => {
    // Past every check-in of the 3-month plan: only the end-of-program review is left.
    const done = Date.parse('2027-04-03T00:00:00Z') - Date.parse(ACCEPTED);
    expect(metRoute([{ pairing: active({ planDoneMs: done }), side: 'mentor' }], lifecycle, NOW)).toBeUndefined();
    expect(metRoute([{ pairing: active({ status: 'ended', round: checkIn(true) }), side: 'mentor' }], lifecycle, NOW)).toBeUndefined();
    expect(metRoute([{ pairing: simPairing(ACCEPTED), side: 'mentor' }], lifecycle, NOW)).toBeUndefined();
    expect(metRoute([], lifecycle, NOW)).toBeUndefined();
  });

  it("the other person's open check-in is not theirs", () => {
    expect(metRoute([{ pairing: active({ round: checkIn(true) }), side: 'mentee' }], lifecycle, NOW)).toBe('next');
  });
});

describe('the standing-address help after "we met"', () => {
  const base = {
    to: { name: 'Mia Mentor', timeZone: 'Europe/London' },
    program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
    reader: 'participant' as const,
  };
  const flat = (s: string) => s.replace(/\s+/g, ' ');

  it('names the route, and still says nothing was recorded', () => {
    const open = flat(standingAddressHelp({ ...base, metRoute: 'open' }).text);
    expect(open).toContain('your check-in email is waiting for your answer. Reply YES to it, with the day you met, and the meeting counts.');
    expect(open).toContain('Nothing was recorded.');
    expect(flat(standingAddressHelp({ ...base, metRoute: 'next' }).text)).toContain('answer YES to your next check-in email, with the day you met');
  });

  it('says nothing of check-ins without a route', () => {
    expect(flat(standingAddressHelp(base).text)).not.toContain('If you wrote to tell us you met');
  });
});
