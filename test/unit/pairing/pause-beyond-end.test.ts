import { describe, expect, it } from 'vitest';
import { pauseBeyondEnd } from '../../../functions/domain/pairing/controls';
import { simPairing, simProgram } from './simulate';

/**
 * QA hrops5: "until 2028-01-05" on a 3-month pairing of a program ending 2027-03-31 (a typo for
 * 2027) was taken, pausing the pair long after the program. A pause may last until the program's
 * end date, or the pairing's own planned end when that comes later.
 */

const accepted = '2027-01-11T09:00:00.000Z';
const program = simProgram({ endDate: '2027-03-31', lifecycle: { durationMonths: 3 } });
const active = simPairing('2027-01-04T09:00:00.000Z', { status: 'active', acceptedAt: accepted });

describe('pauseBeyondEnd', () => {
  it('refuses a day after the program end date, naming it', () => {
    // The pairing comes to its end on 11 April (three months from acceptance), after 31 March.
    expect(pauseBeyondEnd('2028-01-05', program, active)).toEqual({ lastDay: '2027-04-11', programEndDate: '2027-03-31', pairingEndsLater: true });
    const early = simPairing('2026-12-01T09:00:00.000Z', { status: 'active', acceptedAt: '2026-12-01T09:00:00.000Z' });
    expect(pauseBeyondEnd('2028-01-05', program, early)).toEqual({ lastDay: '2027-03-31', programEndDate: '2027-03-31', pairingEndsLater: false });
    expect(pauseBeyondEnd('2027-04-01', program, early)).toBeDefined();
  });

  it('takes a day up to the later of the two ends, and any day in a program without an end date', () => {
    expect(pauseBeyondEnd('2027-03-31', program, active)).toBeUndefined();
    expect(pauseBeyondEnd('2027-04-11', program, active)).toBeUndefined();
    expect(pauseBeyondEnd('2027-04-12', program, active)).toBeDefined();
    expect(pauseBeyondEnd('2028-01-05', simProgram({ lifecycle: { durationMonths: 3 } }), active)).toBeUndefined();
  });

  it('counts a pause under way in the pairing end, as its resume will', () => {
    const paused = { ...active, status: 'paused' as const, pausedAt: '2027-03-01T09:00:00.000Z', pausedUntil: '2027-03-15T00:00:00.000Z' };
    // Two weeks paused, less 9 hours: the end moves from 11 April 09:00 to 25 April 00:00.
    expect(pauseBeyondEnd('2027-04-25', program, paused)).toBeUndefined();
    expect(pauseBeyondEnd('2027-04-26', program, paused)).toMatchObject({ lastDay: '2027-04-25', pairingEndsLater: true });
  });

  it('bounds a pairing not started yet by the program end date alone', () => {
    const introduced = simPairing('2027-03-20T09:00:00.000Z', { status: 'introduced' });
    expect(pauseBeyondEnd('2027-04-02', program, introduced)).toEqual({ lastDay: '2027-03-31', programEndDate: '2027-03-31', pairingEndsLater: false });
  });
});
