import { type AvailabilityWindow, DAYS } from './participant';
import { utcOffsetMinutes } from './matching/time-windows';
import { dateTimeFormat } from './intl';

/**
 * A recurring meeting slot for a pair: the first start at or after `notBefore` whose every meeting
 * (or as many as can be) falls inside both people's availability and working hours, each in their
 * own time zone, at the program's cadence. Pure: no clock, no I/O. The rules are in
 * docs/decisions.md ("Meeting slot").
 */

export type Weekday = (typeof DAYS)[number];

/** How long each proposed meeting lasts. */
export const MEETING_MINUTES = 45;
/** Candidate starts are on the half hour of the anchor zone. */
const STEP_MINUTES = 30;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const MINUTE_MS = 60_000;

export interface SlotPerson {
  readonly timeZone: string;
  readonly availability: readonly AvailabilityWindow[];
}

export interface WorkingHours {
  readonly days: readonly Weekday[];
  readonly start: string;
  readonly end: string;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' };

/** FREQ=WEEKLY;INTERVAL=n, or FREQ=MONTHLY on the n-th (or last, -1) weekday of the month. */
export type Recurrence =
  | { readonly freq: 'WEEKLY'; readonly interval: number }
  | { readonly freq: 'MONTHLY'; readonly interval: 1; readonly ordinal: number; readonly weekday: Weekday };

export interface MeetingSlotRequest {
  /** The person whose zone anchors the series: its wall-clock time never moves for them. */
  readonly anchor: SlotPerson;
  readonly other: SlotPerson;
  readonly workingHours?: WorkingHours;
  /** The program's holidays (YYYY-MM-DD): a meeting on one, in either person's zone, is skipped. */
  readonly nonWorkingDays?: readonly string[];
  /** The program's check-in cadence: about weekly, every n weeks, or monthly from 4 weeks on. */
  readonly cadenceDays: number;
  readonly notBefore: Date;
  /** No meeting starts after this instant (the end of the program). */
  readonly until: Date;
  readonly durationMinutes?: number;
  /**
   * Series either person already has (their other pairings'): no meeting of the proposed series may
   * overlap one of theirs. Meetings of theirs skipped for a holiday do not count.
   */
  readonly busy?: readonly BusySeries[];
  /**
   * The series the pair has been meeting at: its weekday and wall-clock time are kept (its dates
   * continued when the cadence is the same) as long as they still fit, before any other time.
   */
  readonly established?: EstablishedSeries;
}

/** What a pair's established time is known from: its anchor zone, first date and time, and cadence. */
export type EstablishedSeries = Pick<FoundSlot, 'timeZone' | 'localDate' | 'localTime' | 'recurrence'>;

/** What a series' meetings are known from: its first date and time in its zone, its cadence and end. */
export type BusySeries = Pick<FoundSlot, 'timeZone' | 'localDate' | 'localTime' | 'durationMinutes' | 'recurrence' | 'until' | 'skipped'>;

export interface FoundSlot {
  readonly found: true;
  /** IANA zone of the anchor: DTSTART's TZID. */
  readonly timeZone: string;
  /** First meeting, UTC ISO. */
  readonly start: string;
  /** The anchor's wall clock of every meeting: first date and HH:MM. */
  readonly localDate: string;
  readonly localTime: string;
  readonly durationMinutes: number;
  readonly recurrence: Recurrence;
  /** The last meeting of the series (UTC ISO): RRULE's UNTIL. */
  readonly until: string;
  /** Meetings on a program holiday (UTC ISO starts): EXDATEs. */
  readonly skipped: readonly string[];
  /** Meetings in the series, the skipped ones excluded. */
  readonly meetings: number;
  /** Meetings that fall outside someone's hours (a daylight-saving change the zones make on different dates). */
  readonly outsideHours: number;
}

/**
 * `busy`: a time would suit both, but every one is taken by the people's other meeting series.
 * `outsideWorkingHours`: their availability meets, but only outside the program's working hours.
 */
export type MeetingSlot = FoundSlot | { readonly found: false; readonly busy?: true; readonly outsideWorkingHours?: true };

/** Every day, all day: what "outside the working hours" is measured against. */
const ANY_HOURS: WorkingHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '23:59' };

