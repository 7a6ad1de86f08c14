import { squareReduction } from './square-reduction';

/**
 * Maximum-total-score assignment (linear sum assignment), exact, after Jonker & Volgenant (1987):
 * column reduction, reduction transfer, two rounds of augmenting row reduction, then shortest
 * augmenting paths with column prices. It works on the caller's row-major Float64Array without
 * copying it (wide and square inputs), so memory is the matrix plus O(n).
 *
 * Decisions:
 * - Forbidden cells are NaN or -Infinity. The solver first maximises the NUMBER of pairs, then
 *   the total score among the largest assignments: a forbidden cell costs more than any possible
 *   gain elsewhere, and cells it still picks are reported as unassigned.
 * - Rectangular: with rows < cols the column reduction and reduction transfer do not apply
 *   (they assume every column ends up taken), so column prices start at 0 and only the row
 *   phases run; prices then only fall on taken columns, so free columns keep the highest price,
 *   which is the optimality condition of the rectangular problem. rows > cols is transposed
 *   first (one copy of the matrix).
 * - Speed: forbidden cells are swapped for a finite penalty in place while the solver runs and
 *   put back (NaN stays NaN, -Infinity stays -Infinity) before it returns, so the inner loops
 *   have no branch; the caller's matrix is only borrowed. Do not read it from elsewhere meanwhile.
 * - Deterministic: no randomness, fixed scan orders, ties go to the first candidate met; the
 *   same input always gives the same assignment.
 */

export interface Assignment {
  /** For each row, its column, or -1 when the row stays unassigned. */
  readonly rowToCol: Int32Array;
  /** For each column, its row, or -1. */
  readonly colToRow: Int32Array;
  /** Sum of the scores of the assigned cells. */
  readonly total: number;
  /** Number of assigned pairs. */
  readonly size: number;
  /** Bytes of working memory the solver allocated besides the input matrix. */
  readonly workspaceBytes: number;
}

export function solveAssignment(scores: Float64Array, rows: number, cols: number, forbidden?: Uint8Array): Assignment {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`The matrix size must be whole non-negative numbers, not ${rows} x ${cols}.`);
  }
  if (scores.length !== rows * cols) {
    throw new RangeError(`The score matrix holds ${scores.length} cells but ${rows} x ${cols} = ${rows * cols} were announced.`);
  }
  if (forbidden && forbidden.length !== scores.length) {
    throw new RangeError(`The forbidden mask holds ${forbidden.length} cells but the matrix has ${scores.length}.`);
  }
  let matrix = scores;
  let copied = 0;
  if (forbidden) {
    // The mask is a convenience: the solver reads forbidden cells from the matrix itself.
    matrix = Float64Array.from(scores, (s, k) => (forbidden[k] ? Number.NaN : s));
    copied += matrix.byteLength;
  }
  if (rows > cols) {
    const t = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = matrix[i * cols + j]!;
    copied += t.byteLength;
    const r = solveWide(t, cols, rows);
    return { rowToCol: r.colToRow, colToRow: r.rowToCol, total: r.total, size: r.size, workspaceBytes: r.workspaceBytes + copied };
  }
  const r = solveWide(matrix, rows, cols);
  return { ...r, workspaceBytes: r.workspaceBytes + copied };
}

function emptyAssignment(rows: number, cols: number): Assignment {
  return { rowToCol: new Int32Array(rows).fill(-1), colToRow: new Int32Array(cols).fill(-1), total: 0, size: 0, workspaceBytes: 0 };
}

/**
 * The largest and smallest allowed score and how many cells are NaN or -Infinity, in one pass
 * over the matrix (it is the largest thing the solver reads). `lo` stays Infinity when no cell
 * is allowed.
 */
function surveyScores(a: Float64Array): { lo: number; hi: number; nan: number; negInf: number } {
  let lo = Infinity;
  let hi = -Infinity;
  let nan = 0;
  let negInf = 0;
  for (let k = 0; k < a.length; k++) {
    const s = a[k]!;
    if (s > -Infinity) {
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    } else if (s === -Infinity) negInf++;
    else nan++;
  }
  if (hi === Infinity) {
    const k = a.indexOf(Infinity);
    throw new RangeError(`Score cell ${k} is +Infinity; scores must be finite numbers (NaN or -Infinity mark a forbidden pair).`);
  }
  return { lo, hi, nan, negInf };
}

/** rows <= n = cols. */
function solveWide(a: Float64Array, rows: number, n: number): Assignment {
  if (rows === 0) return emptyAssignment(rows, n);
  const { lo, hi, nan, negInf } = surveyScores(a);
  if (lo === Infinity) return emptyAssignment(rows, n);
  // Taking one forbidden cell must cost more than any total gain the rest can offer; the
  // penalty score -F lies below every allowed score, so it also marks the borrowed cells.
  const F = -lo + (rows + 1) * (hi - lo + 1);
  const penalty = -F;
  // Only a matrix that mixes NaN and -Infinity needs a record of which cell was which.
  const kinds = nan > 0 && negInf > 0 ? new Uint8Array(a.length) : undefined;
  if (nan + negInf > 0) {
    for (let k = 0; k < a.length; k++) {
      const s = a[k]!;
      if (!(s > -Infinity)) {
        if (kinds && s === -Infinity) kinds[k] = 1;
        a[k] = penalty;
      }
    }
  }
  const forbiddenValue = nan > 0 ? Number.NaN : Number.NEGATIVE_INFINITY;
  let rowsol: Int32Array;
  let workspaceBytes: number;
  try {
    ({ rowsol, workspaceBytes } = jonkerVolgenant(a, rows, n));
  } finally {
    if (nan + negInf > 0) {
      for (let k = 0; k < a.length; k++) if (a[k] === penalty) a[k] = kinds && kinds[k] === 1 ? Number.NEGATIVE_INFINITY : forbiddenValue;
    }
  }
  const rowToCol = new Int32Array(rows).fill(-1);
  const colToRow = new Int32Array(n).fill(-1);
  let total = 0;
  let size = 0;
  for (let i = 0; i < rows; i++) {
    const j = rowsol[i]!;
    const s = a[i * n + j]!;
    if (s > -Infinity) {
      rowToCol[i] = j;
      colToRow[j] = i;
      total += s;
      size++;
    }
  }
  return { rowToCol, colToRow, total, size, workspaceBytes: workspaceBytes + (kinds?.byteLength ?? 0) };
}

