import type { LifecycleSettings } from './program';
import { spreadOf } from './send-rate';
import { dateTimeFormat } from './intl';

const DAY_MS = 86_400_000;

/** Wall-clock parts of an instant in a time zone. */
function partsIn(date: Date, timeZone: string) {
  const f = dateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), s: Number(p.second), weekday: String(p.weekday) };
}

/** The instant at which the wall clock in `timeZone` shows y-m-d hh:mm (DST-aware). */
export function zonedTime(y: number, m: number, d: number, hh: number, mm: number, timeZone: string): Date {
  let guess = Date.UTC(y, m - 1, d, hh, mm);
  // Two corrections settle the offset, including across a DST change.
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(guess), timeZone);
    const shown = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min);
    guess += Date.UTC(y, m - 1, d, hh, mm) - shown;
  }
  return new Date(guess);
}

/**
 * The first instant of a local day. Where the clocks jump forward at midnight (Santiago, Havana,
 * Asunción), 00:00 does not exist: the day begins at the jump, 01:00, while zonedTime settles on
 * 23:00 of the day before, so the result is moved to the first instant that shows the day itself.
 */
function dayStart(y: number, m: number, d: number, timeZone: string): Date {
  const guess = zonedTime(y, m, d, 0, 0, timeZone);
  const p = partsIn(guess, timeZone);
  if (Date.UTC(p.y, p.m - 1, p.d) >= Date.UTC(y, m - 1, d)) return guess;
  // Shown as the evening before: the day begins when that evening's hour runs out.
  return new Date(guess.getTime() + Date.UTC(y, m - 1, d) - Date.UTC(p.y, p.m - 1, p.d, p.h, p.min));
}

/**
 * When a pause "until <day>" ends for a pair: the first instant at which that day has begun for
 * everyone (the latest of its starts in their zones). Each reader is told the day, and nobody is
 * told the pairing has resumed while it is still the day before where they are.
 */
export function pauseEndsAt(day: string, timeZones: readonly string[]): Date {
  return new Date(Math.max(...dayStarts(day, timeZones)));
}

/** The first instant of `day` (YYYY-MM-DD) in any of `timeZones`: when a booked pause begins. */
export function pauseStartsAt(day: string, timeZones: readonly string[]): Date {
  return new Date(Math.min(...dayStarts(day, timeZones)));
}

function dayStarts(day: string, timeZones: readonly string[]): number[] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (timeZones.length > 0 ? timeZones : ['UTC']).map((zone) => dayStart(y, m, d, zone).getTime());
}

/** The calendar date (YYYY-MM-DD) that `at` falls on in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const p = partsIn(at, timeZone);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** The last millisecond of the local day, in `timeZone`, that `at` falls on. */
export function endOfLocalDay(at: Date, timeZone: string): Date {
  const p = partsIn(at, timeZone);
  const next = new Date(Date.UTC(p.y, p.m - 1, p.d + 1));
  return new Date(dayStart(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone).getTime() - 1);
}

/** The first millisecond of the local day, in `timeZone`, that `at` falls on. */
export function startOfLocalDay(at: Date, timeZone: string): Date {
  const p = partsIn(at, timeZone);
  return dayStart(p.y, p.m, p.d, timeZone);
}

/**
 * The first send time at or after `notBefore`: `sendTime` (HH:MM) on a working day (Mon-Fri, not
 * one of `nonWorkingDays`, YYYY-MM-DD) in the recipient's time zone. People read email at the
 * start of their day, not at 3 am or on a Sunday.
 */
export function nextSendTime(notBefore: Date, timeZone: string, sendTime: string, nonWorkingDays: readonly string[] = [], offsetSeconds = 0): Date {
  const [hh, mm] = sendTime.split(':').map(Number) as [number, number];
  const local = partsIn(notBefore, timeZone);
  const holidays = new Set(nonWorkingDays);
  for (let i = 0; i < 60; i++) {
    const day = new Date(Date.UTC(local.y, local.m - 1, local.d + i));
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6 || holidays.has(day.toISOString().slice(0, 10))) continue;
    const at = new Date(zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hh, mm, timeZone).getTime() + offsetSeconds * 1000);
    if (at.getTime() >= notBefore.getTime()) return at;
  }
  throw new Error('No working day found within 60 days: check the time zone and the non-working days.');
}

/**
 * The day by which a pairing created at `now` has introduced someone in `timeZone`: its first send
 * time for them (decide.ts, introduce: the next send time, at the pairing's moment in the window),
 * looked for an hour later, so that the step deciding it, which runs just after, is never past the
 * moment this names (an email that names the day then keeps it: "follows by Tuesday 8 December").
 */
