import type { z } from 'zod';
import { defaultMilestoneDays, namingSentFields, type Program, programSchema } from './program';

/**
 * What a change to a program does to pairings already running (docs/admin-api.md, Changing a
 * program). A running pairing's workflow reads the program again at each step, so settings it
 * reads while it runs apply from its next step; settings used once, when a pair is matched or
 * introduced, only shape pairings made after the change; the report threshold only changes
 * reports.
 */
export type ChangeScope = 'running-pairings-from-next-step' | 'new-pairings-only' | 'reports-only' | 'ended-pairings-from-next-sweep';

/** Longest matching prefix wins; every field of the program schema is covered (a test checks). */
const SCOPES: readonly (readonly [string, ChangeScope])[] = [
  ['name', 'running-pairings-from-next-step'],
  ['objectives', 'running-pairings-from-next-step'],
  ['admins', 'running-pairings-from-next-step'],
  ['timeZone', 'running-pairings-from-next-step'],
  ['nonWorkingDays', 'running-pairings-from-next-step'],
  ['workingHours', 'running-pairings-from-next-step'],
  ['lifecycle', 'running-pairings-from-next-step'],
  // Read when a pairing ends or does not start: applies to the next one that does.
  ['rematch', 'running-pairings-from-next-step'],
  // The acceptance questions of a running pairing were asked with the old window already.
  ['lifecycle.acceptanceWindowDays', 'new-pairings-only'],
  ['lifecycle.acceptanceReminderDay', 'new-pairings-only'],
  // Who is paired with whom, on which topics and from when, is settled at matching.
  ['startDate', 'new-pairings-only'],
  // Read by the next matching or rematch run.
  ['endDate', 'new-pairings-only'],
  ['topics', 'new-pairings-only'],
  ['matching', 'new-pairings-only'],
  ['reportMinGroupSize', 'reports-only'],
  // Notes are kept for a time after a pairing ends; the daily sweep reads the setting (functions/notes-retention.ts).
  ['retention', 'ended-pairings-from-next-sweep'],
  // Read when the next weekly digest is due.
  ['digest', 'reports-only'],
];

