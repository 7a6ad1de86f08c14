import type { WaitlistCode } from './emails';
import { isTerminal, type Pairing } from './pairing/model';

/**
 * Why someone a matching run leaves unmatched waits, as their waitlist email tells it (docs/emails.md,
 * `waitlisted`). A run's own finding (nobody fits, every partner is taken, nobody on the other side)
 * is the truth about this run, but not the whole truth for someone whose last pairing ended before
 * any of its emails reached them: they may have been told "You are off the waitlist: we have found
 * you a partner ... your introduction follows", and that introduction was cancelled when the
 * partner left (STOP, ERASE, a departure) or declined first. "We have not found a partner for you
 * yet" would then contradict what they last read, with no word about the partner (QA promises4).
 * They are told instead that the partner found for them could not start with them after all
 * (`partner-unavailable`), and that they wait, first in line.
 */

/** An email a pairing decided (its outbox entry): for which member, and whether it went, is still to go, or was dropped. */
export interface DecidedEmail {
  readonly toParticipant?: string;
  readonly status: 'pending' | 'sent' | 'cancelled';
}

/** Codes that say only what this run found; a review's rejection is news of its own and is kept. */
const RUN_FINDINGS: readonly WaitlistCode[] = ['no-eligible-partner', 'capacity', 'no-partners-in-cohort'];

/** Whether a run's code may give way to `partner-unavailable`: only then do a lost pairing's emails matter. */
export function isRunFinding(code: WaitlistCode): boolean {
  return RUN_FINDINGS.includes(code);
}

/** A person's latest pairing (by creation) when it has ended: the one that may have left them without the partner they were found. */
export function lastEndedPairing<P extends Pick<Pairing, 'pairingId' | 'status' | 'createdAt'>>(pairings: readonly P[]): P | undefined {
  const latest = [...pairings].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.pairingId.localeCompare(b.pairingId)).at(-1);
  return latest && isTerminal(latest.status) ? latest : undefined;
}

/**
 * Whether none of a pairing's emails reached this person, nor will: they never heard of it (their
 * introduction had not gone out when it ended, so the lifecycle told them nothing of its end).
 */
export function neverReached(participantId: string, emails: readonly DecidedEmail[]): boolean {
  return !emails.some((e) => e.toParticipant === participantId && e.status !== 'cancelled');
}

/**
 * The code and the admins' reason for an unmatched person's waitlist entry. `lost`: their latest
 * pairing, when it has ended, with the emails it decided. When that pairing never reached them and
 * the run found only that nobody is free for them now, they wait as `partner-unavailable`.
 */
export function whyUnmatchedWaits<C extends WaitlistCode>(
  unmatched: { readonly participantId: string; readonly name: string; readonly code: C; readonly reason: string },
  lost?: { readonly pairingId: string; readonly emails: readonly DecidedEmail[] },
): { code: C | 'partner-unavailable'; reason: string } {
  const { participantId, name, code, reason } = unmatched;
  if (!lost || !isRunFinding(code) || !neverReached(participantId, lost.emails)) return { code, reason };
  return {
    code: 'partner-unavailable',
    reason: `${name}'s partner could not start with them: pairing ${lost.pairingId} ended before its introduction reached ${name}. This run found nobody else (${reason}); they wait, first in line, for the next matching run.`,
  };
}

/**
 * Who an end without a rematch (the admins' or HR's) puts on the waitlist: each person it leaves
 * who never heard of the pairing (their introduction had not gone out, so no end email reaches
 * them either). They are not put back in the pool in silence (QA events5: told "You are off the
 * waitlist ... your introduction follows", they waited for it): they wait, first in line, as a run
 * leaves someone whose found partner was lost (`partner-unavailable`), and their waitlist email is
 * their news. None when the end offers a new partner (that rematch says what becomes of them,
 * `whyUnmatchedWaits`), nor once the program has closed.
 */
export function waitlistedByEnd(
  end: { readonly pairingId: string; readonly rematch: boolean; readonly programClosed: boolean },
  unheard: readonly { readonly participantId: string; readonly name: string }[],
): { participantId: string; code: 'partner-unavailable'; reason: string }[] {
  if (end.rematch || end.programClosed) return [];
  return unheard.map(({ participantId, name }) => ({
    participantId,
    code: 'partner-unavailable',
    reason: `${name}'s partner could not start with them: pairing ${end.pairingId} ended before its introduction reached ${name}. They wait, first in line, for the next matching run.`,
  }));
}
