import type { CompiledParticipant } from './features';
import type { RuleBook } from './rules';
import { NOT_ALLOWED, quickScore, type ScoringWeights } from './score';
import type { SparseScores } from './sparse-solver';

/**
 * Mentor capacity is modelled by repeating each mentor's column once per place. A mentor's
 * second place scores a hair less than the first, so that between otherwise equal solutions the
 * solver gives two mentors one mentee each rather than one mentor two.
 */
export const SECOND_PLACE_TIE_BREAK = 1e-6;

export interface CohortModel {
  readonly compiled: readonly CompiledParticipant[];
  readonly mentors: readonly CompiledParticipant[];
  readonly mentees: readonly CompiledParticipant[];
  /** Mentor position (in `mentors`) of every place (solver column). */
  readonly placeMentor: Int32Array;
  /** 0 for a mentor's first place, 1 for the second... */
  readonly placeRank: Int32Array;
  /** First place (column) of each mentor; placeStart[m+1] - placeStart[m] = capacity. */
  readonly placeStart: Int32Array;
  readonly book: RuleBook;
  readonly weights: ScoringWeights;
  readonly minOverlapMinutes: number;
}

export function buildModel(
  compiled: readonly CompiledParticipant[],
  book: RuleBook,
  weights: ScoringWeights,
  freePlaces: (mentor: CompiledParticipant) => number,
): CohortModel {
  const mentors = compiled.filter((p) => p.source.role === 'mentor' && freePlaces(p) > 0);
  const mentees = compiled.filter((p) => p.source.role === 'mentee');
  const placeStart = new Int32Array(mentors.length + 1);
  mentors.forEach((m, k) => (placeStart[k + 1] = placeStart[k]! + freePlaces(m)));
  const places = placeStart[mentors.length]!;
  const placeMentor = new Int32Array(places);
  const placeRank = new Int32Array(places);
  for (let k = 0; k < mentors.length; k++) {
    for (let c = placeStart[k]!; c < placeStart[k + 1]!; c++) {
      placeMentor[c] = k;
      placeRank[c] = c - placeStart[k]!;
    }
  }
  return { compiled, mentors, mentees, placeMentor, placeRank, placeStart, book, weights, minOverlapMinutes: book.rules.minOverlapHours * 60 };
}

/** Score of mentor x mentee, or NOT_ALLOWED when any hard rule forbids the pair. */
export function pairScore(model: CohortModel, mentor: CompiledParticipant, mentee: CompiledParticipant, floor = -Infinity): number {
  if (model.book.structural(mentor, mentee) !== 0) return NOT_ALLOWED;
  return quickScore(mentor, mentee, model.weights, model.minOverlapMinutes, floor);
}

/** mentees x places, NaN where forbidden: forbidden pairs never reach the solver. */
export function denseScores(model: CohortModel): Float64Array {
  const cols = model.placeMentor.length;
  const out = new Float64Array(model.mentees.length * cols);
  model.mentees.forEach((mentee, i) => {
    model.mentors.forEach((mentor, k) => {
      const s = pairScore(model, mentor, mentee);
      for (let c = model.placeStart[k]!; c < model.placeStart[k + 1]!; c++) {
        out[i * cols + c] = s >= 0 ? s - model.placeRank[c]! * SECOND_PLACE_TIE_BREAK : Number.NaN;
      }
    });
  });
  return out;
}

/**
 * Each mentee keeps its k best-scoring allowed mentors (ties: the mentor listed first). The
 * running k-th best is passed to the scorer as a floor so most pairs stop after the cheap factors.
 */
