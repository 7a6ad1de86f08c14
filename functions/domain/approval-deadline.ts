import { WORKING_DAY_ENDS, WORKING_DAY_STARTS } from './program';
import { endOfLocalDay, nextSendTime } from './schedule';
import { dateTimeFormat } from './intl';

const DAY_S = 86_400;

/** The program's calendar, as the admins' approval deadlines read it: its time zone and holidays. */
export interface ApprovalCalendar {
  readonly timeZone: string;
  readonly nonWorkingDays: readonly string[];
}

/**
 * How many working days a window of the construct (`approvalWindow`, `reminderWindow`, seconds)
 * means: 3 days is 3 working days. A window that is no whole number of days (a test's hour) is
 * not counted in working days: undefined, and it runs as elapsed time.
 */
export function workingDaysOf(windowSeconds: number): number | undefined {
  return windowSeconds >= DAY_S && windowSeconds % DAY_S === 0 ? windowSeconds / DAY_S : undefined;
}

/** The first instant of the local day after the one `at` falls on. */
const nextDay = (at: Date, timeZone: string): Date => new Date(endOfLocalDay(at, timeZone).getTime() + 1);

/** The `days`-th working day (Monday to Friday, not a holiday) after the local day of `from`, at `time` (HH:MM, plus seconds). */
function workingDaysAfter(from: Date, days: number, time: string, extraSeconds: number, cal: ApprovalCalendar): Date {
  let at = from;
  for (let i = 0; i < days; i++) at = nextSendTime(nextDay(at, cal.timeZone), cal.timeZone, time, cal.nonWorkingDays, i === days - 1 ? extraSeconds : 0);
  return at;
}

/**
 * When the first request's wait ends and the reminder goes out: on the `days`-th working day after
 * the day of the ask, in the program's time zone, at the time of day it was asked (to the second),
 * or at the start of working hours (09:00) when it was asked outside them (an evening's ask is
 * reminded in the morning). The reminder thus always goes on a working day in working hours, and
 * a holiday or a weekend does not use up the admins' days (asked Wednesday 23 December with the 24th
 * and 25th off: reminded Tuesday 29 December, not Saturday 26).
 */
export function reminderDueAt(askedAt: Date, days: number, cal: ApprovalCalendar): Date {
  const local = dateTimeFormat('en-GB', { timeZone: cal.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(askedAt);
  const hhmm = local.slice(0, 5);
  const inHours = hhmm >= WORKING_DAY_STARTS && hhmm < WORKING_DAY_ENDS;
  const seconds = inHours ? Number(local.slice(6, 8)) + (askedAt.getTime() % 1000) / 1000 : 0;
  return workingDaysAfter(askedAt, days, inHours ? hhmm : WORKING_DAY_STARTS, seconds, cal);
}

/**
 * When the reminder's wait ends and the run is not approved: at the end of the `days`-th working
 * day after the day the reminder went out, in the program's time zone. That is the day its email
 * names ("Please answer by Monday 4 January 2027", emails/format.ts formatDeadline), and an answer
 * counts until that day is over.
 */
export function approvalClosesAt(remindedAt: Date, days: number, cal: ApprovalCalendar): Date {
  return endOfLocalDay(workingDaysAfter(remindedAt, days, WORKING_DAY_STARTS, 0, cal), cal.timeZone);
}

/**
 * What an approval email gives as its deadline (`answerBy`, named as formatDeadline names it) for
 * a wait ending at `endsAt`: the end of the day the wait ends, so that the day named is the day the
 * product acts on (the reminder goes that day; the run ends when it is over). Every day the rule
 * names is a working day. A wait in elapsed time (no calendar) names its own end, as before.
 */
export function approvalAnswerBy(endsAt: Date, cal: ApprovalCalendar | undefined): Date {
  return cal ? endOfLocalDay(new Date(endsAt.getTime() - 1), cal.timeZone) : endsAt;
}

/** The context key a question counted in working days carries, so an email sent for it later names the same day. */
export const WORKING_DAYS_KEY = 'workingDays';

/**
 * The deadline an approval email names for an open question that closes at `closesAt` (the email
 * sent again when an admin answered an older view of the proposal): the day its first email named
 * when its wait is counted in working days (its context says so: `WORKING_DAYS_KEY`), else its
 * close, as a wait in elapsed time names it.
 */
export function answerByOf(closesAt: Date, context: Readonly<Record<string, unknown>> | undefined, cal: ApprovalCalendar): Date {
  return context?.[WORKING_DAYS_KEY] === true ? approvalAnswerBy(closesAt, cal) : closesAt;
}

/** At most this many non-working days a program lists (program.ts `nonWorkingDays`). */
const MOST_HOLIDAYS = 100;

/**
 * The longest the two approval waits can last, in seconds (the run's execution timeout must allow
 * it): every window of whole days counted in working days, each week's weekend added, and every
 * non-working day the program may list falling inside them. A window in hours is elapsed time.
 */
export function longestApprovalSeconds(approvalSeconds: number, reminderSeconds: number): number {
  const longest = (seconds: number) => {
    const days = workingDaysOf(seconds);
    return days === undefined ? seconds : (days + 2 * Math.ceil(days / 5) + 2) * DAY_S;
  };
  const counted = workingDaysOf(approvalSeconds) !== undefined || workingDaysOf(reminderSeconds) !== undefined;
  return longest(approvalSeconds) + longest(reminderSeconds) + (counted ? MOST_HOLIDAYS * DAY_S : 0);
}
