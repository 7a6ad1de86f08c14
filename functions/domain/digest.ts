import { openNotBefore, upcomingIn } from './pairing/context';
import { ADMIN_DECISION_DAYS } from './pairing/decide';
import { isTerminal, pauseDay, type EndReason, type Pairing, type Round } from './pairing/model';
import { DEFAULT_SEND_WINDOW_MINUTES, WEEKDAYS, type Program, type Weekday } from './program';
import type { PairAtRisk } from './report-risk';
import { deadlineAfter, type DueItem, endOfLocalDay, nextSendTime, sendOffsetSeconds, startOfLocalDay, zonedTime } from './schedule';
import { dateTimeFormat } from './intl';
import type { ParticipantStatus, Role } from './participant';
import { availableOn, OPEN_TO_MATCHING, programClosed } from './rematch-policy';
import type { StandsAfterEnd } from './emails/replies';
import type { MatchParticipant } from './matching/match';
import { noPairAllowed, readsAsMatchParticipant, type LinePerson, type NoPairAllowed, type PairRules } from './waiting-pairable';

/**
 * The admins' weekly digest (docs/emails.md, Admin digest): on the program's digest day, in the
 * first working hour of the program's time zone, each admin gets one email with what needs their
 * eye this week: pairs at risk (with the reason and the suggested action), milestone reviews due
 * from its day to the day before the next digest (whole days: reviewDays), the waitlist, proposals waiting for approval, and the routine notices of the
 * week (pairings that started, did not start or ended early), which are not sent one by one any more, and the
 * private concerns nobody has acknowledged yet. Nothing
 * is sent when there is nothing to say. Pure: the handler loads and sends.
 */

export const DEFAULT_DIGEST_DAY: Weekday = 'mon';

/** How far ahead the digest looks for milestone reviews (upcomingMilestones' default window; the next digest when it cannot be found). */
const LOOK_AHEAD_DAYS = 7;
const DAY_MS = 86_400_000;

/** A routine notice kept for the digest instead of an email of its own (one item per key). */
export type DigestItem =
  | {
      /** Unique per notice (`not-started#<pairingId>`): storing it twice keeps one. */
      readonly key: string;
      readonly kind: 'not-started' | 'accepted';
      readonly pairingId: string;
      readonly at: string;
    }
  | {
      /**
       * `ended#<pairingId>`: the pairing ended early (PairingEnded; a pairing that runs to the end
       * of its plan publishes PairingCompleted instead). Its reason is a code, never anyone's words.
       */
      readonly key: string;
      readonly kind: 'ended';
      readonly pairingId: string;
      readonly reason: EndReason;
      readonly at: string;
    }
  | {
      /** `suppressed#<participantId>`: SES reported the person's address undeliverable or a complaint. */
      readonly key: string;
      readonly kind: 'suppressed';
      readonly participantId: string;
      readonly reason: 'email-bounced' | 'email-complaint';
      readonly at: string;
    };

/** A person whose address stopped taking our email since the last digest, as the admins read it. */
export interface SuppressedNotice {
  readonly participantId: string;
  /** Full name and role (admins read names). */
  readonly person: string;
  readonly reason: 'email-bounced' | 'email-complaint';
  readonly at: string;
}

export interface PairPeople {
  readonly mentor: string;
  readonly mentee: string;
}

