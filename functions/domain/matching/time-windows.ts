import type { AvailabilityWindow } from '../participant';
import { DAYS } from '../participant';
import { dateTimeFormat } from '../intl';

/** Minutes in a week: availability is compared as UTC minutes since Monday 00:00 UTC. */
export const WEEK_MINUTES = 7 * 24 * 60;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// Offsets only change at DST transitions, which fall on quarter hours in every zone we know of:
// caching per quarter hour keeps 20,000 participants from paying for 1M Intl calls.
const QUARTER_MS = 15 * MINUTE_MS;

/**
 * A person's weekly availability on the shared UTC week: flat [start, end, start, end, ...]
 * (minutes since Monday 00:00 UTC of the reference week, sorted, non-overlapping) and, per
 * interval, the weekday (0 = Monday) it belongs to in the person's own time zone.
 */
export interface WeeklyIntervals {
  readonly bounds: Int32Array;
  readonly localDays: Uint8Array;
}

const offsetCache = new Map<string, number>();

const formatter = (timeZone: string): Intl.DateTimeFormat =>
  dateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });

/** Offset of local wall-clock time from UTC, in minutes, at the UTC instant `utcMs`. */
export function utcOffsetMinutes(timeZone: string, utcMs: number): number {
  const quarter = Math.floor(utcMs / QUARTER_MS);
  const key = `${timeZone}|${quarter}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const at = quarter * QUARTER_MS;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  const offset = Math.round((wall - at) / MINUTE_MS);
  offsetCache.set(key, offset);
  return offset;
}

/** The UTC instant at which the wall clock in `timeZone` shows `localMs` (local time written as if UTC). */
function localToUtc(timeZone: string, localMs: number): number {
  const guess = localMs - utcOffsetMinutes(timeZone, localMs) * MINUTE_MS;
  // A second pass settles the guess on the right side of a DST change.
  return localMs - utcOffsetMinutes(timeZone, guess) * MINUTE_MS;
}

/** Monday 00:00 UTC of the week that contains `referenceDate` (YYYY-MM-DD). */
export function weekAnchor(referenceDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(referenceDate);
  if (!m) throw new RangeError(`The reference date "${referenceDate}" must be a date as YYYY-MM-DD.`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const mondayIndex = (new Date(ms).getUTCDay() + 6) % 7;
  return ms - mondayIndex * DAY_MS;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Converts weekly windows given in the person's own IANA zone to the shared UTC week of the
 * reference date. DST-aware: a Berlin 18:00 window lands at 16:00 UTC in July and 17:00 UTC in
 * January. Windows that cross the week boundary in UTC wrap around to its start.
 */
export function toUtcWeek(windows: readonly AvailabilityWindow[], timeZone: string, referenceDate: string): WeeklyIntervals {
  const anchor = weekAnchor(referenceDate);
  const pieces: { start: number; end: number; day: number }[] = [];
  for (const w of windows) {
    const day = DAYS.indexOf(w.day);
    const dayMs = anchor + day * DAY_MS;
    const start = (localToUtc(timeZone, dayMs + minutesOf(w.start) * MINUTE_MS) - anchor) / MINUTE_MS;
    const end = (localToUtc(timeZone, dayMs + minutesOf(w.end) * MINUTE_MS) - anchor) / MINUTE_MS;
    if (end <= start) continue; // a window swallowed by a spring-forward gap
    const shift = Math.floor(start / WEEK_MINUTES) * WEEK_MINUTES;
    const s = start - shift;
    const e = end - shift;
    if (e <= WEEK_MINUTES) pieces.push({ start: s, end: e, day });
    else {
      pieces.push({ start: s, end: WEEK_MINUTES, day });
      pieces.push({ start: 0, end: e - WEEK_MINUTES, day });
    }
  }
  pieces.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number; day: number }[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    // Overlapping windows of one person must not count twice.
    if (last && p.start < last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  const bounds = new Int32Array(merged.length * 2);
  const localDays = new Uint8Array(merged.length);
  merged.forEach((p, i) => {
    bounds[2 * i] = p.start;
    bounds[2 * i + 1] = p.end;
    localDays[i] = p.day;
  });
  return { bounds, localDays };
}

/** Shared minutes per week of two sorted interval lists. */
export function overlapMinutes(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const lo = a[i]! > b[j]! ? a[i]! : b[j]!;
    const aEnd = a[i + 1]!;
    const bEnd = b[j + 1]!;
    const hi = aEnd < bEnd ? aEnd : bEnd;
    if (hi > lo) total += hi - lo;
    if (aEnd < bEnd) i += 2;
    else j += 2;
  }
  return total;
}

/** Shared minutes per weekday (0 = Monday) as seen in `viewer`'s own time zone. */
export function overlapByLocalDay(viewer: WeeklyIntervals, other: WeeklyIntervals): number[] {
  const perDay = [0, 0, 0, 0, 0, 0, 0];
  const a = viewer.bounds;
  const b = other.bounds;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (hi > lo) perDay[viewer.localDays[i / 2]!]! += hi - lo;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return perDay;
}
