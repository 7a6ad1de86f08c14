import type { ConcernCase } from '../concerns';
import type { BusySeries } from '../meeting-slot';
import type { Participant } from '../participant';
import { DEFAULT_SEND_WINDOW_MINUTES, type Program, WORKING_DAY_ENDS, WORKING_DAY_STARTS } from '../program';
import { addMonths, nextSendTime, pairingPlan, sendOffsetSeconds, type DueItem } from '../schedule';
import type { Pairing, PersonSide } from './model';
import { dateTimeFormat } from '../intl';

/** Everything one step of a pairing's lifecycle decides from: read fresh at every step. */
export interface LifecycleContext {
  readonly pairing: Pairing;
  readonly program: Pick<Program, 'programId' | 'name' | 'admins' | 'timeZone' | 'topics' | 'lifecycle'> &
    Partial<Pick<Program, 'endDate'>> & {
      readonly nonWorkingDays?: readonly string[];
      /** Absent on programs stored before the rematch settings: the defaults apply. */
      readonly rematch?: Program['rematch'];
    };
  readonly mentor: Participant;
  readonly mentee: Participant;
  readonly now: Date;
  /** The running execution: when it started (the one-year limit) and its place in the chain. */
  readonly execution: { readonly startedAt: string; readonly generation: number };
  /** The concern cases whose escalation is due, as stored (loaded only then: functions/lifecycle/context.ts). */
  readonly concerns?: readonly ConcernCase[];
  /**
   * The meeting series of both people's other live pairings, busy times for this pair's slot:
   * loaded only for the steps that decide the pair's series (meeting.ts, decidesSeries: the
   * introduction, a resume, a schedule change), which store the slot they decide (Pairing.meetingSlot).
   */
  readonly busySeries?: readonly BusySeries[];
  /**
   * The mentor has another pairing running: loaded only when this step's end would hold her past
   * the rematch cap (functions/lifecycle/advance.ts). She keeps that pairing; the freed place is held.
   */
  readonly mentorRunsElsewhere?: true;
}

export function person(ctx: LifecycleContext, side: PersonSide): Participant {
  return side === 'mentor' ? ctx.mentor : ctx.mentee;
}

/** Seconds after the send time at which this pairing's scheduled emails go (docs/lifecycle.md, When emails go). */
export function sendOffsetOf(ctx: LifecycleContext): number {
  // Programs stored before the setting existed have none: the default applies.
  return sendOffsetSeconds(ctx.pairing.pairingId, ctx.program.lifecycle.sendWindowMinutes ?? DEFAULT_SEND_WINDOW_MINUTES);
}

/** The person's next send time at or after `at`: their working day, their morning, the pairing's moment in the send window. */
export function sendTimeFor(ctx: LifecycleContext, side: PersonSide, at: Date): Date {
  return nextSendTime(at, person(ctx, side).timeZone, ctx.program.lifecycle.sendTime, ctx.program.nonWorkingDays ?? [], sendOffsetOf(ctx));
}

/** When the pairing started: its acceptance (the plan is laid out from it). */
function acceptedAtMs(pairing: Pick<Pairing, 'acceptedAt' | 'startedAt' | 'createdAt'>): number {
  return Date.parse(pairing.acceptedAt ?? pairing.startedAt ?? pairing.createdAt);
}

/** Where the pairing's plan starts: its acceptance, shifted by the time it spent paused. */
export function planStart(pairing: Pick<Pairing, 'acceptedAt' | 'startedAt' | 'createdAt' | 'pausedMs'>): number {
  return acceptedAtMs(pairing) + (pairing.pausedMs ?? 0);
}

/**
 * The pairing's plan: laid out in months from its acceptance, then shifted by the time it spent
 * paused (pairingPlan). Each item's offset from planStart is the same whatever the pauses, so the
 * point the pairing has reached (planDoneMs) keeps meaning the same items.
 */
export function planOf(ctx: LifecycleContext, pairing: Pairing = ctx.pairing): DueItem[] {
  return planIn(ctx.program.lifecycle, pairing);
}