export function introductionBy(
  now: Date,
  timeZone: string,
  lifecycle: Pick<LifecycleSettings, 'sendTime' | 'sendWindowMinutes'>,
  nonWorkingDays: readonly string[],
  pairingId: string,
): Date {
  const offset = sendOffsetSeconds(pairingId, lifecycle.sendWindowMinutes);
  return nextSendTime(new Date(now.getTime() + 3_600_000), timeZone, lifecycle.sendTime, nonWorkingDays, offset);
}

/**
 * A round's deadline: `days` after its last question goes out, at the end of that day for the
 * reader whose day ends last. Each reader's email names the last whole day of theirs before it
 * (emails/format.ts, formatDeadline), so "Please answer by Monday" holds until Monday ends for
 * every one of them, never only until the hour the question happened to go out. The program's
 * non-working days in the window are added to it (below).
 */
export function deadlineAfter(lastSentAt: number, days: number, zones: readonly string[], nonWorkingDays: readonly string[] = []): string {
  let at = lastSentAt + days * DAY_MS;
  // The program's holidays (a year-end break) do not use up the window: each one in it moves the
  // deadline a day later, and so does each in the days that adds, so the named day is no holiday
  // and a question sent just before the break is answered after it (QA dst3).
  const holidays = new Set(nonWorkingDays);
  const zone = zones[0] ?? 'UTC';
  for (let from = lastSentAt; holidays.size > 0; ) {
    let extra = 0;
    for (let d = from + DAY_MS; d <= at; d += DAY_MS) if (holidays.has(localDate(new Date(d), zone))) extra++;
    if (extra === 0) break;
    from = at;
    at += extra * DAY_MS;
  }
  const end = new Date(at);
  return new Date(Math.max(...zones.map((tz) => endOfLocalDay(end, tz).getTime()))).toISOString();
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/**
 * The same day of the month `months` later, at the same time; the last day of the month when it is
 * shorter (30 November plus three months is 28 February, not 2 March: setUTCMonth alone overflows).
 */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export type DueKind = 'check-in' | 'milestone' | 'final-review';

export interface DueItem {
  readonly kind: DueKind;
  /** Check-in number (1-based) or milestone day. */
  readonly index: number;
  readonly label: string;
  readonly dueAt: Date;
}

/** A check-in due this close to a milestone review is left to the review: nobody gets two questions in two days. */
const MERGE_WITHIN_MS = 2 * DAY_MS;

/**
 * Everything a pairing will be asked, in time order, from its start: check-ins at the cadence,
 * milestone reviews on their days, and the final review at the end (which replaces a check-in
 * falling in the last cadence period). `dueAt` is the day it becomes due; each person's email goes
 * out at their own next send time from then (nextSendTime). A check-in due within two days of a
 * review is not asked: the review does not ask whether they met, so the next check-in's "since"
 * covers those weeks (a program whose plan has no check-in at all is refused: program.ts).
 *
 * The plan is laid out in calendar months from `startedAt` (the acceptance), then every item moves
 * by `shiftMs` (the time paused). A pause must not lay it out again from a later start: a month is
 * 30 days from 30 November but 31 from 21 December, so the end would move past the point the
 * pairing has reached, and a final review already done would be asked again.
 */
export function pairingPlan(startedAt: Date, settings: LifecycleSettings, shiftMs = 0): DueItem[] {
  const plan = planFrom(startedAt, settings);
  return shiftMs === 0 ? plan : plan.map((i) => ({ ...i, dueAt: new Date(i.dueAt.getTime() + shiftMs) }));
}

function planFrom(startedAt: Date, settings: LifecycleSettings): DueItem[] {
  const end = addMonths(startedAt, settings.durationMonths);
  const reviews: DueItem[] = [];
  for (const day of [...new Set(settings.milestoneDays ?? [])].sort((a, b) => a - b)) {
    const at = addDays(startedAt, day);
    if (at.getTime() < addDays(end, -2).getTime()) reviews.push({ kind: 'milestone', index: day, label: `Day ${day} review`, dueAt: at });
  }
  reviews.push({ kind: 'final-review', index: 0, label: 'End of program review', dueAt: end });
  const items: DueItem[] = [...reviews];
  let number = 0;
  for (let n = 1; ; n++) {
    const at = addDays(startedAt, n * settings.checkInCadenceDays);
    if (at.getTime() >= addDays(end, -Math.ceil(settings.checkInCadenceDays / 2)).getTime()) break;
    if (reviews.some((r) => Math.abs(r.dueAt.getTime() - at.getTime()) <= MERGE_WITHIN_MS)) continue;
    number++;
    items.push({ kind: 'check-in', index: number, label: `Check-in ${number}`, dueAt: at });
  }
  return items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * Where in the send window a pairing's scheduled questions go: a fixed number of seconds after the
 * send time, from a hash of its id (FNV-1a), so that a cohort's sends spread evenly over the window
 * and each pairing keeps its own moment from one check-in to the next.
 */
export function sendOffsetSeconds(key: string, windowMinutes: number): number {
  return spreadOf(key, Math.max(0, windowMinutes) * 60);
}
