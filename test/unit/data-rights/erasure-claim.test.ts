import { describe, expect, it } from 'vitest';
import { tombstoneOf } from '../../../functions/domain/erasure';
import { awaitsErasureUnderWay, enrolmentStep, erasureToJoin } from '../../../functions/domain/erasure-claim';
import { participantIntakeSchema, type Participant } from '../../../functions/domain/participant';
import { intakeInput } from '../../fixtures/intake/participants';

const at = new Date('2027-03-01T00:00:00Z');
const ria: Participant = {
  ...participantIntakeSchema.parse(intakeInput({ programId: 'q3', name: 'Ria Racer', email: 'ria@example.com' })),
  participantId: 'pt_ria',
  status: 'paired',
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
  version: 3,
};
const pending = { names: ['Ria Racer', 'Ria'], emails: ['ria@example.com'] };
const first = { erasureId: 'er_first', startedAt: at.toISOString(), enrolments: ['pt_ria'], pending };
const second = { ...first, erasureId: 'er_second' };

describe('erasure: who owns it', () => {
  it('starts a new erasure only on a profile; a tombstone is joined, finished or not', () => {
    expect(erasureToJoin(ria)).toEqual({ kind: 'new' });
    expect(erasureToJoin(tombstoneOf(ria, first, at))).toEqual({ kind: 'unfinished', mark: first });
    const { pending: _gone, ...doneMark } = first;
    const done = { ...doneMark, erasedAt: '2027-03-01T00:01:00.000Z' };
    expect(erasureToJoin(tombstoneOf(ria, done, at))).toEqual({ kind: 'finished', mark: done });
  });

  it('tombstones a profile, carries on with its own tombstone, and leaves one another erasure claimed first', () => {
    expect(enrolmentStep(ria, second)).toBe('tombstone');
    expect(enrolmentStep(tombstoneOf(ria, second, at), second)).toBe('ours');
    // Two requests at once: the second's tombstone lost to the first's, so it is the first's erasure.
    expect(enrolmentStep(tombstoneOf(ria, first, at), second)).toBe('theirs');
  });
});

describe('a request that joins an erasure: wait for it, or finish it', () => {
  const mark = { startedAt: '2027-03-01T10:00:00.000Z' };
  it('waits while the erasure is under way (started under 2 minutes ago)', () => {
    expect(awaitsErasureUnderWay(mark, new Date('2027-03-01T10:00:00.000Z'))).toBe(true);
    expect(awaitsErasureUnderWay(mark, new Date('2027-03-01T10:01:59.000Z'))).toBe(true);
  });
  it('finishes it itself once it has been unfinished longer: the request doing it crashed', () => {
    expect(awaitsErasureUnderWay(mark, new Date('2027-03-01T10:02:00.000Z'))).toBe(false);
    expect(awaitsErasureUnderWay({ startedAt: 'not a time' }, new Date('2027-03-01T10:00:00.000Z'))).toBe(false);
  });
});
