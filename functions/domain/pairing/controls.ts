import { planEnd, type LifecycleContext } from './context';
import type { ControlKind, ControlRequest, Pairing, PairingStatus } from './model';
import { isTerminal } from './model';
import { localDate } from '../schedule';

/** End and departure outrank a pause, which outranks a resume. */
export const CONTROL_PRIORITY: Readonly<Record<ControlKind, number>> = { left: 3, end: 3, pause: 2, resume: 1 };

/** What the pending requests come to, acted on in one step. */
export type ControlOutcome =
  | { readonly action: 'none' }
  | { readonly action: 'end'; readonly request: ControlRequest }
  | { readonly action: 'pause'; readonly request: ControlRequest }
  | { readonly action: 'resume'; readonly request: ControlRequest }
  | { readonly action: 'cancel-booking'; readonly request: ControlRequest };

/**
 * Folds the requests that arrived since the last step, in arrival order. An end or a departure
 * wins over everything, whenever it arrived; otherwise the last pause or resume says where the
 * pairing should be (a resume after a pause in the same minute resumes; a pause after a resume
 * pauses). A request that does not fit the status (resume of an active pairing, pause before the
 * pair accepted) changes nothing, except that a resume of an active pairing with a pause booked for
 * later (`booked`) cancels the booking.
 */
export function applyControls(status: PairingStatus, requests: readonly ControlRequest[], booked = false): ControlOutcome {
  if (isTerminal(status) || requests.length === 0) return { action: 'none' };
  // A departure is a fact, an end request a wish: when both reach one step (HR's ParticipantLeft
  // and an admin's end, in whichever order they were recorded), the pairing ends as the departure
  // ends it, so the partner is told their partner left and is rematched (QA events9).
  const ending = requests.find((r) => r.kind === 'left') ?? requests.find((r) => CONTROL_PRIORITY[r.kind] === 3);
  if (ending) return { action: 'end', request: ending };
  const last = requests.at(-1)!;
  if (last.kind === 'pause' && status === 'active') return { action: 'pause', request: last };
  // A second PAUSE with a date during a pause moves the resume date (the pause email offers it).
  if (last.kind === 'pause' && status === 'paused' && last.until !== undefined) return { action: 'pause', request: last };
  if (last.kind === 'resume' && status === 'paused') return { action: 'resume', request: last };
  if (last.kind === 'resume' && status === 'active' && booked) return { action: 'cancel-booking', request: last };
  // A pause then a resume of an active pairing (or the reverse of a paused one) nets out.
  return { action: 'none' };
}

/**
 * The pauses members asked for by reply that an end acting in the same step overrules (applyControls:
 * the end wins): each member's last one, unless a resume came after it (that called it off). HR's
 * and the admins' pauses name nobody and say nothing of anyone being away. Whoever asked is still
 * away, ended pairing or not: no new partner is matched with them before the day their pause would
 * have ended (decide.ts, endEarly), as for a NO with a return date (rematch-policy.ts, `availableFrom`).
 */
export function pausesOverruled(requests: readonly ControlRequest[]): readonly ControlRequest[] {
  const byMember = new Map<string, ControlRequest>();
  for (const request of requests) {
    if (request.kind === 'resume') byMember.clear();
    else if (request.kind === 'pause' && request.participantId !== undefined) byMember.set(request.participantId, request);
  }
  return [...byMember.values()];
}

/** A pairing that has not started: both must accept their introduction first, and until then there is nothing to pause. */
const NOT_STARTED: readonly PairingStatus[] = ['proposed', 'introduced'];

/**
 * Why a pairing cannot take a pause because it has not started yet, in words for whoever asked (an
 * admin through the API, HR's system through its dead letter), or undefined when that is not why.
 * The lifecycle would only drop such a pause (applyControls), so it is refused where it arrives.
 * Ended pairings are each caller's own case: the API refuses them, an event is a harmless replay.
 */
export function pauseBeforeStart(pairing: { readonly pairingId: string; readonly status: PairingStatus }): string | undefined {
  if (!NOT_STARTED.includes(pairing.status)) return undefined;
  return `Pairing ${pairing.pairingId} has not started yet (${pairing.status}: both must accept first), so there is nothing to pause. End it instead, or pause it once it is active.`;
}

/**
 * Today's date where the day began last on Earth (UTC-12): a day after it is still ahead for
 * someone. Whoever writes "PAUSE until 5 February" on the evening of 4 February in Los Angeles
 * (already 5 February in UTC) means tomorrow.
 */
export function latestToday(now: Date): string {
  return new Date(now.getTime() - 12 * 3_600_000).toISOString().slice(0, 10);
}