function planIn(lifecycle: Program['lifecycle'], pairing: Pairing): DueItem[] {
  return pairingPlan(new Date(acceptedAtMs(pairing)), lifecycle, pairing.pausedMs ?? 0);
}

/** The end of the pairing's program: its months from the acceptance, shifted by the time paused. */
export function planEnd(ctx: Pick<LifecycleContext, 'program'>, pairing: Pairing): Date {
  const end = addMonths(new Date(acceptedAtMs(pairing)), ctx.program.lifecycle.durationMonths).getTime() + (pairing.pausedMs ?? 0);
  return new Date(end + bookedShift(pairing, end));
}

/**
 * How far a pause booked for later moves a moment of the plan: by the pause's length from its start
 * on (the pause then shifts the plan as any pause does), not at all before it.
 */
function bookedShift(pairing: Pairing, at: number): number {
  const booked = pairing.status === 'active' ? pairing.pauseBooked : undefined;
  if (!booked || at < Date.parse(booked.startsAt)) return 0;
  return Math.max(0, Date.parse(booked.endsAt) - Date.parse(booked.startsAt));
}

/**
 * The items of the plan not done yet, in time order, each with its offset into the plan. The end
 * review stays until it has been asked (`finalReviewAskedAt`), even when HR shortened the program
 * past the point the pairing has reached: it is then asked at once, never skipped.
 */
export function upcoming(ctx: LifecycleContext, pairing: Pairing = ctx.pairing): (DueItem & { readonly offsetMs: number })[] {
  const items = upcomingIn(ctx.program.lifecycle, pairing);
  return pairing.status === 'active' ? items.filter((i) => !heldPastLastCheckIn(ctx, pairing, i)) : items;
}

/**
 * A check-in held back (by the admins' decision, a review or the round before it) until it could
 * open only at or after the plan's last moment for a check-in (half a cadence before the end, the
 * rule the plan itself keeps: schedule.ts, planFrom) is not asked: the end-of-program review takes
 * its place, on its own day or at once when that has passed. Otherwise a quiet pair whose decision
 * closed after the end was asked a check-in past it, and the review came a week later (QA: 12 days
 * late). Its own round, once open, runs its course.
 */
function heldPastLastCheckIn(ctx: LifecycleContext, pairing: Pairing, item: DueItem & { readonly offsetMs: number }): boolean {
  if (item.kind !== 'check-in') return false;
  const round = pairing.round;
  if (round?.planOffsetMs !== undefined && round.planOffsetMs === item.offsetMs) return false;
  const opensAt = Math.max(item.dueAt.getTime(), ctx.now.getTime(), openNotBefore(pairing), round ? Date.parse(round.closesAt) : Number.NEGATIVE_INFINITY);
  return opensAt >= lastCheckInBefore(ctx, pairing);
}

/** The plan's bound for a check-in: half a cadence (whole days, rounded up) before the end (planEnd). */
function lastCheckInBefore(ctx: Pick<LifecycleContext, 'program'>, pairing: Pairing): number {
  return planEnd(ctx, pairing).getTime() - Math.ceil(ctx.program.lifecycle.checkInCadenceDays / 2) * 86_400_000;
}

/** The same from the program's lifecycle settings alone (the admins' digest has no lifecycle context). */
export function upcomingIn(lifecycle: Program['lifecycle'], pairing: Pairing): (DueItem & { readonly offsetMs: number })[] {
  const start = planStart(pairing);
  const done = pairing.planDoneMs ?? Number.NEGATIVE_INFINITY;
  return planIn(lifecycle, pairing)
    .map((i) => ({ ...i, offsetMs: i.dueAt.getTime() - start }))
    .filter((i) => i.offsetMs > done || (i.kind === 'final-review' && pairing.finalReviewAskedAt === undefined))
    .map((i) => {
      const shift = bookedShift(pairing, i.dueAt.getTime());
      return shift === 0 ? i : { ...i, dueAt: new Date(i.dueAt.getTime() + shift) };
    })
    .filter((i, n, left) => !beforeFirstMeeting(lifecycle, pairing, i, left.slice(n + 1)));
}

