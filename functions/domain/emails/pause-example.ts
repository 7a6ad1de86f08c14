import { pauseAgainstBound, pauseBoundOf } from '../pairing/pause-bound';
import { dayAndMonth } from '../replies/pause-date';
import { localDate } from '../schedule';
import type { DateInput } from './format';
import type { ProgramContext } from './types';

/**
 * One rule for every PAUSE example an email gives (the footer, the pause emails, the admins'
 * decision): sent back when the email is read, it is taken. Its day to resume comes after the
 * reader's today and no later than the last day a pause of their pairing may run to (the program's
 * end date, or the pairing's planned end when later: pairing/controls.ts, pauseBeyondEnd). Far from
 * that day an email offers its usual example ("PAUSE for 3 weeks"); near it, the last day itself
 * ("PAUSE until 20 April"), as the refusal of a pause past the end does; on or after it, none (QA:
 * the footer's own "PAUSE for 3 weeks", sent back during the end-of-program review, was refused as
 * after the end).
 */

/** Where an example must fall. */
export interface PauseWindow {
  /** The reader's zone: they count "3 weeks" from their own today, and read "until 4 April" there. */
  readonly timeZone: string;
  /** When the email goes (ISO; footer.ts, recipientNow), else when it was decided. Unknown: only a bound day is named. */
  readonly at?: string;
  /** The last day (YYYY-MM-DD) a pause may run to. None: no bound (a program without an end date). */
  readonly lastDay?: string;
}

/** An example a template would give: a length from today, a day to resume (booked from a day), or the last day a pause may run to. */
export type WantedPause = { readonly weeks: number } | { readonly until: string; readonly from?: string } | 'last-day';

/** The window of an email to `to`, from what its program context says (pairing/mail.ts, programContext). */
export function pauseWindowOf(
  to: { readonly timeZone: string; readonly sentAt?: string },
  program: Pick<ProgramContext, 'pauseBound'>,
  lastDay?: string,
): PauseWindow {
  const at = to.sentAt ?? program.pauseBound?.decidedAt;
  const last = lastDay ?? program.pauseBound?.lastDay;
  return { timeZone: to.timeZone, ...(at !== undefined ? { at } : {}), ...(last !== undefined ? { lastDay: last } : {}) };
}

const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The reader's today when the email goes, if known. */
function todayOf(window: PauseWindow): string | undefined {
  if (window.at === undefined || Number.isNaN(Date.parse(window.at))) return undefined;
  return localDate(new Date(window.at), window.timeZone);
}

/** A day as the email names it (a calendar date is that day everywhere, an instant the reader's day), as YYYY-MM-DD. */
export function dayOf(day: DateInput, timeZone: string): string {
  return typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : localDate(new Date(day), timeZone);
}

/** A week after a day as the email names it (dayOf), as YYYY-MM-DD. */
export function weekAfterDay(day: DateInput, timeZone: string): string {
  return plusDays(dayOf(day, timeZone), 7);
}

/**
 * Whether a pause until `until` (from `from`) would be taken: after today, and within the last day
 * as the reader holds it (pause-bound.ts). An unknown today is held as the last day to ask, so only
 * `until` is weighed against the bound.
 */
function taken(window: PauseWindow, today: string | undefined, until: string, from?: string): boolean {
  if (today !== undefined && until <= today) return false;
  if (window.lastDay !== undefined) {
    const bound = pauseBoundOf(window.lastDay);
    if (pauseAgainstBound(bound, today ?? bound.lastDayToAsk, until) !== 'within') return false;
  }
  return from === undefined || ((today === undefined || from > today) && from < until);
}

const words = (d: string) => dayAndMonth(new Date(`${d}T12:00:00Z`));

/** The first wanted example that would be taken, as the reply is written; undefined when none would. */
export function pauseExample(window: PauseWindow, wanted: readonly WantedPause[]): string | undefined {
  const today = todayOf(window);
  for (const w of wanted) {
    if (w === 'last-day') {
      if (window.lastDay !== undefined && taken(window, today, window.lastDay)) return `PAUSE until ${words(window.lastDay)}`;
    } else if ('weeks' in w) {
      // A length is counted from the writer's today: unknown, it fits only where nothing bounds it.
      const fits = today === undefined ? window.lastDay === undefined : taken(window, today, plusDays(today, 7 * w.weeks));
      if (fits) return `PAUSE for ${w.weeks} ${w.weeks === 1 ? 'week' : 'weeks'}`;
    } else if (taken(window, today, w.until, w.from)) {
      return w.from === undefined ? `PAUSE until ${words(w.until)}` : `PAUSE from ${words(w.from)} until ${words(w.until)}`;
    }
  }
  return undefined;
}
