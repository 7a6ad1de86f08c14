/**
 * Square problems only: column reduction (each column's cheapest row, scanned row by row so the
 * matrix is read in memory order) and reduction transfer (a row that won exactly one column
 * hands its slack to that column). Returns the number of rows left free.
 */
export function squareReduction(
  a: Float64Array,
  n: number,
  v: Float64Array,
  rowsol: Int32Array,
  colsol: Int32Array,
  best: Int32Array,
  free: Int32Array,
  matches: Int32Array,
): number {
  v.fill(Infinity);
  for (let i = 0; i < n; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const s = a[base + j]!;
      const c = -s;
      if (c < v[j]!) {
        v[j] = c;
        best[j] = i;
      }
    }
  }
  for (let j = n - 1; j >= 0; j--) {
    const i = best[j]!;
    if (++matches[i]! === 1) {
      rowsol[i] = j;
      colsol[j] = i;
    }
  }
  let numfree = 0;
  for (let i = 0; i < n; i++) {
    if (matches[i] === 0) {
      free[numfree++] = i;
      continue;
    }
    if (matches[i] !== 1) continue;
    const base = i * n;
    const j1 = rowsol[i]!;
    let min = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === j1) continue;
      const s = a[base + j]!;
      const h = -s - v[j]!;
      if (h < min) min = h;
    }
    v[j1] = v[j1]! - min;
  }
  return numfree;
}
