import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { programReport, type ProgramReportInput, type ReportParticipant } from '../../../functions/domain/report';
import type { GroupFigures } from '../../../functions/domain/report-breakdown';
import { factsOf } from '../../../functions/domain/report-facts';

const programOf = (extra: Record<string, unknown> = {}) =>
  programSchema.parse({
    programId: 'q3',
    name: 'Q3 cohort',
    objectives: ['AI fluency at the top'],
    startDate: '2027-01-04',
    timeZone: 'Europe/London',
    admins: ['hr@example.com'],
    ...extra,
  });
const program = programOf();
const now = new Date('2027-07-01T00:00:00Z');
type Item = ProgramReportInput['pairings'][number];
let seq = 0;
const pairing = (status: Item['pairing']['status'], o: Partial<Item['pairing']> = {}, checkIns: Item['checkIns'] = [], reviews: Item['reviews'] = []): Item => {
  seq += 1;
  return { pairing: { pairingId: `pr_${seq}`, mentorId: `m${seq}`, menteeId: `s${seq}`, status, checkInsHeld: 0, checkInsMissed: 0, ...o }, checkIns, reviews };
};
const person = (participantId: string, role: 'mentor' | 'mentee', o: Partial<ReportParticipant> = {}): ReportParticipant => ({
  participantId,
  role,
  status: 'paired',
  ...o,
});
const WITHHELD = { withheld: true, reason: 'fewer than 5 people' };

