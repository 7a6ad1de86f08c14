import { joinAnd } from './emails/format';
import { emailKey } from './participant';

/**
 * A program admin who is also one of the people of a proposed pair cannot approve the proposal:
 * reverse mentoring is a safe space, and an admin approving their own pair (or seeing its score,
 * reasons and trade-offs, which are never shown to the pair) is a conflict of interest.
 *
 * A matching run is approved as a whole (one answer resumes the run, and every pair of it starts),
 * so an admin's approval cannot count for the other pairs alone: an admin in a proposed pair is
 * not asked to approve the run, and their approval does not count. Another admin of the program
 * who is in no proposed pair approves it, by reply or link; or anyone signed in to the admin API
 * who is in no proposed pair (HR), with POST .../approve. People are compared by address without
 * letter case (emailKey), as everywhere admins and participants are matched. Pure: the handlers
 * load the proposal's pairs and the program's people (docs/decisions.md, "An admin in a proposed
 * pair does not approve it").
 */

/** What these rules read of a proposed pair (functions/adapters/waitlist.ts StoredProposedPair). */
export interface ProposedPairIds {
  readonly pairingId: string;
  readonly mentorId: string;
  readonly menteeId: string;
}

/** What these rules read of a participant: an erased person has no address left, and is nobody's. */
export interface PairPerson {
  readonly participantId: string;
  readonly email?: string;
  readonly name: string;
}

/** A proposed pair someone is in, as they read it: their own role and their partner. */
export interface OwnPair {
  readonly pairingId: string;
  readonly role: 'mentor' | 'mentee';
  readonly partnerId: string;
  readonly partnerName: string;
}

/** The participants enrolled under `address` (without letter case); none for an IAM identity. */
function participantIdsOf(address: string, people: readonly PairPerson[]): Set<string> {
  if (!address.includes('@')) return new Set();
  const key = emailKey(address);
  return new Set(people.filter((p) => p.email !== undefined && p.email !== '' && emailKey(p.email) === key).map((p) => p.participantId));
}

/**
 * The proposed pairs `address` is one of the people of (its address compared without letter case
 * with each participant's), mentor pairs first, each in the proposal's order. None for an address
 * that is nobody's, and for a caller named by anything but an address (an IAM identity).
 */
export function ownPairs(address: string, pairs: readonly ProposedPairIds[], people: readonly PairPerson[]): OwnPair[] {
  const mine = participantIdsOf(address, people);
  if (mine.size === 0) return [];
  const nameOf = new Map(people.map((p) => [p.participantId, p.name]));
  const own = (role: 'mentor' | 'mentee') =>
    pairs.flatMap((p) => {
      const [me, partner] = role === 'mentor' ? [p.mentorId, p.menteeId] : [p.menteeId, p.mentorId];
      return mine.has(me) ? [{ pairingId: p.pairingId, role, partnerId: partner, partnerName: nameOf.get(partner) ?? '' }] : [];
    });
  return [...own('mentor'), ...own('mentee')];
}

/**
 * Where one admin stands on a run's approval: `free` to approve it, or `conflicted`, with the
 * pairs they are in and the admins who can approve instead (those in no proposed pair, in the
 * program's order; none when every admin is in one, or the program has no other admin).
 */
export type ApprovalStanding =
  | { readonly kind: 'free' }
  | { readonly kind: 'conflicted'; readonly own: readonly OwnPair[]; readonly approvers: readonly string[] };

