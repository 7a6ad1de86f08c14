import type { PairingStatus } from '../pairing/model';
import type { PastPair } from './rules';

/**
 * A pairing two people of this cohort had with each other in another program, found by the person
 * across programs (the same employee id, else the same address: domain/same-person.ts, as HR's
 * ParticipantLeft finds them). Ids are the two people's ids in this program; the roles may have
 * been the other way round there (the rules block a past pair both ways).
 */
export interface PairedElsewhere extends PastPair {
  readonly programName: string;
  readonly status: PairingStatus;
  /** For an ended pairing: its end reason code (never a note). */
  readonly endReason?: string;
}

/**
 * Ends that said this pair does not work: one of them found it not a fit (the fit check's no, an
 * exit through the concern channel), asked to end it or for another partner, or the program team
 * ended it. Such a pair is never proposed again, in any program; every other outcome (completed, a
 * departure, a reporting line or department that changed, a pairing that never started) may be.
 */
export const NEVER_AGAIN_REASONS: readonly string[] = [
  'not-a-fit',
  'participant-request',
  'participant-rematch',
  'admin-decision',
  'admin-rematch',
  'not-meeting',
  'circumstances-changed',
];

export function neverPairAgain(h: PairedElsewhere): boolean {
  return h.status === 'ended' && NEVER_AGAIN_REASONS.includes(h.endReason ?? '');
}

const OUTCOME: Partial<Record<PairingStatus, string>> = {
  completed: 'it completed',
  ended: 'it ended early',
  'not-started': 'it never started',
};

/** For the admins only: "were partners before, in Program A (it completed)", one line per earlier pairing. */
export function partnersBeforeNote(
  history: readonly PairedElsewhere[],
  mentorId: string,
  menteeId: string,
  names: { mentor: string; mentee: string },
): string | undefined {
  const theirs = history.filter((h) => samePair(h, mentorId, menteeId) && !neverPairAgain(h));
  if (theirs.length === 0) return undefined;
  const where = theirs.map((h) => `${h.programName} (${OUTCOME[h.status] ?? 'it is still running'})`).join(', ');
  return `${names.mentor} and ${names.mentee} were partners before, in ${where}`;
}

function samePair(h: PastPair, a: string, b: string): boolean {
  return (h.mentorId === a && h.menteeId === b) || (h.mentorId === b && h.menteeId === a);
}
