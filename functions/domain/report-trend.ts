import { latestAnswers } from './report-breakdown';
import { peopleIn, type Facts, type PersonReview, type ReportPairing } from './report-facts';
import { guarded, netPromoterScore, protectByDifference, ratio, withheldByDifference, type Measure } from './report-privacy';
import { dateTimeFormat } from './intl';

/** One calendar month of the program, in the program's time zone. */
export interface MonthFigures {
  readonly month: string;
  readonly checkInsHeld: Measure;
  readonly checkInsMissed: Measure;
  /** Check-in questions answered, of those asked (both sides of every check-in). */
  readonly answerRate: Measure;
  /** Pairs started by the end of the month that had not ended early by then. */
  readonly retentionRate: Measure;
  /** From each person's latest would-recommend answer dated in the month. */
  readonly netPromoterScore: Measure;
}

/** At most this many months, the latest: a trend of three years says enough. */
const MAX_MONTHS = 36;

export function monthOf(iso: string, timeZone: string): string {
  const parts = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}`;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * When a pairing started, for retention: when both accepted. An introduction that was declined or
 * never answered did not start. (Pairings stored before `acceptedAt` existed fall back to their
 * introduction, when they went on to run.)
 */
function startedOn(p: ReportPairing): string | undefined {
  if (p.acceptedAt) return p.acceptedAt;
  return p.status === 'active' || p.status === 'paused' || p.status === 'completed' ? p.startedAt : undefined;
}

export function monthlyTrend(
  k: number,
  input: { startDate: string; timeZone: string; now: Date; pairings: readonly ReportPairing[]; facts: Facts },
): MonthFigures[] {
  const { timeZone, facts } = input;
  const month = (iso: string | undefined) => (iso ? monthOf(iso, timeZone) : undefined);
  const last = monthOf(input.now.toISOString(), timeZone);
  const dated = [
    ...facts.checkIns.map((c) => month(c.at)),
    ...facts.reviews.map((r) => month(r.at)),
    ...input.pairings.map((p) => month(p.acceptedAt ?? p.startedAt)),
  ].filter((m): m is string => m !== undefined);
  const first = [input.startDate.slice(0, 7), ...dated].sort()[0]!;
  const months: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);

  const rows = months.slice(-MAX_MONTHS).map((m): MonthFigures => {
    const checkIns = facts.checkIns.filter((c) => month(c.at) === m);
    const checkInPeople = peopleIn(checkIns.flatMap((c) => [...c.people]));
    const held = checkIns.filter((c) => c.met).length;
    const questions = facts.questions.filter((q) => month(q.at) === m);
    const started = input.pairings.filter((p) => {
      const s = month(startedOn(p));
      return s !== undefined && s <= m;
    });
    const endedEarly = started.filter((p) => p.status === 'ended' && (month(p.endedAt) ?? last) <= m).length;
    const recommend = latestAnswers(
      facts.reviews.filter((r) => month(r.at) === m),
      'recommend',
    );
    return {
      month: m,
      checkInsHeld: guarded(k, checkInPeople, () => held),
      checkInsMissed: guarded(k, checkInPeople, () => checkIns.length - held),
      answerRate: guarded(k, peopleIn(questions.map((q) => q.personId)), () => ratio(questions.filter((q) => q.answered).length, questions.length)),
      retentionRate: guarded(k, peopleIn(started.flatMap((p) => [p.mentorId, p.menteeId])), () => ratio(started.length - endedEarly, started.length)),
      netPromoterScore: guarded(k, peopleIn(recommend.map((r) => r.participantId)), () => netPromoterScore(recommend.map((r) => r.recommend!))),
    };
  });
  return protectMonths(k, rows, facts, month);
}

/**
 * Secondary suppression across the months (docs/admin-api.md, Small groups): the months' check-ins
 * and answers add up to the program's (with those dated before the months shown or not dated), so a
 * month withheld for its few people is not left to be worked out from the total minus the months
 * shown. The NPS is protected on its own (below). The retention rate counts every pair started so
 * far, month after month, and is not a share of the total; it is left as it is.
 */
function protectMonths(k: number, rows: MonthFigures[], facts: Facts, month: (iso: string | undefined) => string | undefined): MonthFigures[] {
  const families: [readonly string[], readonly (readonly string[])[], readonly (string | undefined)[]][] = [
    [['checkInsHeld', 'checkInsMissed'], facts.checkIns.map((c) => c.people), facts.checkIns.map((c) => month(c.at))],
    [['answerRate'], facts.questions.map((q) => [q.personId]), facts.questions.map((q) => month(q.at))],
  ];
  let out = rows;
  for (const [measures, unitPeople, months] of families) {
    out = protectByDifference(k, out, measures, unitPeople, (row) => months.flatMap((m, i) => (m === row.month ? [i] : [])));
  }
  return protectMonthlyNps(k, out, facts, month);
}

/**
 * The months' NPS do not add up to the program's: the program's counts each person's latest answer
 * (T), a month's each person's latest answer in the month, which is either one of T given that
 * month or an answer the person gave again in a later month, counted by no other figure (the
 * month's "superseded" answers). So a month with superseded answers cannot be subtracted cleanly,
 * and the sets of answers the shown figures isolate are:
 * - T minus the shown months without superseded answers: the rest of T (answers in other months,
 *   months not shown, or undated) must come from nobody or at least k people; else the smallest of
 *   those months is withheld too;
 * - when every answer of T is in a shown month: those months added, minus T, leave their superseded
 *   answers, which must come from nobody or at least k people; else the smallest of them is withheld.
 * Until both hold. A month whose answers were all given again later compares with nothing and stays.
 */
function protectMonthlyNps(k: number, rows: MonthFigures[], facts: Facts, month: (iso: string | undefined) => string | undefined): MonthFigures[] {
  const authorOf = new Map(facts.reviews.map((r, i) => [r, r.participantId ?? `\u0000review ${i}`]));
  const few = (answers: readonly PersonReview[]) => {
    const people = new Set(answers.map((r) => authorOf.get(r)));
    return people.size > 0 && people.size < k;
  };
  const total = latestAnswers(facts.reviews, 'recommend');
  if (total.length === 0 || few(total)) return rows;
  const latest = new Set(total);
  const months = rows.map((row, index) => {
    const answers = latestAnswers(
      facts.reviews.filter((r) => month(r.at) === row.month),
      'recommend',
    );
    return { index, answers, ofTotal: answers.filter((r) => latest.has(r)), superseded: answers.filter((r) => !latest.has(r)) };
  });
  const smallest = (candidates: typeof months) => candidates.reduce((best, m) => (m.answers.length < best.answers.length ? m : best), candidates[0]!);
  // The month the figures shown in `out` still give away, if any: each pass withholds one more
  // month, so this ends once every month is safe or withheld.
  const giveaway = (out: readonly MonthFigures[]) => {
    const shown = months.filter((m) => m.ofTotal.length > 0 && typeof out[m.index]!.netPromoterScore === 'number');
    const clean = shown.filter((m) => m.superseded.length === 0);
    const inClean = new Set(clean.flatMap((m) => m.ofTotal));
    if (clean.length > 0 && few(total.filter((r) => !inClean.has(r)))) return smallest(clean);
    const inShown = new Set(shown.flatMap((m) => m.ofTotal));
    if (total.every((r) => inShown.has(r)) && few(shown.flatMap((m) => m.superseded))) return smallest(shown);
    return undefined;
  };
  let out = rows;
  for (let m = giveaway(out); m; m = giveaway(out)) {
    const at = m.index;
    out = out.map((row, i) => (i === at ? { ...row, netPromoterScore: withheldByDifference(k) } : row));
  }
  return out;
}
