import type { ParticipantStatus } from '../participant';
import { OPEN_TO_MATCHING } from '../rematch-policy';

/** What a proposed pair's start depends on, as read when it is about to start. */
export interface StartStanding {
  /** Undefined when the person is no longer stored (erased). */
  readonly mentor?: { readonly status: ParticipantStatus; readonly capacity: number };
  readonly mentee?: { readonly status: ParticipantStatus };
  /** Open pairings of the mentee, other than this pair's own. */
  readonly menteeOpen: number;
  /** Open pairings of the mentor, other than this pair's own. */
  readonly mentorOpen: number;
  /** The program's cap on mentees per mentor. */
  readonly maxMenteesPerMentor: number;
}

/**
 * Why a proposed pair cannot start now (someone left, the mentee was paired meanwhile, the mentor
 * is full), or undefined when it can. `taken` when a partner was taken by another run: the other
 * person is free, and fits others as well as before.
 */
export function whyPairCannotStart(s: StartStanding): { reason: string; taken: boolean } | undefined {
  if (!s.mentor || !OPEN_TO_MATCHING.includes(s.mentor.status)) return { reason: 'the mentor is no longer in the program', taken: false };
  if (!s.mentee || !OPEN_TO_MATCHING.includes(s.mentee.status)) return { reason: 'the mentee is no longer in the program', taken: false };
  if (s.menteeOpen > 0) return { reason: 'the mentee was paired by another run meanwhile', taken: true };
  if (s.mentorOpen >= Math.min(s.mentor.capacity, s.maxMenteesPerMentor)) return { reason: 'the mentor has no free place any more', taken: true };
  return undefined;
}
