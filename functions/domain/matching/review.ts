import type { Program } from '../program';
import {
  matchIncrementally,
  pairRuleBreaks,
  type MatchParticipant,
  type PairedElsewhere,
  type PastPair,
  type ProposedPair,
  type UnmatchedParticipant,
} from './match';
import type { ReportingLink } from './reporting-chain';
import { describeRuleCounts, RULE_NAMES, type RuleName } from './rules';
import { canonicalJson } from '../canonical-json';

/**
 * Match review: an admin changes a proposal pair by pair before approving it (docs/admin-api.md,
 * Match review). Every change is kept as a constraint in the run's review state and the whole
 * proposal is solved again under all of them, with the same solver and the same explanations as
 * the first proposal, so that the result stays optimal around what the admin decided:
 * - reject a pair: both people leave this run (they are waitlisted with "rejected in review");
 * - swap the partners of two pairs: both new pairs are kept as they are;
 * - force a pair: kept as it is (it must abide by the hard rules), everyone else solved around it;
 * - forbid a pair: never proposed in this run, like a hard rule.
 * Pure: the handler loads the cohort and stores what comes back.
 */

export interface ReviewState {
  /** Pairs the admin fixed (forced, or made by a swap). */
  readonly forced: readonly PastPair[];
  /** Pairs the admin ruled out (forbidden, or rejected and then one of them forced elsewhere). */
  readonly ruledOut: readonly PastPair[];
  /** Pairs the admin rejected: both people stay out of this run. */
  readonly rejected: readonly PastPair[];
}

export const NO_REVIEW: ReviewState = { forced: [], ruledOut: [], rejected: [] };

/** Who takes part in the run, as when it was solved (functions/cohort-matching.ts, matchingInput). */
export interface ReviewCohort {
  readonly program: Program;
  readonly participants: readonly MatchParticipant[];
  readonly activePairs: readonly PastPair[];
  readonly previousPairs: readonly PastPair[];
  /** Their pairings with each other in other programs (MatchOptions): kept out, or noted, in every re-solve as in the run. */
  readonly pairedElsewhere?: readonly PairedElsewhere[];
  /** The people this run is for: its proposed pairs' and unmatched people's ids. */
  readonly waitingIds: readonly string[];
  /** Those on the waitlist, matched first in every re-solve as in the run itself. */
  readonly priorityIds?: readonly string[];
  /** Everyone else of the program: they still link reporting lines (MatchOptions). */
  readonly reportingLines?: readonly ReportingLink[];
}

export interface Proposal {
  readonly pairs: readonly ProposedPair[];
  readonly unmatched: readonly UnmatchedParticipant[];
}

export type ReviewOperation =
  | { readonly kind: 'reject'; readonly pair: PastPair }
  /** `ids`: the pairing ids as the admin sent them, for a refusal to name the one that is wrong. */
  | { readonly kind: 'swap'; readonly pairs: readonly [PastPair, PastPair]; readonly ids?: readonly [string, string] }
  | { readonly kind: 'force'; readonly pair: PastPair }
  | { readonly kind: 'forbid'; readonly pair: PastPair };

export interface ReviewRefusal {
  readonly refused: true;
  /** 400: the change names the same pair twice; 404: someone or some pair is not in this run; 409: the change would break a rule. */
  readonly status: 400 | 404 | 409;
  readonly field: string;
  /** A full sentence for the admin, saying what to do instead. */
  readonly message: string;
  /** What is wrong with `field`, in a few words (the error's issue). */
  readonly issue: string;
  /** The hard rules a forced or swapped pair breaks. */
  readonly rules?: RuleName[];
}

export interface ReviewChanges {
  /** New pairs, with their explanation. */
  readonly added: ProposedPair[];
  /** Pairs no longer proposed. */
  readonly removed: ProposedPair[];
  /** Pairs still proposed whose score or explanation changed (recomputed). */
  readonly reexplained: ProposedPair[];
}

export interface ReviewOutcome {
  readonly refused: false;
  /**
   * False when the change was made already (the same reject, swap, force or forbid sent again, as a
   * client retrying after a lost answer does): the proposal is the current one and nothing is to be
   * stored, neither a new review version nor an audit entry.
   */
  readonly changed: boolean;
  readonly state: ReviewState;
  readonly proposal: { pairs: ProposedPair[]; unmatched: UnmatchedParticipant[] };
  readonly changes: ReviewChanges;
}

