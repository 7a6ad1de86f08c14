/**
 * Matching benchmark (`npm run bench:match`): our assignment solver against scipy's
 * linear_sum_assignment on the same matrices, then a 20,000-person cohort in sparse mode, then
 * whole processes timed from outside: `crossgen assign` against a python3 + scipy script reading
 * the same JSON at n = 2,000 (run in turn, A B A B ...), and the CLI's start times.
 * Prints a table, then one JSON line with every number and whether each target was met.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, denseScores, sparseScores, type CohortModel } from '../functions/domain/matching/candidates';
import { compileCohort, newCompileContext } from '../functions/domain/matching/features';
import { matchCohort } from '../functions/domain/matching/match';
import { buildRuleBook } from '../functions/domain/matching/rules';
import { prepareWeights } from '../functions/domain/matching/score';
import { solveAssignment } from '../functions/domain/matching/solver';
import { solveSparseAssignment } from '../functions/domain/matching/sparse-solver';
import { seededRandom, syntheticCohort } from '../functions/domain/matching/synthetic-cohort';

/** The python3 on PATH (or $PYTHON): the one a user would run scipy with. */
const PYTHON = process.env.PYTHON ?? 'python3';
const HERE = dirname(fileURLToPath(import.meta.url));
const HELPER = join(HERE, 'match-scipy.py');
const ASSIGN_SCIPY = join(HERE, 'assign-scipy.py');
const CROSSGEN = join(HERE, '..', 'local', 'crossgen.mjs');
const REPLY_FIXTURE = join(HERE, '..', 'test', 'fixtures', 'replies', 'apple-mail-flowed.eml');
const WHOLE_N = 2000;
const WHOLE_PAIRS = 5;
const START_RUNS = 7;
const START_TARGETS = { help: 0.3, assign50: 0.3, reply: 0.5 } as const;
/** `--whole-only`: skip the in-process solver table and the sparse cohort. */
const wholeOnly = process.argv.includes('--whole-only');
const SIZES = [500, 1000, 2000, 4000];
const SPARSE_COHORT = 20_000;
const GAP_COHORT = 4_000;
const K = 40;

interface Case {
  n: number;
  kind: 'uniform' | 'structured';
  oursSeconds: number;
  scipySeconds: number | null;
  ratio: number | null;
  oursTotal: number;
  scipyTotal: number | null;
  totalsEqual: boolean | null;
  peakBytes: number;
  peakVs8n2: number;
}

function uniformMatrix(n: number, seed: number): Float64Array {
  const rnd = seededRandom(seed);
  return Float64Array.from({ length: n * n }, () => rnd() * 100);
}

function modelOf(size: number, seed: number, maxCapacity: number, mentorShare: number): CohortModel {
  const { program, participants } = syntheticCohort({ size, seed, maxCapacity, mentorShare });
  const compiled = compileCohort(
    participants,
    newCompileContext(
      program.topics.map((t) => t.id),
      program.startDate,
    ),
  );
  const book = buildRuleBook(compiled, program.matching.rules);
  return buildModel(compiled, book, prepareWeights(program.matching.weights), (m) => book.capacity(m.source));
}

/** n mentors x n mentees with capacity 1: a square matrix of real scores, NaN where rules forbid. */
function structuredMatrix(n: number, seed: number): Float64Array {
  const model = modelOf(2 * n, seed, 1, 0.5);
  if (model.mentees.length !== n || model.placeMentor.length !== n) throw new Error('The synthetic cohort did not split evenly.');
  return denseScores(model);
}

