import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { programReport, type ProgramReportInput, type ReportParticipant } from '../../../functions/domain/report';
import { reportCsv } from '../../../functions/domain/report-csv';

/**
 * QA finale3, bug 1: the report's NPS, average recommendation and average progress pooled every
 * review answer, so whoever answered both the Day 30 review and the end-of-program review counted
 * twice. Each figure counts each person once: their latest answer in the period it covers.
 */

type Item = ProgramReportInput['pairings'][number];
type Review = Item['reviews'][number];

const DAY_30 = '2027-01-18T12:00:00Z';
const END = '2027-02-07T12:00:00Z';
const BY_DIFFERENCE = { withheld: true, reason: 'fewer than 3 people could be worked out by difference' };

const programOf = (extra: Record<string, unknown> = {}) =>
  programSchema.parse({
    programId: 'finale',
    name: 'Finale cohort',
    startDate: '2027-01-04',
    timeZone: 'Europe/London',
    admins: ['hr@example.com'],
    reportMinGroupSize: 3,
    ...extra,
  });

const review = (participantId: string, at: string, recommend: number, progress?: number): Review => ({
  participantId,
  at,
  recommend,
  ...(progress !== undefined ? { progress } : {}),
  topics: [],
});

const pair = (n: number, reviews: Review[], o: Partial<Item['pairing']> = {}): Item => ({
  pairing: {
    pairingId: `pr_${n}`,
    mentorId: `m${n}`,
    menteeId: `s${n}`,
    status: 'completed',
    acceptedAt: '2027-01-05T09:00:00Z',
    checkInsHeld: 2,
    checkInsMissed: 0,
    ...o,
  },
  checkIns: [],
  reviews,
});

const people = (n: number): ReportParticipant[] =>
  Array.from({ length: n }, (_, i) => [
    { participantId: `m${i + 1}`, role: 'mentor' as const, status: 'completed' as const },
    { participantId: `s${i + 1}`, role: 'mentee' as const, status: 'completed' as const },
  ]).flat();

/**
 * The QA cohort's shape: two engaged pairs answer the Day 30 review (in January, high) and the end
 * review (in February, lower); a third pair answers only the end review; in the pair that rarely met
 * only the mentee answers, once, at the end.
 */
function finale() {
  const pairings = [
    pair(1, [review('m1', DAY_30, 10, 2), review('s1', DAY_30, 10, 2), review('m1', END, 9, 4), review('s1', END, 6, 4)]),
    pair(2, [review('m2', DAY_30, 9, 2), review('s2', DAY_30, 10, 2), review('m2', END, 10, 4), review('s2', END, 6, 4)]),
    pair(3, [review('m3', END, 8, 3), review('s3', END, 8, 3)]),
    pair(4, [review('s4', END, 3, 1)], { checkInsHeld: 1, checkInsMissed: 1 }),
  ];
  const program = programOf({ objectives: [{ measure: 'nps', target: 0, text: 'People would recommend it' }] });
  return programReport({ program, participants: people(4), pairings, now: new Date('2027-03-01T00:00:00Z') });
}

describe('program report: each person counts once in the satisfaction figures (QA finale3)', () => {
  it('takes each person latest answer for the NPS and the average recommendation, and judges the nps objective on it', () => {
    const r = finale();
    // Latest answers: m1 9, m2 10, m3 8, s1 6, s2 6, s3 8, s4 3: 2 promoters, 3 detractors of 7 people.
    // Pooling the 11 answers would give 6 promoters, 3 detractors of 11 (27) and an average of 8.1.
    expect(r.satisfaction).toEqual({ reviews: 11, respondents: 7, averageRecommend: 7.1, netPromoterScore: -14 });
    expect(r.objectives[0]).toMatchObject({ measure: 'nps', target: 0, value: -14, met: false, status: 'not-met' });
  });

  it('breaks the NPS and the average progress down by role from each person latest answer', () => {
    const r = finale();
    const role = (group: string) => r.breakdown.byRole.find((g) => g.group === group);
    // Mentors: 9, 10, 8 (pooled 10, 9, 9, 10, 8: 80); progress 4, 4, 3 (pooled 2, 4, 2, 4, 3: 3).
    expect(role('mentor')).toMatchObject({ people: 4, netPromoterScore: 67, averageProgress: 3.67 });
    // Mentees: 6, 6, 8, 3 (pooled 10, 6, 10, 6, 8, 3: -17); progress 4, 4, 3, 1 (pooled 2.67).
    expect(role('mentee')).toMatchObject({ people: 4, netPromoterScore: -75, averageProgress: 3 });
  });

  it('shows each month from the answers given in it, and the end month agrees with the program figure', () => {
    const r = finale();
    const month = (m: string) => r.trend.find((t) => t.month === m)!;
    // January holds only Day 30 answers that were answered again later: compared with nothing, it stays shown.
    expect(month('2027-01').netPromoterScore).toBe(100);
    expect(month('2027-02').netPromoterScore).toBe(r.satisfaction.netPromoterScore);
  });

  it('writes the same per-person figures to the CSV', () => {
    const r = finale();
    const rows = parse(reportCsv(r), { bom: true, columns: true }) as { section: string; group: string; measure: string; value: string }[];
    const cell = (section: string, group: string, measure: string) =>
      rows.find((row) => row.section === section && row.group === group && row.measure === measure)?.value;
    expect(cell('satisfaction', '', 'netPromoterScore')).toBe('-14');
    expect(cell('satisfaction', '', 'averageRecommend')).toBe('7.1');
    expect(cell('satisfaction', '', 'reviews')).toBe('11');
    expect(cell('satisfaction', '', 'respondents')).toBe('7');
    expect(cell('objectives', '1', 'status')).toBe('not-met');
    expect(cell('by role', 'Mentors (early-career)', 'averageProgress')).toBe('3.67');
    expect(cell('trend', '2027-02', 'netPromoterScore')).toBe('-14');
  });

  it('counts a person once within a month, and across their pairings, with their latest answer', () => {
    const march = (day: number) => `2027-03-${String(day).padStart(2, '0')}T12:00:00Z`;
    // m1 answers in two pairings in March (the first ended, then a rematch): 10 on the 2nd, then 0 on the 30th.
    const pairings = [
      pair(1, [review('m1', march(2), 10)], { status: 'ended' }),
      pair(5, [review('m1', march(30), 0)], { mentorId: 'm1' }),
      pair(2, [review('m2', march(10), 9)]),
      pair(3, [review('m3', march(10), 9)]),
    ];
    const r = programReport({ program: programOf(), participants: people(3), pairings, now: new Date('2027-04-15T00:00:00Z') });
    // 0, 9, 9: one detractor, two promoters of 3 people (pooled: 10, 0, 9, 9 gives 50).
    expect(r.satisfaction).toMatchObject({ reviews: 4, respondents: 3, averageRecommend: 6, netPromoterScore: 33 });
    expect(r.trend.find((t) => t.month === '2027-03')!.netPromoterScore).toBe(33);
  });
});

