import type { ProgramContext } from '../emails/types';
import { DEFAULT_SEND_WINDOW_MINUTES } from '../program';
import { programClosed } from '../rematch-policy';
import { canonical } from '../program-changes';
import type { LifecycleContext } from './context';
import type { DatesBasis, EmailIntent } from './decision';
import type { Pairing, PairingStatus, Round } from './model';

/**
 * Whether an email decided earlier still holds when it is due (the outbox asks, with the pairing
 * and the program as they stand then): news that no longer holds, or a date that has moved, is
 * dropped unsent rather than sent wrong (docs/lifecycle.md, When emails go).
 */

/**
 * What the dates of the pair's next questions are decided from (context.ts, nextQuestionFor): the
 * program's schedule and the time the pairing has spent paused, which shifts its plan.
 */
export function datesBasis(ctx: Pick<LifecycleContext, 'program'>, pairing: Pick<Pairing, 'pausedMs' | 'pausedUntil' | 'pauseBooked'>): DatesBasis {
  const { program } = ctx;
  const { durationMonths, checkInCadenceDays, milestoneDays, sendTime, sendWindowMinutes } = program.lifecycle;
  const holidays = [...new Set(program.nonWorkingDays ?? [])].sort();
  return {
    schedule: JSON.stringify([
      durationMonths,
      checkInCadenceDays,
      milestoneDays ?? null,
      sendTime,
      sendWindowMinutes ?? DEFAULT_SEND_WINDOW_MINUTES,
      program.timeZone,
      holidays,
    ]),
    pausedMs: pairing.pausedMs ?? 0,
    ...(pairing.pausedUntil ? { pausedUntil: pairing.pausedUntil } : {}),
    ...(pairing.pauseBooked ? { booked: `${pairing.pauseBooked.startsAt}/${pairing.pauseBooked.endsAt}` } : {}),
  };
}

type PlanSettings = Pick<LifecycleContext['program'], 'lifecycle' | 'timeZone' | 'nonWorkingDays'> & { readonly workingHours?: unknown };

/**
 * Every program setting the pair's next dates are decided from (context.ts, nextQuestionFor), kept
 * on the pairing (`planSettings`) so that the dates they gave can be worked out again after HR
 * changes them (onPlanSettings).
 */
export function planSettings(ctx: Pick<LifecycleContext, 'program'>): string {
  const program = ctx.program as PlanSettings;
  return canonical({
    lifecycle: program.lifecycle,
    timeZone: program.timeZone,
    nonWorkingDays: program.nonWorkingDays ?? [],
    workingHours: program.workingHours ?? null,
  });
}

/** The context as it stood on the settings `stored` (planSettings): undefined if they cannot be read. */
export function onPlanSettings<C extends Pick<LifecycleContext, 'program'>>(ctx: C, stored: string): C | undefined {
  try {
    const was = JSON.parse(stored) as Partial<PlanSettings> & { workingHours?: unknown };
    if (typeof was !== 'object' || was === null || typeof was.lifecycle !== 'object' || typeof was.timeZone !== 'string') return undefined;
    const { workingHours, ...rest } = was;
    return {
      ...ctx,
      program: { ...ctx.program, ...rest, ...(workingHours ? { workingHours } : {}) },
    };
  } catch {
    return undefined;
  }
}

/**
 * An email that names a date the schedule decides (the next check-in or review, the end-of-program
 * review) goes only while that date holds: the pairing still runs, on the schedule and with the
 * time paused it was decided on. A pause, an end, a pause and resume or HR's change of the schedule
 * before it goes drops it. One that names no such date is left as it is. The day of the end-of-program
 * review to come (`finalReviewNextOn`) counts only for an email whose words name it
 * (`namesFinalReviewDay`: the last check-in's nudge); the last check-in's thanks says only that the
 * review comes next, which a pause does not make untrue.
 */