/** What the handler loads for one program; names are resolved by the handler (admins read names). */
export interface DigestFacts {
  readonly program: Pick<Program, 'name' | 'timeZone' | 'lifecycle'> & DigestSchedule;
  readonly now: Date;
  readonly atRisk: readonly (PairAtRisk & { readonly people: PairPeople })[];
  /**
   * Running pairings with their people, for milestones due soon; `timeZones`: the two people's, so
   * that a review is listed on the day its emails go (each reader's next send time).
   */
  readonly pairings: readonly { readonly pairing: Pairing; readonly people: PairPeople; readonly timeZones?: readonly string[] }[];
  /** People on the waitlist not yet told the program closed (those told wait for nothing any more). */
  readonly waitlistSize: number;
  /** Everyone else a matching run would look for a partner for (waitingForPartner); without it, nobody. */
  readonly alsoWaiting?: AlsoWaiting;
  /** The program has closed (the day after its `endDate`): a run pairs nobody, it only tells the waitlist. */
  readonly programClosed?: boolean;
  /** Matching proposals waiting for an admin's approval. */
  readonly approvals: readonly {
    readonly runId: string;
    readonly pairCount: number;
    readonly unmatchedCount: number;
    readonly since: string;
    readonly route: string;
  }[];
  /**
   * Routine notices (those since the last digest are reported), with the people and, for a pairing
   * that did not start, why; for one that ended early, who of the pair still takes part and where
   * they stand now (`stays`, by full name).
   */
  readonly notices: readonly (Extract<DigestItem, { kind: 'not-started' | 'accepted' | 'ended' }> & {
    readonly people: PairPeople;
    readonly detail?: string;
    readonly stays?: readonly StayingOn[];
  })[];
  /** Addresses that stopped taking email (hard bounce, complaint); those of the last digest's week are reported. */
  readonly suppressed?: readonly SuppressedNotice[];
  /**
   * Private concerns nobody has acknowledged yet (the handler leaves out, for each admin, those
   * raised by them or by their partner). Listed every week until acknowledged: a case no pairing
   * watches (raised with none running) is escalated by nothing else.
   */
  readonly openConcerns?: readonly OpenConcern[];
  /**
   * When the program's previous digest actually went (admin-digest.ts reads its claims): the
   * notices since then are reported, even when HR moved the digest day in between. Without it, the
   * schedule's previous digest day.
   */
  readonly lastSentAt?: string;
}

/** One of an ended pairing's pair who still takes part, and where they stand now (as an admin reads it). */
export interface StayingOn {
  /** Full name (admins read names). */
  readonly name: string;
  readonly now: StandsAfterEnd;
}

/** A pairing that ended early since the last digest: the pair, when, the end reason's code, and who stays on. */
export interface EndedEarly {
  readonly pairingId: string;
  readonly people: PairPeople;
  readonly at: string;
  readonly reason: EndReason;
  readonly stays: readonly StayingOn[];
}

export interface OpenConcern {
  readonly concernId: string;
  /** Full name and role of who raised it (admins read names). */
  readonly raisedBy: string;
  readonly raisedAt: string;
  /** The date the person was promised an admin would get back to them by. */
  readonly escalateAt: string;
}

export interface UpcomingMilestone {
  readonly pairingId: string;
  readonly people: PairPeople;
  readonly label: string;
  readonly dueAt: string;
}

/**
 * The people waiting for a partner who are not on the waitlist: a cohort run offers them as it
 * offers the waitlist (cohort-matching.ts, `solve`: statuses `enrolled`, `waitlisted`,
 * `awaiting-rematch`, with no pairing running, available now).
 */
export interface AlsoWaiting {
  /** `enrolled` again after a pairing ended or did not start without a rematch (their end email promised the next run). */
  readonly afterEnd: number;
  /** `enrolled` and never in a pairing. */
  readonly newcomers: number;
  /** `awaiting-rematch`: a rematch is looking for a partner for them. */
  readonly rematching: number;
  /** Would wait, but said they are away until a later date: no run offers them before it (0 once the program has closed). */
  readonly away: number;
  /** The roles among everyone waiting now, the waitlist included (both: a run may pair some of them with each other). */
  readonly roles: readonly Role[];
  /**
   * Both roles wait, yet the hard rules that need no scoring rule out every pair of a waiting mentee
   * with a waiting mentor or a mentor with a free place (waiting-pairable.ts): how many pairs, and
   * why. Absent when some pair may be proposed, or when the rules were not checked.
   */
  readonly cannotPair?: NoPairAllowed;
}

export const NOBODY_ELSE_WAITING: AlsoWaiting = { afterEnd: 0, newcomers: 0, rematching: 0, away: 0, roles: [] };