describe('program report', () => {
  it('says "no data" (null) rather than 0% for a program that has not started', () => {
    const r = programReport({ program, participants: [], pairings: [], now });
    expect(r).toMatchObject({
      programId: 'q3',
      name: 'Q3 cohort',
      objectives: [{ text: 'AI fluency at the top', measure: null, target: null, value: null, met: null, status: 'no-measure' }],
      generatedAt: now.toISOString(),
      minGroupSize: 5,
    });
    expect(r.pairings).toMatchObject({ total: 0, acceptanceRate: null, completionRate: null });
    expect(r.engagement).toMatchObject({ attendanceRate: null, answerRate: null, averageCheckInRating: null, checkInRatings: 0 });
    expect(r.retention.rate).toBeNull();
    expect(r.satisfaction).toEqual({ reviews: 0, respondents: 0, averageRecommend: null, netPromoterScore: null });
    expect(r.skills).toEqual([]);
    expect(r.breakdown).toEqual({ byRole: [], byDepartment: [], byTopic: [] });
    expect(r.atRisk).toEqual([]);
    expect(r.participants.byStatus).toEqual({
      enrolled: 0,
      paired: 0,
      'awaiting-rematch': 0,
      waitlisted: 0,
      completed: 0,
      inactive: 0,
      withdrawn: 0,
      left: 0,
      suppressed: 0,
    });
  });

  it('counts completion among pairings that started: ends before both accepted are not failed completions', () => {
    const participants = ['m1', 'm2', 'm3'].map((id) => person(id, 'mentor')).concat(['s1', 's2', 's3'].map((id) => person(id, 'mentee')));
    const ended = (id: string, mentorId: string, menteeId: string, acceptedAt?: string): Item => ({
      pairing: { pairingId: id, mentorId, menteeId, status: 'ended', ...(acceptedAt ? { acceptedAt } : {}), checkInsHeld: 0, checkInsMissed: 0 },
      checkIns: [],
      reviews: [],
    });
    const notStarted = [ended('pr_1', 'm1', 's1'), ended('pr_2', 'm2', 's2'), ended('pr_3', 'm3', 's3')];
    expect(programReport({ program: programOf({ reportMinGroupSize: 3 }), participants, pairings: notStarted, now }).pairings.completionRate).toBeNull();
    const completed: Item = {
      ...ended('pr_3', 'm3', 's3', '2027-01-10'),
      pairing: { ...ended('pr_3', 'm3', 's3', '2027-01-10').pairing, status: 'completed', checkInsHeld: 2 },
    };
    const twoStarted = [notStarted[0]!, ended('pr_2', 'm2', 's2', '2027-01-10'), completed];
    // 1 completed of the 2 that started; the introduction ended by an admin is not counted.
    expect(programReport({ program: programOf({ reportMinGroupSize: 3 }), participants, pairings: twoStarted, now }).pairings.completionRate).toBe(0.5);
  });

  it('does not count a pair that reached the end without ever meeting as a completion (QA hrops4)', () => {
    const participants = ['m1', 'm2', 'm3'].map((id) => person(id, 'mentor')).concat(['s1', 's2', 's3'].map((id) => person(id, 'mentee')));
    const completed = (id: string, mentorId: string, menteeId: string, checkInsHeld: number): Item => ({
      pairing: { pairingId: id, mentorId, menteeId, status: 'completed', acceptedAt: '2027-01-10', checkInsHeld, checkInsMissed: 6 - checkInsHeld },
      checkIns: [],
      reviews: [],
    });
    const pairings = [completed('pr_1', 'm1', 's1', 4), completed('pr_2', 'm2', 's2', 0), completed('pr_3', 'm3', 's3', 1)];
    const report = programReport({ program: programOf({ reportMinGroupSize: 3 }), participants, pairings, now });
    expect(report.pairings.byStatus.completed).toBe(3);
    expect(report.pairings.completedWithoutMeeting).toBe(1);
    expect(report.pairings.completionRate).toBeCloseTo(2 / 3);
  });

  it('measures participation, acceptance, completion, attendance, retention, skills per topic and satisfaction (k = 3)', () => {
    const small = programOf({ reportMinGroupSize: 3 });
    const participants = [
      person('m1', 'mentor'),
      person('m2', 'mentor'),
      person('m3', 'mentor', { status: 'left' }),
      person('s1', 'mentee'),
      person('s2', 'mentee', { status: 'withdrawn' }),
      person('s3', 'mentee', { status: 'waitlisted' }),
    ];
    const pairings: Item[] = [
      {
        pairing: { pairingId: 'pr_a', mentorId: 'm1', menteeId: 's1', status: 'completed', acceptedAt: '2027-01-10', checkInsHeld: 5, checkInsMissed: 1 },
        checkIns: [
          { at: '2027-02-01T09:00:00Z', met: true, mentor: { answered: true, rating: 5 }, mentee: { answered: true, rating: 4 } },
          { at: '2027-02-15T09:00:00Z', met: true, mentor: { answered: false }, mentee: { answered: true, rating: 3 } },
          { at: '2027-03-01T09:00:00Z', met: false, mentor: { answered: false }, mentee: { answered: false } },
        ],
        reviews: [
          { participantId: 'm1', progress: 4, recommend: 10, topics: ['ai-tools', 'strategy'] },
          { participantId: 's1', progress: 2, recommend: 6, topics: ['ai-tools', 'strategy'] },
        ],
      },
      {
        pairing: { pairingId: 'pr_b', mentorId: 'm2', menteeId: 's2', status: 'ended', acceptedAt: '2027-01-11', checkInsHeld: 1, checkInsMissed: 3 },
        checkIns: [],
        reviews: [{ participantId: 'm2', progress: 3, recommend: 8, topics: ['social-media'] }],
      },
      { pairing: { pairingId: 'pr_c', mentorId: 'm3', menteeId: 's3', status: 'not-started', checkInsHeld: 0, checkInsMissed: 0 }, checkIns: [], reviews: [] },
      {
        pairing: { pairingId: 'pr_d', mentorId: 'm2', menteeId: 's1', status: 'active', acceptedAt: '2027-02-01', checkInsHeld: 2, checkInsMissed: 0 },
        checkIns: [],
        reviews: [],
      },
    ];
    const r = programReport({ program: small, participants, pairings, now });
    expect(r.participants).toMatchObject({ total: 6, mentors: 3, mentees: 3 });
    expect(r.participants.byStatus).toMatchObject({ paired: 3, left: 1, withdrawn: 1, waitlisted: 1 });
    expect(r.pairings.byStatus).toMatchObject({ completed: 1, ended: 1, 'not-started': 1, active: 1, paused: 0 });
    expect(r.pairings.acceptanceRate).toBe(0.75); // 3 accepted of 4 decided
    expect(r.pairings.completionRate).toBe(0.5); // 1 completed of 2 finished after starting
    // 6 questions, 3 answered; ratings 5, 4, 3 from m1 and s1 (2 people < 3: withheld).
    expect(r.engagement).toEqual({
      checkInsHeld: 8,
      checkInsMissed: 4,
      attendanceRate: 0.667,
      answerRate: { withheld: true, reason: 'fewer than 3 people' },
      averageCheckInRating: { withheld: true, reason: 'fewer than 3 people' },
      checkInRatings: 3,
    });
    expect(r.retention).toEqual({ stayed: 4, left: 1, withdrawn: 1, suppressed: 0, rate: 0.667 });
    // One overall progress number is never spread over topics: without per-topic ratings there is no skill change.
    expect(r.skills).toEqual([]);
    // Promoters 10; passives 8; detractors 6, from three people: (1 - 1) / 3 = 0.
    expect(r.satisfaction).toEqual({ reviews: 3, respondents: 3, averageRecommend: 8, netPromoterScore: 0 });
    expect(r.breakdown.byRole.map((g) => g.group)).toEqual(['mentee', 'mentor']);
    expect(r.breakdown.byRole[1]).toMatchObject({ group: 'mentor', people: 3, paired: 1, everPaired: 3, retentionRate: 0.667 });
  });
});