function scipy(dir: string, m: Float64Array, rows: number, cols: number): { seconds: number; total: number } | { error: string } {
  const file = join(dir, `m-${rows}x${cols}.f64`);
  writeFileSync(file, new Uint8Array(m.buffer, m.byteOffset, m.byteLength));
  const out = spawnSync(PYTHON, [HELPER, file, String(rows), String(cols)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  rmSync(file, { force: true });
  const line = out.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as { seconds: number; total: number } | { error: string };
  } catch {
    return { error: `the scipy helper failed: ${out.stderr.trim().split('\n').pop() ?? 'no output'}` };
  }
}

function scipyAvailable(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import scipy.optimize'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} is missing; install python3 and scipy (Debian: python3-scipy) to compare against scipy.`;
  return r.status === 0
    ? undefined
    : `scipy is not installed for ${PYTHON}: run \`apt-get update && apt-get install -y python3-scipy\` (or pip install scipy), then run the benchmark again.`;
}

/** Wall seconds of one whole process, from spawn to exit, and what it printed. */
function timed(command: string, args: string[]): { seconds: number; stdout: string } {
  const t0 = performance.now();
  const out = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (out.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${out.status}: ${out.stderr.trim().split('\n').pop() ?? ''}`);
  return { seconds, stdout: out.stdout };
}

const medianOf = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** A scores file as `crossgen assign` reads it: {"scores": [[...], ...]}. */
function writeScores(dir: string, m: Float64Array, n: number): string {
  const file = join(dir, `scores-${n}.json`);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(m.subarray(i * n, (i + 1) * n), (x) => Math.round(x * 1e4) / 1e4));
  writeFileSync(file, JSON.stringify({ scores: rows }));
  return file;
}

interface WholeProcess {
  n: number;
  oursSeconds: number[];
  scipySeconds: number[];
  ratios: number[];
  medianRatio: number;
  totalsEqual: boolean;
}

/** `crossgen assign` and the scipy script on the same file, in turn, ratio taken pair by pair. */
function wholeProcess(dir: string): WholeProcess {
  const file = writeScores(dir, uniformMatrix(WHOLE_N, 7), WHOLE_N);
  const ours: number[] = [];
  const theirs: number[] = [];
  let totalsEqual = true;
  timed(process.execPath, [CROSSGEN, 'assign', file]); // warm the page cache for both
  for (let i = 0; i < WHOLE_PAIRS; i++) {
    const a = timed(process.execPath, [CROSSGEN, 'assign', file]);
    const b = timed(PYTHON, [ASSIGN_SCIPY, file]);
    ours.push(a.seconds);
    theirs.push(b.seconds);
    const ta = (JSON.parse(a.stdout) as { total: number }).total;
    const tb = (JSON.parse(b.stdout) as { total: number }).total;
    totalsEqual &&= Math.abs(ta - tb) <= 1e-9 * Math.max(1, Math.abs(tb));
  }
  const ratios = ours.map((s, i) => s / theirs[i]!);
  return { n: WHOLE_N, oursSeconds: ours, scipySeconds: theirs, ratios, medianRatio: medianOf(ratios), totalsEqual };
}

/** Median wall seconds of `crossgen <args>` over START_RUNS runs after one warm-up. */
function startTime(args: string[]): { median: number; runs: number[] } {
  timed(process.execPath, [CROSSGEN, ...args]);
  const runs = Array.from({ length: START_RUNS }, () => timed(process.execPath, [CROSSGEN, ...args]).seconds);
  return { median: medianOf(runs), runs };
}

function sparseSection() {
  const gapModel = modelOf(GAP_COHORT, 11, 2, 0.45);
  const rows = gapModel.mentees.length;
  const cols = gapModel.placeMentor.length;
  const exact = solveAssignment(denseScores(gapModel), rows, cols);
  const sparse = solveSparseAssignment(sparseScores(gapModel, K));
  const rawGap = (exact.total - sparse.total) / exact.total;
  const gap = Math.abs(rawGap) < 1e-12 ? 0 : rawGap; // float noise on equal totals
  console.log(
    `sparse gap on ${GAP_COHORT} people (${rows} mentees x ${cols} places, k=${K}): exact ${exact.total.toFixed(2)}, sparse ${sparse.total.toFixed(2)}, gap ${(gap * 100).toFixed(4)}%`,
  );

  const cohort = syntheticCohort({ size: SPARSE_COHORT, seed: 20 });
  const t1 = performance.now();
  const result = matchCohort({ ...cohort, mode: 'sparse', candidatesPerMentee: K });
  const sparseSeconds = (performance.now() - t1) / 1000;
  console.log(
    `sparse ${SPARSE_COHORT}-person cohort (${result.stats.mentees} mentees, ${result.stats.mentorPlaces} places): ${sparseSeconds.toFixed(1)} s end to end (scoring, candidates, solve, explanations), ${result.stats.pairs} pairs`,
  );
  return {
    cohort: SPARSE_COHORT,
    seconds: sparseSeconds,
    pairs: result.stats.pairs,
    k: K,
    gapCohort: GAP_COHORT,
    exactTotal: exact.total,
    sparseTotal: sparse.total,
    gap,
  };
}

function main(): void {
  const missing = scipyAvailable();
  if (missing) console.log(`NOTE: ${missing} Only our own timings are shown.`);
  const dir = mkdtempSync(join(tmpdir(), 'crossgen-bench-'));
  solveAssignment(uniformMatrix(300, 99), 300, 300); // let the JIT see the hot loops first
  const cases: Case[] = [];
  try {
    for (const n of wholeOnly ? [] : SIZES) {
      for (const kind of ['uniform', 'structured'] as const) {
        const m = kind === 'uniform' ? uniformMatrix(n, n) : structuredMatrix(n, n);
        const t0 = performance.now();
        const ours = solveAssignment(m, n, n);
        const oursSeconds = (performance.now() - t0) / 1000;
        const ref = missing ? undefined : scipy(dir, m, n, n);
        if (ref && 'error' in ref) throw new Error(ref.error);
        const equal = ref ? Math.abs(ours.total - ref.total) <= 1e-9 * Math.max(1, Math.abs(ref.total)) : null;
        const peak = m.byteLength + ours.workspaceBytes;
        cases.push({
          n,
          kind,
          oursSeconds,
          scipySeconds: ref?.seconds ?? null,
          ratio: ref ? oursSeconds / ref.seconds : null,
          oursTotal: ours.total,
          scipyTotal: ref?.total ?? null,
          totalsEqual: equal,
          peakBytes: peak,
          peakVs8n2: peak / (8 * n * n),
        });
        const c = cases[cases.length - 1]!;
        console.log(
          [
            String(n).padStart(5),
            kind.padEnd(10),
            `${c.oursSeconds.toFixed(3)} s`.padStart(10),
            (c.scipySeconds === null ? '-' : `${c.scipySeconds.toFixed(3)} s`).padStart(10),
            (c.ratio === null ? '-' : `${c.ratio.toFixed(2)}x`).padStart(7),
            (c.totalsEqual === null ? '-' : c.totalsEqual ? 'equal' : `DIFFER ${c.oursTotal} vs ${c.scipyTotal}`).padStart(7),
            `${(c.peakBytes / 2 ** 20).toFixed(1)} MiB = ${c.peakVs8n2.toFixed(4)} x 8n^2`,
          ].join('  '),
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Sparse mode: the optimality gap against the exact solve on the same 4,000-person cohort.
  const sparseRun = wholeOnly ? undefined : sparseSection();
  // Whole processes, timed from outside: what a user waits for.
  const wdir = mkdtempSync(join(tmpdir(), 'crossgen-bench-'));
  let whole: WholeProcess | undefined;
  let starts: Record<keyof typeof START_TARGETS, { median: number; runs: number[] }>;
  try {
    if (!missing) {
      whole = wholeProcess(wdir);
      console.log(
        `whole process at n = ${WHOLE_N}: crossgen assign ${medianOf(whole.oursSeconds).toFixed(2)} s, python3 + scipy ${medianOf(whole.scipySeconds).toFixed(2)} s (medians of ${WHOLE_PAIRS}, run in turn), ratio ${whole.medianRatio.toFixed(2)}x (target <= 1.0x), totals ${whole.totalsEqual ? 'equal' : 'DIFFER'}`,
      );
    }
    const small = writeScores(wdir, uniformMatrix(50, 50), 50);
    starts = { help: startTime(['--help']), assign50: startTime(['assign', small]), reply: startTime(['reply', REPLY_FIXTURE]) };
  } finally {
    rmSync(wdir, { recursive: true, force: true });
  }
  const labels = { help: 'crossgen --help', assign50: 'crossgen assign (50 x 50)', reply: 'crossgen reply (one .eml)' } as const;
  for (const k of Object.keys(labels) as (keyof typeof labels)[]) {
    const t = starts[k];
    console.log(
      `${labels[k].padEnd(28)} ${t.median.toFixed(3)} s median of ${START_RUNS} (${(t.median / START_TARGETS[k]).toFixed(2)} x the ${START_TARGETS[k]} s target; runs ${t.runs.map((r) => r.toFixed(2)).join(', ')})`,
    );
  }

  const at = (n: number) => cases.filter((c) => c.n === n && c.ratio !== null).map((c) => c.ratio!);
  const targets = {
    totalsEqual: cases.every((c) => c.totalsEqual !== false) && !missing,
    ratioAt2000: at(2000).length > 0 ? Math.max(...at(2000)) <= 1.0 : null,
    ratioAt4000: at(4000).length > 0 ? Math.max(...at(4000)) <= 1.5 : null,
    memoryUnder8n2PlusOn: cases.every((c) => c.peakBytes - 8 * c.n * c.n <= 128 * c.n),
    sparseUnder60s: sparseRun ? sparseRun.seconds < 60 : null,
    gapUnderHalfPercent: sparseRun ? sparseRun.gap < 0.005 : null,
    wholeProcessAt2000: whole ? whole.medianRatio <= 1.0 && whole.totalsEqual : null,
    helpUnder300ms: starts.help.median < START_TARGETS.help,
    assign50Under300ms: starts.assign50.median < START_TARGETS.assign50,
    replyUnder500ms: starts.reply.median < START_TARGETS.reply,
  };
  console.log(
    JSON.stringify({
      bench: 'match',
      cases,
      wholeProcess: whole ?? null,
      cliStart: starts,
      sparse: sparseRun ?? null,
      targets,
    }),
  );
}

main();
