import { describe, expect, it } from 'vitest';
import { changedFields, mergePatch, programChanges } from '../../../functions/domain/program-changes';
import { type Program, programSchema } from '../../../functions/domain/program';

/** The admins' digest day as docs/admin-api.md states it: a setting with a default, changed as `digest.day` (QA apidocs #4). */

const minimal = { programId: 'digest-day', name: 'D', startDate: '2027-01-04', admins: ['hr@example.com'] };

describe('the digest setting', () => {
  it('is filled in with its default, Monday, like every other setting', () => {
    expect(programSchema.parse(minimal).digest).toEqual({ day: 'mon' });
  });

  it('a change of the digest day is reported as the dotted path digest.day, for reports only', () => {
    const before = programSchema.parse(minimal);
    const after = programSchema.parse(mergePatch(before, { digest: { day: 'fri' } }));
    expect(programChanges(before, after)).toEqual([{ field: 'digest.day', appliesTo: 'reports-only' }]);
  });

  it('names the keys of a settings object present on one side only, never the object itself', () => {
    expect(changedFields({}, { digest: { day: 'fri' } })).toEqual(['digest.day']);
    expect(changedFields({ digest: { day: 'fri' } }, {})).toEqual(['digest.day']);
    expect(changedFields({ digest: {} }, {})).toEqual([]);
    // A value that is not an object on the other side is still one change of that path.
    expect(changedFields({ endDate: '2027-01-04' }, {})).toEqual(['endDate']);
    expect(changedFields({ a: 1 }, { a: { b: 1 } })).toEqual(['a']);
  });

  it('a program stored before the setting existed: a change that does not name it reports only what it names', () => {
    const { digest: _digest, ...stored } = programSchema.parse(minimal);
    const after = programSchema.parse(mergePatch(stored, { name: 'E' }));
    expect(programChanges(stored as Program, after)).toEqual([{ field: 'name', appliesTo: 'running-pairings-from-next-step' }]);
    const friday = programSchema.parse(mergePatch(stored, { digest: { day: 'fri' } }));
    expect(programChanges(stored as Program, friday)).toEqual([{ field: 'digest.day', appliesTo: 'reports-only' }]);
  });
});