describe('program report: k-anonymity', () => {
  /** `n` people of one department who each rated a check-in, paired with mentees who never answer. */
  function cohort(n: number, k?: number) {
    const participants: ReportParticipant[] = [];
    const pairings: Item[] = [];
    for (let i = 0; i < n; i++) {
      participants.push(person(`m${i}`, 'mentor', { department: 'Finance', topicsOffered: ['ai-tools'] }), person(`s${i}`, 'mentee', { department: 'Board' }));
      pairings.push({
        pairing: {
          pairingId: `pr_${i}`,
          mentorId: `m${i}`,
          menteeId: `s${i}`,
          status: 'active',
          acceptedAt: '2027-01-10T09:00:00Z',
          checkInsHeld: 1,
          checkInsMissed: 0,
        },
        checkIns: [{ at: '2027-02-10T09:00:00Z', met: true, mentor: { answered: true, rating: 4 }, mentee: { answered: false } }],
        reviews: [{ participantId: `m${i}`, at: '2027-03-10T09:00:00Z', progress: 4, recommend: 9, topics: ['ai-tools'] }],
        skills: [
          { participantId: `s${i}`, role: 'mentee', baseline: true, ratings: { 'ai-tools': 2, 'social-media': 1 }, at: '2027-01-10T09:00:00Z' },
          { participantId: `s${i}`, role: 'mentee', baseline: false, ratings: { 'ai-tools': 4, 'social-media': 2 }, at: '2027-03-10T09:00:00Z' },
        ],
      });
    }
    return programReport({ program: programOf(k ? { reportMinGroupSize: k } : {}), participants, pairings, now });
  }
  const finance = (r: ReturnType<typeof programReport>) => r.breakdown.byDepartment.find((g) => g.group === 'Finance')!;

  it.each([
    [1, false],
    [4, false],
    [5, true],
    [6, true],
  ])('a group of %i people is shown: %s', (n, shown) => {
    const r = cohort(n);
    if (!shown) {
      expect(finance(r)).toEqual({ group: 'Finance', label: 'Finance', ...WITHHELD });
      expect(r.engagement.averageCheckInRating).toEqual(WITHHELD);
      expect(r.satisfaction).toEqual({ reviews: n, respondents: n, averageRecommend: WITHHELD, netPromoterScore: WITHHELD });
      expect(r.skills[0]).toEqual({
        role: 'mentee',
        topic: 'ai-tools',
        label: 'AI tools',
        people: n,
        averageBaseline: WITHHELD,
        averageLatest: WITHHELD,
        averageChange: WITHHELD,
      });
      expect(r.trend.find((m) => m.month === '2027-03')!.netPromoterScore).toEqual(WITHHELD);
      expect(JSON.stringify(r)).not.toMatch(/"averageCheckInRating":4/);
    } else {
      expect(finance(r)).toMatchObject({
        group: 'Finance',
        people: n,
        paired: n,
        averageCheckInRating: 4,
        answerRate: 1,
        netPromoterScore: 100,
        averageProgress: 4,
        retentionRate: 1,
      });
      expect(r.engagement.averageCheckInRating).toBe(4);
      expect(r.satisfaction).toEqual({ reviews: n, respondents: n, averageRecommend: 9, netPromoterScore: 100 });
      // Per topic, each from its own ratings: AI tools 2 -> 4, social media 1 -> 2.
      expect(r.skills).toEqual([
        { role: 'mentee', topic: 'ai-tools', label: 'AI tools', people: n, averageBaseline: 2, averageLatest: 4, averageChange: 2 },
        {
          role: 'mentee',
          topic: 'social-media',
          label: 'Social media and creator platforms',
          people: n,
          averageBaseline: 1,
          averageLatest: 2,
          averageChange: 1,
        },
      ]);
      expect(r.trend.find((m) => m.month === '2027-03')!.netPromoterScore).toBe(100);
    }
    // The group of people asked (both sides) is twice as big: 2 and 8 people.
    expect(r.engagement.answerRate).toEqual(2 * n >= 5 ? 0.5 : WITHHELD);
    const board = r.breakdown.byDepartment.find((g) => g.group === 'Board')!;
    if (n >= 5) expect((board as GroupFigures).answerRate).toBe(0);
    else expect(board).toMatchObject({ withheld: true });
  });

  it('follows the program setting: with k = 3 a group of 4 is shown', () => {
    expect(finance(cohort(4, 3))).toMatchObject({ people: 4, averageCheckInRating: 4 });
    expect(finance(cohort(2, 3))).toEqual({ group: 'Finance', label: 'Finance', withheld: true, reason: 'fewer than 3 people' });
    expect(programSchema.safeParse({ ...programOf(), reportMinGroupSize: 2 }).success).toBe(false);
  });

  it('breaks down by role and topic the same way', () => {
    const r = cohort(6);
    expect(r.breakdown.byRole.map((g) => [g.group, 'people' in g ? g.people : 'withheld'])).toEqual([
      ['mentee', 6],
      ['mentor', 6],
    ]);
    expect(r.breakdown.byTopic).toEqual([expect.objectContaining({ group: 'ai-tools', label: 'AI tools', people: 6, averageProgress: 4 })]);
    expect(cohort(3).breakdown.byTopic).toEqual([{ group: 'ai-tools', label: 'AI tools', ...WITHHELD }]);
  });
});

