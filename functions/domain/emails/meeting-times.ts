import { utcOffsetMinutes } from '../matching/time-windows';
import type { FoundSlot, Recurrence } from '../meeting-slot';
import { DAYS } from '../participant';

/**
 * When the meetings of a proposed series fall in the reader's own zone. The series keeps the
 * anchor's wall clock (RRULE in the anchor's TZID), so the reader's time moves whenever the two
 * zones' offsets differ from the first meeting's: by an hour for a few weeks when both change their
 * clocks on different dates, by two hours for months in opposite hemispheres, never when they
 * change together. Same recurrence rules as functions/domain/meeting-slot.ts (RFC 5545 expansion).
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

function addLocalDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The local date of the n-th (or last, -1) weekday of the month `monthOffset` months after `date`'s. */
function nthWeekday(date: string, monthOffset: number, ordinal: number, weekday: (typeof DAYS)[number]): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 + monthOffset, 1));
  const target = DAYS.indexOf(weekday);
  if (ordinal > 0) {
    const shift = (target - ((first.getUTCDay() + 6) % 7) + 7) % 7;
    return new Date(first.getTime() + (shift + (ordinal - 1) * 7) * DAY_MS).toISOString().slice(0, 10);
  }
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  const back = (((last.getUTCDay() + 6) % 7) - target + 7) % 7;
  return new Date(last.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

function seriesDate(firstDate: string, recurrence: Recurrence, k: number): string {
  return recurrence.freq === 'WEEKLY' ? addLocalDays(firstDate, k * 7 * recurrence.interval) : nthWeekday(firstDate, k, recurrence.ordinal, recurrence.weekday);
}

/** The instant the zone's wall clock shows `date` at `hhmm` (a second pass settles a clock change). */
function instantOf(date: string, hhmm: string, timeZone: string): number {
  const local = Date.parse(`${date}T${hhmm}:00Z`);
  const guess = local - utcOffsetMinutes(timeZone, local) * MINUTE_MS;
  return local - utcOffsetMinutes(timeZone, guess) * MINUTE_MS;
}

/** Every meeting of the series (UTC ms), from the first to UNTIL, without the holidays' EXDATEs. */
export function seriesStarts(slot: FoundSlot): number[] {
  const until = Date.parse(slot.until);
  const skipped = new Set(slot.skipped.map((s) => Date.parse(s)));
  const starts: number[] = [];
  for (let k = 0; k < 1000; k++) {
    const at = instantOf(seriesDate(slot.localDate, slot.recurrence, k), slot.localTime, slot.timeZone);
    if (at > until) break;
    if (!skipped.has(at)) starts.push(at);
  }
  return starts;
}

/** A run of consecutive meetings at the same time in the reader's zone. */
export interface ReaderTimeRun {
  /** Minutes the reader's time differs from the first meeting's (+60: an hour later). */
  readonly shiftMinutes: number;
  /** First and last meeting of the run, UTC ISO. */
  readonly from: string;
  readonly to: string;
}

/** The series in runs of one reader time each; a single run when the reader's time never moves. */
export function readerTimeRuns(slot: FoundSlot, readerZone: string): ReaderTimeRun[] {
  const gap = (ms: number) => utcOffsetMinutes(readerZone, ms) - utcOffsetMinutes(slot.timeZone, ms);
  const starts = seriesStarts(slot);
  if (starts.length === 0) return [];
  const first = gap(starts[0]!);
  const runs: { shiftMinutes: number; from: number; to: number }[] = [];
  for (const at of starts) {
    const shift = gap(at) - first;
    const last = runs.at(-1);
    if (last && last.shiftMinutes === shift) last.to = at;
    else runs.push({ shiftMinutes: shift, from: at, to: at });
  }
  return runs.map((r) => ({ shiftMinutes: r.shiftMinutes, from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString() }));
}

/** "half an hour", "an hour", "two hours", "an hour and a half". */
export function durationInWords(minutes: number): string {
  const m = Math.abs(minutes);
  const hours = Math.floor(m / 60);
  const half = m % 60 === 30;
  const words = ['', 'an hour', 'two hours', 'three hours'];
  if (m % 30 !== 0) return `${m} minutes`;
  if (hours === 0) return 'half an hour';
  const whole = words[hours] ?? `${hours} hours`;
  return half ? `${whole} and a half` : whole;
}
