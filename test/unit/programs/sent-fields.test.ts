import { describe, expect, it } from 'vitest';
import { decidePatch, sentIn } from '../../../functions/domain/program-changes';
import { namingSentFields, programSchema } from '../../../functions/domain/program';
import { type FieldIssue, toFieldIssues } from '../../../functions/domain/validation';

/**
 * QA: a 400 named a field the request did not send. PATCH `{"lifecycle":{"durationMonths":2}}` to a
 * program with a check-in every 30 days was told only about `lifecycle.checkInCadenceDays`; POST
 * with `"sendTime":"23:30"` and no window only about `lifecycle.sendWindowMinutes`. A rule that
 * ties two fields is told on the field the request sent (a change: the one it changed), on both
 * when it sent both (docs/admin-api.md, "A 400 names what the request sent").
 */

const input = { programId: 'autumn', name: 'Autumn', startDate: '2027-09-06', admins: ['hr@example.com'] };

/** The issues POST /programs answers with (programs-api.ts, validProgram). */
function postIssues(body: Record<string, unknown>): FieldIssue[] {
  const parsed = programSchema.safeParse(body);
  return parsed.success ? [] : toFieldIssues(namingSentFields(parsed.error, (path) => sentIn(body, path)));
}

/** The issues PATCH /programs/{id} answers with, for a change to `stored` (programs-api.ts, decidePatch). */
function patchIssues(stored: Record<string, unknown>, patch: Record<string, unknown>): FieldIssue[] {
  const decision = decidePatch(programSchema.parse({ ...input, ...stored }), 1, 1, patch);
  return decision.kind === 'invalid' ? toFieldIssues(decision.error) : [];
}
const fields = (issues: FieldIssue[]) => issues.map((i) => i.field);

describe('PATCH: a rule tying two fields names the field the change changed', () => {
  it('a 2-month program with a check-in every 30 days: names durationMonths, with what would ask a check-in', () => {
    const issues = patchIssues({ lifecycle: { checkInCadenceDays: 30 } }, { lifecycle: { durationMonths: 2 } });
    expect(issues).toEqual([
      {
        field: 'lifecycle.durationMonths',
        message: expect.stringMatching(
          /^must leave room for at least one check-in: with a check-in every 30 days \(checkInCadenceDays: 30\), a 2-month program asks none .*; choose 3 months or more or a shorter checkInCadenceDays$/,
        ),
      },
    ]);
    // The cadence changed to the same effect names the cadence, as before.
    expect(fields(patchIssues({ lifecycle: { durationMonths: 2 } }, { lifecycle: { checkInCadenceDays: 30 } }))).toEqual(['lifecycle.checkInCadenceDays']);
  });

  it('sent with the stored value too, only the field that changed is named', () => {
    expect(fields(patchIssues({ lifecycle: { checkInCadenceDays: 30 } }, { lifecycle: { durationMonths: 2, checkInCadenceDays: 30 } }))).toEqual([
      'lifecycle.durationMonths',
    ]);
  });

  it('the same for the send window, the answer window, the ladder, the working day, the dates, the reviews and the topics', () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, string, RegExp][] = [
      [
        {},
        { lifecycle: { sendTime: '16:30' } },
        'lifecycle.sendTime',
        /^must be 15:00 or earlier: the send window that follows it \(sendWindowMinutes: 120, the default\) must end by 17:00/,
      ],
      [
        { lifecycle: { sendTime: '15:00' } },
        { lifecycle: { sendWindowMinutes: 150 } },
        'lifecycle.sendWindowMinutes',
        /^must end by 17:00, .*\(from sendTime 15:00, at most 120 minutes\)/,
      ],
      [
        { lifecycle: { checkInAnswerWindowDays: 10 } },
        { lifecycle: { checkInCadenceDays: 7 } },
        'lifecycle.checkInCadenceDays',
        /^must be longer than checkInAnswerWindowDays \(10\)/,
      ],
      [
        {},
        { lifecycle: { escalation: { nudgeAfter: 3 } } },
        'lifecycle.escalation.nudgeAfter',
        /^must be at most seniorNoteAfter \(2, the default\): the ladder climbs$/,
      ],
      [
        {},
        { lifecycle: { escalation: { seniorNoteAfter: 4 } } },
        'lifecycle.escalation.seniorNoteAfter',
        /^must be at most adminDecisionAfter \(3, the default\)/,
      ],
      [{}, { workingHours: { start: '17:30' } }, 'workingHours.start', /^must be before the end of the working day \(end: 17:00, the default\)$/],
      [{ endDate: '2027-12-01' }, { startDate: '2028-01-10' }, 'startDate', /^must not be after endDate \(2027-12-01\)$/],
      [
        { lifecycle: { durationMonths: 6, milestoneDays: [30, 120] } },
        { lifecycle: { durationMonths: 3 } },
        'lifecycle.durationMonths',
        /^must leave room for every review in milestoneDays: day 120 falls at or after the end of a 3-month program \(its last review day is 86\); choose 5 months or more or earlier review days$/,
      ],
      [
        { objectives: [{ measure: 'skill-change', topic: 'ai-tools', role: 'mentee', target: 1 }] },
        { topics: [{ id: 'strategy', label: 'Strategy', side: 'mentee' }] },
        'topics',
        /^has no topic "ai-tools", which objectives\.0\.topic names/,
      ],
    ];
    for (const [stored, patch, field, message] of cases) {
      expect(patchIssues(stored, patch), JSON.stringify(patch)).toEqual([{ field, message: expect.stringMatching(message) }]);
    }
  });

  it('review days that leave no room for a check-in name the review days when they are what changed', () => {
    expect(patchIssues({ lifecycle: { durationMonths: 1, checkInCadenceDays: 7 } }, { lifecycle: { milestoneDays: [7, 14, 21] } })).toEqual([
      {
        field: 'lifecycle.milestoneDays',
        message: expect.stringMatching(
          /^must leave room for at least one check-in: with reviews on days 7, 14 and 21 and a check-in every 7 days \(checkInCadenceDays: 7\), a 1-month program asks none \(check-ins near a review or the end are left out\); choose fewer reviews$/,
        ),
      },
    ]);
  });

  it('a review day changed names the review day, one issue per late day', () => {
    expect(fields(patchIssues({ lifecycle: { durationMonths: 3 } }, { lifecycle: { milestoneDays: [30, 100, 120] } }))).toEqual([
      'lifecycle.milestoneDays.1',
      'lifecycle.milestoneDays.2',
    ]);
  });
});