describe('program report: the months NPS by difference, with each person counted once', () => {
  const jan = (d: number) => `2027-01-${String(d).padStart(2, '0')}T12:00:00Z`;
  const feb = (d: number) => `2027-02-${String(d).padStart(2, '0')}T12:00:00Z`;
  const report = (reviews: Review[]) =>
    programReport({
      program: programOf(),
      participants: people(5),
      pairings: [pair(1, reviews)],
      now: new Date('2027-03-01T00:00:00Z'),
    });

  it('withholds the month that, taken from the program figure, leaves the one person whose latest answer is in another month', () => {
    // m5 answered only in January; s1, s2, s3 answered in January and again in February; m4 only in February.
    const r = report([
      review('m5', jan(18), 10),
      review('s1', jan(18), 9),
      review('s2', jan(18), 9),
      review('s3', jan(18), 9),
      ...['s1', 's2', 's3', 'm4'].map((id) => review(id, feb(7), 6)),
    ]);
    // Program (5 people: m5 and February's 4) minus February (4 people) would be m5's answer.
    expect(r.satisfaction.netPromoterScore).toBe(-60);
    expect(r.trend.find((t) => t.month === '2027-02')!.netPromoterScore).toEqual(BY_DIFFERENCE);
    // January counts s1, s2, s3's earlier answers, which no other figure counts: it gives nobody away.
    expect(r.trend.find((t) => t.month === '2027-01')!.netPromoterScore).toBe(100);
  });

  it('withholds a month when the months added, minus the program figure, leave the earlier answers of fewer than k people', () => {
    // January: m1, m2, m3 (their latest) and s1's first answer; February: s1 again, s2, s3.
    const r = report([
      review('m1', jan(18), 10),
      review('m2', jan(18), 10),
      review('m3', jan(18), 10),
      review('s1', jan(18), 0),
      review('s1', feb(7), 10),
      review('s2', feb(7), 10),
      review('s3', feb(7), 10),
    ]);
    // January (4 answers) + February (3) - the program (6 people) = s1's January answer.
    expect(r.satisfaction.netPromoterScore).toBe(100);
    expect(r.trend.find((t) => t.month === '2027-01')!.netPromoterScore).toBe(50);
    expect(r.trend.find((t) => t.month === '2027-02')!.netPromoterScore).toEqual(BY_DIFFERENCE);
  });

  it('shows every month when the months are exactly the program figure split by month', () => {
    const r = report([...['m1', 'm2', 'm3'].map((id) => review(id, jan(18), 10)), ...['s1', 's2', 's3'].map((id) => review(id, feb(7), 0))]);
    expect(r.satisfaction.netPromoterScore).toBe(0);
    expect(r.trend.find((t) => t.month === '2027-01')!.netPromoterScore).toBe(100);
    expect(r.trend.find((t) => t.month === '2027-02')!.netPromoterScore).toBe(-100);
  });
});

describe('program report: a review answer is dated when its person answered (QA finale3, bug 2)', () => {
  it('puts review answers given in January into January, though their round closed in February', () => {
    const closed = '2027-02-03T23:00:00Z';
    const answered = (participantId: string, answeredAt: string, recommend: number): Review => ({ ...review(participantId, closed, recommend), answeredAt });
    const pairings = [
      pair(1, [answered('m1', '2027-01-31T10:00:00Z', 10), answered('s1', '2027-02-03T20:00:00Z', 6)]),
      pair(2, [answered('m2', '2027-01-30T10:00:00Z', 10), answered('s2', '2027-02-02T10:00:00Z', 6)]),
      pair(3, [answered('m3', '2027-01-28T10:00:00Z', 10), answered('s3', '2027-02-01T10:00:00Z', 6)]),
    ];
    const r = programReport({ program: programOf(), participants: people(3), pairings, now: new Date('2027-03-01T00:00:00Z') });
    // The mentors answered in January (all promoters), the mentees in February (all detractors), each by their own day.
    expect(r.trend.find((t) => t.month === '2027-01')?.netPromoterScore).toBe(100);
    expect(r.trend.find((t) => t.month === '2027-02')?.netPromoterScore).toBe(-100);
    expect(r.satisfaction.netPromoterScore).toBe(0);
  });
});
