import { describe, expect, it } from 'vitest';
import { decidePatch } from '../../../functions/domain/program-changes';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';

/**
 * A change sent with the version the caller read (docs/admin-api.md, Changing a program). QA
 * hrops5: the identical change sent again after it was saved was answered 412 "changed by someone
 * else", and a version the program never had was said to have been changed since.
 */

const v1 = programSchema.parse({ ...DEFAULT_PROGRAM_INPUT, name: 'Spring cohort' });
const patch = { name: 'Autumn cohort', lifecycle: { checkInCadenceDays: 21 } };
const v2 = programSchema.parse({ ...v1, name: 'Autumn cohort', lifecycle: { ...v1.lifecycle, checkInCadenceDays: 21 } });

describe('decidePatch', () => {
  it('saves a change sent with the current version, naming each changed setting', () => {
    const decision = decidePatch(v1, 1, 1, patch);
    expect(decision).toMatchObject({ kind: 'change', program: { name: 'Autumn cohort', lifecycle: { checkInCadenceDays: 21 } } });
    expect(decision.kind === 'change' && decision.changes.map((c) => c.field)).toEqual(['lifecycle.checkInCadenceDays', 'name']);
  });

  it('answers the same change sent again with the version it was read at as already done: nothing to save, nothing overwritten', () => {
    expect(decidePatch(v2, 2, 1, patch)).toEqual({ kind: 'unchanged', retry: true });
    // A part of it is as good as the whole: the program is already as it asks.
    expect(decidePatch(v2, 2, 1, { name: 'Autumn cohort' })).toEqual({ kind: 'unchanged', retry: true });
  });

  it('still refuses an older version whose change would change the program again (someone else changed it since)', () => {
    expect(decidePatch(v2, 2, 1, { name: 'Winter cohort' })).toEqual({ kind: 'stale' });
    // Nor is an invalid change from an older version the caller's to fix first: they must read it again.
    expect(decidePatch(v2, 2, 1, { lifecycle: { checkInCadenceDays: 3 } })).toEqual({ kind: 'stale' });
  });

  it('says a version above the current one does not exist, whatever the change', () => {
    expect(decidePatch(v1, 1, 7, patch)).toEqual({ kind: 'no-such-version' });
    expect(decidePatch(v1, 1, 2, {})).toEqual({ kind: 'no-such-version' });
  });

  it('at the current version: an invalid change is refused with its issues, one that changes nothing keeps the version', () => {
    const invalid = decidePatch(v1, 1, 1, { lifecycle: { checkInCadenceDays: 3 } });
    expect(invalid.kind).toBe('invalid');
    expect(decidePatch(v1, 1, 1, { name: 'Spring cohort' })).toEqual({ kind: 'unchanged', retry: false });
  });
});
