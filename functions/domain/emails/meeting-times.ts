import { utcOffsetMinutes } from '../matching/time-windows';
import { instantOf, seriesDate, type FoundSlot } from '../meeting-slot';

/**
 * When the meetings of a proposed series fall in the reader's own zone. The series keeps the
 * anchor's wall clock (RRULE in the anchor's TZID), so the reader's time moves whenever the two
 * zones' offsets differ from the first meeting's: by an hour for a few weeks when both change their
 * clocks on different dates, by two hours for months in opposite hemispheres, never when they
 * change together. Same recurrence rules as functions/domain/meeting-slot.ts (RFC 5545 expansion).
 */

/** Every meeting of the series (UTC ms), from the first to UNTIL, without the holidays' EXDATEs. */
export function seriesStarts(slot: FoundSlot): number[] {
  const until = Date.parse(slot.until);
  const skipped = new Set(slot.skipped.map((s) => Date.parse(s)));
  const starts: number[] = [];
  for (let k = 0; k < 1000; k++) {
    const [h, m] = slot.localTime.split(':').map(Number) as [number, number];
    const at = instantOf(seriesDate(slot.localDate, slot.recurrence, k), h * 60 + m, slot.timeZone);
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