export interface DigestContent {
  readonly atRisk: DigestFacts['atRisk'];
  readonly milestones: readonly UpcomingMilestone[];
  /** The last day (YYYY-MM-DD, the program's time zone) the milestones are listed through: the day before the next digest's. */
  readonly reviewsThrough: string;
  readonly waitlistSize: number;
  readonly alsoWaiting: AlsoWaiting;
  readonly programClosed: boolean;
  readonly approvals: DigestFacts['approvals'];
  readonly started: readonly { pairingId: string; people: PairPeople; at: string }[];
  /**
   * `programClosed`: the program had closed when the pairing did not start, so nobody was offered a
   * new partner. `detail`: why, as the admins read it (notStartedDetail); `stays`: where each of the
   * pair who still takes part stands now, when known.
   */
  readonly notStarted: readonly { pairingId: string; people: PairPeople; at: string; detail?: string; programClosed?: true; stays?: readonly StayingOn[] }[];
  /** Pairings that ended early (a member's STOP, END or REMATCH, a departure, an admin's end), oldest first. */
  readonly endedEarly: readonly EndedEarly[];
  /** Open concerns, oldest first; `overdue` once the date promised to the person has passed. */
  readonly openConcerns: readonly (OpenConcern & { readonly overdue: boolean })[];
  /** People whose address stopped taking email since the previous digest, oldest first. */
  readonly suppressed: readonly SuppressedNotice[];
  /**
   * Pairings on a break: paused now (until `untilDay`, their return day) or with a pause booked for
   * later days (`fromDay` to `untilDay`), those paused now first, then by their first day. Context,
   * not a call to act: a digest with nothing else to say is not sent for them.
   */
  readonly breaks: readonly PairingBreak[];
}

export interface PairingBreak {
  readonly pairingId: string;
  readonly people: PairPeople;
  /** A booked pause's first day (YYYY-MM-DD); absent for a pause running now. */
  readonly fromDay?: string;
  /** The day the pairing resumes (YYYY-MM-DD); absent for a pause with no return day (until someone resumes it). */
  readonly untilDay?: string;
}

/** The breaks of the running pairings (DigestContent.breaks). */
export function pairingBreaks(pairings: DigestFacts['pairings']): PairingBreak[] {
  const now: PairingBreak[] = [];
  const booked: PairingBreak[] = [];
  for (const { pairing, people } of pairings) {
    if (pairing.status === 'paused')
      now.push({
        pairingId: pairing.pairingId,
        people,
        ...(pairing.pausedUntil ? { untilDay: pairing.pausedUntilDay ?? pauseDay(pairing.pausedUntil).slice(0, 10) } : {}),
      });
    const b = pairing.pauseBooked;
    if (b && (pairing.status === 'active' || pairing.status === 'paused'))
      booked.push({ pairingId: pairing.pairingId, people, fromDay: b.fromDay, untilDay: b.untilDay });
  }
  const order = (a: PairingBreak, b: PairingBreak) =>
    (a.fromDay ?? '').localeCompare(b.fromDay ?? '') ||
    // No return day set: after those that have one.
    Number(a.untilDay === undefined) - Number(b.untilDay === undefined) ||
    (a.untilDay ?? '').localeCompare(b.untilDay ?? '') ||
    a.pairingId.localeCompare(b.pairingId);
  return [...now.sort(order), ...booked.sort(order)];
}

/** Local calendar date (YYYY-MM-DD), weekday and hour of an instant in a time zone. */
function localParts(at: Date, timeZone: string): { date: string; weekday: Weekday; hour: number } {
  const f = dateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, weekday: String(p.weekday).toLowerCase().slice(0, 3) as Weekday, hour: Number(p.hour) };
}

const dayBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
const weekdayOf = (date: string): Weekday => WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;

/**
 * Whether `now` is a program's digest hour, and for which digest day (the key that makes the
 * weekly send happen once): the first working hour of the digest day in the program's time zone,
 * or of the first working day after it when that day is a holiday or not a working day.
 */
type DigestSchedule = Pick<Program, 'timeZone' | 'workingHours' | 'nonWorkingDays'> & { readonly digest?: { readonly day?: Weekday } };

export function digestDue(program: DigestSchedule, now: Date): string | undefined {
  const day = program.digest?.day ?? DEFAULT_DIGEST_DAY;
  const local = localParts(now, program.timeZone);
  const working = (date: string) => program.workingHours.days.includes(weekdayOf(date)) && !program.nonWorkingDays.includes(date);
  if (!working(local.date) || local.hour !== Number(program.workingHours.start.slice(0, 2))) return undefined;
  for (let back = 0; back < 7; back++) {
    const date = dayBefore(local.date, back);
    if (back > 0 && working(date)) return undefined;
    if (weekdayOf(date) === day) return date;
  }
  return undefined;
}