/** Each admin's standing on the proposal, in the program's order (an admin listed twice, once). */
export function approvalStandings(
  admins: readonly string[],
  pairs: readonly ProposedPairIds[],
  people: readonly PairPerson[],
): { readonly admin: string; readonly standing: ApprovalStanding }[] {
  const seen = new Set<string>();
  const unique = admins.filter((a) => {
    const key = emailKey(a);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const own = new Map(unique.map((a) => [a, ownPairs(a, pairs, people)]));
  const free = unique.filter((a) => own.get(a)!.length === 0);
  return unique.map((admin) => {
    const mine = own.get(admin)!;
    return { admin, standing: mine.length === 0 ? { kind: 'free' } : { kind: 'conflicted', own: mine, approvers: free } };
  });
}

/**
 * An admin in a proposed pair is not put an approval question they could answer: no question under
 * their address, so that no reply of theirs (to their own email, nor to a colleague's copy, which
 * is taken as an answer to the writer's own question) can approve or reject the run. In its place
 * the run's wait gets a question put to the admin API's own address, answered only through
 * POST .../approve (the admin API answers one of the run's questions): it keeps the wait's task
 * token when no admin is free to approve, and records in its context whose place it takes (their
 * address's hash) and their own pairs, so that the ask run again tells nobody twice.
 */
export const CONFLICTED_ADMIN = 'conflictedAdmin';
export const CONFLICTED_PAIRS = 'conflictedPairs';

/** True when `q` is the question that took the place of the admin whose address hashes to `adminHash`. */
export function inPlaceOf(q: { readonly context?: Record<string, unknown> }, adminHash: string): boolean {
  return q.context?.[CONFLICTED_ADMIN] === adminHash;
}

/**
 * Whether an admin is emailed at this wait. An admin free to approve always is (their request, or
 * its reminder). An admin in a proposed pair is told once per run that they cannot approve it and
 * who can: not again when the run's questions show they were told (the ask run again, the
 * reminder); told at the reminder when they were not (they were free when first asked, or are new
 * to the program's admins).
 */
export function emailAtThisWait(standing: ApprovalStanding, earlier: readonly { readonly context?: Record<string, unknown> }[], adminHash: string): boolean {
  if (standing.kind === 'free') return true;
  return !earlier.some((q) => inPlaceOf(q, adminHash));
}

/**
 * The admin API's refusal of an approval by a caller in a proposed pair (`own`: their pairs), as
 * a sentence that says which pair and who can approve instead; undefined for a caller in none.
 */
export function apiApprovalRefusal(
  caller: string,
  own: readonly OwnPair[],
  run: { readonly programId: string; readonly runId: string; readonly approvers: readonly string[] },
): string | undefined {
  if (own.length === 0) return undefined;
  const route = `POST /programs/${run.programId}/matching/${run.runId}/approve`;
  const who =
    run.approvers.length > 0
      ? `by ${joinAnd(run.approvers)}, the program's ${run.approvers.length === 1 ? 'admin' : 'admins'} in no proposed pair, by replying to their approval email, or with ${route} by anyone signed in who is in no proposed pair`
      : `only with ${route} by someone signed in who is in no proposed pair (HR): every admin of the program is in one`;
  return `${caller} is one of the people of ${ownPairsInWords(own)} in matching run ${run.runId}, so cannot approve it: a run is approved as a whole, and nobody approves a proposal that holds their own pair. It can be approved ${who}.`;
}

/** "the pair pr_1 (mentor, with Sam Senior)", "the pairs pr_1 (mentor, with Sam Senior) and pr_2 (...)". */
export function ownPairsInWords(own: readonly OwnPair[]): string {
  const one = (p: OwnPair) => `${p.pairingId} (${p.role}, with ${p.partnerName || p.partnerId})`;
  return `${own.length === 1 ? 'the pair' : 'the pairs'} ${joinAnd(own.map(one))}`;
}

/** What the admin API shows of a proposed pair the caller is one of: who, never why or how well. */
export type OwnPairShown<P> = Omit<P, 'score' | 'reasons' | 'reasonsFor' | 'tradeOffs'> & { readonly yourPair: true };

/**
 * A proposal's pairs as the admin API shows them to `caller` (GET of a run, and the review routes'
 * answers): a pair the caller is one of (ownPairs) without its score, reasons and trade-offs, which
 * are never shown to a pair, marked `yourPair`, and listed after the others so that its place in
 * the order does not tell its score. Every other pair as it is, in its order.
 */
export function pairsShownTo<P extends ProposedPairIds & { readonly score: number }>(
  caller: string,
  pairs: readonly P[],
  people: readonly PairPerson[],
): (P | OwnPairShown<P>)[] {
  const own = new Set(ownPairs(caller, pairs, people).map((p) => p.pairingId));
  if (own.size === 0) return [...pairs];
  const hidden = (p: P): OwnPairShown<P> => {
    const { score: _s, reasons: _r, reasonsFor: _f, tradeOffs: _t, ...who } = p as P & { reasons?: unknown; reasonsFor?: unknown; tradeOffs?: unknown };
    return { ...(who as Omit<P, 'score' | 'reasons' | 'reasonsFor' | 'tradeOffs'>), yourPair: true };
  };
  return [...pairs.filter((p) => !own.has(p.pairingId)), ...pairs.filter((p) => own.has(p.pairingId)).map(hidden)];
}

/** The program's admins in no proposed pair, in the program's order: those who can approve or review it. */
export function freeAdmins(admins: readonly string[], pairs: readonly ProposedPairIds[], people: readonly PairPerson[]): string[] {
  return approvalStandings(admins, pairs, people).flatMap((s) => (s.standing.kind === 'free' ? [s.admin] : []));
}

/**
 * Why `caller` may not make a match-review change (reject, swap, force, forbid), or undefined when
 * they may: nobody reviews a proposal that holds their own pair, as nobody approves one. Refused
 * when the caller is one of the people of a pair of it before the change or after it (a re-solve
 * may put them in one), or when the change names them (a force or forbid of a pair of theirs).
 * `approvers`: the program's admins in no proposed pair, who can make it instead.
 */
export function reviewChangeRefusal(input: {
  readonly caller: string;
  readonly before: readonly ProposedPairIds[];
  readonly after: readonly ProposedPairIds[];
  /** The participants the change names (a force's or forbid's mentor and mentee). */
  readonly named: readonly string[];
  readonly people: readonly PairPerson[];
  readonly runId: string;
  readonly approvers: readonly string[];
}): { readonly message: string; readonly field: string; readonly issue: string } | undefined {
  const { caller, runId } = input;
  const who =
    input.approvers.length > 0
      ? `${joinAnd(input.approvers)}, the program's ${input.approvers.length === 1 ? 'admin' : 'admins'} in no proposed pair, or anyone signed in who is in no proposed pair, can make it`
      : 'Someone signed in who is in no proposed pair (HR) can make it: every admin of the program is in one';
  const own = ownPairs(caller, input.before, input.people);
  if (own.length > 0)
    return {
      message: `${caller} is one of the people of ${ownPairsInWords(own)} in matching run ${runId}, so cannot change its proposal: nobody reviews a proposal that holds their own pair. ${who}.`,
      field: 'runId',
      issue: 'holds a pair you are in',
    };
  const mine = participantIdsOf(caller, input.people);
  const named = input.named.filter((id) => mine.has(id));
  if (named.length > 0)
    return {
      message: `${caller} is the participant ${named[0]} this change names, so cannot make it: nobody decides their own pairing in review. ${who}.`,
      field: 'runId',
      issue: 'names you',
    };
  const after = ownPairs(caller, input.after, input.people);
  if (after.length > 0)
    return {
      message: `This change would make ${caller} one of the people of ${ownPairsInWords(after)} in matching run ${runId}, so they cannot make it: nobody reviews a proposal that holds their own pair. ${who}.`,
      field: 'runId',
      issue: 'would put you in a pair',
    };
  return undefined;
}
