import type { ParticipantIntake } from '../participant';
import { MATCHING_FACTORS, type MatchingFactor, type MatchingWeights } from '../program';
import { DEFAULT_TOPICS } from '../topics';
import { compileCohort, newCompileContext, sharedCount as sharedCountImport, type CompiledParticipant } from './features';
import { overlapMinutes as overlapMinutesImport } from './time-windows';

// Bound once: tsx/esbuild may turn imported calls into getter calls, and these run 10^8 times.
const sharedCount = sharedCountImport;
const overlapMinutes = overlapMinutesImport;

/** Weekly shared time at which availability counts as fully satisfied (a 1-hour session with room to move). */
export const FULL_OVERLAP_MINUTES = 180;
/** Shared interests or goal words at which that factor is fully satisfied. */
const FULL_SHARED = 3;
/** 10 on the 0-10 scale means must-have: the pair is not allowed when the factor is absent. */
export const MUST_HAVE_WEIGHT = 10;

export const FACTOR = {
  topics: 0,
  reverseTopics: 1,
  interests: 2,
  availability: 3,
  meetingPreference: 4,
  communicationStyle: 5,
  goals: 6,
} as const satisfies Record<MatchingFactor, number>;

export interface FactorScore {
  readonly factor: MatchingFactor;
  /** Program weight 0-10. */
  readonly weight: number;
  /** How well the pair does on this factor alone, 0-1. */
  readonly value: number;
  /** Points of the 0-100 score this factor contributed. */
  readonly contribution: number;
}

export interface PairScore {
  /** 0-100; 0 as well when every weight is 0. */
  readonly score: number;
  readonly factors: readonly FactorScore[];
  /** Must-have factors (weight 10) the pair lacks: such a pair is not allowed. */
  readonly missingMustHaves: readonly MatchingFactor[];
  readonly overlapMinutes: number;
}

/** Program weights prepared once per run: points per unit of each factor, and the must-haves. */
export interface ScoringWeights {
  readonly weights: MatchingWeights;
  readonly points: Float64Array;
  readonly mustHave: Uint8Array;
}

export function prepareWeights(weights: MatchingWeights): ScoringWeights {
  const raw = MATCHING_FACTORS.map((f) => weights[f]);
  const sum = raw.reduce((a, b) => a + b, 0);
  return {
    weights,
    points: Float64Array.from(raw, (w) => (sum > 0 ? (100 * w) / sum : 0)),
    mustHave: Uint8Array.from(raw, (w) => (w >= MUST_HAVE_WEIGHT ? 1 : 0)),
  };
}

function topicCoverage(offered: Int32Array, wantWeight: Float64Array): number {
  let v = 0;
  for (let k = 0; k < offered.length; k++) v += wantWeight[offered[k]!] ?? 0;
  return v > 1 ? 1 : v;
}

function sharedShare(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  const full = Math.min(FULL_SHARED, a.length, b.length);
  const n = sharedCount(a, b);
  return n >= full ? 1 : n / full;
}

/** Video works anywhere; in person needs the same location; "either" bends to the other. */
export function meetingFit(a: CompiledParticipant, b: CompiledParticipant): number {
  const inPerson = (a.meeting === 1 ? 1 : 0) + (b.meeting === 1 ? 1 : 0);
  if (inPerson === 0) return 1;
  if (a.meeting === 0 || b.meeting === 0) return 0;
  if (a.location !== b.location) return inPerson === 2 ? 0 : 0.5;
  return 1;
}

function styleFit(a: CompiledParticipant, b: CompiledParticipant): number {
  if (a.style < 0 || b.style < 0) return 0.5;
  return a.style === b.style ? 1 : 0;
}

/** Each factor's value 0-1 for mentor x mentee, in FACTOR order; returns the weekly overlap in minutes. */
export function factorValues(mentor: CompiledParticipant, mentee: CompiledParticipant, out: Float64Array): number {
  const overlap = overlapMinutes(mentor.week.bounds, mentee.week.bounds);
  out[FACTOR.topics] = topicCoverage(mentor.offered, mentee.wantWeight);
  out[FACTOR.reverseTopics] = topicCoverage(mentee.offered, mentor.wantWeight);
  out[FACTOR.interests] = sharedShare(mentor.interests, mentee.interests);
  out[FACTOR.availability] = overlap >= FULL_OVERLAP_MINUTES ? 1 : overlap / FULL_OVERLAP_MINUTES;
  out[FACTOR.meetingPreference] = meetingFit(mentor, mentee);
  out[FACTOR.communicationStyle] = styleFit(mentor, mentee);
  out[FACTOR.goals] = sharedShare(mentor.goals, mentee.goals);
  return overlap;
}