export function sparseScores(model: CohortModel, k: number): SparseScores {
  const rows = model.mentees.length;
  const mentorCount = model.mentors.length;
  // Per-mentee top-k heaps, kept across mentor blocks.
  const heapScore = new Float64Array(rows * k);
  const heapMentor = new Int32Array(rows * k);
  const heapSize = new Int32Array(rows);
  // Mentors are visited in blocks small enough to stay in the CPU cache while every mentee is
  // scored against them; each mentee still sees mentors in increasing order, so ties resolve
  // exactly as in a plain loop.
  for (let block = 0; block < mentorCount; block += MENTOR_BLOCK) {
    const blockEnd = Math.min(mentorCount, block + MENTOR_BLOCK);
    for (let i = 0; i < rows; i++) {
      const mentee = model.mentees[i]!;
      const hs = heapScore.subarray(i * k, i * k + k);
      const hm = heapMentor.subarray(i * k, i * k + k);
      let size = heapSize[i]!;
      for (let m = block; m < blockEnd; m++) {
        const floor = size === k ? hs[0]! : -Infinity;
        const s = pairScoreFast(model, model.mentors[m]!, mentee, floor);
        // Negative = NOT_ALLOWED or BELOW_FLOOR (compared by sign: imported constants may be getters).
        if (s < 0 || (size === k && s <= floor)) continue;
        if (size < k) siftUp(hs, hm, size++, s, m);
        else siftDown(hs, hm, size, s, m);
      }
      heapSize[i] = size;
    }
  }
  let colIndex: Int32Array<ArrayBufferLike> = new Int32Array(Math.max(16, rows * k * 2));
  let score: Float64Array<ArrayBufferLike> = new Float64Array(colIndex.length);
  const rowStart = new Int32Array(rows + 1);
  let edges = 0;
  for (let i = 0; i < rows; i++) {
    const mentee = model.mentees[i]!;
    const kept = heapMentor.slice(i * k, i * k + heapSize[i]!).sort();
    for (const m of kept) {
      const s = pairScore(model, model.mentors[m]!, mentee);
      for (let c = model.placeStart[m]!; c < model.placeStart[m + 1]!; c++) {
        if (edges === colIndex.length) {
          colIndex = grow(colIndex) as Int32Array;
          score = grow(score) as Float64Array;
        }
        colIndex[edges] = c;
        score[edges++] = s - model.placeRank[c]! * SECOND_PLACE_TIE_BREAK;
      }
    }
    rowStart[i + 1] = edges;
  }
  return { rows, cols: model.placeMentor.length, rowStart, colIndex: colIndex.slice(0, edges), score: score.slice(0, edges) };
}

const MENTOR_BLOCK = 256;
// tsx/esbuild may compile imports into getter calls; the candidate loop runs 10^8 times, so the
// scorer is bound once here.
const quickScoreBound = quickScore;
function pairScoreFast(model: CohortModel, mentor: CompiledParticipant, mentee: CompiledParticipant, floor: number): number {
  if (model.book.structural(mentor, mentee) !== 0) return -1;
  return quickScoreBound(mentor, mentee, model.weights, model.minOverlapMinutes, floor);
}

function grow(a: Int32Array | Float64Array): Int32Array | Float64Array {
  const b = new (a.constructor as Int32ArrayConstructor | Float64ArrayConstructor)(a.length * 2);
  b.set(a);
  return b;
}

/** Min-heap on (score, then later mentor first): the root is the candidate to drop next. */
function worse(s1: number, m1: number, s2: number, m2: number): boolean {
  return s1 < s2 || (s1 === s2 && m1 > m2);
}

function siftUp(hs: Float64Array, hm: Int32Array, at: number, s: number, m: number): void {
  let k = at;
  while (k > 0) {
    const p = (k - 1) >> 1;
    if (!worse(s, m, hs[p]!, hm[p]!)) break;
    hs[k] = hs[p]!;
    hm[k] = hm[p]!;
    k = p;
  }
  hs[k] = s;
  hm[k] = m;
}

/** Replaces the root (the worst kept candidate) with (s, m). */
function siftDown(hs: Float64Array, hm: Int32Array, size: number, s: number, m: number): void {
  let k = 0;
  for (;;) {
    let c = 2 * k + 1;
    if (c >= size) break;
    if (c + 1 < size && worse(hs[c + 1]!, hm[c + 1]!, hs[c]!, hm[c]!)) c++;
    if (!worse(hs[c]!, hm[c]!, s, m)) break;
    hs[k] = hs[c]!;
    hm[k] = hm[c]!;
    k = c;
  }
  hs[k] = s;
  hm[k] = m;
}
