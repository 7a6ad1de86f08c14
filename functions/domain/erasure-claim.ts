import { isErased, type ErasureMark } from './erasure';
import type { Participant } from './participant';

/**
 * Who owns an erasure (docs/admin-api.md, Data rights: erasure). The first tombstone written under
 * a mark claims the person for that erasure: every other caller, at once or later, joins it
 * instead of starting its own, so one person has one `erasureId`, one audit item and one last
 * email. A joiner of an erasure under way waits for its audit item and answers with it (so every
 * answer, and the audit, counts the erasure once: `awaitsErasureUnderWay`); one that finds it
 * unfinished for longer (a crash) repeats the work, which is safe, and finishes it. Whoever writes
 * the audit item first answers `erased`, everyone else `already-erased`.
 */

/** The erasure a caller works on, from the profile it read: a new one, or the one on the tombstone. */
export type ErasureToJoin = { readonly kind: 'new' } | { readonly kind: 'finished' | 'unfinished'; readonly mark: ErasureMark };

export function erasureToJoin(found: Participant): ErasureToJoin {
  if (!isErased(found)) return { kind: 'new' };
  return { kind: found.erasure.erasedAt ? 'finished' : 'unfinished', mark: found.erasure };
}

/**
 * What an erasure does with one of its enrolments as read now: tombstone it (still a profile),
 * erase it (a tombstone of this erasure), or leave it to the erasure whose tombstone it is.
 */
export type EnrolmentStep = 'tombstone' | 'ours' | 'theirs';

export function enrolmentStep(current: Participant, mark: ErasureMark): EnrolmentStep {
  if (!isErased(current)) return 'tombstone';
  return current.erasure.erasureId === mark.erasureId ? 'ours' : 'theirs';
}

/** How long an erasure is taken to be under way after it started (a few seconds of work); after that, a crash. */
export const ERASURE_UNDER_WAY_MS = 120_000;

/** Whether a caller that joined `mark` should wait for the caller doing it rather than repeat the work. */
export function awaitsErasureUnderWay(mark: Pick<ErasureMark, 'startedAt'>, now: Date): boolean {
  const started = Date.parse(mark.startedAt);
  return Number.isFinite(started) && now.getTime() - started < ERASURE_UNDER_WAY_MS;
}