/**
 * A check-in due before the pair's first meeting is held until that meeting has ended
 * (openNotBefore); but only the last one due before it, and only when the next check-in is not due
 * within an answer window of that meeting (its round would still be open, and a weekly plan would
 * then run a week late to its end). The others are not asked: the first check-in asked is the
 * one due next after them, at its own day.
 */
function beforeFirstMeeting(lifecycle: Program['lifecycle'], pairing: Pairing, item: DueItem, later: readonly DueItem[]): boolean {
  const meetingEnds = firstMeetingEnds(pairing);
  if (item.kind !== 'check-in' || item.dueAt.getTime() >= meetingEnds) return false;
  const next = later.find((i) => i.kind === 'check-in');
  return next !== undefined && next.dueAt.getTime() < meetingEnds + lifecycle.checkInAnswerWindowDays * 86_400_000;
}

/**
 * The earliest moment the next plan item may open: the deadline of the plan round closed before it
 * (Pairing.previousRoundClosesAt), and, until the pair's first check-in is asked, the end of the
 * first meeting of their series (firstMeetingEnds); or no bound.
 */
export function openNotBefore(
  pairing: Pick<Pairing, 'previousRoundClosesAt' | 'meetingSlot' | 'round' | 'lastCheckInAskedAt' | 'lastCheckInAt' | 'checkInsHeld' | 'checkInsMissed'>,
): number {
  const closed = pairing.previousRoundClosesAt ? Date.parse(pairing.previousRoundClosesAt) : Number.NEGATIVE_INFINITY;
  // A check-in open now is the first: what follows it follows its round, not the meeting.
  return pairing.round?.kind === 'check-in' ? closed : Math.max(closed, firstMeetingEnds(pairing));
}

/**
 * The first check-in asks whether the pair met, so it never comes before the first meeting their
 * series suggests: a pair keeping the product's slot would have to answer NO, a missed check-in that
 * starts the escalation. The acceptance-plus-cadence day alone does not keep it (a weekly program, a
 * series searched from the acceptance deadline, or a schedule change that keeps the pair's weekday:
 * QA, the check-in on Wednesday 9 December for a first meeting on Thursday 10 December). The series
 * stored now counts (Pairing.meetingSlot: the introduction's, or the one a resume or a schedule
 * change sent since). Once a check-in has closed, or for a pair without a series, no bound.
 */
function firstMeetingEnds(
  pairing: Pick<Pairing, 'meetingSlot' | 'round' | 'lastCheckInAskedAt' | 'lastCheckInAt' | 'checkInsHeld' | 'checkInsMissed'>,
): number {
  const slot = pairing.meetingSlot;
  const asked =
    pairing.lastCheckInAskedAt !== undefined || pairing.lastCheckInAt !== undefined || (pairing.checkInsHeld ?? 0) > 0 || (pairing.checkInsMissed ?? 0) > 0;
  if (asked || !slot?.found) return Number.NEGATIVE_INFINITY;
  return Date.parse(slot.start) + slot.durationMinutes * 60_000;
}

/** When `side` will next be asked about a check-in (a date the email may promise), if ever. */
export function nextCheckInFor(ctx: LifecycleContext, pairing: Pairing, side: PersonSide): string | undefined {
  return nextQuestionFor(ctx, pairing, side).nextCheckIn;
}

/**
 * The same date, with the review's name when what comes then is a milestone review (it takes a
 * check-in's place): an email may then say what comes, not only when. When no check-in or
 * milestone review is left, the day the end-of-program review reaches `side` instead
 * (`finalReviewNextOn`; `nextCheckIn` stays unset, so emails that say "the end-of-program review
 * comes next" go on saying it): the emails of a schedule change name it, so that a check-in HR's
 * change removed is not waited for (QA settings3: the program shortened past it).
 */
