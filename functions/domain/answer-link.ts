import type { Decided, Settlement } from './admin-answer';
import type { AnswerProblem } from './answer-page';
import { emailKey } from './participant';
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

/** The questions of a matching run or a decision round put to the program's admins (one each). */
const ADMIN_PURPOSES: ReadonlySet<ReplyPurpose> = new Set(['approval', 'admin-decision']);

/** True for a question put to the program's admins: one answer settles it for all of them. */
export function isAdminQuestion(q: Pick<AskedQuestion, 'purpose'>): boolean {
  return ADMIN_PURPOSES.has(q.purpose);
}

/** What these rules read of one admin's question of the same run or round (StoredQuestion). */
export interface FellowQuestion {
  readonly opaqueId: string;
  readonly recipientEmail: string;
  readonly usedAt?: string;
}

/**
 * Who answered an admin question first, as the admin who opens a link to it reads it, and what was
 * decided: the same facts the reply path tells a late admin (domain/admin-answer.ts), with the
 * other admin named by their address, as the program stores its admins.
 */
export interface SettledAnswer {
  readonly at: string;
  /** `nobody`: it closed in silence at its deadline, and the question's own rule decided. */
  readonly by: 'you' | 'another-admin' | 'admin-api' | 'nobody';
  /** `another-admin`: their address, when the question that took the answer is known. */
  readonly admin?: string;
  readonly decision: Decided;
  readonly pausedUntil?: string;
  readonly pausedFrom?: string;
  /** A decision round: its pairing, so that the page can name the admin API routes for it. */
  readonly pairingId?: string;
}

/**
 * Who settled `question` and how, from its settlement (decisionSettlement or the approval's
 * `settled`, read as the reply path reads them) and the questions of its run or round (`fellows`).
 * The question that took the answer is the one the settlement names, else, for a decision round
 * (which records one answer for all its admins), the one of the round that keeps an answer; a
 * matching run's audit (`approvedBy`) names the approver when it has one. Undefined while nothing
 * settled it.
 */
export function settledAnswerOf(
  question: { readonly opaqueId: string; readonly recipientEmail: string; readonly pairingId?: string },
  settlement: Settlement | undefined,
  fellows: readonly FellowQuestion[],
  approvedBy?: string,
): SettledAnswer | undefined {
  if (!settlement) return undefined;
  const what = {
    at: settlement.at,
    decision: settlement.decision,
    ...(settlement.pausedUntil ? { pausedUntil: settlement.pausedUntil } : {}),
    ...(settlement.pausedFrom ? { pausedFrom: settlement.pausedFrom } : {}),
    ...(question.pairingId ? { pairingId: question.pairingId } : {}),
  };
  if (settlement.via === 'silence') return { ...what, by: 'nobody' };
  if (settlement.via === 'api') return { ...what, by: 'admin-api' };
  const taker = settlement.opaqueId !== undefined ? fellows.find((q) => q.opaqueId === settlement.opaqueId) : fellows.find((q) => q.usedAt !== undefined);
  const address =
    (settlement.decision === 'approved' ? approvedBy : undefined) ??
    taker?.recipientEmail ??
    (settlement.opaqueId === question.opaqueId ? question.recipientEmail : undefined);
  if (address === undefined) return { ...what, by: 'another-admin' };
  return emailKey(address) === emailKey(question.recipientEmail) ? { ...what, by: 'you' } : { ...what, by: 'another-admin', admin: address };
}

export type AdminLinkOpening<Q> = LinkOpening<Q> | { readonly settled: SettledAnswer };

/**
 * What an admin's link to an admin question opens, once `opening` (openAnswerLink) is known: a
 * question another admin (or the admin API, or the deadline) already settled says so at once, on
 * GET as on POST, whether the link's own question still looks open, closed or expired, with who
 * and what; never a confirm form that can only record nothing. A decision round the pairing no
 * longer holds open (`roundClosed`: a member's pause or end, a departure) is closed to the link
 * too. A link that does not work stays so.
 */
export function openAdminLink<Q>(opening: LinkOpening<Q>, facts: { readonly settled?: SettledAnswer; readonly roundClosed?: boolean }): AdminLinkOpening<Q> {
  if ('refused' in opening && opening.refused === 'invalid') return opening;
  if (facts.settled) return { settled: facts.settled };
  if ('question' in opening && facts.roundClosed) return { refused: 'closed', reason: 'decision round closed' };
  return opening;
}

/** Where a pairing round stands for one side's answer, as the POST would find it (pairing/answers.ts, recordAnswer). */
export type RoundStanding = 'open' | 'closed' | 'answered';

/**
 * What a participant's link to a pairing round's question opens once the pairing is read: a round
 * the pairing no longer holds open for them (the pairing ended or moved on, its deadline passed) is
 * closed to the link on GET already, and a round that has their answer (given under the reminder's
 * email, or by reply) is answered, as the POST would find them; never a confirm form whose button
 * can only record nothing (QA ui8). Any refusal already found stays what it was.
 */
export function openRoundLink<Q>(opening: LinkOpening<Q>, round: RoundStanding | undefined): LinkOpening<Q> {
  if (!('question' in opening) || round === undefined || round === 'open') return opening;
  return round === 'answered' ? { refused: 'already-answered', reason: 'round answered' } : { refused: 'closed', reason: 'round closed' };
}

/** A pairing that has ended, completed or will not start, as a participant's link to one of its questions tells it. */
export interface PairingOver {
  readonly on: string;
  readonly how: 'ended' | 'completed' | 'not-started';
}

/** The pairing's end, once it is final (undefined while it is proposed, introduced, runs or is paused). */
export function pairingOverOf(
  pairing: { readonly status: string; readonly endedAt?: string; readonly updatedAt?: string } | undefined,
): PairingOver | undefined {
  if (!pairing || (pairing.status !== 'ended' && pairing.status !== 'completed' && pairing.status !== 'not-started')) return undefined;
  const on = pairing.endedAt ?? pairing.updatedAt;
  return on === undefined ? undefined : { on, how: pairing.status };
}

/**
 * Why a concern (`/c/`) or unsubscribe (`/u/`) link opens nothing, or undefined when it opens the
 * person's standing address. `signed`: its signature holds under a key held now (else only a stored
 * standing address vouches for it). A genuine link whose address is no longer stored, or whose
 * person is no longer held or was erased, is `inactive`, never "changed or incomplete" (QA ui8): an
 * erased person's old links say nothing of the erasure. A token nothing vouches for is `invalid`.
 */
export function standingLinkRefusal(input: {
  readonly signed: boolean;
  readonly standing: { readonly purpose: ReplyPurpose; readonly participantId?: string } | undefined;
  /** The person of the standing address, when it was read: `erased` once their data is gone. */
  readonly person?: { readonly erased: boolean } | undefined;
}): { readonly refused: AnswerProblem; readonly reason: string } | undefined {
  const { signed, standing } = input;
  if (!standing) return signed ? { refused: 'inactive', reason: 'address no longer stored' } : { refused: 'invalid', reason: 'token invalid' };
  if (standing.purpose !== 'standing' || !standing.participantId) return { refused: 'invalid', reason: 'no standing address' };
  if ('person' in input && (!input.person || input.person.erased)) return { refused: 'inactive', reason: 'person no longer held' };
  return undefined;
}