/**
 * Milestone and final reviews of running pairs whose first email goes out within `window` (the
 * digest's reviewDays; without it, the next 7 days from `now`), soonest first, each on the day it
 * will really go (projectedOpenings), not on its plan day: a review in the digest of the week its
 * first email goes, and in no other.
 */
export function upcomingMilestones(
  pairings: DigestFacts['pairings'],
  lifecycle: Program['lifecycle'],
  now: Date,
  nonWorkingDays: readonly string[] = [],
  window: { readonly from: Date; readonly until: Date } = { from: now, until: new Date(now.getTime() + LOOK_AHEAD_DAYS * DAY_MS) },
): UpcomingMilestone[] {
  const from = Math.min(window.from.getTime(), now.getTime());
  const until = window.until.getTime();
  const out: UpcomingMilestone[] = [];
  for (const { pairing, people, timeZones = [] } of pairings) {
    if ((pairing.status !== 'active' && pairing.status !== 'paused') || !pairing.acceptedAt) continue;
    const resumed = asIfResumed(pairing);
    // Paused with no end date: nothing goes out until someone resumes it.
    if (resumed.status !== 'active') continue;
    for (const item of projectedOpenings(resumed, lifecycle, now, from, until, timeZones, nonWorkingDays)) {
      if (item.kind === 'check-in' || item.goes < from) continue;
      out.push({ pairingId: pairing.pairingId, people, label: item.label, dueAt: new Date(item.goes).toISOString() });
    }
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.pairingId.localeCompare(b.pairingId));
}

/**
 * A paused pairing as it will stand when its pause ends (on `pausedUntil`): its plan shifted by the
 * whole pause, nothing opened before the resume. A pause with no end date stays as it is (and
 * projects nothing before the resume it waits for: its round, if any, is kept open).
 */
function asIfResumed(pairing: Pairing): Pairing {
  if (pairing.status !== 'paused' || !pairing.pausedUntil || !pairing.pausedAt) return pairing;
  const pausedMs = (pairing.pausedMs ?? 0) + Math.max(0, Date.parse(pairing.pausedUntil) - Date.parse(pairing.pausedAt));
  const resumeAt = pairing.pausedUntil;
  const notBefore = pairing.previousRoundClosesAt && pairing.previousRoundClosesAt > resumeAt ? pairing.previousRoundClosesAt : resumeAt;
  return { ...pairing, status: 'active', pausedMs, previousRoundClosesAt: notBefore };
}

/** When a round's first email goes: its earliest send, sent or not (undefined for a round with no ask). */
function firstSendOf(round: Round): number | undefined {
  const sends = Object.values(round.asks).flatMap((ask) => (ask ? [Date.parse(ask.sendAt)] : []));
  return sends.length > 0 ? Math.min(...sends) : undefined;
}

/**
 * When each question of the pairing's plan still to come will go out, up to `until`, if nobody
 * changes anything: as the lifecycle opens them (decide.ts, activeStep), one round at a time, each
 * on its plan day but never before the deadline of the round before it (openNotBefore), which with
 * a short cadence and readers far apart in time zones falls after the next plan day; and after the
 * round open now, an admin decision asked, or the fit check that follows the first check-in held
 * (each assumed to run to its deadline: admins who do not answer, the decision's default, let the
 * pairing continue at its deadline). `goes`: the earlier reader's send time, when the first email
 * of the round goes. A review round open now whose first email goes from `from` on (opened at the
 * weekend, its emails wait for Monday's send time; or sent earlier on the digest's own day, which
 * the digest before it did not list) is listed on the day that email goes.
 */
