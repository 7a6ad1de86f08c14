import type { LifecycleSettings } from './program';

const DAY_MS = 86_400_000;

/** Wall-clock parts of an instant in a time zone. */
function partsIn(date: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short', hourCycle: 'h23' });
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
 * The first send time at or after `notBefore`: `sendTime` (HH:MM) on a working day (Mon-Fri) in
 * the recipient's time zone. People read email at the start of their day, not at 3 am.
 */
export function nextSendTime(notBefore: Date, timeZone: string, sendTime: string): Date {
  const [hh, mm] = sendTime.split(':').map(Number) as [number, number];
  const local = partsIn(notBefore, timeZone);
  for (let i = 0; i < 8; i++) {
    const day = new Date(Date.UTC(local.y, local.m - 1, local.d + i));
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const at = zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hh, mm, timeZone);
    if (at.getTime() >= notBefore.getTime()) return at;
  }
  throw new Error('No working day found within a week: the time zone is not valid.');
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
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

/**
 * Everything a pairing will be asked, in time order, from its start: check-ins at the cadence,
 * milestone reviews on their days, and the final review at the end (which replaces a check-in
 * falling in the last cadence period). Sent at the send time in `timeZone`.
 */
export function pairingPlan(startedAt: Date, settings: LifecycleSettings, timeZone: string): DueItem[] {
  const end = addMonths(startedAt, settings.durationMonths);
  const items: DueItem[] = [];
  for (let n = 1; ; n++) {
    const at = addDays(startedAt, n * settings.checkInCadenceDays);
    if (at.getTime() >= addDays(end, -Math.ceil(settings.checkInCadenceDays / 2)).getTime()) break;
    items.push({ kind: 'check-in', index: n, label: `Check-in ${n}`, dueAt: nextSendTime(at, timeZone, settings.sendTime) });
  }
  for (const day of [...new Set(settings.milestoneDays)].sort((a, b) => a - b)) {
    const at = addDays(startedAt, day);
    if (at.getTime() < end.getTime()) items.push({ kind: 'milestone', index: day, label: `Day ${day} review`, dueAt: nextSendTime(at, timeZone, settings.sendTime) });
  }
  items.push({ kind: 'final-review', index: 0, label: 'End of program review', dueAt: nextSendTime(end, timeZone, settings.sendTime) });
  // A milestone on a check-in day goes first; equal times keep the list's order.
  return items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.kind === 'milestone' ? -1 : 0));
}
