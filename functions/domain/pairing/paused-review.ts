import type { Round } from './model';

/**
 * A review kept open through a pause (decide.ts, keepAskedRound) is done at its deadline, answered
 * or not, as it is while the pair runs: whatever was answered is stored, and it is not asked again
 * after the pause. Each email stated that deadline ("you can answer it until …"); asked a second
 * time after the resume, a milestone review contradicted it (reported: a Day 30 review nobody
 * answered in a pause came back as the first question of the resume). Only a check-in nobody held is asked
 * again, as the pause email promises no missed meeting is counted.
 */
export function reviewDoneInPause(round: Pick<Round, 'kind'>): boolean {
  return round.kind === 'milestone' || round.kind === 'final-review';
}

/**
 * The deadline of the end-of-program review kept open through a pause, when it closes after the
 * pause ends (`pauseEndsAt`, the instant the pause ends for both people): the pairing completes when
 * that review closes (at this deadline, or once everyone asked has answered), not on the day the
 * pause ends. Undefined when no such review is open, or when it closes before the pause ends (the
 * pairing then completes as the pause ends: decide.ts, resume).
 */
export function finalReviewOutlasting(round: Pick<Round, 'kind' | 'closesAt'> | undefined, pauseEndsAt: string): string | undefined {
  if (round?.kind !== 'final-review') return undefined;
  return Date.parse(round.closesAt) > Date.parse(pauseEndsAt) ? round.closesAt : undefined;
}

/**
 * Whether the resume tells the pair: always, but for a pause that ends on its day with only the
 * end-of-program review open (the pause email named when the pairing ends, and a "welcome back"
 * would name that review as still to come). Ended early by the program team (`request`), the pause
 * email's day no longer holds: without an email nobody would know they are back.
 */
export function tellOfResume(onlyFinalReviewOpen: boolean, why: 'request' | 'date'): boolean {
  return !onlyFinalReviewOpen || why === 'request';
}