function projectedOpenings(
  pairing: Pairing,
  lifecycle: Program['lifecycle'],
  now: Date,
  from: number,
  until: number,
  timeZones: readonly string[],
  nonWorkingDays: readonly string[],
): { kind: DueItem['kind']; label: string; goes: number }[] {
  const offset = sendOffsetSeconds(pairing.pairingId, lifecycle.sendWindowMinutes ?? DEFAULT_SEND_WINDOW_MINUTES);
  // Without the readers' zones (an older digest's facts), a round is dated by the moment it opens.
  const zones = timeZones.length > 0 ? timeZones : ['UTC'];
  const sends = (from: number) =>
    timeZones.length > 0 ? timeZones.map((tz) => nextSendTime(new Date(from), tz, lifecycle.sendTime, nonWorkingDays, offset).getTime()) : [from];
  /** A round of the two readers opened at `from`: when its first email goes and when it closes. */
  const round = (from: number) => {
    const times = sends(from);
    return { goes: Math.min(...times), closes: Date.parse(deadlineAfter(Math.max(...times), lifecycle.checkInAnswerWindowDays, zones, nonWorkingDays)) };
  };
  const out: { kind: DueItem['kind']; label: string; goes: number }[] = [];
  let notBefore = Math.max(now.getTime(), openNotBefore(pairing));
  const open = pairing.round;
  if (open) {
    // Its first email goes within the digest's days (still to go, or gone earlier on its own day):
    // this is the week it goes. One that went before them was in the digest of the week it went
    // (projected, or open as here), never again.
    const first = firstSendOf(open);
    if ((open.kind === 'milestone' || open.kind === 'final-review') && first !== undefined && first >= from && first < until)
      out.push({ kind: open.kind, label: open.label, goes: first });
    notBefore = Math.max(notBefore, Date.parse(open.closesAt));
  } else if (pairing.pendingDecision) {
    // Not asked yet (a pause closed the question; it is asked as the pairing runs again): it runs at
    // least 7 days from now, so nothing after it goes in this digest's week.
    notBefore = Math.max(notBefore, Date.parse(deadlineAfter(now.getTime(), ADMIN_DECISION_DAYS, zones, nonWorkingDays)));
  }
  const held = pairing.checkInsHeld ?? 0;
  // A pair that has met at none of its check-ins so far (the silence that brings a "Decision needed")
  // is not assumed to meet at the next one: no fit check is laid out after it. A pair yet to have its
  // first check-in is (most pairs meet): its fit check follows.
  const silentSoFar = held === 0 && (pairing.checkInsMissed ?? 0) > 0;
  let fitCheckToCome = pairing.fitCheckAskedAt === undefined && pairing.round?.kind !== 'fit-check' && held <= 1 && !silentSoFar;
  // The first check-in was held and the fit check not asked yet: it comes next (after the round open now).
  if (fitCheckToCome && held === 1) {
    notBefore = round(notBefore).closes;
    fitCheckToCome = false;
  }
  // What the lifecycle has still to ask (context.ts, upcoming); the round asked now is its plan
  // item, done once it closes, never laid out again after it.
  const done = Math.max(pairing.planDoneMs ?? Number.NEGATIVE_INFINITY, pairing.round?.planOffsetMs ?? Number.NEGATIVE_INFINITY);
  const items = upcomingIn(lifecycle, { ...pairing, planDoneMs: done });
  for (const item of items) {
    const opened = round(Math.max(item.dueAt.getTime(), notBefore));
    if (opened.goes >= until) break;
    out.push({ kind: item.kind, label: item.label, goes: opened.goes });
    notBefore = opened.closes;
    // The first check-in held brings the fit check, asked as its round closes, before the plan goes on.
    if (item.kind === 'check-in' && fitCheckToCome) {
      notBefore = round(notBefore).closes;
      fitCheckToCome = false;
    }
  }
  return out;
}

/**
 * When the digest before the one due at `now` went: its hour on the last digest day (moved past a
 * holiday as digestDue moves it), up to two weeks back. A digest moved from Monday to Tuesday must
 * cover from the Monday before, not from the Tuesday before, or a day of notices is in none.
 */
export function previousDigestAt(program: DigestSchedule, now: Date): Date | undefined {
  const hour = Number(program.workingHours.start.slice(0, 2));
  const local = localParts(now, program.timeZone);
  const [ty, tm, td] = local.date.split('-').map(Number) as [number, number, number];
  // The schedule fires at the same minute of every hour: the last digest went that far into its hour.
  const intoHour = now.getTime() - zonedTime(ty, tm, td, local.hour, 0, program.timeZone).getTime();
  for (let back = 1; back <= 14; back++) {
    const [y, m, d] = dayBefore(local.date, back).split('-').map(Number) as [number, number, number];
    const at = zonedTime(y, m, d, hour, 0, program.timeZone);
    if (digestDue(program, at)) return new Date(at.getTime() + intoHour);
  }
  return undefined;
}

