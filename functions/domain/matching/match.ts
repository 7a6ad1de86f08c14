import type { Program } from '../program';
import { topicLabel } from '../topics';
import { buildModel, denseScores, pairScore, sparseScores, type CohortModel } from './candidates';
import { explainPair, reportingLineTradeOff, type ReasonsByReader, type WaitlistCost } from './explain';
import { compileCohort, newCompileContext, type CompiledParticipant, type MatchParticipant } from './features';
import type { ReportingLink } from './reporting-chain';
import { buildRuleBook, RULE, RULE_NAMES, type PastPair, type RuleName } from './rules';
import { NOT_ALLOWED, prepareWeights, quickScore, scoreCompiledPair } from './score';
import { solveAssignment, type Assignment } from './solver';
import { solveSparseAssignment } from './sparse-solver';
import { explainUnmatched, type UnmatchedParticipant, type WaitlistEffect } from './unmatched';
import { neverPairAgain, partnersBeforeNote, type PairedElsewhere } from './past-partners';

export type { MatchParticipant } from './features';
export type { PastPair } from './rules';
export type { UnmatchedParticipant } from './unmatched';
export type { PairedElsewhere } from './past-partners';

/** Above this many mentee x place cells (8 bytes each), `auto` switches to sparse candidate lists. */
export const EXACT_CELL_LIMIT = 25_000_000;
export const DEFAULT_CANDIDATES_PER_MENTEE = 40;

export interface MatchOptions {
  readonly program: Program;
  readonly participants: readonly MatchParticipant[];
  /** Pairs that existed before; never proposed again. */
  readonly previousPairs?: readonly PastPair[];
  /**
   * Pairings people of this cohort had with each other in other programs: a pair that ended as not
   * a fit, by a person's request or by the program team is never proposed again; any other may be,
   * and its trade-offs tell the admins they were partners before, and where (past-partners.ts).
   */
  readonly pairedElsewhere?: readonly PairedElsewhere[];
  /** Availability is compared on the week of this date (YYYY-MM-DD). Default: the program start. */
  readonly referenceDate?: string;
  /** `exact` solves the full matrix; `sparse` keeps each mentee's best candidates. Default `auto`. */
  readonly mode?: 'auto' | 'exact' | 'sparse';
  readonly candidatesPerMentee?: number;
  /**
   * Pairs an admin fixed while reviewing a proposal: kept as they are (each uses a place of its
   * mentor), explained like the others, and everyone else is solved optimally around them. Each
   * must abide by the hard rules (check with `pairRuleBreaks`); one that does not is refused.
   */
  readonly forcedPairs?: readonly PastPair[];
  /** Pairs an admin ruled out while reviewing a proposal: never proposed, like a hard rule. */
  readonly ruledOutPairs?: readonly PastPair[];
  /**
   * People matched first (those on the waitlist): among the assignments with the most pairs, the
   * solver takes one that pairs the most of them, and only then the best total score. Their pairs
   * say so in the admin's reasons.
   */
  readonly priorityIds?: readonly string[];
  /**
   * People who are not matched in this run (they left, withdrew or finished) but whose place in
   * the reporting lines still links those who are: nobody is paired with their manager's manager
   * because the manager in between is no longer in the program.
   */
  readonly reportingLines?: readonly ReportingLink[];
}

export interface ProposedPair {
  readonly mentorId: string;
  readonly menteeId: string;
  /** 0-100, two decimals. */
  readonly score: number;
  /** For the program admin: both people in the third person, by name. */
  readonly reasons: string[];
  /** The same reasons written for each reader (the introduction uses its reader's list). */
  readonly reasonsFor: ReasonsByReader;
  /** For the program admin. */
  readonly tradeOffs: string[];
}

export interface MatchStats {
  readonly mentors: number;
  readonly mentees: number;
  /** Places offered by mentors after the program cap (and, incrementally, after active pairs). */
  readonly mentorPlaces: number;
  readonly pairs: number;
  readonly unmatchedMentees: number;
  readonly unmatchedMentors: number;
  readonly totalScore: number;
  readonly averageScore: number;
  readonly mode: 'exact' | 'sparse';
  readonly candidatesPerMentee: number | null;
  readonly referenceDate: string;
}

export interface MatchResult {
  readonly pairs: ProposedPair[];
  readonly unmatched: UnmatchedParticipant[];
  readonly stats: MatchStats;
}

/** Optimal, rule-abiding, explained pairs for a whole cohort. Same input, same output. */
export function matchCohort(options: MatchOptions): MatchResult {
  return runMatching(options, new Map(), new Set());
}

