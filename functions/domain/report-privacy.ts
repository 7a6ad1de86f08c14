/**
 * k-anonymity for reports: a figure computed from fewer than k people (k = the program's
 * `reportMinGroupSize`, at least 3) is withheld and marked as such, so that nobody's answer can
 * be read back from a small group. No people at all means nothing to measure (`null`). A figure
 * that, with the program-wide figure and the other groups shown, would give a withheld group away
 * is withheld too (secondary suppression, below).
 */
export interface Withheld {
  readonly withheld: true;
  readonly reason: string;
}
export type Measure = number | null | Withheld;

export const isWithheld = (value: unknown): value is Withheld =>
  typeof value === 'object' && value !== null && (value as { withheld?: unknown }).withheld === true;

export function withheld(k: number): Withheld {
  return { withheld: true, reason: `fewer than ${k} people` };
}

/** The figure when `people` (distinct persons behind it) is 0 (null) or at least k; else withheld. */
export function guarded(k: number, people: number, value: () => number | null): Measure {
  if (people === 0) return null;
  if (people < k) return withheld(k);
  return value();
}

export const ratio = (part: number, whole: number, digits = 3): number | null => (whole === 0 ? null : round(part / whole, digits));
export const mean = (xs: readonly number[], digits = 2): number | null => (xs.length === 0 ? null : round(xs.reduce((a, b) => a + b, 0) / xs.length, digits));
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
/** Net Promoter Score: % answering 9-10 minus % answering 0-6. */
export function netPromoterScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const promoters = scores.filter((x) => x >= 9).length;
  const detractors = scores.filter((x) => x <= 6).length;
  return Math.round(((promoters - detractors) / scores.length) * 100);
}

// ---- Secondary (complementary) suppression ----

/**
 * Why a figure that is big enough by itself is withheld too: shown, it and the program-wide figure
 * would give away a smaller group's by difference (the total minus the shown groups).
 */
export function withheldByDifference(k: number): Withheld {
  return { withheld: true, reason: `fewer than ${k} people could be worked out by difference` };
}

/** One group's figure in a breakdown: the facts (indexes into the breakdown's units) it is computed from, and whether it is shown. */
export interface SuppressionCell {
  readonly units: readonly number[];
  readonly shown: boolean;
}

/**
 * Secondary suppression for one breakdown of one figure (docs/admin-api.md, Small groups).
 * `unitPeople` lists every fact behind the program-wide figure with the people it is about (two for
 * a check-in, one for an answer or a review); `cells` are the groups, which may overlap (topics) or
 * leave facts out. The program-wide figure counts as shown, always: the report shows most of them,
 * and the groups of another breakdown that covers everyone (the roles) add up to it anyway.
 *
 * A set of facts that sums and differences of shown figures isolate must come from no one or from at
 * least k people. Checked, until both hold, each time withholding one more group:
 * 1. the facts in no shown group (total minus the shown groups, exact when the groups do not
 *    overlap): else the smallest shown group whose facts would join them is withheld;
 * 2. for any two shown figures X and Y (the total among them): the facts in exactly one of them
 *    (X - Y: a topic inside another, the total minus one group) and the facts in both or neither
 *    (X + Y - total): else the smaller of the two groups is withheld.
 * Returns, per cell, whether its figure stays shown. Combinations of three or more overlapping
 * groups, and across breakdowns, are not looked for.
 */
export function secondarySuppression(k: number, unitPeople: readonly (readonly string[])[], cells: readonly SuppressionCell[]): boolean[] {
  const shown = cells.map((c) => c.shown && c.units.length > 0);
  const cellsOf: number[][] = unitPeople.map(() => []);
  cells.forEach((c, i) => {
    for (const u of new Set(c.units)) cellsOf[u]?.push(i);
  });
  const size = cells.map((c) => new Set(c.units.flatMap((u) => unitPeople[u] ?? [])).size);
  /** Fewer than k people, but someone: such a set of facts must not be isolated. */
  const few = (atoms: readonly Atom[]): boolean => {
    const people = new Set<string>();
    for (const a of atoms) {
      for (const p of a.people) {
        people.add(p);
        if (people.size >= k) return false;
      }
    }
    return people.size > 0;
  };
  const smallest = (candidates: readonly number[]): number =>
    candidates.reduce((best, i) => (size[i]! < size[best]! || (size[i] === size[best] && i < best) ? i : best));

  for (;;) {
    // Facts that the shown groups cannot tell apart are one "atom".
    const byKey = new Map<string, Atom>();
    unitPeople.forEach((people, u) => {
      const inCells = cellsOf[u]!.filter((i) => shown[i]);
      const key = inCells.join(',');
      const atom = byKey.get(key) ?? { cells: new Set(inCells), people: new Set<string>() };
      for (const p of people) atom.people.add(p);
      byKey.set(key, atom);
    });
    const atoms = [...byKey.values()];
    const showing = shown.flatMap((s, i) => (s ? [i] : []));
    if (showing.length === 0) return shown;

    const rest = atoms.filter((a) => a.cells.size === 0);
    if (few(rest)) {
      const growing = showing.filter((i) => atoms.some((a) => a.cells.size === 1 && a.cells.has(i)));
      shown[smallest(growing.length > 0 ? growing : showing)] = false;
      continue;
    }
    const has = (a: Atom, x: number) => x === TOTAL || a.cells.has(x);
    const figures = [TOTAL, ...showing];
    let pair: [number, number] | undefined;
    for (let i = 0; i < figures.length && !pair; i++) {
      for (let j = i + 1; j < figures.length && !pair; j++) {
        const [x, y] = [figures[i]!, figures[j]!];
        const either = atoms.filter((a) => has(a, x) !== has(a, y));
        const bothOrNeither = atoms.filter((a) => has(a, x) === has(a, y));
        if (few(either) || few(bothOrNeither)) pair = [x, y];
      }
    }
    if (!pair) return shown;
    const [x, y] = pair;
    shown[x === TOTAL ? y : smallest([x, y])] = false;
  }
}

const TOTAL = -1;
interface Atom {
  readonly cells: ReadonlySet<number>;
  readonly people: Set<string>;
}

/**
 * Applies secondary suppression to the rows of a breakdown, one family of figures at a time (the
 * figures computed from the same facts: check-ins held, missed and attendance): a row whose
 * figures it turns off gets them withheld "by difference". `unitsOf` gives the facts behind a
 * row's figures, or undefined for a row withheld whole.
 */
export function protectByDifference<R extends object>(
  k: number,
  rows: readonly R[],
  measures: readonly string[],
  unitPeople: readonly (readonly string[])[],
  unitsOf: (row: R, index: number) => readonly number[] | undefined,
): R[] {
  const cells = rows.map((row, i) => {
    const units = unitsOf(row, i);
    return { units: units ?? [], shown: units !== undefined && measures.some((m) => typeof (row as Record<string, unknown>)[m] === 'number') };
  });
  const keep = secondarySuppression(k, unitPeople, cells);
  return rows.map((row, i) => (cells[i]!.shown && !keep[i] ? { ...row, ...Object.fromEntries(measures.map((m) => [m, withheldByDifference(k)])) } : row));
}
