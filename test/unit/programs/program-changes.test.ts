import { describe, expect, it } from 'vitest';
import { changedFields, mergePatch, programChanges, reschedulingFields, scopeOf } from '../../../functions/domain/program-changes';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';

const base = programSchema.parse(DEFAULT_PROGRAM_INPUT);

describe('program changes', () => {
  it('gives every setting of the program schema a rule for running pairings', () => {
    const leaves = (value: unknown, path: string[] = []): string[] =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
        : [path.join('.')];
    for (const field of leaves(base).filter((f) => f !== 'programId')) expect(scopeOf(field), field).toBeDefined();
  });

  it('applies lifecycle settings from the next step, except the acceptance window; matching and topics only to new pairings', () => {
    const after = programSchema.parse(
      mergePatch(base, {
        lifecycle: { milestoneDays: [45], acceptanceReminderDay: 2, escalation: { nudgeAfter: 2 } },
        matching: { weights: { goals: 9 } },
        admins: ['a@example.com', 'b@example.com'],
      }),
    );
    expect(programChanges(base, after)).toEqual([
      { field: 'admins', appliesTo: 'running-pairings-from-next-step' },
      { field: 'lifecycle.acceptanceReminderDay', appliesTo: 'new-pairings-only' },
      { field: 'lifecycle.escalation.nudgeAfter', appliesTo: 'running-pairings-from-next-step' },
      { field: 'lifecycle.milestoneDays', appliesTo: 'running-pairings-from-next-step' },
      { field: 'matching.weights.goals', appliesTo: 'new-pairings-only' },
    ]);
  });

  it('merges as RFC 7396 says: objects key by key, lists replaced, null removes', () => {
    expect(mergePatch({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: null, e: 'x' })).toEqual({ a: { b: 1, c: [3] }, e: 'x' });
    expect(mergePatch({ a: 1 }, [1])).toEqual([1]);
    const polluted = mergePatch({}, JSON.parse('{"__proto__":{"x":1}}')) as Record<string, unknown>;
    expect(Object.keys(polluted)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('compares stored items whatever the order of their keys', () => {
    expect(changedFields({ t: [{ id: 'a', label: 'A' }] }, { t: [{ label: 'A', id: 'a' }] })).toEqual([]);
  });
});

describe('reschedulingFields: which changes wake running pairings now', () => {
  it('keeps the schedule settings a running pairing plans from, and nothing read only at matching or in reports', () => {
    const changes = [
      { field: 'lifecycle.checkInCadenceDays', appliesTo: 'running-pairings-from-next-step' },
      { field: 'lifecycle.escalation.nudgeAfter', appliesTo: 'running-pairings-from-next-step' },
      { field: 'timeZone', appliesTo: 'running-pairings-from-next-step' },
      { field: 'nonWorkingDays', appliesTo: 'running-pairings-from-next-step' },
      { field: 'name', appliesTo: 'running-pairings-from-next-step' },
      { field: 'admins', appliesTo: 'running-pairings-from-next-step' },
      { field: 'lifecycle.acceptanceWindowDays', appliesTo: 'new-pairings-only' },
      { field: 'matching.weights.topics', appliesTo: 'new-pairings-only' },
      { field: 'reportMinGroupSize', appliesTo: 'reports-only' },
    ] as const;
    expect(reschedulingFields(changes)).toEqual(['lifecycle.checkInCadenceDays', 'lifecycle.escalation.nudgeAfter', 'timeZone', 'nonWorkingDays']);
    expect(reschedulingFields([{ field: 'timeZoneNote', appliesTo: 'running-pairings-from-next-step' }])).toEqual([]);
    expect(reschedulingFields([])).toEqual([]);
  });
});