/** The program's cadence as a calendar recurrence. */
export function recurrenceOf(cadenceDays: number, firstLocalDate: string): Recurrence {
  const weeks = Math.max(1, Math.round(cadenceDays / 7));
  if (weeks < 4) return { freq: 'WEEKLY', interval: weeks };
  const [y, m, d] = firstLocalDate.split('-').map(Number) as [number, number, number];
  const weekday = DAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
  const n = Math.ceil(d / 7);
  return { freq: 'MONTHLY', interval: 1, ordinal: n >= 5 ? -1 : n, weekday };
}

interface LocalParts {
  readonly date: string;
  readonly weekday: Weekday;
  readonly minutes: number;
}

/** Wall-clock date, weekday and minutes of the day of an instant in a zone. */
export function localParts(utcMs: number, timeZone: string): LocalParts {
  const f = dateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const p: Record<string, string> = {};
  for (const x of f.formatToParts(utcMs)) p[x.type] = x.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  return { date, weekday: DAYS[weekdayIndex(date)]!, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** Monday 0 to Sunday 6, of a YYYY-MM-DD date. */
const weekdayIndex = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function addLocalDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The local date of the n-th (or last, -1) `weekday` of the month that is `monthOffset` months after `date`'s. */
function nthWeekday(date: string, monthOffset: number, ordinal: number, weekday: Weekday): string {
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

/** The k-th meeting's local date in the anchor's zone (k = 0 is the first). */
export function seriesDate(firstDate: string, recurrence: Recurrence, k: number): string {
  return recurrence.freq === 'WEEKLY' ? addLocalDays(firstDate, k * 7 * recurrence.interval) : nthWeekday(firstDate, k, recurrence.ordinal, recurrence.weekday);
}

/** The instant the zone's wall clock shows `date` at `minutes` (a second pass settles a daylight-saving change). */
export function instantOf(date: string, minutes: number, timeZone: string): number {
  const local = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE_MS;
  const guess = local - utcOffsetMinutes(timeZone, local) * MINUTE_MS;
  return local - utcOffsetMinutes(timeZone, guess) * MINUTE_MS;
}

/** Every meeting of the series, as [start, end) in epoch ms, from its first date to its UNTIL. */
function busyIntervals(series: BusySeries): [number, number][] {
  const until = Date.parse(series.until);
  const skipped = new Set(series.skipped.map((at) => Date.parse(at)));
  const out: [number, number][] = [];
  for (let k = 0; ; k++) {
    const at = instantOf(seriesDate(series.localDate, series.recurrence, k), minutesOf(series.localTime), series.timeZone);
    if (at > until) return out;
    if (!skipped.has(at)) out.push([at, at + series.durationMinutes * MINUTE_MS]);
  }
}

const sameRecurrence = (a: Recurrence, b: Recurrence) =>
  a.freq === b.freq && a.interval === b.interval && (a.freq === 'WEEKLY' || (b.freq === 'MONTHLY' && a.ordinal === b.ordinal && a.weekday === b.weekday));

/**
 * The first dates (in the anchor's zone) from `firstDay` the established series meets on: its own
 * dates continued when the cadence is unchanged (the same weeks of a series every two weeks, the
 * same weekday of the month), else its weekday every week.
 */
function establishedDates(series: EstablishedSeries, sameCadence: boolean, firstDay: string, count: number): string[] {
  const dates: string[] = [];
  if (sameCadence) {
    for (let k = 0; dates.length < count; k++) {
      const date = seriesDate(series.localDate, series.recurrence, k);
      if (date >= firstDay) dates.push(date);
    }
    return dates;
  }
  const shift = (weekdayIndex(series.localDate) - weekdayIndex(firstDay) + 7) % 7;
  for (let week = 0; week < count; week++) dates.push(addLocalDays(firstDay, shift + week * 7));
  return dates;
}

/** Whether [start, start + duration) is inside the person's working hours and one of their windows. */
function fits(person: SlotPerson, startMs: number, duration: number, hours: WorkingHours): boolean {
  const from = localParts(startMs, person.timeZone);
  const to = localParts(startMs + duration * MINUTE_MS, person.timeZone);
  // A meeting that runs past local midnight, or has a daylight-saving change inside it, is refused.
  if (to.date !== from.date || to.minutes - from.minutes !== duration) return false;
  if (!hours.days.includes(from.weekday)) return false;
  if (from.minutes < minutesOf(hours.start) || to.minutes > minutesOf(hours.end)) return false;
  return person.availability.some((w) => w.day === from.weekday && from.minutes >= minutesOf(w.start) && to.minutes <= minutesOf(w.end));
}

function onHoliday(people: readonly SlotPerson[], startMs: number, holidays: ReadonlySet<string>): boolean {
  return people.some((p) => holidays.has(localParts(startMs, p.timeZone).date));
}

/** Whether the two people's zones move apart or together within the search's weeks (clock changes on different dates). */
function clocksDrift(people: readonly SlotPerson[], from: number): boolean {
  const gap = (ms: number) => utcOffsetMinutes(people[0]!.timeZone, ms) - utcOffsetMinutes(people[1]!.timeZone, ms);
  const first = gap(from);
  for (let week = 1; week <= SEARCH_WEEKS; week++) if (gap(from + week * WEEK_MS) !== first) return true;
  return false;
}

/** Whether a program holiday falls in the first eight days of the search. */
function holidayWithin(holidays: ReadonlySet<string>, firstDay: string): boolean {
  for (let day = 0; day <= 7; day++) if (holidays.has(addLocalDays(firstDay, day))) return true;
  return false;
}

/** How many weeks from `notBefore` the first meeting may be looked for. */
const SEARCH_WEEKS = 4;

/**
 * Proposes the pair's recurring slot. Candidates are every half hour of the anchor's next seven
 * days from `notBefore`, and of the eighth day up to the time of `notBefore` (a whole week: a pair
 * free only on Monday mornings, asked from a Monday at 10:20, gets the next Monday at 09:00);
 * a candidate counts only if its first meeting suits both people. Of those,
 * the one whose series has the fewest meetings outside someone's hours wins, then the earliest.
 * A candidate whose series has a meeting overlapping one of `busy` does not count at all.
 * The `established` series' time, tried first, wins ties with every other candidate.
 * When none fits in that week and it is one of clock changes or holidays, or other series took its
 * times, the three weeks after it.
 */
export function proposeMeetingSlot(request: MeetingSlotRequest): MeetingSlot {
  const hours = request.workingHours ?? DEFAULT_WORKING_HOURS;
  const duration = request.durationMinutes ?? MEETING_MINUTES;
  const holidays = new Set(request.nonWorkingDays ?? []);
  const people = [request.anchor, request.other];
  const zone = request.anchor.timeZone;
  const notBefore = request.notBefore.getTime();
  const until = request.until.getTime();
  const firstDay = localParts(notBefore, zone).date;
  const busy = (request.busy ?? []).flatMap(busyIntervals).filter(([, end]) => end > notBefore);
  const clashes = (startMs: number) => busy.some(([from, to]) => startMs < to && startMs + duration * MINUTE_MS > from);
  type Candidate = { slot: FoundSlot; misses: number; startMs: number; kept?: true };

  // A series starting `date` at `minutes` whose first meeting suits both and none clashes, or undefined.
  const candidate = (date: string, minutes: number, beforeMs: number, recurrence = recurrenceOf(request.cadenceDays, date)): Candidate | undefined => {
    const startMs = instantOf(date, minutes, zone);
    // Before notBefore, or a wall-clock time the anchor's zone skips (spring forward).
    if (startMs < notBefore || startMs > until || startMs >= beforeMs || localParts(startMs, zone).minutes !== minutes) return undefined;
    if (onHoliday(people, startMs, holidays) || !people.every((p) => fits(p, startMs, duration, hours))) return undefined;
    const starts: number[] = [];
    for (let k = 0; ; k++) {
      const at = instantOf(seriesDate(date, recurrence, k), minutes, zone);
      if (at > until) break;
      starts.push(at);
    }
    const skipped = starts.filter((at) => onHoliday(people, at, holidays));
    const held = starts.filter((at) => !skipped.includes(at));
    if (held.some(clashes)) return undefined;
    const misses = held.filter((at) => !people.every((p) => fits(p, at, duration, hours))).length;
    const slot: FoundSlot = {
      found: true,
      timeZone: zone,
      start: new Date(startMs).toISOString(),
      localDate: date,
      localTime: hhmm(minutes),
      durationMinutes: duration,
      recurrence,
      until: new Date(starts.at(-1)!).toISOString(),
      skipped: skipped.map((at) => new Date(at).toISOString()),
      meetings: held.length,
      outsideHours: misses,
    };
    return { slot, misses, startMs };
  };

  // The pair's established time first: its first date from notBefore that is no holiday. It stays
  // unless another time has fewer meetings outside someone's hours.
  const established = request.established;
  let best: Candidate | undefined;
  if (established?.timeZone === zone) {
    const sameCadence = sameRecurrence(established.recurrence, recurrenceOf(request.cadenceDays, established.localDate));
    const minutes = minutesOf(established.localTime);
    for (const date of establishedDates(established, sameCadence, firstDay, SEARCH_WEEKS + 1)) {
      const startMs = instantOf(date, minutes, zone);
      if (startMs < notBefore || onHoliday(people, startMs, holidays)) continue;
      const found = candidate(date, minutes, Number.POSITIVE_INFINITY, sameCadence ? established.recurrence : undefined);
      best = found && { ...found, kept: true };
      break;
    }
  }

  // Candidates come in time order, so the first with no meeting outside anyone's hours is the answer.
  const search = (fromDay: number, toDay: number, beforeMs: number) => {
    for (let day = fromDay; day <= toDay && best?.misses !== 0; day++) {
      const date = addLocalDays(firstDay, day);
      for (let minutes = 0; minutes + duration <= 24 * 60 && best?.misses !== 0; minutes += STEP_MINUTES) {
        const next = candidate(date, minutes, beforeMs);
        if (!next || (best !== undefined && (next.misses > best.misses || (next.misses === best.misses && (best.kept || next.startMs >= best.startMs)))))
          continue;
        best = next;
      }
    }
  };
  search(0, 7, notBefore + WEEK_MS);
  // No first meeting fits in the first week: when that is the week two zones change their clocks on
  // different dates, or a week with a holiday, the first one may come in the three weeks after it.
  // So may it when the people's other series took every time of the first week: a series every two
  // weeks leaves the week after free. Otherwise the weeks after are the same as the first (a search
  // costs 4x as much for nothing).
  if (!best && (busy.length > 0 || clocksDrift(people, notBefore) || holidayWithin(holidays, firstDay)))
    search(7, SEARCH_WEEKS * 7, notBefore + SEARCH_WEEKS * WEEK_MS);
  if (best) return best.slot;
  // Say why: hours taken by the people's other meetings, availability that meets only outside the
  // working hours (the introduction's "why you were matched" may name that shared time), or none.
  if (busy.length > 0 && proposeMeetingSlot({ ...request, busy: [] }).found) return { found: false, busy: true };
  if (request.workingHours !== ANY_HOURS && proposeMeetingSlot({ ...request, busy: [], workingHours: ANY_HOURS }).found)
    return { found: false, outsideWorkingHours: true };
  return { found: false };
}