/** The solver proper, on a matrix without forbidden cells: minimises cost = -score. */
function jonkerVolgenant(a: Float64Array, rows: number, n: number): { rowsol: Int32Array; workspaceBytes: number } {
  const rowsol = new Int32Array(n).fill(-1);
  const colsol = new Int32Array(n).fill(-1);
  const v = new Float64Array(n);
  const d = new Float64Array(n);
  const done = new Float64Array(n);
  const pred = new Int32Array(n);
  const collist = new Int32Array(n);
  const free = new Int32Array(n);
  const matches = new Int32Array(n);
  const workspaceBytes = 6 * 4 * n + 3 * 8 * n;

  if (n === 1) {
    rowsol[0] = 0;
    colsol[0] = 0;
  } else {
    let numfree = 0;
    if (rows < n) {
      for (let i = 0; i < rows; i++) free[numfree++] = i;
    } else {
      numfree = squareReduction(a, n, v, rowsol, colsol, pred, free, matches);
    }

    // Augmenting row reduction, twice. Re-queued rows are capped: with floating-point prices the
    // classic loop can creep by tiny decrements; leftovers simply go to the augmentation phase.
    for (let round = 0; round < 2; round++) {
      let k = 0;
      const previous = numfree;
      numfree = 0;
      let requeued = 0;
      const requeueCap = 4 * n;
      while (k < previous) {
        const i = free[k++]!;
        const base = i * n;
        const s0 = a[base]!;
        let umin = -s0 - v[0]!;
        let j1 = 0;
        let usubmin = Infinity;
        let j2 = -1;
        for (let j = 1; j < n; j++) {
          const s = a[base + j]!;
          const h = -s - v[j]!;
          if (h < usubmin) {
            if (h >= umin) {
              usubmin = h;
              j2 = j;
            } else {
              usubmin = umin;
              umin = h;
              j2 = j1;
              j1 = j;
            }
          }
        }
        let i0 = colsol[j1]!;
        const strict = umin < usubmin;
        if (strict) v[j1] = v[j1]! - (usubmin - umin);
        else if (i0 > -1) {
          j1 = j2;
          i0 = colsol[j2]!;
        }
        rowsol[i] = j1;
        colsol[j1] = i;
        if (i0 > -1) {
          if (strict && requeued++ < requeueCap) free[--k] = i0;
          else free[numfree++] = i0;
        }
      }
    }

    for (let f = 0; f < numfree; f++) augment(a, n, free[f]!, v, d, done, pred, collist, rowsol, colsol);
  }

  return { rowsol, workspaceBytes };
}

/**
 * One shortest augmenting path from `freerow` (Dijkstra over columns, reduced costs), then the
 * price update and the flip along the path. Each step scans one row and, in the same pass, finds
 * the next closest column, preferring a free one on a tie so the search ends as early as it can.
 * A finished column's distance moves to `done` and its `d` becomes NaN, which fails every
 * comparison: the row scan stays a branch-light sequential loop with no index list.
 */
function augment(
  a: Float64Array,
  n: number,
  freerow: number,
  v: Float64Array,
  d: Float64Array,
  done: Float64Array,
  pred: Int32Array,
  finished: Int32Array,
  rowsol: Int32Array,
  colsol: Int32Array,
): void {
  const base0 = freerow * n;
  let min = Infinity;
  let jmin = 0;
  let minFree = false;
  for (let j = 0; j < n; j++) {
    const h = -a[base0 + j]! - v[j]!;
    d[j] = h;
    pred[j] = freerow;
    if (h < min || (h === min && !minFree && colsol[j]! < 0)) {
      min = h;
      jmin = j;
      minFree = colsol[j]! < 0;
    }
  }
  let count = 0;
  for (;;) {
    const j1 = jmin;
    if (minFree) break;
    finished[count++] = j1;
    done[j1] = min;
    d[j1] = Number.NaN;
    const i = colsol[j1]!;
    const base = i * n;
    const h = -a[base + j1]! - v[j1]! - min;
    const reached = min;
    min = Infinity;
    minFree = false;
    for (let j = 0; j < n; j++) {
      let dj = d[j]!;
      const v2 = -a[base + j]! - v[j]! - h;
      if (v2 < dj) {
        pred[j] = i;
        d[j] = v2;
        dj = v2;
        if (v2 === reached && colsol[j]! < 0) {
          // A free column as close as the one just finished: nothing can beat it.
          min = v2;
          jmin = j;
          minFree = true;
          break;
        }
      }
      if (dj < min || (dj === min && !minFree && colsol[j]! < 0)) {
        min = dj;
        jmin = j;
        minFree = colsol[j]! < 0;
      }
    }
  }
  for (let k = 0; k < count; k++) {
    const j = finished[k]!;
    v[j] = v[j]! + done[j]! - min;
  }
  let endofpath = jmin;
  for (;;) {
    const i = pred[endofpath]!;
    colsol[endofpath] = i;
    const j1 = endofpath;
    endofpath = rowsol[i]!;
    rowsol[i] = j1;
    if (i === freerow) break;
  }
}