/**
 * The whole days a digest lists reviews for, in the program's time zone: from the start of its own
 * day to the start of the next digest's day (digestDue, moved past a holiday as it is), so each
 * review is in exactly one digest and no day is split between two (QA: the reviews of one morning
 * fell either side of "the next 7 days" counted from the send time). `lastDay`: the day before the
 * next digest's, the last listed (YYYY-MM-DD).
 */
export function reviewDays(program: DigestSchedule, now: Date): { from: Date; until: Date; lastDay: string } {
  const tz = program.timeZone;
  const hour = Number(program.workingHours.start.slice(0, 2));
  const today = localParts(now, tz).date;
  const from = startOfLocalDay(now, tz);
  for (let ahead = 1; ahead <= 14; ahead++) {
    const day = dayBefore(today, -ahead);
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    if (digestDue(program, zonedTime(y, m, d, hour, 0, tz)))
      return { from, until: startOfLocalDay(zonedTime(y, m, d, 12, 0, tz), tz), lastDay: dayBefore(day, 1) };
  }
  // No digest day ahead (no working day in two weeks): a week of days.
  const [y, m, d] = dayBefore(today, -LOOK_AHEAD_DAYS).split('-').map(Number) as [number, number, number];
  return { from, until: startOfLocalDay(zonedTime(y, m, d, 12, 0, tz), tz), lastDay: dayBefore(today, 1 - LOOK_AHEAD_DAYS) };
}

/**
 * Why a pairing did not start, as the admins read it: its stored reason ("no-answer", "declined",
 * "declined: <their note>", which the admins may read), or, when one of the pair closed the
 * introduction by leaving or by a reply before both said YES (decide.ts, endEarly), that end's code
 * in neutral words: never who of the pair, nor anything they wrote (a STOP's reason).
 */
const NOT_STARTED_BECAUSE: Partial<Record<string, string>> = {
  'participant-withdrew': 'one of the pair left the program before it started',
  'participant-left': 'one of the pair left the program before it started',
  'address-suppressed': 'email to one of the pair could not be delivered, so they take no further part',
  'participant-request': 'one of the pair closed the introduction',
  'participant-rematch': 'one of the pair asked for a new partner',
  'not-a-fit': 'it was found not to be a good fit',
};

function notStartedDetail(detail: string): string {
  return NOT_STARTED_BECAUSE[detail] ?? detail;
}

/** The digest's content, or undefined when there is nothing to say (then no email is sent). */
export function composeDigest(facts: DigestFacts): DigestContent | undefined {
  const byTime = <T extends { at: string }>(a: T, b: T) => a.at.localeCompare(b.at);
  // The notices since the last digest went: each is reported in exactly one digest.
  const since = facts.lastSentAt
    ? Date.parse(facts.lastSentAt)
    : (previousDigestAt(facts.program, facts.now)?.getTime() ?? facts.now.getTime() - LOOK_AHEAD_DAYS * DAY_MS);
  const notices = facts.notices.filter((n) => Date.parse(n.at) >= since && Date.parse(n.at) < facts.now.getTime());
  const days = reviewDays(facts.program, facts.now);
  const content: DigestContent = {
    atRisk: facts.atRisk,
    milestones: upcomingMilestones(facts.pairings, facts.program.lifecycle, facts.now, facts.program.nonWorkingDays, days),
    reviewsThrough: days.lastDay,
    waitlistSize: facts.waitlistSize,
    alsoWaiting: facts.alsoWaiting ?? NOBODY_ELSE_WAITING,
    programClosed: facts.programClosed === true,
    approvals: facts.approvals,
    started: notices
      .filter((n) => n.kind === 'accepted')
      .map(({ pairingId, people, at }) => ({ pairingId, people, at }))
      .sort(byTime),
    notStarted: notices
      .filter((n) => n.kind === 'not-started')
      .map(({ pairingId, people, at, detail, stays }) => ({
        pairingId,
        people,
        at,
        ...(detail ? { detail: notStartedDetail(detail) } : {}),
        ...(programClosed(facts.program, new Date(at)) ? { programClosed: true as const } : {}),
        // Where each of the pair who still takes part stands now, when the handler read it (as for an early end).
        ...(stays ? { stays } : {}),
      }))
      .sort(byTime),
    endedEarly: notices
      .flatMap((n) => (n.kind === 'ended' ? [{ pairingId: n.pairingId, people: n.people, at: n.at, reason: n.reason, stays: n.stays ?? [] }] : []))
      .sort(byTime),
    suppressed: (facts.suppressed ?? []).filter((n) => Date.parse(n.at) >= since && Date.parse(n.at) < facts.now.getTime()).sort(byTime),
    openConcerns: [...(facts.openConcerns ?? [])]
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt))
      // The person was promised an answer "by <day>": overdue once that day has ended, not at its start.
      .map((c) => ({ ...c, overdue: endOfLocalDay(new Date(c.escalateAt), facts.program.timeZone).getTime() < facts.now.getTime() })),
    breaks: pairingBreaks(facts.pairings),
  };
  const empty =
    content.atRisk.length === 0 &&
    content.milestones.length === 0 &&
    content.waitlistSize === 0 &&
    waitingBesidesWaitlist(content.alsoWaiting) === 0 &&
    content.approvals.length === 0 &&
    content.started.length === 0 &&
    content.notStarted.length === 0 &&
    content.endedEarly.length === 0 &&
    content.suppressed.length === 0 &&
    content.openConcerns.length === 0;
  return empty ? undefined : content;
}