export const REJECTED_CODE = 'rejected-in-review';
export const REJECTED_REASON = 'Rejected in review by a program admin; waitlisted for the next matching run or a rematch.';

const key = (p: PastPair) => `${p.mentorId}\n${p.menteeId}`;
const same = (a: PastPair, b: PastPair) => a.mentorId === b.mentorId && a.menteeId === b.menteeId;
const without = (list: readonly PastPair[], drop: (p: PastPair) => boolean) => list.filter((p) => !drop(p));
const withPair = (list: readonly PastPair[], p: PastPair) =>
  list.some((q) => same(q, p)) ? [...list] : [...list, { mentorId: p.mentorId, menteeId: p.menteeId }];
const refuse = (status: 400 | 404 | 409, field: string, issue: string, message: string, rules?: RuleName[]): ReviewRefusal => ({
  refused: true,
  status,
  field,
  message,
  issue,
  ...(rules ? { rules } : {}),
});

/** A pair of the run with its pairing id, as the proposal stores it or a change's audit names it. */
export interface NamedPair extends PastPair {
  readonly pairingId: string;
}

/**
 * The pair a pairing id of this run names: one of the proposal's, or else one a change of this
 * review took out of it (the audit keeps who each added and removed id was), so that a reject or
 * swap sent again is recognised as done (reviewProposal) instead of being told it used a wrong id.
 * Undefined for an id this run never proposed.
 */
export function pairNamed(
  pairingId: string,
  proposal: readonly NamedPair[],
  audit: readonly { readonly pairs?: Readonly<Record<string, PastPair>> }[],
): PastPair | undefined {
  const found = proposal.find((p) => p.pairingId === pairingId) ?? [...audit].reverse().find((c) => c.pairs?.[pairingId])?.pairs?.[pairingId];
  return found ? { mentorId: found.mentorId, menteeId: found.menteeId } : undefined;
}

/** "are in the same reporting line and share no language", from the rules one pair breaks. */
export function describeRuleBreaks(rules: readonly RuleName[]): string {
  // Counted as two so the phrases take the plural verb that follows "they".
  const counts = Object.fromEntries(RULE_NAMES.map((r) => [r, rules.includes(r) ? 2 : 0])) as Record<RuleName, number>;
  return describeRuleCounts(counts).replace(/\b2 /g, '');
}

