/**
 * k-anonymity for reports: a figure computed from fewer than k people (k = the program's
 * `reportMinGroupSize`, at least 3) is withheld and marked as such, so that nobody's answer can
 * be read back from a small group. No people at all means nothing to measure (`null`).
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