describe('program report: monthly trend', () => {
  it('counts check-ins, answers, retention and NPS per month in the program time zone', () => {
    const participants: ReportParticipant[] = [];
    const pairings: Item[] = [];
    for (let i = 0; i < 3; i++) {
      participants.push(person(`m${i}`, 'mentor'), person(`s${i}`, 'mentee'));
      pairings.push({
        pairing: {
          pairingId: `pr_${i}`,
          mentorId: `m${i}`,
          menteeId: `s${i}`,
          status: i === 2 ? 'ended' : 'active',
          acceptedAt: '2027-01-20T09:00:00Z',
          ...(i === 2 ? { endedAt: '2027-03-05T09:00:00Z' } : {}),
          checkInsHeld: 2,
          checkInsMissed: 1,
        },
        checkIns: [
          // 23:30 UTC on 31 January: still January in London (UTC+0 in winter), already February in Paris.
          { at: '2027-01-31T23:30:00Z', met: true, mentor: { answered: true, rating: 4 }, mentee: { answered: true, rating: 5 } },
          { at: '2027-02-14T09:00:00Z', met: i !== 0, mentor: { answered: true }, mentee: { answered: false } },
          { at: '2027-03-14T09:00:00Z', met: true, mentor: { answered: true }, mentee: { answered: true } },
        ],
        reviews: [
          { participantId: `m${i}`, at: '2027-03-20T09:00:00Z', recommend: i === 0 ? 3 : 10, topics: [] },
          { participantId: `s${i}`, at: '2027-03-20T09:00:00Z', recommend: 9, topics: [] },
        ],
      });
    }
    const r = programReport({ program, participants, pairings, now: new Date('2027-04-15T00:00:00Z') });
    expect(r.trend.map((m) => m.month)).toEqual(['2027-01', '2027-02', '2027-03', '2027-04']);
    const [jan, feb, mar, apr] = r.trend;
    expect(jan).toEqual({ month: '2027-01', checkInsHeld: 3, checkInsMissed: 0, answerRate: 1, retentionRate: 1, netPromoterScore: null });
    expect(feb).toEqual({ month: '2027-02', checkInsHeld: 2, checkInsMissed: 1, answerRate: 0.5, retentionRate: 1, netPromoterScore: null });
    // One pair of three ended early in March; NPS: 5 promoters, 1 detractor of 6.
    expect(mar).toEqual({ month: '2027-03', checkInsHeld: 3, checkInsMissed: 0, answerRate: 1, retentionRate: 0.667, netPromoterScore: 67 });
    expect(apr).toEqual({ month: '2027-04', checkInsHeld: null, checkInsMissed: null, answerRate: null, retentionRate: 0.667, netPromoterScore: null });

    const paris = programReport({ program: programOf({ timeZone: 'Europe/Paris' }), participants, pairings, now: new Date('2027-04-15T00:00:00Z') });
    expect(paris.trend[0]).toMatchObject({ month: '2027-01', checkInsHeld: null });
    expect(paris.trend[1]).toMatchObject({ month: '2027-02', checkInsHeld: 5, checkInsMissed: 1 });
  });
});