/** Both sentinels are negative: callers may test `score < 0`. */
export const NOT_ALLOWED = -1;
/** @public the second sentinel quickScore returns (inlined there as -2 for the hot path). */
export const BELOW_FLOOR = -2;

/**
 * The hot path of candidate generation: the score, NOT_ALLOWED when a must-have is missing or the
 * overlap is under the program minimum, or BELOW_FLOOR as soon as the pair provably cannot score
 * above `floor` (cheap factors first, so most pairs of a large cohort stop early).
 */
export function quickScore(mentor: CompiledParticipant, mentee: CompiledParticipant, w: ScoringWeights, minOverlapMinutes: number, floor: number): number {
  const p = w.points;
  const must = w.mustHave;
  let left = 100;
  let score = 0;
  let v = topicCoverage(mentor.offered, mentee.wantWeight);
  if (v === 0 && must[0] === 1) return -1;
  score += p[0]! * v;
  left -= p[0]!;
  v = topicCoverage(mentee.offered, mentor.wantWeight);
  if (v === 0 && must[1] === 1) return -1;
  score += p[1]! * v;
  left -= p[1]!;
  v = meetingFit(mentor, mentee);
  if (v === 0 && must[4] === 1) return -1;
  score += p[4]! * v;
  left -= p[4]!;
  v = styleFit(mentor, mentee);
  if (v === 0 && must[5] === 1) return -1;
  score += p[5]! * v;
  left -= p[5]!;
  if (score + left <= floor && minOverlapMinutes <= 0) return -2; // BELOW_FLOOR, inlined for the hot path
  v = sharedShare(mentor.interests, mentee.interests);
  if (v === 0 && must[2] === 1) return -1;
  score += p[2]! * v;
  left -= p[2]!;
  v = sharedShare(mentor.goals, mentee.goals);
  if (v === 0 && must[6] === 1) return -1;
  score += p[6]! * v;
  left -= p[6]!;
  if (score + left <= floor && minOverlapMinutes <= 0) return -2; // BELOW_FLOOR, inlined for the hot path
  const overlap = overlapMinutes(mentor.week.bounds, mentee.week.bounds);
  if (overlap < minOverlapMinutes || (overlap === 0 && must[3] === 1)) return -1;
  score += p[3]! * (overlap >= FULL_OVERLAP_MINUTES ? 1 : overlap / FULL_OVERLAP_MINUTES);
  return score;
}

/** Full detail for one compiled pair, for explanations and for `scorePair`. */
export function scoreCompiledPair(mentor: CompiledParticipant, mentee: CompiledParticipant, w: ScoringWeights): PairScore {
  const values = new Float64Array(MATCHING_FACTORS.length);
  const overlap = factorValues(mentor, mentee, values);
  const factors = MATCHING_FACTORS.map((factor, i) => ({
    factor,
    weight: w.weights[factor],
    value: values[i]!,
    contribution: w.points[i]! * values[i]!,
  }));
  return {
    score: factors.reduce((a, f) => a + f.contribution, 0),
    factors,
    missingMustHaves: factors.filter((f, i) => w.mustHave[i] === 1 && f.value === 0).map((f) => f.factor),
    overlapMinutes: overlap,
  };
}

/**
 * Compatibility of one mentor with one mentee, 0-100, with each factor's contribution.
 * Availability is compared on the week that contains `referenceDate` (DST-aware).
 */
export function scorePair(
  mentor: ParticipantIntake,
  mentee: ParticipantIntake,
  weights: MatchingWeights,
  options: { referenceDate?: string; topics?: readonly { id: string }[] } = {},
): PairScore {
  const ctx = newCompileContext(
    (options.topics ?? DEFAULT_TOPICS).map((t) => t.id),
    options.referenceDate ?? new Date().toISOString().slice(0, 10),
  );
  const [m, e] = compileCohort(
    [
      { ...mentor, participantId: 'mentor' },
      { ...mentee, participantId: 'mentee' },
    ],
    ctx,
  );
  return scoreCompiledPair(m!, e!, prepareWeights(weights));
}
