/**
 * An admin question (a matching approval, the decision about a quiet pair) is asked of every admin
 * of the program, each under their own question, and the first answer settles it for all. A later
 * reply from any of them hears who answered and what was decided, not that the question "closed"
 * (docs/emails.md, questionClosed). An approval's questions record the settlement (`settled`); a
 * decision's is read from what the pairing keeps of its round (decisionSettlement). A question
 * nobody answered in time settled in silence, as its email promised (a decision round continues,
 * an approval closes not approved): a late reply hears that, and what can still be done.
 * Pure: the adapters load the questions and the pairing, and write what these rules return.
 */

import { approvalRunOf, type AskedQuestion } from './answer-link';
import type { Round } from './pairing/model';
import type { AdminDecision } from './replies';

/**
 * What an admin question's first answer decided: a matching approval, or the admins' decision
 * about a pairing. `not-approved`: nobody answered a matching approval in time, so its run closed
 * without approval (a silent decision round is `continue`, as its email promises).
 */
export type Decided = 'approved' | 'rejected' | 'not-approved' | AdminDecision;

/** What settled an admin question, as each admin's question reads it. */
export interface Settlement<D extends Decided = Decided> {
  /** When the first answer was given. */
  readonly at: string;
  /**
   * The question that answer was given to (an admin's own, or the one the admin API answered);
   * absent when only known to be another admin's (a decision round records one answer for all).
   */
  readonly opaqueId?: string;
  /**
   * How the first answer was given; `silence`: nobody answered by the deadline, and the question's
   * own rule decided (a decision round continues, a matching approval closes not approved), `at`
   * being that deadline (lapseOfDecision, lapseOfApproval).
   */
  readonly via: 'email' | 'link' | 'api' | 'silence';
  readonly decision: D;
  /** A decision to pause: the day (or moment) the pairing is paused until, when known. */
  readonly pausedUntil?: string;
  /** A decision to pause from a later day ("PAUSE from 6 January until 27 January"): that day. */
  readonly pausedFrom?: string;
  /** A decision round's pairing, for a round that closed in silence: the notice names it, so the admin can act on it. */
  readonly pairingId?: string;
}

/** What settled a matching approval. */
export type ApprovalSettlement = Settlement<'approved' | 'rejected'>;

/** What these rules read of an approval question (functions/adapters/reply-tokens.ts StoredQuestion). */
export interface SettlingQuestion {
  readonly opaqueId: string;
  readonly usedAt?: string;
  readonly channel?: 'email' | 'link' | 'api';
  /** The intent of the question's own answer (absent when it has none). */
  readonly answeredIntent?: string;
  readonly settled?: ApprovalSettlement;
}

/**
 * The answer that settled the run's approval: the one a question records already, else the first
 * question answered for itself (the workflow's "Approved?" takes only `yes` as an approval).
 * Undefined while nobody answered (the wait timed out, or is still open).
 */
export function settlementOf(family: readonly SettlingQuestion[]): ApprovalSettlement | undefined {
  const recorded = family.find((q) => q.settled !== undefined)?.settled;
  if (recorded) return recorded;
  const answered = family
    .filter((q) => q.usedAt !== undefined && q.answeredIntent !== undefined)
    .sort((a, b) => Date.parse(a.usedAt!) - Date.parse(b.usedAt!))[0];
  if (!answered) return undefined;
  return {
    at: answered.usedAt!,
    opaqueId: answered.opaqueId,
    via: answered.channel ?? 'email',
    decision: answered.answeredIntent === 'yes' ? 'approved' : 'rejected',
  };
}

/** What an answered approval question holds of its settlement (undefined for any other question). */
export function settlementOn(q: SettlingQuestion & Pick<AskedQuestion, 'purpose' | 'programId' | 'context'>): ApprovalSettlement | undefined {
  return approvalRunOf(q) ? settlementOf([q]) : undefined;
}