export interface IncrementalMatchOptions extends MatchOptions {
  /** Pairs that are running now: they are not touched, and use up their mentors' places. */
  readonly activePairs: readonly PastPair[];
}

/**
 * Late joiners and rematches: everyone in `participants` who is not in an active pair is matched
 * against mentors' free places. Active pairs stay as they are; pass the people of active pairs
 * too, so that reporting lines through them are known. Ended pairs go in `previousPairs`.
 */
export function matchIncrementally(options: IncrementalMatchOptions): MatchResult {
  const placesTaken = new Map<string, number>();
  const busyMentees = new Set<string>();
  for (const p of options.activePairs) {
    placesTaken.set(p.mentorId, (placesTaken.get(p.mentorId) ?? 0) + 1);
    busyMentees.add(p.menteeId);
  }
  return runMatching(options, placesTaken, busyMentees);
}

/** What the hard rules read of a run's options: the people, the pairs before, the program's topics and matching settings. */
export type RuleCheckOptions = Pick<
  MatchOptions,
  'participants' | 'previousPairs' | 'pairedElsewhere' | 'referenceDate' | 'ruledOutPairs' | 'reportingLines'
> & {
  readonly program: Pick<Program, 'startDate' | 'topics' | 'matching'>;
};

/** What runMatching and hardRuleCheck share: the compiled cohort under the program's rules. */
function prepareCohort(options: RuleCheckOptions) {
  const { program } = options;
  const referenceDate = options.referenceDate ?? program.startDate;
  const seen = new Set<string>();
  for (const p of options.participants) {
    if (seen.has(p.participantId)) throw new RangeError(`Participant id "${p.participantId}" appears twice; give every participant a unique id.`);
    seen.add(p.participantId);
  }
  const ctx = newCompileContext(
    program.topics.map((t) => t.id),
    referenceDate,
  );
  const compiled = compileCohort(options.participants, ctx);
  const previous = [...(options.previousPairs ?? []), ...(options.pairedElsewhere ?? []).filter(neverPairAgain)];
  const book = buildRuleBook(compiled, program.matching.rules, previous, options.ruledOutPairs, options.reportingLines);
  const weights = prepareWeights(program.matching.weights);
  const byId = new Map(compiled.map((c) => [c.source.participantId, c]));
  return { referenceDate, compiled, book, weights, byId };
}

/**
 * The hard rules one mentor x mentee pair breaks (empty: it may be proposed), so that an admin
 * who forces a pair in review is told why it cannot be. Throws for an id that is not in the cohort.
 */
export function pairRuleBreaks(options: MatchOptions, mentorId: string, menteeId: string): RuleName[] {
  return hardRuleCheck(options)(mentorId, menteeId);
}

/**
 * The hard rules of a run with these options, pair by pair, the cohort prepared once: what a run
 * rules out, and nothing it allows (the admins' digest says whether a run can pair those who wait
 * by it: functions/domain/waiting-pairable.ts). The returned check throws for an id that is not in
 * the cohort, or not in that role.
 */
export function hardRuleCheck(options: RuleCheckOptions): (mentorId: string, menteeId: string) => RuleName[] {
  const { book, weights, byId } = prepareCohort(options);
  const minOverlap = book.rules.minOverlapHours * 60;
  return (mentorId, menteeId) => {
    const mentor = byId.get(mentorId);
    const mentee = byId.get(menteeId);
    if (mentor?.source.role !== 'mentor') throw new RangeError(`${mentorId} is not a mentor of this cohort.`);
    if (mentee?.source.role !== 'mentee') throw new RangeError(`${menteeId} is not a mentee of this cohort.`);
    let bits = book.structural(mentor, mentee);
    if (quickScore(mentor, mentee, weights, minOverlap, -Infinity) === NOT_ALLOWED) {
      const detail = scoreCompiledPair(mentor, mentee, weights);
      if (detail.overlapMinutes < minOverlap) bits |= RULE.tooLittleOverlap;
      if (detail.missingMustHaves.length > 0) bits |= RULE.missingMustHave;
    }
    return RULE_NAMES.filter((r) => (bits & RULE[r]) !== 0);
  };
}

/**
 * The mentor who would have fitted this mentee best, by at least a point more than `chosenScore`,
 * and was kept from them by the reporting-line rule alone: the admins who approve see why the
 * obvious pair is missing (a mentor who reports to the mentee, however far down). Reporting lines
 * are two integer comparisons a pair, so the scan costs what the dense score matrix does.
 */