export function scopeOf(field: string): ChangeScope | undefined {
  let best: readonly [string, ChangeScope] | undefined;
  for (const entry of SCOPES) {
    const [prefix] = entry;
    if ((field === prefix || field.startsWith(`${prefix}.`)) && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best?.[1];
}

export interface ProgramChange {
  readonly field: string;
  readonly appliesTo: ChangeScope;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Changed fields, as dotted paths to the deepest object key (lists compare as a whole). A settings
 * object present on one side only (a program stored before the setting existed) counts as empty
 * there, so its keys are named (`digest.day`), never the object's own path.
 */
export function changedFields(before: unknown, after: unknown, path: readonly string[] = []): string[] {
  const objectOrAbsent = (v: unknown) => isPlainObject(v) || v === undefined;
  if ((isPlainObject(before) || isPlainObject(after)) && objectOrAbsent(before) && objectOrAbsent(after)) {
    const [b, a] = [isPlainObject(before) ? before : {}, isPlainObject(after) ? after : {}];
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
    return keys.flatMap((k) => changedFields(b[k], a[k], [...path, k]));
  }
  return canonical(before) === canonical(after) ? [] : [path.join('.')];
}

/** JSON with object keys sorted: a stored item comes back with its keys in any order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isPlainObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/**
 * Each changed setting with what it applies to. The stored program is read with today's defaults
 * first: a setting added since it was stored (`digest`) then has its default on both sides, and
 * is not reported as changed by a change that did not name it.
 */
export function programChanges(before: Program, after: Program): ProgramChange[] {
  const read = programSchema.safeParse(before);
  return changedFields(read.success ? read.data : before, after).map((field) => ({ field, appliesTo: scopeOf(field) ?? 'running-pairings-from-next-step' }));
}

/**
 * The value at `path` in a request's body or a program, or undefined when it holds no such field. A
 * list is one value: a path into it ends at the list, since a list is sent and replaced as a whole.
 */
function valueAt(value: unknown, path: readonly PropertyKey[]): { readonly found: boolean; readonly value?: unknown } {
  let at = value;
  for (const key of path) {
    if (Array.isArray(at)) break;
    if (!isPlainObject(at) || !Object.hasOwn(at, String(key))) return { found: false };
    at = at[String(key)];
  }
  return { found: true, value: at };
}

/** Whether a request's body holds the field at `path` (a `null` that removes it included). */
export function sentIn(body: unknown, path: readonly PropertyKey[]): boolean {
  return valueAt(body, path).found;
}

/**
 * JSON Merge Patch (RFC 7396): objects merge key by key, `null` removes a key (the setting goes
 * back to its default when the result is parsed), anything else (lists included) replaces.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    // An own property even for "__proto__", so that the schema refuses it as an unknown field.
    else
      Object.defineProperty(out, key, {
        value: mergePatch(Object.hasOwn(out, key) ? out[key] : undefined, value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

/**
 * The changed settings a running pairing's next date depends on: its check-in cadence, reviews,
 * reminders, answer windows, escalation, duration, and the days and zone its sends avoid or
 * follow. A change to one of them wakes every running pairing of the program at once (it plans
 * again from the last item done), instead of waiting for the date it planned with the old value;
 * a name or an admin list is simply read at the next step.
 */
export function reschedulingFields(changes: readonly ProgramChange[]): string[] {
  return changes
    .filter((c) => c.appliesTo === 'running-pairings-from-next-step' && /^(lifecycle|timeZone|nonWorkingDays|workingHours)(\.|$)/.test(c.field))
    .map((c) => c.field);
}

/**
 * The stored program a change applies to. A program stores its milestone days even when HR chose
 * none (the defaults that fit its length): a change of length that does not name them then
 * derives them again for the new length, as a new program of that length would have, instead of
 * refusing the old defaults ("day 90 falls after the end of a 3-month program") on a field HR
 * never set.
 */
export function baseForPatch<T extends { lifecycle: Program['lifecycle'] }>(stored: T, patch: Record<string, unknown>): T {
  const lifecycle = isPlainObject(patch.lifecycle) ? patch.lifecycle : undefined;
  if (!lifecycle || !('durationMonths' in lifecycle) || 'milestoneDays' in lifecycle) return stored;
  const { milestoneDays, ...rest } = stored.lifecycle;
  if (canonical(milestoneDays) !== canonical(defaultMilestoneDays(stored.lifecycle.durationMonths))) return stored;
  return { ...stored, lifecycle: rest as Program['lifecycle'] };
}

/**
 * What a change (a merge patch) sent with the version the caller read does to the program stored
 * now (docs/admin-api.md, Changing a program):
 * - `change`: sent with the current version and changing something, with the program it makes;
 * - `unchanged`: it changes nothing, at the current version or an older one. From an older one it
 *   is a retry of a change already saved (its answer lost), or someone else made the same change:
 *   either way the program is already as the caller wants it, and nobody's change is overwritten;
 * - `invalid`: sent with the current version, the program it makes is refused by the schema;
 * - `stale`: someone changed the program since that version, and this change would change it again;
 * - `no-such-version`: the program never had that version (it is above the current one).
 * Pure: the handler reads the program and saves `change` only.
 */
export type PatchDecision =
  | { readonly kind: 'change'; readonly program: Program; readonly changes: ProgramChange[] }
  | { readonly kind: 'unchanged'; readonly retry: boolean }
  | { readonly kind: 'invalid'; readonly error: z.ZodError }
  | { readonly kind: 'stale' }
  | { readonly kind: 'no-such-version' };

export function decidePatch(stored: Program, storedVersion: number, expectedVersion: number, patch: Record<string, unknown>): PatchDecision {
  if (expectedVersion > storedVersion) return { kind: 'no-such-version' };
  const merged = mergePatch(baseForPatch(stored, patch), patch);
  const next = programSchema.safeParse(merged);
  const retry = expectedVersion < storedVersion;
  if (!next.success) {
    if (retry) return { kind: 'stale' };
    // A rule tying two fields is told on the one the change changed (or, sent as it was, sent), not
    // on a stored field the caller never sent (docs/admin-api.md, "A 400 names what the request sent").
    const changed = (path: readonly PropertyKey[]) => sentIn(patch, path) && canonical(valueAt(stored, path).value) !== canonical(valueAt(merged, path).value);
    return { kind: 'invalid', error: namingSentFields(next.error, changed, (path) => sentIn(patch, path)) };
  }
  const changes = programChanges(stored, next.data);
  if (changes.length === 0) return { kind: 'unchanged', retry };
  return retry ? { kind: 'stale' } : { kind: 'change', program: next.data, changes };
}
