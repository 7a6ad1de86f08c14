import type { Round } from './model';

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
