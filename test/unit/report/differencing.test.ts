import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { programReport, type ProgramReportInput, type ReportParticipant } from '../../../functions/domain/report';
import type { GroupFigures, GroupRow } from '../../../functions/domain/report-breakdown';
import { reportCsvRows } from '../../../functions/domain/report-csv';
import { secondarySuppression } from '../../../functions/domain/report-privacy';

/**
 * Secondary suppression: a group withheld for its few people must not be left to be worked out as
 * the program-wide figure minus the groups shown (QA: repro-report-differencing).
 */

const now = new Date('2027-07-01T00:00:00Z');
type Item = ProgramReportInput['pairings'][number];
type CheckIn = Item['checkIns'][number];
const programOf = (extra: Record<string, unknown> = {}) =>
  programSchema.parse({ programId: 'q3', name: 'Q3', startDate: '2027-01-04', timeZone: 'Europe/London', admins: ['hr@example.com'], ...extra });
const PRIMARY = { withheld: true, reason: 'fewer than 5 people' };
const BY_DIFFERENCE = { withheld: true, reason: 'fewer than 5 people could be worked out by difference' };

/** Pairs m<i>/s<i>, each with the check-ins given; people carry the fields given per id. */
function report(pairs: CheckIn[][], people: Record<string, Partial<ReportParticipant>> = {}, extra: Partial<ProgramReportInput> = {}) {
  const participants: ReportParticipant[] = [];
  const pairings: Item[] = pairs.map((checkIns, i) => {
    participants.push(
      { participantId: `m${i}`, role: 'mentor', status: 'paired', ...people[`m${i}`] },
      { participantId: `s${i}`, role: 'mentee', status: 'paired', ...people[`s${i}`] },
    );
    const held = checkIns.filter((c) => c.met).length;
    return {
      pairing: {
        pairingId: `pr_${i}`,
        mentorId: `m${i}`,
        menteeId: `s${i}`,
        status: 'active',
        acceptedAt: '2027-01-10T09:00:00Z',
        checkInsHeld: held,
        checkInsMissed: checkIns.length - held,
      },
      checkIns,
      reviews: [],
    };
  });
  return programReport({ program: programOf(), participants, pairings, now, ...extra });
}
const rated = (mentor: number | undefined, mentee: number | undefined, at = '2027-02-10T09:00:00Z'): CheckIn => ({
  at,
  met: true,
  mentor: mentor === undefined ? { answered: false } : { answered: true, rating: mentor },
  mentee: mentee === undefined ? { answered: false } : { answered: true, rating: mentee },
});
const find = (rows: readonly GroupRow[], group: string) => rows.find((g) => g.group === group);
const shown = (rows: readonly GroupRow[]) => rows.filter((g): g is GroupFigures => !('withheld' in g));

describe('secondary suppression (report-privacy)', () => {
  const one = (...people: string[]) => people;

  it('withholds the next-smallest shown group until the withheld ones cover k people', () => {
    // Units are people; groups of 1 (withheld), 5 and 6.
    const people = ['a', 'b1', 'b2', 'b3', 'b4', 'b5', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((p) => one(p));
    const cells = [
      { units: [0], shown: false },
      { units: [1, 2, 3, 4, 5], shown: true },
      { units: [6, 7, 8, 9, 10, 11], shown: true },
    ];
    expect(secondarySuppression(5, people, cells)).toEqual([false, false, true]);
    // Two withheld groups of 2 and 3 already cover 5 people: nothing more to withhold.
    const enough = [
      { units: [0, 1], shown: false },
      { units: [2, 3, 4], shown: false },
      { units: [6, 7, 8, 9, 10, 11], shown: true },
    ];
    expect(secondarySuppression(5, people, enough)).toEqual([false, false, true]);
    // Only one shown group besides the small one: the whole breakdown goes.
    expect(secondarySuppression(5, people.slice(0, 6), cells.slice(0, 2))).toEqual([false, false]);
  });

  it('catches overlapping groups: one inside another, and two that add up to the total but for a few', () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f'].map((p) => one(p));
    // A topic of 6 and one of 5 of them: the difference is one person.
    expect(
      secondarySuppression(5, people, [
        { units: [0, 1, 2, 3, 4, 5], shown: true },
        { units: [1, 2, 3, 4, 5], shown: true },
      ]),
    ).toEqual([true, false]);
    // Check-ins (two people each): 3 pairs within F, 3 within L, 1 across. F + L - total = the one pair across.
    const checkIns = [one('f1', 'f2'), one('f3', 'f4'), one('f5', 'f6'), one('l1', 'l2'), one('l3', 'l4'), one('l5', 'l6'), one('f7', 'l7')];
    expect(
      secondarySuppression(5, checkIns, [
        { units: [0, 1, 2, 6], shown: true },
        { units: [3, 4, 5, 6], shown: true },
      ]),
    ).toEqual([false, true]);
    // Without the pair across, each department is the total minus the other: both shown.
    expect(
      secondarySuppression(5, checkIns.slice(0, 6), [
        { units: [0, 1, 2], shown: true },
        { units: [3, 4, 5], shown: true },
      ]),
    ).toEqual([true, true]);
  });
});