function betterInReportingLine(
  model: CohortModel,
  mentee: CompiledParticipant,
  chosenScore: number,
): { readonly mentor: CompiledParticipant; readonly score: number } | undefined {
  let best: { mentor: CompiledParticipant; score: number } | undefined;
  for (const mentor of model.mentors) {
    if (!model.book.chains.sameChain(mentor.index, mentee.index) || model.book.structural(mentor, mentee) !== RULE.reportingChain) continue;
    const score = quickScore(mentor, mentee, model.weights, model.minOverlapMinutes, -Infinity);
    if (score >= 0 && score - chosenScore >= 1 && (best === undefined || score > best.score)) best = { mentor, score };
  }
  return best;
}

function runMatching(options: MatchOptions, placesTakenBefore: ReadonlyMap<string, number>, busyBefore: ReadonlySet<string>): MatchResult {
  const { program } = options;
  const { referenceDate, compiled, book, weights, byId } = prepareCohort(options);
  const forced = options.forcedPairs ?? [];
  // Forced pairs use their places like running pairs; the solver fills the rest.
  const placesTaken = new Map(placesTakenBefore);
  const busyMentees = new Set(busyBefore);
  for (const p of forced) {
    placesTaken.set(p.mentorId, (placesTaken.get(p.mentorId) ?? 0) + 1);
    busyMentees.add(p.menteeId);
  }
  const model0 = buildModel(compiled, book, weights, (m) => book.capacity(m.source) - (placesTaken.get(m.source.participantId) ?? 0));
  const model: CohortModel = { ...model0, mentees: model0.mentees.filter((e) => !busyMentees.has(e.source.participantId)) };

  const rows = model.mentees.length;
  const cols = model.placeMentor.length;
  const requested = options.mode ?? 'auto';
  const mode = requested === 'auto' ? (rows * cols <= EXACT_CELL_LIMIT ? 'exact' : 'sparse') : requested;
  const k = Math.max(1, Math.floor(options.candidatesPerMentee ?? DEFAULT_CANDIDATES_PER_MENTEE));
  let assignment: Assignment;
  // The best assignment without the waitlist going first, solved only when someone waits: what the
  // explanations compare against, so that a pair the waitlist chose is never called the better fit.
  let withoutWaitlist: Assignment | undefined;
  let bestForMentee: (row: number) => number;
  const priority = new Set(options.priorityIds ?? []);
  const waitingBonus = waitingBonusOf(model, priority, rows, cols);
  if (mode === 'exact') {
    const scores = denseScores(model);
    // Each mentee's best score, read before any bonus (the trade-off an explanation names).
    const best = Array.from({ length: rows }, (_, row) => rowMax(scores, row * cols, cols));
    bestForMentee = (row) => best[row]!;
    if (waitingBonus) {
      withoutWaitlist = solveAssignment(scores, rows, cols);
      for (let row = 0; row < rows; row++) for (let col = 0; col < cols; col++) scores[row * cols + col]! += waitingBonus(row, col);
    }
    assignment = solveAssignment(scores, rows, cols);
  } else {
    const sparse = sparseScores(model, k);
    const best = Array.from({ length: rows }, (_, row) => rowMax(sparse.score, sparse.rowStart[row]!, sparse.rowStart[row + 1]! - sparse.rowStart[row]!));
    bestForMentee = (row) => best[row]!;
    if (waitingBonus) withoutWaitlist = solveSparseAssignment(sparse);
    if (waitingBonus)
      for (let row = 0; row < rows; row++)
        for (let e = sparse.rowStart[row]!; e < sparse.rowStart[row + 1]!; e++) sparse.score[e]! += waitingBonus(row, sparse.colIndex[e]!);
    assignment = solveSparseAssignment(sparse);
  }

  const label = (id: string) => topicLabel(id, program.topics);
  // Said first to the admins, who approve: the two were partners before in another program (trade-offs are never shown to the pair).
  const withHistory = (tradeOffs: string[], mentor: CompiledParticipant, mentee: CompiledParticipant): string[] => {
    const names = { mentor: mentor.source.name, mentee: mentee.source.name };
    const note = partnersBeforeNote(options.pairedElsewhere ?? [], mentor.source.participantId, mentee.source.participantId, names);
    return note ? [note, ...tradeOffs] : tradeOffs;
  };
  const waitlistCost = waitlistCostsOf(model, assignment, withoutWaitlist, priority);
  const pairs: ProposedPair[] = [];
  const mentorsUsed = new Set<number>();
  let total = 0;
  for (let row = 0; row < rows; row++) {
    const col = assignment.rowToCol[row]!;
    if (col < 0) continue;
    const mentee = model.mentees[row]!;
    const mentor = model.mentors[model.placeMentor[col]!]!;
    mentorsUsed.add(mentor.index);
    const score = pairScore(model, mentor, mentee);
    total += score;
    const { reasons, reasonsFor, tradeOffs } = explainPair(
      mentor,
      mentee,
      scoreCompiledPair(mentor, mentee, weights),
      label,
      bestForMentee(row),
      forced.length > 0 ? 'around-forced' : 'optimal',
      waitlistCost?.pair(row),
    );
    const chainMate = betterInReportingLine(model, mentee, score);
    if (chainMate) tradeOffs.unshift(reportingLineTradeOff(chainMate.mentor.source.name, mentee.source.name, chainMate.score));
    // For the admin only (`reasons` is the admin's list): the people never read that someone waited.
    for (const p of [mentor, mentee]) if (priority.has(p.source.participantId)) reasons.push(`${p.source.name} was on the waitlist, so is matched first`);
    pairs.push({
      mentorId: mentor.source.participantId,
      menteeId: mentee.source.participantId,
      score: round2(score),
      reasons,
      reasonsFor,
      tradeOffs: withHistory(tradeOffs, mentor, mentee),
    });
  }

  for (const f of forced) {
    const mentor = byId.get(f.mentorId);
    const mentee = byId.get(f.menteeId);
    if (!mentor || !mentee) throw new RangeError(`The forced pair ${f.mentorId} x ${f.menteeId} names someone who is not in this cohort.`);
    const score = pairScore(model, mentor, mentee);
    if (score < 0) throw new RangeError(`The forced pair ${f.mentorId} x ${f.menteeId} breaks a hard rule; check it with pairRuleBreaks first.`);
    if (book.capacity(mentor.source) < (placesTaken.get(f.mentorId) ?? 0)) {
      throw new RangeError(`Mentor ${f.mentorId} is forced into more pairs than their places allow.`);
    }
    // What the mentee could have had: their best allowed mentor among those with a place before the review.
    let best = -Infinity;
    for (const m of compiled) {
      if (m.source.role !== 'mentor' || book.capacity(m.source) - (placesTakenBefore.get(m.source.participantId) ?? 0) <= 0) continue;
      best = Math.max(best, pairScore(model, m, mentee));
    }
    mentorsUsed.add(mentor.index);
    total += score;
    const { reasons, reasonsFor, tradeOffs } = explainPair(mentor, mentee, scoreCompiledPair(mentor, mentee, weights), label, best, 'forced');
    pairs.push({ mentorId: f.mentorId, menteeId: f.menteeId, score: round2(score), reasons, reasonsFor, tradeOffs: withHistory(tradeOffs, mentor, mentee) });
  }

  const unmatched: UnmatchedParticipant[] = [];
  const menteesMatched = new Set(pairs.map((p) => p.menteeId));
  // Whether the waitlist went first in this run: a mentee who lost a place may have lost it to them, not to a better fit.
  const waitlistFirst = pairs.some((p) => priority.has(p.menteeId));
  // The other side of the cohort whose places are taken (running pairs, pairs set in review): a
  // partner who fits but is booked is why someone waits, not "nobody fits".
  const freeMentors = new Set(model.mentors);
  const bookedMentors = compiled.filter((c) => c.source.role === 'mentor' && !freeMentors.has(c));
  for (const mentee of model.mentees) {
    if (!menteesMatched.has(mentee.source.participantId)) unmatched.push(explainUnmatched(model, mentee, model.mentors, waitlistFirst, bookedMentors));
  }
  const idleMentors: CompiledParticipant[] = model.mentors.filter((m) => !mentorsUsed.has(m.index) && !placesTaken.has(m.source.participantId));
  const forcedCount = forced.length;
  const freeMentees = new Set(model.mentees);
  const bookedMentees = compiled.filter((c) => c.source.role === 'mentee' && !freeMentees.has(c));
  for (const mentor of idleMentors) unmatched.push(explainUnmatched(model, mentor, model.mentees, waitlistCost?.idleMentor(mentor) ?? false, bookedMentees));

  return {
    pairs,
    unmatched,
    stats: {
      mentors: model.mentors.length,
      mentees: rows + forcedCount,
      mentorPlaces: cols,
      pairs: pairs.length,
      unmatchedMentees: rows + forcedCount - pairs.length,
      unmatchedMentors: idleMentors.length,
      totalScore: round2(total),
      averageScore: pairs.length > 0 ? round2(total / pairs.length) : 0,
      mode,
      candidatesPerMentee: mode === 'sparse' ? k : null,
      referenceDate,
    },
  };
}

