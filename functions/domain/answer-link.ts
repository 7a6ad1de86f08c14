import type { AnswerProblem } from './answer-page';
import type { ReplyPurpose } from './replies';

/**
 * What an answer link (or a reply) to an admin question acts on once a reminder has asked the same
 * admin again. Pure: the caller loads the questions. Only a matching approval is asked again under
 * a new question (its first request's task times out into the reminder's); a pairing round's
 * reminder shares the round's question deadline, so its first email's link works as long anyway.
 */

/** What these rules read of a stored question (functions/adapters/reply-tokens.ts StoredQuestion). */
export interface AskedQuestion {
  readonly opaqueId: string;
  readonly purpose: ReplyPurpose;
  readonly programId: string;
  readonly recipientEmailHash: string;
  readonly closesAt: string;
  readonly choices: readonly string[];
  readonly usedAt?: string;
  readonly context?: Record<string, unknown>;
}

/** True when the question no longer takes answers at `now` (answered, or past its deadline). */
export function isClosed(q: Pick<AskedQuestion, 'usedAt' | 'closesAt'>, now: Date): boolean {
  return q.usedAt !== undefined || Date.parse(q.closesAt) <= now.getTime();
}

/** The matching run an approval question asks about: the family its reminder asks again in. */
export function approvalRunOf(q: Pick<AskedQuestion, 'purpose' | 'programId' | 'context'>): { programId: string; runId: string } | undefined {
  const runId = q.context?.runId;
  return q.purpose === 'approval' && typeof runId === 'string' ? { programId: q.programId, runId } : undefined;
}

/**
 * The question that took over from `q`: of the same run, to the same admin, closing later (the
 * reminder's), whether it is still open or not; the newest when there are several.
 */
export function successorOf<Q extends AskedQuestion>(q: Q, family: readonly Q[]): Q | undefined {
  const run = approvalRunOf(q);
  if (!run) return undefined;
  const later = family.filter((other) => {
    const theirs = approvalRunOf(other);
    return (
      theirs?.programId === run.programId &&
      theirs.runId === run.runId &&
      other.opaqueId !== q.opaqueId &&
      other.recipientEmailHash === q.recipientEmailHash &&
      Date.parse(other.closesAt) > Date.parse(q.closesAt)
    );
  });
  return later.sort((a, b) => Date.parse(b.closesAt) - Date.parse(a.closesAt))[0];
}

export type LinkOpening<Q> = { readonly question: Q } | { readonly refused: AnswerProblem; readonly reason: string };

type Link = { readonly choice: string; readonly expiresAt: string };

/** The link's own question when it can answer it now, or why not (the checks in this order). */
function ownOpening<Q extends AskedQuestion>(link: Link, linked: Q | undefined, now: Date): LinkOpening<Q> {
  if (now.getTime() >= Date.parse(link.expiresAt)) return { refused: 'expired', reason: 'token expired' };
  // The item outlives its deadline by a week (TTL); after that the link can only be expired.
  if (!linked) return { refused: 'closed', reason: 'question no longer stored' };
  if (!linked.choices.includes(link.choice)) return { refused: 'invalid', reason: 'choice not offered' };
  if (linked.usedAt !== undefined) return { refused: 'already-answered', reason: 'question answered' };
  if (isClosed(linked, now)) return { refused: 'closed', reason: 'question closed' };
  return { question: linked };
}

/**
 * What `/r/{token}` opens. Its own question while that is open and the link unexpired. Once it
 * closed unanswered because the reminder asked the same admin again, the reminder's question, as a
 * reply to the same email does: the email's link keeps its promise until the decision itself
 * closes, and says "already answered" once the decision is made under the reminder. Nothing else
 * revives a link: any other refusal stays what it was.
 *
 * `link`: the token (signature checked, expiry not); `linked`: its question, if still stored;
 * `family`: the questions of its approval run (empty for any other question).
 */
export function openAnswerLink<Q extends AskedQuestion>(input: {
  readonly link: Link;
  readonly linked: Q | undefined;
  readonly family: readonly Q[];
  readonly now: Date;
}): LinkOpening<Q> {
  const { link, linked, now } = input;
  const own = ownOpening(link, linked, now);
  // Only a question that closed unanswered (by its deadline) can have been asked again.
  if ('question' in own || !linked || linked.usedAt !== undefined || !linked.choices.includes(link.choice)) return own;
  const successor = successorOf(linked, input.family);
  if (!successor?.choices.includes(link.choice)) return own;
  if (successor.usedAt !== undefined) return { refused: 'already-answered', reason: 'answered under the reminder' };
  return isClosed(successor, now) ? own : { question: successor };
}