/** Applies one change and solves the proposal again; or says why the change cannot be made. */
export function reviewProposal(cohort: ReviewCohort, current: Proposal, state: ReviewState, op: ReviewOperation): ReviewOutcome | ReviewRefusal {
  const proposed = (p: PastPair) => current.pairs.some((q) => same(q, p));
  const waiting = new Set(cohort.waitingIds);
  const person = new Map(cohort.participants.map((p) => [p.participantId, p]));
  let next: ReviewState;
  switch (op.kind) {
    case 'reject': {
      // Rejected already in this review: the same reject again changes nothing.
      if (!proposed(op.pair) && state.rejected.some((p) => same(p, op.pair))) return unchanged(current, state);
      if (!proposed(op.pair))
        return refuse(
          404,
          'pairingId',
          'is not a pair of this proposal',
          'That pair is not in this proposal (any more): read the proposal again and pick one of its pairs.',
        );
      next = {
        forced: without(state.forced, (p) => same(p, op.pair)),
        ruledOut: state.ruledOut,
        rejected: withPair(state.rejected, op.pair),
      };
      break;
    }
    case 'swap': {
      const [a, b] = op.pairs;
      if (same(a, b)) return refuse(400, 'pairIds', 'must name two different pairs', 'A swap needs two different pairs: name two pairs of the proposal.');
      // Swapped already: both pairs the swap made are still kept, so the same swap again changes nothing.
      if (
        !proposed(a) &&
        !proposed(b) &&
        a.mentorId !== b.mentorId &&
        state.forced.some((p) => same(p, { mentorId: a.mentorId, menteeId: b.menteeId })) &&
        state.forced.some((p) => same(p, { mentorId: b.mentorId, menteeId: a.menteeId }))
      )
        return unchanged(current, state);
      if (!proposed(a) || !proposed(b)) return swapOutsideProposal(op, state, proposed, person);
      if (a.mentorId === b.mentorId)
        return refuse(
          409,
          'pairIds',
          'name two pairs with the same mentor',
          'Both pairs have the same mentor, so swapping their partners changes nothing: pick pairs with different mentors.',
        );
      const swapped: [PastPair, PastPair] = [
        { mentorId: a.mentorId, menteeId: b.menteeId },
        { mentorId: b.mentorId, menteeId: a.menteeId },
      ];
      const base = without(state.forced, (p) => same(p, a) || same(p, b));
      for (const pair of swapped) {
        const broken = pairRuleBreaks(solveOptions(cohort, { ...state, forced: base }), pair.mentorId, pair.menteeId);
        if (broken.length > 0)
          return refuse(
            409,
            'pairIds',
            `breaks the hard rules: ${broken.join(', ')}`,
            `The swap would pair ${nameOf(person, pair.mentorId)} with ${nameOf(person, pair.menteeId)}, who ${describeRuleBreaks(broken)}: swap with another pair instead.`,
            broken,
          );
      }
      next = { forced: [...base, ...swapped], ruledOut: state.ruledOut, rejected: state.rejected };
      break;
    }
    case 'force': {
      const { mentorId, menteeId } = op.pair;
      const mentor = person.get(mentorId);
      const mentee = person.get(menteeId);
      if (mentor?.role !== 'mentor')
        return refuse(
          404,
          'mentorId',
          'is not a mentor of this run',
          `${mentorId} is not a mentor of this run: use a mentor id from the proposal or its unmatched people.`,
        );
      if (mentee?.role !== 'mentee' || !waiting.has(menteeId))
        return refuse(
          404,
          'menteeId',
          'is not a mentee waiting in this run',
          `${menteeId} is not a mentee waiting in this run: use a mentee id from the proposal or its unmatched people.`,
        );
      if (state.forced.some((p) => same(p, op.pair))) return unchanged(current, state);
      // Forcing a person brings them back from a rejection; the rejected pair itself stays ruled out.
      const touched = (p: PastPair) => p.mentorId === mentorId || p.menteeId === menteeId;
      const back = state.rejected.filter(touched);
      const ruledOut = [...without(state.ruledOut, (p) => same(p, op.pair)), ...back.filter((p) => !same(p, op.pair))];
      const forced = without(state.forced, (p) => p.menteeId === menteeId);
      const candidate: ReviewState = { forced, ruledOut, rejected: without(state.rejected, touched) };
      const broken = pairRuleBreaks(solveOptions(cohort, candidate), mentorId, menteeId);
      if (broken.length > 0)
        return refuse(
          409,
          'menteeId',
          `breaks the hard rules: ${broken.join(', ')}`,
          `${nameOf(person, mentorId)} and ${nameOf(person, menteeId)} cannot be paired: they ${describeRuleBreaks(broken)}. Hard rules hold in review too; pick another pair.`,
          broken,
        );
      const capacity = Math.max(0, Math.min(mentor.capacity ?? 1, cohort.program.matching.rules.maxMenteesPerMentor));
      const used = [...cohort.activePairs, ...forced, ...candidate.rejected].filter((p) => p.mentorId === mentorId).length;
      if (used >= capacity)
        return refuse(
          409,
          'mentorId',
          'has no free place left: running or fixed pairs take them all',
          `${nameOf(person, mentorId)} has no free place left for ${nameOf(person, menteeId)}: their places are taken by running or fixed pairs. Reject or swap one of those first.`,
        );
      next = { ...candidate, forced: [...forced, { mentorId, menteeId }] };
      break;
    }
    case 'forbid': {
      const { mentorId, menteeId } = op.pair;
      if (person.get(mentorId)?.role !== 'mentor')
        return refuse(
          404,
          'mentorId',
          'is not a mentor of this run',
          `${mentorId} is not a mentor of this run: use a mentor id from the proposal or its unmatched people.`,
        );
      if (person.get(menteeId)?.role !== 'mentee' || !waiting.has(menteeId))
        return refuse(
          404,
          'menteeId',
          'is not a mentee waiting in this run',
          `${menteeId} is not a mentee waiting in this run: use a mentee id from the proposal or its unmatched people.`,
        );
      next = {
        forced: without(state.forced, (p) => same(p, op.pair)),
        ruledOut: withPair(state.ruledOut, op.pair),
        rejected: state.rejected,
      };
      break;
    }
  }
  // Forbidden already (or any change that leaves every decision as it was): nothing to solve or store.
  if (canonicalJson(next) === canonicalJson(state)) return unchanged(current, state);
  return solved(cohort, current, next);
}

/**
 * A swap naming a pair that is not in the proposal (any more): which one, and why, so that the
 * admin knows which to replace (QA hr8: a swap with a rejected pair was told only that the two
 * "are not both pairs of this proposal"). The issue is on that pair's place in `pairIds`.
 */