/**
 * When a pair's nudges decided but not sent yet go (pairsAtRisk, `nudgesToGo`): the pairing's
 * pending outbox entries, by key and due time (lifecycle/outbox.ts), that are its nudge emails
 * (pairing/mail.ts, nudge: `<round>:nudge:<side>`). A sent or dropped email is pending no more.
 */
export function nudgesToGo(pending: readonly { readonly key: string; readonly dueAt: string }[]): string[] {
  return pending.filter((r) => /^email:.+:nudge:(mentor|mentee)$/.test(r.key)).map((r) => r.dueAt);
}

/** How many wait for a partner now besides the waitlist (not those away until later). */
export function waitingBesidesWaitlist(w: AlsoWaiting): number {
  return w.afterEnd + w.newcomers + w.rematching;
}

/** A person as the digest counts who waits: their standing, and (to check who may be paired) what matching reads of them. */
export type WaitingPerson = Pick<MatchParticipant, 'participantId' | 'role'> &
  Partial<Omit<MatchParticipant, 'participantId' | 'role'>> &
  Pick<LinePerson, 'reportingLine'> & {
    readonly status: ParticipantStatus;
    readonly availableFrom?: string;
    /** How many partners a mentor takes at once (capped by the program's `maxMenteesPerMentor`). */
    readonly capacity?: number;
  };

/**
 * What the digest checks, beyond who waits, to say whether matching can pair them now
 * (waiting-pairable.ts): the program's matching settings, pairs the admins ruled out, the people's
 * pairings in other programs, and the reporting lines of managers enrolled only elsewhere.
 */
export type WaitingRules = Pick<PairRules, 'program' | 'excluded' | 'pairedElsewhere' | 'linesElsewhere'>;

/**
 * Who the next cohort matching run would look for a partner for, as the digest counts them (QA):
 * people `enrolled`, `waitlisted` or `awaiting-rematch` with no pairing running, not told that the
 * program closed, available now (cohort-matching.ts, `solve`, and matchingInput). `enrolled` people
 * include those whose pairing an admin ended without a rematch: their end email promised them the
 * next matching run. Once the program has closed, a run pairs nobody but tells each of them that
 * no partner was found (waitlistUnmatched), away or not: all are counted then.
 * With `rules` (and people who carry what the rules read), whether any of them may be paired at
 * all: a waiting mentee with a waiting mentor or a mentor of a running pair who has a free place
 * (AlsoWaiting.cannotPair).
 */