describe('program report: no withheld group worked out by difference', () => {
  it('QA: one person in Legal, five in Finance: Finance is withheld too, and the CSV says the same', () => {
    const depts = ['Legal', 'Finance', 'Finance', 'Finance', 'Finance', 'Finance'];
    const ratings = [1, 4, 5, 4, 5, 4];
    const people = Object.fromEntries(depts.map((department, i) => [i % 2 ? `s${(i - 1) / 2}` : `m${i / 2}`, { department }]));
    const r = report(
      [0, 1, 2].map((i) => [rated(ratings[2 * i], ratings[2 * i + 1])]),
      people,
    );
    // The program-wide figure stays: it is six people's.
    expect(r.engagement).toMatchObject({ averageCheckInRating: 3.83, checkInRatings: 6 });
    expect(r.breakdown.byDepartment).toEqual([
      { group: 'Finance', label: 'Finance', ...BY_DIFFERENCE },
      { group: 'Legal', label: 'Legal', ...PRIMARY },
    ]);
    const rows = reportCsvRows(r).filter(([section]) => section === 'by department');
    expect(rows).toEqual([
      ['by department', 'Finance', '(all)', `withheld: ${BY_DIFFERENCE.reason}`],
      ['by department', 'Legal', '(all)', `withheld: ${PRIMARY.reason}`],
    ]);
  });

  it('a group big enough, with one figure from too few people: that figure is withheld in the other groups too', () => {
    // Five pairs: mentors in Legal, mentees in Finance. Every mentee rates; one Legal mentor does.
    const people = Object.fromEntries(
      [0, 1, 2, 3, 4].flatMap((i) => [[`m${i}`, { department: 'Legal' }] as const, [`s${i}`, { department: 'Finance' }] as const]),
    );
    const r = report(
      [0, 1, 2, 3, 4].map((i) => [rated(i === 0 ? 1 : undefined, 4)]),
      people,
    );
    expect(r.engagement.averageCheckInRating).toBe(3.5);
    const legal = find(r.breakdown.byDepartment, 'Legal') as GroupFigures;
    const finance = find(r.breakdown.byDepartment, 'Finance') as GroupFigures;
    expect(legal).toMatchObject({ people: 5, averageCheckInRating: PRIMARY, checkInsHeld: 5, answerRate: 0.2 });
    // 3.5 * 6 - 4 * 5 would be the Legal mentor's 1.
    expect(finance).toMatchObject({ people: 5, averageCheckInRating: BY_DIFFERENCE, checkInsHeld: 5, answerRate: 1 });
    const rows = reportCsvRows(r);
    expect(rows).toContainEqual(['by department', 'Finance', 'averageCheckInRating', `withheld: ${BY_DIFFERENCE.reason}`]);
  });

  it('topics: a topic of one person leaves the others to cover it; a topic inside another is withheld', () => {
    const pairs = [0, 1, 2].map(() => [rated(4, 5)]);
    // One person wants only strategy; the five others want AI tools.
    const alone = report(pairs, {
      m0: { topicsWanted: ['strategy'] },
      ...Object.fromEntries(['s0', 'm1', 's1', 'm2', 's2'].map((id) => [id, { topicsWanted: ['ai-tools'] }])),
    });
    expect(alone.breakdown.byTopic).toEqual([
      { group: 'ai-tools', label: 'AI tools', ...BY_DIFFERENCE },
      { group: 'strategy', label: 'Strategy', ...PRIMARY },
    ]);
    // All six want AI tools, five of them strategy too: AI tools is the program's figure, strategy would give the sixth away.
    const nested = report(pairs, {
      m0: { topicsWanted: ['ai-tools'] },
      ...Object.fromEntries(['s0', 'm1', 's1', 'm2', 's2'].map((id) => [id, { topicsWanted: ['ai-tools', 'strategy'] }])),
    });
    expect(find(nested.breakdown.byTopic, 'ai-tools')).toMatchObject({ people: 6, averageCheckInRating: nested.engagement.averageCheckInRating });
    expect(find(nested.breakdown.byTopic, 'strategy')).toEqual({ group: 'strategy', label: 'Strategy', ...BY_DIFFERENCE });
  });

  it('roles: a withheld role group is not the total minus the other', () => {
    // Six mentors and two mentees who left, no pairings yet.
    const r = programReport({
      program: programOf(),
      participants: [
        ...['m0', 'm1', 'm2', 'm3', 'm4', 'm5'].map((participantId) => ({ participantId, role: 'mentor' as const, status: 'paired' as const })),
        ...['s0', 's1'].map((participantId) => ({ participantId, role: 'mentee' as const, status: 'left' as const })),
      ],
      pairings: [],
      now,
    });
    // Retention over 8 people is shown; the mentors' over 6 would give the 2 mentees' away.
    expect(r.retention.rate).toBe(0.75);
    expect(r.breakdown.byRole).toEqual([
      { group: 'mentee', label: 'Mentees (senior leaders)', ...PRIMARY },
      { group: 'mentor', label: 'Mentors (early-career)', ...BY_DIFFERENCE },
    ]);
  });

  it('trend: a month withheld for its few people is not the program total minus the months shown', () => {
    // February: three pairs met (6 people). March: one pair did not meet (2 people).
    const feb = '2027-02-10T09:00:00Z';
    const mar = '2027-03-10T09:00:00Z';
    const r = report([
      [rated(4, 4, feb), { at: mar, met: false, mentor: { answered: true }, mentee: { answered: false } }],
      [rated(4, 4, feb)],
      [rated(4, 4, feb)],
    ]);
    expect(r.engagement).toMatchObject({ checkInsHeld: 3, checkInsMissed: 1 });
    const month = (m: string) => r.trend.find((t) => t.month === m)!;
    expect(month('2027-03')).toMatchObject({ checkInsHeld: PRIMARY, checkInsMissed: PRIMARY, answerRate: PRIMARY });
    // February's 3 held, 0 missed and the total's 3 and 1 would say the March pair missed.
    expect(month('2027-02')).toMatchObject({ checkInsHeld: BY_DIFFERENCE, checkInsMissed: BY_DIFFERENCE, answerRate: BY_DIFFERENCE });
    expect(month('2027-01')).toMatchObject({ checkInsHeld: null, answerRate: null });
    const rows = reportCsvRows(r);
    expect(rows).toContainEqual(['trend', '2027-02', 'checkInsHeld', `withheld: ${BY_DIFFERENCE.reason}`]);
    // Two more pairs meeting only in April (4 people, withheld too): March and April together are 6 people, February stays.
    const bigger = report([
      [rated(4, 4, feb), { at: mar, met: false, mentor: { answered: true }, mentee: { answered: false } }],
      [rated(4, 4, feb)],
      [rated(4, 4, feb)],
      [rated(4, 4, '2027-04-10T09:00:00Z')],
      [rated(4, 4, '2027-04-10T09:00:00Z')],
    ]);
    expect(bigger.trend.find((t) => t.month === '2027-02')).toMatchObject({ checkInsHeld: 3, checkInsMissed: 0 });
    expect(bigger.trend.find((t) => t.month === '2027-03')).toMatchObject({ checkInsHeld: PRIMARY });
    expect(bigger.trend.find((t) => t.month === '2027-04')).toMatchObject({ checkInsHeld: PRIMARY });
  });

  it('an objective on both roles is withheld when one role is withheld and the other shown', () => {
    const program = programOf({ objectives: [{ measure: 'skill-change', topic: 'ai-tools', target: 1 }] });
    const participants: ReportParticipant[] = [];
    const pairings: Item[] = [];
    for (let i = 0; i < 5; i++) {
      participants.push({ participantId: `m${i}`, role: 'mentor', status: 'paired' }, { participantId: `s${i}`, role: 'mentee', status: 'paired' });
      const mine = (id: string, from: number, to: number) => [
        { participantId: id, baseline: true, ratings: { 'ai-tools': from }, at: '2027-01-10' },
        { participantId: id, baseline: false, ratings: { 'ai-tools': to }, at: '2027-03-10' },
      ];
      pairings.push({
        pairing: { pairingId: `p${i}`, mentorId: `m${i}`, menteeId: `s${i}`, status: 'active', acceptedAt: '2027-01-10', checkInsHeld: 0, checkInsMissed: 0 },
        checkIns: [],
        reviews: [],
        skills: [...mine(`s${i}`, 2, 4), ...(i === 0 ? mine('m0', 5, 1) : [])],
      });
    }
    const r = programReport({ program, participants, pairings, now });
    expect(r.skills.map((s) => [s.role, s.people, s.averageChange])).toEqual([
      ['mentee', 5, 2],
      ['mentor', 1, PRIMARY],
    ]);
    // Both roles' 6 people would be (5 * 2 + x) / 6: the one mentor's change.
    expect(r.objectives[0]).toMatchObject({ value: BY_DIFFERENCE, status: 'withheld' });
  });

  it('keeps everything when every group is big enough (nothing over-withheld)', () => {
    const people = Object.fromEntries(
      [0, 1, 2, 3, 4].flatMap((i) => [[`m${i}`, { department: 'Legal' }] as const, [`s${i}`, { department: 'Finance' }] as const]),
    );
    const r = report(
      [0, 1, 2, 3, 4].map(() => [rated(4, 5)]),
      people,
    );
    expect(shown(r.breakdown.byDepartment).map((g) => [g.group, g.averageCheckInRating, g.checkInsHeld])).toEqual([
      ['Finance', 5, 5],
      ['Legal', 4, 5],
    ]);
    expect(shown(r.breakdown.byRole)).toHaveLength(2);
    expect(r.trend.find((t) => t.month === '2027-02')).toMatchObject({ checkInsHeld: 5, answerRate: 1 });
  });
});