/**
 * The questions that do not record the settlement yet (each write is safe to repeat), and those
 * whose own answer, given as the wait was completed by another, was taken back since.
 */
export function unsettled(family: readonly SettlingQuestion[]): string[] {
  return family.filter((q) => q.settled === undefined || q.usedAt === undefined).map((q) => q.opaqueId);
}

/**
 * The decision an admin's answer to a pairing's decision round comes to: its DECISION word, else
 * read from its intent (PAUSE, END; a no rematches); no answer at all lets the pairing continue.
 */
export function decisionOf(answer: { readonly intent: string; readonly decision?: string } | undefined): AdminDecision {
  if (!answer) return 'continue';
  if (answer.decision) return answer.decision as AdminDecision;
  return answer.intent === 'pause' ? 'pause' : answer.intent === 'end' ? 'end' : answer.intent === 'no' ? 'rematch' : 'continue';
}

/** What a pairing keeps of a decision round once acted on (its AdminDecision record, functions/domain/pairing/decide.ts). */
export interface DecisionRecord {
  readonly round: string;
  readonly decision: AdminDecision;
  /** False when the round closed unanswered (the pairing continued on silence). */
  readonly answered: boolean;
  readonly at: string;
  readonly answeredAt?: string;
  /** `api`: an admin's own pause, end or rematch settled it (decide.ts, decidedByRequest). */
  readonly channel?: 'email' | 'link' | 'api';
  /** The day the answer asked to pause until, and the moment the pause was set to end. */
  readonly pauseUntil?: string;
  readonly pausedUntil?: string;
  /** The later day the answer booked the pause from (decide.ts, applyAdminDecision). */
  readonly pauseFrom?: string;
}

/**
 * What settled the decision round an admin's question (`question.roundKey`) belongs to: the
 * pairing's record of it, or, before the step acted on it, the admins' answer on the round still
 * open. The round takes one answer for all the admins: only the question it was given to keeps its
 * answer (`usedAt`), so any other was answered by another admin; one an admin's own request
 * settled (`api`) was answered through the admin API. A round that closed unanswered settled in
 * silence: the pairing continued, as "Decision needed" promised (`via: 'silence'`, at the
 * question's deadline, with the pairing named so that the notice can say how to act on it now).
 * Undefined while nobody answered, or when the round was closed by a member's pause or end, or a
 * departure (no record is kept of such a round).
 */
export function decisionSettlement(
  question: { readonly opaqueId: string; readonly roundKey?: string; readonly usedAt?: string; readonly closesAt?: string; readonly pairingId?: string },
  records: readonly DecisionRecord[],
  openRound: Pick<Round, 'key' | 'answers'> | undefined,
): Settlement<AdminDecision> | undefined {
  const pending = openRound && openRound.key === question.roundKey ? openRound.answers.admin : undefined;
  const held: Omit<DecisionRecord, 'round'> | undefined =
    records.find((r) => r.round === question.roundKey) ?? (pending && { ...pending, decision: decisionOf(pending), answered: true, answeredAt: pending.at });
  if (!held) return undefined;
  if (!held.answered) return lapseOfDecision(question, held);
  const pausedUntil = held.decision === 'pause' ? (held.pauseUntil ?? held.pausedUntil) : undefined;
  const pausedFrom = held.decision === 'pause' && pausedUntil ? held.pauseFrom : undefined;
  return {
    at: held.answeredAt ?? held.at,
    ...(question.usedAt !== undefined ? { opaqueId: question.opaqueId } : {}),
    via: held.channel ?? 'email',
    decision: held.decision,
    ...(pausedUntil ? { pausedUntil } : {}),
    ...(pausedFrom ? { pausedFrom } : {}),
  };
}

/**
 * A decision round nobody answered: it closed at its deadline and the pairing continued. Dated by
 * the deadline its email named (the step that acts on it wakes a moment later, maybe the next day
 * where the admin is), else by the record.
 */