describe('program report: answers and retention as stored', () => {
  it('counts a NO and a YES without a rating as answers, and a pairing that never started as neither started nor retained', () => {
    const participants: ReportParticipant[] = [];
    const pairings: Item[] = [];
    for (let i = 0; i < 3; i++) {
      participants.push(person(`m${i}`, 'mentor'), person(`s${i}`, 'mentee'));
      const at = '2027-02-14T09:00:00Z';
      pairings.push({
        pairing: {
          pairingId: `pr_a${i}`,
          mentorId: `m${i}`,
          menteeId: `s${i}`,
          status: i === 0 ? 'ended' : 'active',
          startedAt: '2027-01-11T09:00:00Z',
          acceptedAt: '2027-01-13T09:00:00Z',
          ...(i === 0 ? { endedAt: '2027-02-20T09:00:00Z' } : {}),
          checkInsHeld: 1,
          checkInsMissed: 0,
        },
        // The shape a check-in is stored in: each answer with its intent; a rating only when one was given.
        checkIns: [{ at, met: true, mentor: { intent: 'no', at }, mentee: { intent: 'yes', at } } as Item['checkIns'][number]],
        reviews: [],
      });
    }
    for (let i = 0; i < 2; i++) {
      participants.push(person(`dm${i}`, 'mentor'), person(`ds${i}`, 'mentee'));
      pairings.push({
        pairing: {
          pairingId: `pr_d${i}`,
          mentorId: `dm${i}`,
          menteeId: `ds${i}`,
          status: 'not-started',
          startedAt: '2027-01-11T09:00:00Z',
          endedAt: '2027-01-18T09:00:00Z',
          checkInsHeld: 0,
          checkInsMissed: 0,
        },
        checkIns: [],
        reviews: [],
      });
    }
    const r = programReport({ program, participants, pairings, now: new Date('2027-03-15T00:00:00Z') });
    expect(r.engagement.answerRate).toBe(1);
    const feb = r.trend.find((m) => m.month === '2027-02')!;
    expect(feb.answerRate).toBe(1);
    // Three pairs started (both accepted), one ended early in February: 2 of 3; the two declined introductions are not pairs that started.
    expect(feb.retentionRate).toBe(0.667);
  });
});