export function whileDatesHold(
  ctx: Pick<LifecycleContext, 'program'>,
  pairing: Pick<Pairing, 'pausedMs' | 'pauseBooked'>,
  email: EmailIntent,
  { namesFinalReviewDay = false } = {},
): EmailIntent {
  const finalReviewDay = namesFinalReviewDay && email.input.finalReviewNextOn !== undefined;
  if (email.input.nextCheckIn === undefined && email.input.finalReviewOn === undefined && !finalReviewDay) return email;
  return { ...email, sendWhile: ['active'], sendWhileDates: datesBasis(ctx, pairing) };
}

/** Whether two bases give the same dates: the same schedule, the same time paused and the same pause booked. */
const sameDates = (a: DatesBasis, b: DatesBasis) => a.schedule === b.schedule && a.pausedMs === b.pausedMs && a.booked === b.booked;

export function stillHolds(email: EmailIntent, now: { readonly status: PairingStatus; readonly dates: DatesBasis }): boolean {
  if (email.cancelIfEnded && (now.status === 'ended' || now.status === 'not-started')) return false;
  if (email.sendWhile !== undefined && !email.sendWhile.includes(now.status)) return false;
  if (email.sendWhilePausedUntil !== undefined && email.sendWhilePausedUntil !== now.dates.pausedUntil) return false;
  if (email.sendWhileBooked !== undefined && email.sendWhileBooked !== (now.dates.booked ?? '')) return false;
  const decided = email.sendWhileDates;
  return decided === undefined || sameDates(decided, now.dates);
}

/**
 * The resume email goes whatever happens before its reader's working hours (it is their news, and
 * it carries the series): it keeps the dates it was decided on, to be dropped from it at send time
 * if they have moved (withDatesAsTheyStand).
 */
export function datesMayMove(ctx: Pick<LifecycleContext, 'program'>, pairing: Pick<Pairing, 'pausedMs' | 'pauseBooked'>, email: EmailIntent): EmailIntent {
  return { ...email, datesDecidedOn: datesBasis(ctx, pairing) };
}

/**
 * The email as it goes now: one whose dates were decided on a schedule HR has changed since (or a
 * pause time that has changed) names none of them, and says the next email will (`datesMoved`).
 */
export function withDatesAsTheyStand(email: EmailIntent, now: DatesBasis): EmailIntent {
  const decided = email.datesDecidedOn;
  if (decided === undefined || sameDates(decided, now)) return email;
  const { nextCheckIn: _next, nextReview: _review, fitCheck: _fit, openCheckIn: _open, finalReviewOn: _final, ...input } = email.input;
  return { ...email, input: { ...input, datesMoved: true } };
}

/**
 * The pause and end emails tell a reader who has not answered yet that their question is still
 * open, and until when. Held for working hours, such an email may go after that deadline, or after
 * they answered: the sentence then goes only while it is true (the same round still open, its
 * deadline ahead, their answer not in), and is left out otherwise.
 */
export function withOpenQuestionAsItStands(email: EmailIntent, round: Round | undefined, now: Date): EmailIntent {
  const open = email.openQuestion;
  const until = email.input.openQuestionUntil;
  if (open === undefined || until === undefined) return email;
  if (round?.key === open.round && !round.answers[open.side] && Date.parse(round.closesAt) > now.getTime()) return email;
  const { openQuestionUntil: _closed, ...input } = email.input;
  return { ...email, input };
}

/**
 * The program as the email's reader finds it when it goes (`to.sentAt`, set by its sender:
 * emails/footer.ts, recipientNow): one decided before the program closed (`program.closing`) and
 * sent after offers no new partner, as a REMATCH would then bring none (QA: a pause email held for
 * the reader's morning arrived the day after the program closed, its footer still promising
 * "both of you are offered someone new"). The footer's other facts are set as the email goes too
 * (recipientNow, `allPaused`).
 */
export function withProgramAsItStands(input: Record<string, unknown>): Record<string, unknown> {
  const program = input.program as ProgramContext | undefined;
  const sentAt = (input.to as { sentAt?: unknown } | undefined)?.sentAt;
  if (!program?.closing || program.closed || typeof sentAt !== 'string' || Number.isNaN(Date.parse(sentAt))) return input;
  return programClosed(program.closing, new Date(sentAt)) ? { ...input, program: { ...program, closed: true } } : input;
}
