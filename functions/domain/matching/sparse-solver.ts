import type { Assignment } from './solver';

/**
 * Candidate lists for very large cohorts (compressed rows): row i may only take the columns
 * colIndex[rowStart[i] .. rowStart[i+1]) with the matching scores. Within a row, columns are
 * listed in increasing order so that ties resolve the same way on every run.
 */
export interface SparseScores {
  readonly rows: number;
  readonly cols: number;
  readonly rowStart: Int32Array;
  readonly colIndex: Int32Array;
  readonly score: Float64Array;
}

/**
 * Exact maximum-total assignment restricted to the candidate lists: successive shortest
 * augmenting paths (Dijkstra on reduced costs with a binary heap, stopping at the first free
 * column). Each row also owns a private "stay unassigned" column priced above any real gain, so
 * every row can always be placed: the result has the most pairs the lists allow, then the best
 * total. A greedy start assigns every row whose cheapest candidate is still free.
 */
export function solveSparseAssignment(m: SparseScores): Assignment {
  const { rows, cols, rowStart, colIndex, score } = m;
  if (rowStart.length !== rows + 1 || colIndex.length !== score.length || rowStart[rows] !== colIndex.length) {
    throw new RangeError('The candidate lists are inconsistent: rowStart must have rows + 1 offsets ending at the number of candidates.');
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < score.length; k++) {
    const s = score[k]!;
    if (!Number.isFinite(s)) throw new RangeError(`Candidate ${k} has score ${s}; candidate scores must be finite (leave forbidden pairs out of the lists).`);
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const rowToCol = new Int32Array(rows).fill(-1);
  const colToRow = new Int32Array(cols).fill(-1);
  if (score.length === 0) return { rowToCol, colToRow, total: 0, size: 0, workspaceBytes: 0 };
  const F = -lo + (rows + 1) * (hi - lo + 1);

  const C = cols + rows; // real columns, then one private column per row
  const v = new Float64Array(C);
  const owner = new Int32Array(C).fill(-1);
  const rowCol = new Int32Array(rows).fill(-1);
  const rowCost = new Float64Array(rows); // cost of the edge the row is assigned through
  const d = new Float64Array(C).fill(Infinity);
  const done = new Uint8Array(C);
  const predRow = new Int32Array(C);
  const predCost = new Float64Array(C);
  const touched = new Int32Array(C);
  const heapCap = score.length + 2 * rows + 1;
  const heapKey = new Float64Array(heapCap);
  const heapCol = new Int32Array(heapCap);
  const workspaceBytes = 8 * (4 * C + rows) + 4 * (5 * C + rows) + 12 * heapCap;

  // Greedy start: cost is -score; v = 0, so the cheapest candidate is the best-scoring one.
  for (let i = 0; i < rows; i++) {
    let best = -1;
    let bestCost = F;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      const c = -score[e]!;
      if (c < bestCost) {
        bestCost = c;
        best = colIndex[e]!;
      }
    }
    const j = best < 0 ? cols + i : best;
    if (owner[j] === -1) {
      owner[j] = i;
      rowCol[i] = j;
      rowCost[i] = bestCost;
    }
  }

  let heapSize = 0;
  const push = (key: number, col: number) => {
    let k = heapSize++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      const pk = heapKey[p]!;
      if (pk < key || (pk === key && heapCol[p]! < col)) break;
      heapKey[k] = pk;
      heapCol[k] = heapCol[p]!;
      k = p;
    }
    heapKey[k] = key;
    heapCol[k] = col;
  };
  const pop = (): number => {
    const top = heapCol[0]!;
    const key = heapKey[--heapSize]!;
    const col = heapCol[heapSize]!;
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= heapSize) break;
      if (c + 1 < heapSize && (heapKey[c + 1]! < heapKey[c]! || (heapKey[c + 1] === heapKey[c] && heapCol[c + 1]! < heapCol[c]!))) c++;
      if (key < heapKey[c]! || (key === heapKey[c] && col < heapCol[c]!)) break;
      heapKey[k] = heapKey[c]!;
      heapCol[k] = heapCol[c]!;
      k = c;
    }
    heapKey[k] = key;
    heapCol[k] = col;
    return top;
  };

  for (let f = 0; f < rows; f++) {
    if (rowCol[f] !== -1) continue;
    let nTouched = 0;
    heapSize = 0;
    // Row potential of the free row: its cheapest reduced cost, so all its edges are >= 0.
    let uf = F - v[cols + f]!;
    for (let e = rowStart[f]!; e < rowStart[f + 1]!; e++) {
      const r = -score[e]! - v[colIndex[e]!]!;
      if (r < uf) uf = r;
    }
    const relax = (j: number, cost: number, dist: number, i: number) => {
      if (done[j] === 1) return;
      const nd = dist + cost - v[j]!;
      if (nd < d[j]!) {
        if (d[j] === Infinity) touched[nTouched++] = j;
        d[j] = nd;
        predRow[j] = i;
        predCost[j] = cost;
        push(nd, j);
      }
    };
    for (let e = rowStart[f]!; e < rowStart[f + 1]!; e++) relax(colIndex[e]!, -score[e]!, -uf, f);
    relax(cols + f, F, -uf, f);

    let end = -1;
    let D = 0;
    while (heapSize > 0) {
      const j = pop();
      if (done[j] === 1) continue;
      done[j] = 1;
      const dist = d[j]!;
      const i = owner[j]!;
      if (i === -1) {
        end = j;
        D = dist;
        break;
      }
      const ui = rowCost[i]! - v[j]!;
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) relax(colIndex[e]!, -score[e]!, dist - ui, i);
      relax(cols + i, F, dist - ui, i);
    }
    // The private column guarantees a free column is always reachable.
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t]!;
      if (done[j] === 1 && d[j]! < D) v[j] = v[j]! - (D - d[j]!);
      d[j] = Infinity;
      done[j] = 0;
    }
    for (let j = end; ; ) {
      const i = predRow[j]!;
      const previous = rowCol[i]!;
      owner[j] = i;
      rowCol[i] = j;
      rowCost[i] = predCost[j]!;
      if (i === f) break;
      j = previous;
    }
  }

  let total = 0;
  let size = 0;
  for (let i = 0; i < rows; i++) {
    const j = rowCol[i]!;
    if (j < cols) {
      rowToCol[i] = j;
      colToRow[j] = i;
      total -= rowCost[i]!;
      size++;
    }
  }
  return { rowToCol, colToRow, total, size, workspaceBytes };
}