/**
 * The bonus a cell (mentee row x mentor place) gets for the waiting people it pairs, or undefined
 * when nobody waits. Each waiting person is worth more than every score of the cohort together, so
 * the most of them are paired first (the solvers still put the number of pairs before all else).
 * A waiting mentor counts once, on their first place only: a second mentee for the same mentor
 * pairs no further waiting person, so it must not outweigh pairing another waiting mentor.
 * Taking the first place before the second costs nothing (the second place already scores less).
 */
function waitingBonusOf(model: CohortModel, priority: ReadonlySet<string>, rows: number, cols: number): ((row: number, col: number) => number) | undefined {
  if (priority.size === 0) return undefined;
  const bonus = 100 * (Math.min(rows, cols) + 1);
  const rowBonus = model.mentees.map((e) => (priority.has(e.source.participantId) ? bonus : 0));
  const colBonus = Array.from(model.placeMentor, (m, col) => (model.placeRank[col] === 0 && priority.has(model.mentors[m]!.source.participantId) ? bonus : 0));
  // Nobody who waits is in this solve: no bonus, and no second solve to explain it against.
  if (!rowBonus.some((b) => b > 0) && !colBonus.some((b) => b > 0)) return undefined;
  return (row, col) => rowBonus[row]! + colBonus[col]!;
}