describe('program report: pairs at risk', () => {
  it('lists running pairs with an open escalation, missed check-ins in a row or low ratings, each with the reason', () => {
    const low = [
      { at: '2027-03-01T09:00:00Z', met: true, mentor: { answered: true, rating: 5 }, mentee: { answered: true, rating: 5 } },
      { at: '2027-03-15T09:00:00Z', met: true, mentor: { answered: true, rating: 2 }, mentee: { answered: true, rating: 1 } },
      { at: '2027-03-29T09:00:00Z', met: true, mentor: { answered: true, rating: 2 } },
    ];
    const pairings = [
      pairing('active', { pairingId: 'pr_fine', missedInRow: 0 }, [{ at: '2027-03-01T09:00:00Z', met: true, mentor: { rating: 4 } }]),
      pairing('active', { pairingId: 'pr_nudged', missedInRow: 1, lastMetAt: '2027-02-01T09:00:00Z' }),
      pairing('active', { pairingId: 'pr_quiet', missedInRow: 2 }),
      pairing('active', { pairingId: 'pr_escalated', missedInRow: 3, pendingDecision: true }),
      pairing('active', { pairingId: 'pr_unhappy' }, low),
      pairing('ended', { pairingId: 'pr_over', missedInRow: 4 }),
      pairing('completed', { pairingId: 'pr_done' }, low),
    ];
    const r = programReport({ program, participants: [], pairings, now });
    expect(r.atRisk.map((p) => [p.pairingId, p.risks.map((x) => x.code)])).toEqual([
      ['pr_escalated', ['escalated']],
      ['pr_unhappy', ['low-ratings']],
      ['pr_quiet', ['missed-check-ins']],
      ['pr_nudged', ['missed-check-ins']],
    ]);
    const quiet = r.atRisk.find((p) => p.pairingId === 'pr_quiet')!;
    expect(quiet.risks[0]!.reason).toBe('The pair missed 2 check-ins in a row.');
    expect(quiet.risks[0]!.action).toMatch(/senior partner/);
    expect(r.atRisk.find((p) => p.pairingId === 'pr_nudged')).toMatchObject({
      missedInRow: 1,
      lastMetAt: '2027-02-01T09:00:00Z',
      risks: [{ reason: 'The pair missed its last check-in.' }],
    });
    expect(r.atRisk[0]!.risks[0]!.reason).toMatch(/missed 3 check-ins in a row and the escalation waits for an admin's decision/);
  });
});

describe('the answer rate of check-ins', () => {
  it('does not count a command written to a check-in (REMATCH, END, PAUSE, STOP) as an answer (QA journey3)', () => {
    const pairing = { pairingId: 'pr_1', mentorId: 'pt_m', menteeId: 'pt_e', status: 'ended' as const, checkInsHeld: 1, checkInsMissed: 0 };
    for (const intent of ['rematch', 'end', 'pause', 'stop']) {
      const { questions } = factsOf([
        {
          pairing,
          checkIns: [
            { at: '2027-02-01T09:00:00Z', met: true, mentor: { intent, note: 'our calendars never line up' } as never, mentee: { intent: 'yes', rating: 4 } },
          ],
          reviews: [],
        },
      ]);
      expect(
        questions.map((q) => q.answered),
        intent,
      ).toEqual([false, true]);
    }
    const { questions } = factsOf([{ pairing, checkIns: [{ met: false, mentor: { intent: 'no' }, mentee: { answered: false } }], reviews: [] }]);
    expect(questions.map((q) => q.answered)).toEqual([true, false]);
  });
});