/** Today's date for someone in `timeZone` (in UTC when their zone is not known). */
export function todayFor(now: Date, timeZone?: string): string {
  return timeZone ? localDate(now, timeZone) : now.toISOString().slice(0, 10);
}

/**
 * A pause "until" a day (YYYY-MM-DD) that is today or past for the person asking (their own day
 * when their zone is known: at 21:30 in Los Angeles on 4 February, "until 5 February" is
 * tomorrow): refused, since it would be a silent one-day pause. The reply reader and the admin API
 * check it; the control handler checks only that the day has begun nowhere (`latestToday`), so an
 * accepted request is never refused later.
 */
export function pauseDayHasPassed(until: string, now: Date, timeZone?: string): boolean {
  return until <= todayFor(now, timeZone);
}

/**
 * A pause "until" a day after the program's last day (its `endDate`), or after the pairing's own
 * planned end when that comes later (a pair matched near the program's end runs its whole length):
 * a typo (2028 for 2027) that would keep the pair paused long after the program is over (QA
 * hrops5). Undefined when the day is fine, or the program has no end date.
 */
export interface PauseBeyondEnd {
  /** The last day (YYYY-MM-DD) a pause may last until. */
  readonly lastDay: string;
  readonly programEndDate: string;
  /** True when that last day is the pairing's planned end, later than the program's end date. */
  readonly pairingEndsLater: boolean;
}

export function pauseBeyondEnd(until: string, program: LifecycleContext['program'], pairing: Pairing): PauseBeyondEnd | undefined {
  const programEndDate = program.endDate;
  if (programEndDate === undefined) return undefined;
  const ends = plannedEndDay(program, pairing);
  const pairingEndsLater = ends !== undefined && ends > programEndDate;
  const lastDay = pairingEndsLater ? ends : programEndDate;
  return until > lastDay ? { lastDay, programEndDate, pairingEndsLater } : undefined;
}

/**
 * The last day a PAUSE from this person may run to, for an email that answers them outside their
 * pairings' own emails (a reply's notice, the standing address's help): the earliest such day of
 * their pairings running in `program`, so that an example it gives is taken by whichever pairing
 * the PAUSE reaches (emails/pause-example.ts). Undefined without one (none running, or a program
 * without an end date): nothing bounds a pause then.
 */
export function lastPauseDayOf(program: LifecycleContext['program'], pairings: readonly Pairing[]): string | undefined {
  const days = pairings
    .filter((p) => p.programId === program.programId && (p.status === 'active' || p.status === 'paused'))
    .map((p) => pauseBeyondEnd('9999-12-31', program, p)?.lastDay)
    .filter((d): d is string => d !== undefined)
    .sort();
  return days[0];
}

/**
 * Why a pause until that day is refused, in one wording for the admin API's 400 and an HR system's
 * dead-lettered event: the last day it may run to, and what to do instead.
 */
export function pauseBeyondEndProblem(pairingId: string, until: string, beyond: PauseBeyondEnd): string {
  const why = beyond.pairingEndsLater
    ? `it comes to its end on ${beyond.lastDay}, after the program's end date (${beyond.programEndDate})`
    : `the program ends on ${beyond.programEndDate}`;
  return `Pairing ${pairingId} cannot be paused until ${until}: ${why}. Send an "until" on or before ${beyond.lastDay} (check the year), or end the pairing if it cannot go on.`;
}

/** The "until" field's issue beside that problem. */
export function pauseBeyondEndIssue(beyond: PauseBeyondEnd): string {
  return beyond.pairingEndsLater
    ? `must not be after the pairing's end (${beyond.lastDay})`
    : `must not be after the program's end date (${beyond.programEndDate})`;
}

/**
 * The day (UTC, as the admin API names a pairing's end) a running pairing comes to its end as planned
 * now: a pause under way moves it by that pause's length, as the resume will. Its end-of-program
 * review, once open, runs to its deadline, which may come after both (QA time7: a PAUSE in the
 * review was refused, naming a last day already passed). Undefined before it starts.
 */
function plannedEndDay(program: LifecycleContext['program'], pairing: Pairing): string | undefined {
  if (pairing.status !== 'active' && pairing.status !== 'paused') return undefined;
  const end = planEnd({ program }, pairing).getTime();
  const pausedFor = pairing.status === 'paused' && pairing.pausedAt && pairing.pausedUntil ? Date.parse(pairing.pausedUntil) - Date.parse(pairing.pausedAt) : 0;
  const planned = end + (Number.isFinite(pausedFor) ? Math.max(0, pausedFor) : 0);
  const review = pairing.round?.kind === 'final-review' ? Date.parse(pairing.round.closesAt) : Number.NaN;
  return new Date(Number.isFinite(review) ? Math.max(planned, review) : planned).toISOString().slice(0, 10);
}
