import { describe, expect, it } from 'vitest';
import { evaluateObjectives, objectivesSchema } from '../../../functions/domain/objectives';
import { programSchema } from '../../../functions/domain/program';
import { programReport } from '../../../functions/domain/report';
import { reportCsvRows } from '../../../functions/domain/report-csv';
import { programFeedback, themeOf } from '../../../functions/domain/report-outcomes';
import { type PairChange, threePairs } from './three-pairs';

const now = new Date('2027-07-01T00:00:00Z');

describe('objectives with targets', () => {
  it('accepts structured objectives and the old free text, and refuses a target outside its measure', () => {
    expect(objectivesSchema.parse(['Leaders fluent in AI', { measure: 'nps', target: 30 }])).toEqual([
      { text: 'Leaders fluent in AI' },
      { measure: 'nps', target: 30 },
    ]);
    // What GET returns can be sent back as it is.
    expect(objectivesSchema.parse([{ text: 'Leaders fluent in AI' }])).toEqual([{ text: 'Leaders fluent in AI' }]);
    const bad = objectivesSchema.safeParse([{ measure: 'completion-rate', target: 80 }, { measure: 'skill-change', target: 1 }, { target: 3 }]);
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        '0.target: must be a share of finished pairings, 0 to 1',
        '1.topic: is required for skill-change: a topic id',
        expect.stringMatching(/^2\.measure: /),
      ]),
    );
  });

  it('states target, value and whether it is met; null when not yet measurable; withheld stays withheld', () => {
    const results = evaluateObjectives(
      [
        { measure: 'completion-rate', target: 0.8 },
        { measure: 'nps', target: 20 },
        { measure: 'skill-change', topic: 'ai-tools', role: 'mentee', target: 1 },
        { measure: 'answer-rate', target: 0.5 },
        'Voices heard',
      ],
      (o) =>
        o.measure === 'completion-rate'
          ? 0.9
          : o.measure === 'nps'
            ? 10
            : o.measure === 'skill-change'
              ? null
              : { withheld: true, reason: 'fewer than 5 people' },
      () => 'AI tools',
    );
    expect(results.map((r) => [r.text, r.target, r.value, r.met, r.status])).toEqual([
      ['Completion rate at least 80%', 0.8, 0.9, true, 'met'],
      ['Net Promoter Score at least 20', 20, 10, false, 'not-met'],
      ['Average change in AI tools (mentees) at least +1', 1, null, null, 'not-yet-measurable'],
      ['Check-in answer rate at least 50%', 0.5, { withheld: true, reason: 'fewer than 5 people' }, null, 'withheld'],
      ['Voices heard', null, null, null, 'no-measure'],
    ]);
  });

  it('the report computes each measure: meetings per pair and skill change from per-topic ratings', () => {
    const program = programSchema.parse({
      programId: 'obj',
      name: 'Objectives',
      startDate: '2027-01-04',
      admins: ['hr@example.com'],
      reportMinGroupSize: 3,
      objectives: [
        { measure: 'meetings-per-pair', target: 3 },
        { measure: 'skill-change', topic: 'ai-tools', target: 1 },
        { measure: 'skill-change', topic: 'strategy', role: 'mentor', target: 1 },
        { measure: 'completion-rate', target: 0.5 },
      ],
    });
    const { participants, pairings } = threePairs(
      (i): PairChange => ({
        pairing: { checkInsHeld: 2 + i },
        skills: [
          { participantId: `s${i}`, baseline: true, ratings: { 'ai-tools': 1 }, at: '2027-01-10' },
          { participantId: `s${i}`, baseline: false, ratings: { 'ai-tools': 2 }, at: '2027-02-10' },
          { participantId: `s${i}`, baseline: false, ratings: { 'ai-tools': 3 }, at: '2027-04-10' },
          { participantId: `m${i}`, baseline: true, ratings: { strategy: 2 }, at: '2027-01-10' },
        ],
      }),
    );
    const r = programReport({ program, participants, pairings, now });
    expect(r.meetingsPerPair).toBe(3);
    expect(r.objectives.map((o) => [o.measure, o.value, o.status])).toEqual([
      ['meetings-per-pair', 3, 'met'],
      ['skill-change', 2, 'met'], // baseline 1, last review 3, for each of three mentees
      ['skill-change', null, 'not-yet-measurable'], // mentors have a baseline, no review yet
      ['completion-rate', null, 'not-yet-measurable'],
    ]);
    expect(r.skills).toEqual([{ role: 'mentee', topic: 'ai-tools', label: 'AI tools', people: 3, averageBaseline: 1, averageLatest: 3, averageChange: 2 }]);

    // The CSV carries the same: each objective's target, value and status, the change per topic and role, feedback withheld.
    const rows = reportCsvRows(r);
    const cell = (section: string, group: string, measure: string) => rows.find(([s, g, m]) => s === section && g === group && m === measure)?.[3];
    expect(cell('program', '', 'objective.2')).toBe('Average change in AI tools at least +1');
    expect([cell('objectives', '2', 'target'), cell('objectives', '2', 'value'), cell('objectives', '2', 'status')]).toEqual([1, 2, 'met']);
    expect(cell('skills', 'AI tools (mentees)', 'averageChange')).toBe(2);
    expect(cell('engagement', '', 'meetingsPerPair')).toBe(3);
    expect(cell('program feedback', 'keep', '(all)')).toBe('withheld: fewer than 5 people answered');
  });
});

describe('program feedback', () => {
  const answers = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      participantId: `p${i}`,
      keep: i % 2 ? 'The check-in emails' : 'Monthly meetings in person',
      ...(i < 4 ? { change: 'Longer first meeting' } : {}),
    }));

  it('is withheld below five people, with a marker', () => {
    const fb = programFeedback(3, answers(4));
    expect(fb).toEqual({
      people: 4,
      minPeople: 5,
      keep: { withheld: true, reason: 'fewer than 5 people answered' },
      change: { withheld: true, reason: 'fewer than 5 people answered' },
    });
  });

  it('is grouped by theme at five, each answer once, sorted, without who wrote it', () => {
    const fb = programFeedback(3, answers(5));
    expect(fb.keep).toEqual([
      {
        theme: 'meetings',
        label: 'Meetings and time',
        count: 3,
        answers: ['Monthly meetings in person', 'Monthly meetings in person', 'Monthly meetings in person'],
      },
      { theme: 'emails', label: 'Emails, check-ins and reviews', count: 2, answers: ['The check-in emails', 'The check-in emails'] },
    ]);
    // Only four people answered "change": that part stays hidden.
    expect(fb.change).toEqual({ withheld: true, reason: 'fewer than 5 people answered' });
    expect(JSON.stringify(fb)).not.toContain('p0');
    // A program with a larger k raises the bar.
    expect(programFeedback(7, answers(6)).keep).toMatchObject({ withheld: true, reason: 'fewer than 7 people answered' });
  });

  it('counts people, not answers: one person in two pairings counts once', () => {
    const twice = [...answers(4), { participantId: 'p0', keep: 'More AI topics' }];
    expect(programFeedback(3, twice).keep).toMatchObject({ withheld: true });
    expect(themeOf('More AI topics').theme).toBe('topics');
    expect(themeOf('Nothing at all').theme).toBe('other');
  });
});
