import { isErased, type ErasureMark } from './erasure';
import type { Participant } from './participant';

/**
 * Who owns an erasure (docs/admin-api.md, Data rights: erasure). The first tombstone written under
 * a mark claims the person for that erasure: every other caller, at once or later, joins it
 * instead of starting its own, so one person has one `erasureId`, one audit item and one last
 * email. A joiner may repeat the work (it is safe to repeat, and finishes an erasure that crashed);
 * whoever writes the audit item first answers `erased`, everyone else `already-erased`.
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