export function waitingForPartner(
  people: readonly WaitingPerson[],
  pairings: readonly Pick<Pairing, 'mentorId' | 'menteeId' | 'status'>[],
  waitlist: readonly { readonly participantId: string; readonly closedNoticeAt?: string }[],
  now: Date,
  closed: boolean,
  rules?: WaitingRules,
): { waitlistSize: number; alsoWaiting: AlsoWaiting } {
  const { waiting, away } = whoWaits(people, pairings, waitlist, now, closed);
  const everPaired = new Set(pairings.flatMap((p) => [p.mentorId, p.menteeId]));
  const counts = { waitlisted: 0, afterEnd: 0, newcomers: 0, rematching: 0, away };
  const roles = new Set<Role>();
  for (const p of waiting) {
    roles.add(p.role);
    if (p.status === 'waitlisted') counts.waitlisted++;
    else if (p.status === 'awaiting-rematch') counts.rematching++;
    else if (everPaired.has(p.participantId)) counts.afterEnd++;
    else counts.newcomers++;
  }
  const { waitlisted, ...others } = counts;
  const cannotPair = !closed && rules && roles.size === 2 ? noPairAmong(people, pairings, waitlist, waiting, rules) : undefined;
  return { waitlistSize: waitlisted, alsoWaiting: { ...others, roles: [...roles].sort(), ...(cannotPair ? { cannotPair } : {}) } };
}

/** The people waitingForPartner counts as waiting now, and how many more are away until a later date. */
export function whoWaits<P extends WaitingPerson>(
  people: readonly P[],
  pairings: readonly Pick<Pairing, 'mentorId' | 'menteeId' | 'status'>[],
  waitlist: readonly { readonly participantId: string; readonly closedNoticeAt?: string }[],
  now: Date,
  closed: boolean,
): { waiting: P[]; away: number } {
  const toldClosed = new Set(waitlist.filter((w) => w.closedNoticeAt !== undefined).map((w) => w.participantId));
  const running = new Set(pairings.filter((p) => !isTerminal(p.status)).flatMap((p) => [p.mentorId, p.menteeId]));
  const waiting: P[] = [];
  let away = 0;
  for (const p of people) {
    if (p.status !== 'enrolled' && p.status !== 'waitlisted' && p.status !== 'awaiting-rematch') continue;
    if (toldClosed.has(p.participantId) || running.has(p.participantId)) continue;
    if (!closed && !availableOn(p, now)) away++;
    else waiting.push(p);
  }
  return { waiting, away };
}

/**
 * Whether no waiting mentee may be paired with a waiting mentor, nor with a mentor of a running
 * pair who has a free place (a cohort run offers those places too: cohort-matching.ts,
 * matchingInput). Only when everyone the rules read carries an address, and every candidate what
 * matching reads of them (the handler's people do): the digest never says "cannot" on a guess.
 */
function noPairAmong(
  people: readonly WaitingPerson[],
  pairings: readonly Pick<Pairing, 'mentorId' | 'menteeId' | 'status'>[],
  waitlist: readonly { readonly participantId: string; readonly closedNoticeAt?: string }[],
  waiting: readonly WaitingPerson[],
  rules: WaitingRules,
): NoPairAllowed | undefined {
  if (!people.every((p): p is WaitingPerson & LinePerson => typeof p.email === 'string')) return undefined;
  const toldClosed = new Set(waitlist.filter((w) => w.closedNoticeAt !== undefined).map((w) => w.participantId));
  const taken = new Map<string, number>();
  for (const p of pairings) if (!isTerminal(p.status)) taken.set(p.mentorId, (taken.get(p.mentorId) ?? 0) + 1);
  const maxMentees = rules.program.matching.rules.maxMenteesPerMentor;
  const freePlace = people.filter(
    (p) =>
      p.role === 'mentor' &&
      taken.has(p.participantId) &&
      OPEN_TO_MATCHING.includes(p.status) &&
      !toldClosed.has(p.participantId) &&
      Math.min(p.capacity ?? 1, maxMentees) > taken.get(p.participantId)!,
  );
  const mentors = [...waiting.filter((p) => p.role === 'mentor'), ...freePlace];
  const mentees = waiting.filter((p) => p.role === 'mentee');
  if (![...mentors, ...mentees].every(readsAsMatchParticipant)) return undefined;
  return noPairAllowed(mentors as MatchParticipant[], mentees as MatchParticipant[], { ...rules, everyone: people, pairings }, freePlace.length);
}