interface WaitlistCosts {
  /** The cost for the mentee of this row, when the waitlist (not the total) chose their mentor. */
  pair(row: number): WaitlistCost | undefined;
  /** For a mentor left without a mentee: whether the assignment without the waitlist first pairs them. */
  idleMentor(mentor: CompiledParticipant): WaitlistEffect;
}

/**
 * What pairing the waitlist first cost, against the best assignment without it (`plain`: the same
 * number of pairs, the best total). Nothing when the totals are equal: then the waitlist only chose
 * among equally good assignments, and "better matches for the cohort" stays true. Otherwise a
 * mentee whose plain mentor scores at least a point more was paired by the waitlist, and a mentor
 * the plain assignment pairs lost their mentee to it. O(pairs) scores; the solves are the cost.
 */
function waitlistCostsOf(model: CohortModel, chosen: Assignment, plain: Assignment | undefined, priority: ReadonlySet<string>): WaitlistCosts | undefined {
  if (!plain) return undefined;
  const rows = model.mentees.length;
  const mentorAt = (a: Assignment, row: number) => {
    const col = a.rowToCol[row]!;
    return col < 0 ? undefined : model.mentors[model.placeMentor[col]!]!;
  };
  const chosenScore = new Float64Array(rows);
  const plainScore = new Float64Array(rows);
  let chosenTotal = 0;
  let plainTotal = 0;
  for (let row = 0; row < rows; row++) {
    const mentee = model.mentees[row]!;
    const c = mentorAt(chosen, row);
    const p = mentorAt(plain, row);
    chosenScore[row] = c ? pairScore(model, c, mentee) : 0;
    plainScore[row] = p ? pairScore(model, p, mentee) : 0;
    chosenTotal += chosenScore[row]!;
    plainTotal += plainScore[row]!;
  }
  if (plainTotal - chosenTotal < 0.005) return undefined;
  const waits = (m: CompiledParticipant | undefined) => m !== undefined && priority.has(m.source.participantId);
  return {
    pair(row) {
      const c = mentorAt(chosen, row);
      const p = mentorAt(plain, row);
      if (!c || !p || p === c || plainScore[row]! - chosenScore[row]! < 1) return undefined;
      return { mentorWaits: waits(c), instead: p, insteadScore: plainScore[row]! };
    },
    idleMentor(mentor) {
      let had = 0;
      let toWaiting = 0;
      for (let row = 0; row < rows; row++) {
        if (mentorAt(plain, row) !== mentor) continue;
        had++;
        if (waits(mentorAt(chosen, row))) toWaiting++;
      }
      if (had === 0) return false;
      return toWaiting === had ? { toWaitingMentors: had } : true;
    },
  };
}

function rowMax(a: Float64Array, start: number, length: number): number {
  let best = -Infinity;
  for (let k = start; k < start + length; k++) if (a[k]! > best) best = a[k]!;
  return best;
}

/** A score or total as proposals give it: two decimals. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