function lapseOfDecision(question: { readonly closesAt?: string; readonly pairingId?: string }, held: Pick<DecisionRecord, 'at'>): Settlement<AdminDecision> {
  const deadline = question.closesAt !== undefined && Date.parse(question.closesAt) <= Date.parse(held.at) ? question.closesAt : held.at;
  return { at: deadline, via: 'silence', decision: 'continue', ...(question.pairingId ? { pairingId: question.pairingId } : {}) };
}

/** What these rules read of a matching run: its status (`not-approved` once it closed without approval). */
export interface ClosingRun {
  readonly status?: string;
}

/**
 * What settled the matching approval `question` asked, for an admin whose reply found it closed,
 * whichever of the run's emails it answers (the first request's too, which the reminder's question
 * took over from): the first answer any admin gave (settlementOf over the run's questions as they
 * stand, `family`; given to this admin's own reminder, it reads as theirs), else, once the run
 * closed *Not approved* with nobody answering, its silence: the proposal closed at the reminder's
 * deadline (the last of the run's questions) without introducing anyone. Undefined while the run
 * is open, or when it closed some other way.
 */
export function closedApprovalSettlement(
  question: Pick<AskedQuestion, 'opaqueId' | 'recipientEmailHash'>,
  family: readonly (SettlingQuestion & Pick<AskedQuestion, 'recipientEmailHash' | 'closesAt'>)[],
  run: ClosingRun | undefined,
): Settlement | undefined {
  const settled = settlementOf(family);
  if (settled) {
    const own = family.some((q) => q.opaqueId === settled.opaqueId && q.recipientEmailHash === question.recipientEmailHash);
    return own ? { ...settled, opaqueId: question.opaqueId } : settled;
  }
  if (run?.status !== 'not-approved' || family.length === 0) return undefined;
  const last = family.map((q) => q.closesAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  return { at: last, via: 'silence', decision: 'not-approved' };
}

/** Who answered, as the admin writing to `opaqueId`'s address reads it (`nobody`: it closed in silence), and what was decided. */
export interface AnsweredAs {
  readonly by: 'you' | 'another-admin' | 'admin-api' | 'nobody';
  readonly decision: Decided;
  /** A pause: until when, and from when if it was booked for a later day. */
  readonly pausedUntil?: string;
  readonly pausedFrom?: string;
  /** The pairing of a decision round that closed in silence. */
  readonly pairingId?: string;
}

/**
 * `mine`: whether the admin writing is the one the record names as having answered (a matching
 * run's `approvedBy`), when there is such a record: it, not the question, says who. Two admins
 * approving at once, or an admin who approved through the proposal sent to them again (a new
 * question), read what the audit says.
 */
export function answeredAs(opaqueId: string, settled: Settlement, mine?: boolean): AnsweredAs {
  if (settled.via === 'silence') return { by: 'nobody', decision: settled.decision, ...(settled.pairingId ? { pairingId: settled.pairingId } : {}) };
  const by = settled.via === 'api' ? 'admin-api' : (mine ?? settled.opaqueId === opaqueId) ? 'you' : 'another-admin';
  return {
    by,
    decision: settled.decision,
    ...(settled.pausedUntil ? { pausedUntil: settled.pausedUntil } : {}),
    ...(settled.pausedFrom ? { pausedFrom: settled.pausedFrom } : {}),
  };
}

/**
 * Who approved a matching run by reply or link, for its audit: the admin whose own question took
 * the answer that settled it (their address, as the admin API records the signed-in admin).
 * Undefined when it was not approved so, or that question is not among `family`.
 */
export function approverOf(family: readonly (SettlingQuestion & { readonly recipientEmail: string })[]): string | undefined {
  const settled = settlementOf(family);
  if (settled?.decision !== 'approved' || settled.via === 'api' || settled.opaqueId === undefined) return undefined;
  return family.find((q) => q.opaqueId === settled.opaqueId)?.recipientEmail;
}
