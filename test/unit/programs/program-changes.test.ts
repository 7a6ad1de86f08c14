import { describe, expect, it } from 'vitest';
import { baseForPatch, changedFields, mergePatch, programChanges, reschedulingFields, scopeOf } from '../../../functions/domain/program-changes';
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
      // The pair's calendar series follows the working hours (pairing/meeting.ts, seriesBasis).
      { field: 'workingHours', appliesTo: 'running-pairings-from-next-step' },
      { field: 'name', appliesTo: 'running-pairings-from-next-step' },
      { field: 'admins', appliesTo: 'running-pairings-from-next-step' },
      { field: 'lifecycle.acceptanceWindowDays', appliesTo: 'new-pairings-only' },
      { field: 'matching.weights.topics', appliesTo: 'new-pairings-only' },
      { field: 'reportMinGroupSize', appliesTo: 'reports-only' },
    ] as const;
    expect(reschedulingFields(changes)).toEqual([
      'lifecycle.checkInCadenceDays',
      'lifecycle.escalation.nudgeAfter',
      'timeZone',
      'nonWorkingDays',
      'workingHours',
    ]);
    expect(reschedulingFields([{ field: 'timeZoneNote', appliesTo: 'running-pairings-from-next-step' }])).toEqual([]);
    expect(reschedulingFields([])).toEqual([]);
  });
});

describe('baseForPatch: milestone days HR never chose follow a new length', () => {
  const apply = (stored: ReturnType<typeof programSchema.parse>, patch: Record<string, unknown>) =>
    programSchema.safeParse(mergePatch(baseForPatch(stored, patch), patch));

  it('derives the reviews again for a shorter or longer program when they were the defaults', () => {
    const sixMonths = programSchema.parse(DEFAULT_PROGRAM_INPUT);
    expect(sixMonths.lifecycle.milestoneDays).toEqual([30, 90]);
    const three = apply(sixMonths, { lifecycle: { durationMonths: 3 } });
    expect(three.success && three.data.lifecycle.milestoneDays).toEqual([30]);
    const one = apply(sixMonths, { lifecycle: { durationMonths: 1 } });
    expect(one.success && one.data.lifecycle.milestoneDays).toEqual([]);
    const threeMonths = programSchema.parse({ ...DEFAULT_PROGRAM_INPUT, lifecycle: { durationMonths: 3 } });
    const twelve = apply(threeMonths, { lifecycle: { durationMonths: 12 } });
    expect(twelve.success && twelve.data.lifecycle.milestoneDays).toEqual([30, 90]);
  });

  it('keeps reviews HR chose, and refuses the change when one no longer fits, naming it', () => {
    const chosen = programSchema.parse({ ...DEFAULT_PROGRAM_INPUT, lifecycle: { milestoneDays: [45, 120] } });
    const out = apply(chosen, { lifecycle: { durationMonths: 3 } });
    expect(out.success).toBe(false);
    expect(out.error?.issues.map((i) => i.path.join('.'))).toContain('lifecycle.milestoneDays.1');
    const same = apply(chosen, { lifecycle: { durationMonths: 9 } });
    expect(same.success && same.data.lifecycle.milestoneDays).toEqual([45, 120]);
    // Named in the change itself: taken as given.
    const both = apply(programSchema.parse(DEFAULT_PROGRAM_INPUT), { lifecycle: { durationMonths: 3, milestoneDays: [60] } });
    expect(both.success && both.data.lifecycle.milestoneDays).toEqual([60]);
  });
});