export function nextQuestionFor(
  ctx: LifecycleContext,
  pairing: Pairing,
  side: PersonSide,
  fitCheckFollows = false,
): { nextCheckIn?: string; nextReview?: string; fitCheck?: 'next' | 'open'; finalReviewNextOn?: string } {
  // While the fit check is out, or when it comes as this round closes, no plan item opens before it
  // closes (decide.ts): the next check-in's day is not known, so none is promised.
  // A fit check due and not yet asked (one a pause closed before it went out) comes first too.
  // What follows it is named, not dated: a review when the plan's next item is one ("your Day 30 review follows").
  const following = (): { nextReview?: string } => {
    const next = upcoming(ctx, pairing)[0];
    return next && next.kind !== 'check-in' ? { nextReview: next.kind === 'final-review' ? 'end-of-program review' : next.label } : {};
  };
  if (fitCheckFollows || (pairing.fitCheckAskedAt === undefined && pairing.checkInsHeld === 1 && !pairing.round)) return { fitCheck: 'next', ...following() };
  if (pairing.round?.kind === 'fit-check') return { fitCheck: 'open', ...following() };
  const left = upcoming(ctx, pairing);
  const item = left.find((i) => i.kind !== 'final-review') ?? left.find((i) => i.kind === 'final-review');
  if (!item) return {};
  // An item already due (a check-in a pause left unasked) is asked now: at the next send time, never
  // before; and never before the deadline of the round before it (decide.ts, openNotBefore).
  const asked = new Date(Math.max(item.dueAt.getTime(), ctx.now.getTime(), openNotBefore(pairing)));
  let at = sendTimeFor(ctx, side, asked);
  // Due just before a booked pause but sent at a send time inside it: nobody is asked before the
  // pause, so it is asked after it, moved by the pause's length like the items after it.
  // If the partner is asked it before the pause, the round is kept open for them alone through the
  // pause (decide.ts, keepAskedRound) and this reader's next question is the one after it.
  const booked = pairing.status === 'active' ? pairing.pauseBooked : undefined;
  const startsAt = booked ? Date.parse(booked.startsAt) : Number.POSITIVE_INFINITY;
  if (booked && item.dueAt.getTime() < startsAt && at.getTime() >= startsAt) {
    const partner: PersonSide = side === 'mentor' ? 'mentee' : 'mentor';
    if (sendTimeFor(ctx, partner, asked).getTime() < startsAt) {
      const later = left.filter((i) => i.dueAt.getTime() > item.dueAt.getTime());
      const after = later.find((i) => i.kind !== 'final-review') ?? later.find((i) => i.kind === 'final-review');
      if (!after) return {};
      return dated(after, sendTimeFor(ctx, side, after.dueAt));
    }
    // Never before the pause has ended for both (a reader east of the other resumes later in their own day).
    at = sendTimeFor(ctx, side, new Date(Math.max(asked.getTime() + bookedShift(pairing, startsAt), Date.parse(booked.endsAt))));
  }
  return dated(item, at);
}

/** What nextQuestionFor says of a plan item asked `at`: a check-in's or milestone review's date, or the end review's. */
function dated(item: DueItem, at: Date): { nextCheckIn?: string; nextReview?: string; finalReviewNextOn?: string } {
  if (item.kind === 'final-review') return { finalReviewNextOn: at.toISOString() };
  return { nextCheckIn: at.toISOString(), ...(item.kind === 'milestone' ? { nextReview: item.label } : {}) };
}

/**
 * When an email to someone in `timeZone` may go: now, if it is within their working hours on a
 * working day; otherwise at the start of their next working day (their send time, never before
 * 09:00: a program that asks its questions at 08:30 still sends its notices in working hours),
 * plus the pairing's moment. Never at night or on a weekend or holiday.
 */
export function deliverAt(ctx: LifecycleContext, timeZone: string, now: Date): Date {
  const configured = ctx.program.lifecycle.sendTime;
  const sendTime = configured < WORKING_DAY_STARTS ? WORKING_DAY_STARTS : configured;
  const holidays = ctx.program.nonWorkingDays ?? [];
  const next = nextSendTime(now, timeZone, sendTime, holidays, sendOffsetOf(ctx));
  const local = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  // Today is a working day when its send time is still today or already passed today.
  const today = nextSendTime(new Date(now.getTime() - 86_400_000 + 1), timeZone, sendTime, holidays);
  const sameDay = dateTimeFormat('en-CA', { timeZone }).format(today) === dateTimeFormat('en-CA', { timeZone }).format(now);
  if (sameDay && local >= sendTime && local < WORKING_DAY_ENDS) return now;
  return next;
}