describe('POST: a rule tying two fields names those of them the program sent', () => {
  it('a send time of 23:30 without a window names the send time', () => {
    expect(postIssues({ ...input, lifecycle: { sendTime: '23:30' } })).toEqual([
      {
        field: 'lifecycle.sendTime',
        message:
          'must be 15:00 or earlier: the send window that follows it (sendWindowMinutes: 120, the default) must end by 17:00, when the working day ends; choose an earlier send time or a shorter window',
      },
    ]);
  });

  it('a send time of 18:00 with a window of 0 names both', () => {
    expect(postIssues({ ...input, lifecycle: { sendTime: '18:00', sendWindowMinutes: 0 } })).toEqual([
      {
        field: 'lifecycle.sendWindowMinutes',
        message: expect.stringMatching(/^must end by 17:00, when the working day ends \(from sendTime 18:00, no window ends by then\)/),
      },
      { field: 'lifecycle.sendTime', message: expect.stringMatching(/^must be 17:00 or earlier: /) },
    ]);
  });

  it('a 2-month program with a cadence left to its default of 14 days is fine; one with 30 sent names both', () => {
    expect(postIssues({ ...input, lifecycle: { durationMonths: 2 } })).toEqual([]);
    expect(fields(postIssues({ ...input, lifecycle: { durationMonths: 2, checkInCadenceDays: 30 } }))).toEqual([
      'lifecycle.checkInCadenceDays',
      'lifecycle.durationMonths',
    ]);
  });

  it('one field of the rule sent: that one, worded for it', () => {
    expect(postIssues({ ...input, lifecycle: { checkInAnswerWindowDays: 14 } })).toEqual([
      { field: 'lifecycle.checkInAnswerWindowDays', message: expect.stringMatching(/^must be shorter than checkInCadenceDays \(14, the default\)/) },
    ]);
    expect(fields(postIssues({ ...input, lifecycle: { escalation: { nudgeAfter: 3 } } }))).toEqual(['lifecycle.escalation.nudgeAfter']);
    expect(fields(postIssues({ ...input, workingHours: { start: '18:00' } }))).toEqual(['workingHours.start']);
  });

  it('leaves alone what ties no fields, and the schema alone still tells the field it chose', () => {
    expect(fields(postIssues({ ...input, lifecycle: { checkInCadenceDays: 3 } }))).toEqual(['lifecycle.checkInCadenceDays']);
    const parsed = programSchema.safeParse({ ...input, lifecycle: { sendTime: '23:30' } });
    expect(fields(toFieldIssues(parsed.error!))).toEqual(['lifecycle.sendWindowMinutes']);
  });
});

describe('sentIn', () => {
  it('finds a field in a body, a null that removes it included; a path into a list ends at the list', () => {
    expect(sentIn({ lifecycle: { durationMonths: 2 } }, ['lifecycle', 'durationMonths'])).toBe(true);
    expect(sentIn({ lifecycle: { durationMonths: null } }, ['lifecycle', 'durationMonths'])).toBe(true);
    expect(sentIn({ lifecycle: {} }, ['lifecycle', 'durationMonths'])).toBe(false);
    expect(sentIn({ lifecycle: { milestoneDays: [30] } }, ['lifecycle', 'milestoneDays', 3])).toBe(true);
    expect(sentIn({}, ['lifecycle', 'durationMonths'])).toBe(false);
  });
});
