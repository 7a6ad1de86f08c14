import { describe, expect, it } from 'vitest';
import { lastPauseDayOf } from '../../../functions/domain/pairing/controls';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { programSchema } from '../../../functions/domain/program';

/**
 * The last day a PAUSE sent to a reply's notice or the standing address may run to: the earliest of
 * the person's running pairings' in the program, so an example an email gives is taken by any of them.
 */
const program = programSchema.parse({
  programId: 'p1',
  name: 'Pilot',
  startDate: '2027-01-04',
  endDate: '2027-03-31',
  admins: ['hr@example.com'],
  lifecycle: { durationMonths: 2, checkInCadenceDays: 14 },
});

const pairing = (id: string, acceptedAt: string, over: Partial<Pairing> = {}): Pairing =>
  ({
    pairingId: id,
    programId: 'p1',
    mentorId: 'pt_m',
    menteeId: `pt_${id}`,
    status: 'active',
    score: 1,
    reasons: [],
    tradeOffs: [],
    createdAt: acceptedAt,
    startedAt: acceptedAt,
    acceptedAt,
    updatedAt: acceptedAt,
    version: 1,
    ...over,
  }) as Pairing;

describe('lastPauseDayOf', () => {
  it("is the program's end date for a pairing that ends before it, and the pairing's planned end when that is later", () => {
    expect(lastPauseDayOf(program, [pairing('a', '2027-01-11T08:00:00Z')])).toBe('2027-03-31');
    const late = lastPauseDayOf(program, [pairing('b', '2027-03-01T08:00:00Z')]);
    expect(late! > '2027-03-31').toBe(true);
  });

  it('takes the earliest of the running pairings, and ignores ended ones and other programs', () => {
    const running = [pairing('b', '2027-03-01T08:00:00Z'), pairing('a', '2027-01-11T08:00:00Z')];
    expect(lastPauseDayOf(program, running)).toBe('2027-03-31');
    const others = [pairing('a', '2027-01-11T08:00:00Z', { status: 'ended' }), pairing('c', '2027-01-11T08:00:00Z', { programId: 'p2' })];
    expect(lastPauseDayOf(program, others)).toBeUndefined();
  });

  it('is undefined for a program without an end date: nothing bounds a pause', () => {
    const { endDate: _e, ...open } = program;
    expect(lastPauseDayOf(open, [pairing('a', '2027-01-11T08:00:00Z')])).toBeUndefined();
  });
});
