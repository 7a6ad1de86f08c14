import { deadlineAfter, localDate, pauseEndsAt } from '../schedule';
import { openNotBefore, person, sendTimeFor, upcoming, type LifecycleContext } from './context';
import { nextSeries, type PersonMoved } from './meeting';
import { PERSON_SIDES, type Pairing, type PersonSide } from './model';
import { resumedState } from './resumed';

/**
 * When the end-of-program review, which ends the pairing, reaches `side`, as the lifecycle will
 * ask it (decide.ts, activeStep): each plan item left opens on its day, never before the round
 * before it has closed (openNotBefore: the deadline of that round, the pair's first meeting), and
 * is sent at each person's send time (askPeople); several check-ins due at once are asked once,
 * as the latest of them. So a last check-in whose answer window runs past the plan's end day holds
 * the review back to the morning after its deadline, and the day named is that one, not the plan's.
 * A paused pairing's is worked out as the resume on its day will leave it (asResumed), a pause
 * booked for later days included. Undefined for a pairing not running on its plan (not accepted
 * yet, a pause without a known end) or whose review has been asked already. A round open now (the
 * admins' decision, the fit check included) holds the plan until its own deadline: the review is
 * never named before that.
 */
function finalReviewDay(given: LifecycleContext, stored: Pairing, side: PersonSide): string | undefined {
  const resumed = asResumed(given, stored);
  if (!resumed) return undefined;
  const { ctx, pairing } = resumed;
  if (pairing.status !== 'active' || pairing.finalReviewAskedAt !== undefined) return undefined;
  const round = pairing.round;
  if (round?.kind === 'final-review') return undefined;
  const { lifecycle } = ctx.program;
  const zones = PERSON_SIDES.map((s) => person(ctx, s).timeZone);
  // As the pairing will be once the round open now has closed: its plan item done, its deadline the bound.
  let state: Pairing = round
    ? {
        ...pairing,
        round: undefined,
        previousRoundClosesAt: round.closesAt,
        ...(round.planOffsetMs !== undefined ? { planDoneMs: round.planOffsetMs } : {}),
        ...(round.kind === 'check-in' ? { lastCheckInAskedAt: pairing.lastCheckInAskedAt ?? round.dueAt } : {}),
      }
    : pairing;
  let bound = openNotBefore(state);
  for (let guard = 0; guard < 1000; guard++) {
    const items = upcoming(ctx, state);
    const first = items[0];
    if (!first) return undefined;
    const opensAt = Math.max(first.dueAt.getTime(), ctx.now.getTime(), bound);
    if (first.kind === 'final-review') return sendTimeFor(ctx, side, new Date(opensAt)).toISOString();
    let i = 0;
    const dueCheckIn = (n: number) => items[n]?.kind === 'check-in' && items[n]!.dueAt.getTime() <= opensAt;
    while (dueCheckIn(i) && dueCheckIn(i + 1)) i++;
    const item = items[i]!;
    const lastSend = Math.max(...PERSON_SIDES.map((s) => sendTimeFor(ctx, s, new Date(opensAt)).getTime()));
    const closesAt = deadlineAfter(lastSend, lifecycle.checkInAnswerWindowDays, zones, ctx.program.nonWorkingDays ?? []);
    state = {
      ...state,
      planDoneMs: item.offsetMs,
      previousRoundClosesAt: closesAt,
      ...(item.kind === 'check-in' ? { lastCheckInAskedAt: new Date(opensAt).toISOString() } : {}),
    };
    bound = openNotBefore(state);
  }
  return undefined;
}

/**
 * When a paused pairing resumes (decide.ts, pauseEndsNow): for a pause until a day, when that day
 * has begun for both people in the zones they have now; otherwise the instant stored.
 */
export function resumesAt(ctx: LifecycleContext, pairing: Pairing): number | undefined {
  const { pausedUntil, pausedUntilDay } = pairing;
  if (pausedUntilDay)
    return pauseEndsAt(
      pausedUntilDay,
      PERSON_SIDES.map((s) => person(ctx, s).timeZone),
    ).getTime();
  return pausedUntil ? Date.parse(pausedUntil) : undefined;
}

/**
 * A paused pairing as its resume on its day leaves it (decide.ts, resume): running again, its plan
 * shifted by the whole pause, its series made again from then (a review kept open through the
 * pause needs none), the context's clock at that moment. A running pairing is as it is; a pause
 * without a known end, undefined. A pause booked for later days is read as the resume reads it
 * (bookedAtResume): kept when its days begin after the resume (the plan then moves by it too, as
 * while running), or carried on to its last day, the resume coming then.
 */
