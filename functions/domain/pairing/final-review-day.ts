import { deadlineAfter, localDate } from '../schedule';
import { openNotBefore, person, sendTimeFor, upcoming, type LifecycleContext } from './context';
import type { PersonMoved } from './meeting';
import { PERSON_SIDES, type Pairing, type PersonSide } from './model';

/**
 * When the end-of-program review, which ends the pairing, reaches `side`, as the lifecycle will
 * ask it (decide.ts, activeStep): each plan item left opens on its day, never before the round
 * before it has closed (openNotBefore: the deadline of that round, the pair's first meeting), and
 * is sent at each person's send time (askPeople); several check-ins due at once are asked once,
 * as the latest of them. So a last check-in whose answer window runs past the plan's end day holds
 * the review back to the morning after its deadline, and the day named is that one, not the plan's.
 * Undefined for a pairing not running on its plan (not accepted yet, paused: the resume shifts it)
 * or whose review has been asked already. A round open now (the admins' decision, the fit check
 * included) holds the plan until its own deadline: the review is never named before that.
 */
function finalReviewDay(ctx: LifecycleContext, pairing: Pairing, side: PersonSide): string | undefined {
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
 * months to two, was told nothing). Not for a pairing whose end is not planned (finalReviewDay:
 * not running, paused, or in that review already).
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
