import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveAssignment } from '../../../functions/domain/matching/solver';
import { solveSparseAssignment } from '../../../functions/domain/matching/sparse-solver';

/** Exact reference by dynamic programming over used-column sets: most pairs, then best total. */
function bruteForce(m: (number | null)[][], cols: number): { size: number; total: number } {
  const rows = m.length;
  let layer = new Map<number, { size: number; total: number }>([[0, { size: 0, total: 0 }]]);
  for (let i = 0; i < rows; i++) {
    const next = new Map<number, { size: number; total: number }>();
    const offer = (mask: number, v: { size: number; total: number }) => {
      const cur = next.get(mask);
      if (!cur || v.size > cur.size || (v.size === cur.size && v.total > cur.total)) next.set(mask, v);
    };
    for (const [mask, v] of layer) {
      offer(mask, v);
      for (let j = 0; j < cols; j++) {
        const s = m[i]![j];
        if (s !== null && s !== undefined && !(mask & (1 << j))) offer(mask | (1 << j), { size: v.size + 1, total: v.total + s });
      }
    }
    layer = next;
  }
  let best = { size: 0, total: 0 };
  for (const v of layer.values()) if (v.size > best.size || (v.size === best.size && v.total > best.total)) best = v;
  return best;
}

const flat = (m: (number | null)[][]) => Float64Array.from(m.flat(), (s) => (s === null ? Number.NaN : s));

// Small integer scores make ties common, which is where assignment solvers go wrong.
const matrix = fc
  .record({ rows: fc.integer({ min: 1, max: 9 }), cols: fc.integer({ min: 1, max: 9 }), integers: fc.boolean() })
  .chain(({ rows, cols, integers }) =>
    fc.array(
      fc.array(fc.option(integers ? fc.integer({ min: -3, max: 5 }) : fc.double({ min: -50, max: 100, noNaN: true }), { nil: null, freq: 4 }), {
        minLength: cols,
        maxLength: cols,
      }),
      { minLength: rows, maxLength: rows },
    ),
  );

describe('solveAssignment', () => {
  it('finds the most pairs and then the best total, like brute force, on matrices up to 9x9', () => {
    fc.assert(
      fc.property(matrix, (m) => {
        const cols = m[0]!.length;
        const r = solveAssignment(flat(m), m.length, cols);
        const ref = bruteForce(m, cols);
        expect(r.size).toBe(ref.size);
        expect(r.total).toBeCloseTo(ref.total, 6);
      }),
      { numRuns: 400 },
    );
  });

  it('never returns a forbidden cell and uses each row and column at most once, wide or tall', () => {
    fc.assert(
      fc.property(matrix, (m) => {
        const cols = m[0]!.length;
        const r = solveAssignment(flat(m), m.length, cols);
        const usedCols = new Set<number>();
        r.rowToCol.forEach((j, i) => {
          if (j < 0) return;
          expect(m[i]![j]).not.toBeNull();
          expect(usedCols.has(j)).toBe(false);
          usedCols.add(j);
          expect(r.colToRow[j]).toBe(i);
        });
        expect(usedCols.size).toBe(r.size);
      }),
      { numRuns: 300 },
    );
  });

  it('resolves ties identically on every run and gives the caller its matrix back unchanged', () => {
    fc.assert(
      fc.property(matrix, (m) => {
        const cols = m[0]!.length;
        const a = flat(m);
        const before = Array.from(a);
        const first = solveAssignment(a, m.length, cols);
        expect(Array.from(a)).toEqual(before);
        const second = solveAssignment(Float64Array.from(before), m.length, cols);
        expect(Array.from(second.rowToCol)).toEqual(Array.from(first.rowToCol));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps NaN and -Infinity cells apart when it restores a matrix that mixes them', () => {
    const a = Float64Array.from([Number.NaN, 1, 2, Number.NEGATIVE_INFINITY]);
    const r = solveAssignment(a, 2, 2);
    expect(Array.from(r.rowToCol)).toEqual([1, 0]);
    expect(Number.isNaN(a[0])).toBe(true);
    expect(a[3]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('prefers more pairs over a higher total: two modest pairs beat one excellent pair', () => {
    // Row 0 could take column 0 for 100, but then row 1 (allowed only on column 0) is left out.
    const r = solveAssignment(Float64Array.from([100, 1, 1, Number.NaN]), 2, 2);
    expect(r.size).toBe(2);
    expect(Array.from(r.rowToCol)).toEqual([1, 0]);
  });

  it('accepts a forbidden mask and refuses sizes that do not fit the data', () => {
    const r = solveAssignment(Float64Array.from([5, 1, 1, 5]), 2, 2, Uint8Array.from([1, 0, 0, 1]));
    expect(Array.from(r.rowToCol)).toEqual([1, 0]);
    expect(() => solveAssignment(new Float64Array(3), 2, 2)).toThrow(/4 were announced/);
  });
});

describe('solveSparseAssignment', () => {
  it('equals the dense solver when every allowed cell is a candidate', () => {
    fc.assert(
      fc.property(matrix, (m) => {
        const cols = m[0]!.length;
        const rowStart = [0];
        const colIndex: number[] = [];
        const score: number[] = [];
        for (const row of m) {
          row.forEach((s, j) => {
            if (s !== null) {
              colIndex.push(j);
              score.push(s);
            }
          });
          rowStart.push(colIndex.length);
        }
        const sparse = solveSparseAssignment({
          rows: m.length,
          cols,
          rowStart: Int32Array.from(rowStart),
          colIndex: Int32Array.from(colIndex),
          score: Float64Array.from(score),
        });
        const ref = bruteForce(m, cols);
        expect(sparse.size).toBe(ref.size);
        expect(sparse.total).toBeCloseTo(ref.total, 6);
      }),
      { numRuns: 300 },
    );
  });
});