function swapOutsideProposal(
  op: Extract<ReviewOperation, { kind: 'swap' }>,
  state: ReviewState,
  proposed: (p: PastPair) => boolean,
  person: ReadonlyMap<string, MatchParticipant>,
): ReviewRefusal {
  const out = op.pairs.flatMap((pair, at) => (proposed(pair) ? [] : [{ pair, at }]));
  const why = (pair: PastPair) =>
    state.rejected.some((p) => same(p, pair))
      ? 'was rejected in this review: it is not a pair of this proposal any more'
      : 'is not a pair of this proposal (any more)';
  const said = out.map(({ pair, at }) => {
    const id = op.ids?.[at];
    return `Pair ${id ? `"${id}" ` : ''}(${nameOf(person, pair.mentorId)} and ${nameOf(person, pair.menteeId)}) ${why(pair)}.`;
  });
  const only = out.length === 1 ? out[0]! : undefined;
  return refuse(
    404,
    only ? `pairIds.${only.at}` : 'pairIds',
    only ? why(only.pair) : 'are not pairs of this proposal (any more)',
    `${said.join(' ')} Read the proposal again and pick ${only ? 'another of its pairs' : 'two of its pairs'} to swap.`,
  );
}

function nameOf(people: ReadonlyMap<string, MatchParticipant>, id: string): string {
  return people.get(id)?.name ?? id;
}

function solveOptions(cohort: ReviewCohort, state: ReviewState) {
  return {
    program: cohort.program,
    participants: cohort.participants,
    // A rejected pair keeps its mentee out of the run and uses its mentor's place, as a running pair would.
    activePairs: [...cohort.activePairs, ...state.rejected],
    previousPairs: [...cohort.previousPairs, ...state.rejected],
    ...(cohort.pairedElsewhere ? { pairedElsewhere: cohort.pairedElsewhere } : {}),
    ruledOutPairs: state.ruledOut,
    forcedPairs: state.forced,
    ...(cohort.priorityIds ? { priorityIds: cohort.priorityIds } : {}),
    ...(cohort.reportingLines ? { reportingLines: cohort.reportingLines } : {}),
  };
}

/** The proposal under a review state, as the run would store it. */
export function solveUnderReview(cohort: ReviewCohort, state: ReviewState): { pairs: ProposedPair[]; unmatched: UnmatchedParticipant[] } {
  const result = matchIncrementally(solveOptions(cohort, state));
  const waiting = new Set(cohort.waitingIds);
  const inPairs = new Set(result.pairs.flatMap((p) => [p.mentorId, p.menteeId]));
  const unmatched: UnmatchedParticipant[] = result.unmatched.filter((u) => waiting.has(u.participantId));
  const listed = new Set(unmatched.map((u) => u.participantId));
  for (const pair of state.rejected) {
    for (const [id, role] of [
      [pair.mentorId, 'mentor'],
      [pair.menteeId, 'mentee'],
    ] as const) {
      if (inPairs.has(id) || listed.has(id) || !waiting.has(id)) continue;
      listed.add(id);
      unmatched.push({ participantId: id, role, code: REJECTED_CODE, reason: REJECTED_REASON });
    }
  }
  return { pairs: result.pairs, unmatched };
}

function solved(cohort: ReviewCohort, current: Proposal, state: ReviewState): ReviewOutcome {
  const proposal = solveUnderReview(cohort, state);
  const before = new Map(current.pairs.map((p) => [key(p), p]));
  const after = new Set(proposal.pairs.map(key));
  // Key order is not meaning: a stored pair comes back from DynamoDB with its maps' keys reordered.
  const explained = (p: ProposedPair) => canonicalJson([p.score, p.reasons, p.tradeOffs, p.reasonsFor]);
  const changes: ReviewChanges = {
    added: proposal.pairs.filter((p) => !before.has(key(p))),
    removed: current.pairs.filter((p) => !after.has(key(p))),
    reexplained: proposal.pairs.filter((p) => {
      const old = before.get(key(p));
      return old !== undefined && explained(old) !== explained(p);
    }),
  };
  return { refused: false, changed: true, state, proposal, changes };
}

function unchanged(current: Proposal, state: ReviewState): ReviewOutcome {
  return {
    refused: false,
    changed: false,
    state,
    proposal: { pairs: [...current.pairs], unmatched: [...current.unmatched] },
    changes: { added: [], removed: [], reexplained: [] },
  };
}