function asResumed(ctx: LifecycleContext, pairing: Pairing): { ctx: LifecycleContext; pairing: Pairing } | undefined {
  if (pairing.status !== 'paused') return { ctx, pairing };
  const at = resumesAt(ctx, pairing);
  if (at === undefined) return undefined;
  const { resumeAt, pairing: paused } = bookedAtResume(ctx, pairing, Math.max(at, ctx.now.getTime()));
  const now = new Date(resumeAt);
  const running = resumedState(paused, now);
  const then = { ...ctx, now };
  const meetingSlot = pairing.round?.kind === 'final-review' ? { found: false as const } : nextSeries(then, running, now.toISOString());
  return { ctx: then, pairing: { ...running, meetingSlot } };
}

/**
 * A pause booked for later days when the pause under way ends at `at` (decide.ts, resume): days not
 * begun by then stay booked (the pairing resumes at `at`, the booking ahead); days begun carry the
 * pause on to the booking's last day, when that day has begun for both in the zones they have now
 * (changePause, then the resume), the booking spent; days over by then are spent with the pause.
 */
function bookedAtResume(ctx: LifecycleContext, pairing: Pairing, at: number): { resumeAt: number; pairing: Pairing } {
  const booked = pairing.pauseBooked;
  if (!booked || Date.parse(booked.startsAt) > at) return { resumeAt: at, pairing };
  const spent = { ...pairing, pauseBooked: undefined };
  if (Date.parse(booked.endsAt) <= at) return { resumeAt: at, pairing: spent };
  const zones = PERSON_SIDES.map((s) => person(ctx, s).timeZone);
  return { resumeAt: Math.max(at, pauseEndsAt(booked.untilDay, zones).getTime()), pairing: spent };
}

/**
 * Whether the resume of a paused pairing leaves no check-in or milestone review to ask before its
 * end-of-program review (HR shortened the program to the pause or before it): the review is then
 * what comes after the pause.
 */
export function onlyReviewAfterPause(ctx: LifecycleContext, pairing: Pairing): boolean {
  const resumed = pairing.status === 'paused' ? asResumed(ctx, pairing) : undefined;
  if (!resumed) return false;
  const round = resumed.pairing.round;
  // The round kept open through the pause was asked already: not one to come.
  const left = upcoming(resumed.ctx, resumed.pairing).filter((i) => !(round && i.kind === round.kind && i.label === round.label));
  return !left.some((i) => i.kind !== 'final-review');
}

/**
 * What an email of HR's schedule change says of the pairing's end (emails/format.ts, NextQuestion
 * `pairingEndsOn`): the day its end-of-program review reaches the reader (finalReviewDay), so that
 * a pairing shortened or lengthened mid-run is told its new end (QA: two months instead of six, and
 * only the calendar's UNTIL said so). Nothing for a change of one of the pair (`moved`: their zone
 * or hours move no end), unless `ending`: the email then says the review comes next, and names its day.
 */
export function endAsScheduled(
  ctx: LifecycleContext,
  pairing: Pairing,
  side: PersonSide,
  moved: readonly PersonMoved[] = [],
  ending = false,
): { pairingEndsOn?: string } {
  if (moved.length > 0 && !ending) return {};
  const on = finalReviewDay(ctx, pairing, side);
  return on === undefined ? {} : { pairingEndsOn: on };
}

/**
 * Whether HR's change of the schedule (`before`: the context on the settings before it) moved the
 * day the end-of-program review reaches `side`, in their zone: a pair whose next question stays
 * where it was is still told its new end (QA: a pair without a meeting series, shortened from six
 * months to two, was told nothing). A paused pairing's end is the one its resume brings (asResumed).
 * Not for a pairing whose end is not planned (finalReviewDay: not running, or in that review already).
 */
export function endMoved(before: LifecycleContext, ctx: LifecycleContext, pairing: Pairing, side: PersonSide): boolean {
  const zone = person(ctx, side).timeZone;
  const dayOf = (c: LifecycleContext) => {
    const on = finalReviewDay(c, pairing, side);
    return on === undefined ? undefined : localDate(new Date(on), zone);
  };
  const now = dayOf(ctx);
  return now !== undefined && now !== dayOf(before);
}
