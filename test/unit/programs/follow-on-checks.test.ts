import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { toFieldIssues } from '../../../functions/domain/validation';

/**
 * QA hrfirst5, bug 4: a program setting that failed its own check also set off a check comparing it
 * with another setting, adding a second, wrong message ("04/01/2027" is a date that exists; 17:00
 * is after 09:00; the answer window HR never set).
 */

const base = { programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', timeZone: 'Europe/London', admins: ['hr@example.com'] };

function issuesOf(overrides: Record<string, unknown>) {
  const parsed = programSchema.safeParse({ ...base, ...overrides });
  return parsed.success ? [] : toFieldIssues(parsed.error);
}

describe('a setting that fails its own check sets off no other check', () => {
  it.each([
    ['a UK date', { startDate: '04/01/2027' }, [{ field: 'startDate', message: 'must be a date as YYYY-MM-DD' }]],
    ['a holiday as a UK date', { nonWorkingDays: ['25/12/2027'] }, [{ field: 'nonWorkingDays.0', message: 'must be a date as YYYY-MM-DD' }]],
    [
      'a working day starting at "9:00"',
      { workingHours: { start: '9:00', end: '17:00' } },
      [{ field: 'workingHours.start', message: 'must be a time of day as HH:MM (24-hour)' }],
    ],
    ['a cadence of 5 days', { lifecycle: { checkInCadenceDays: 5 } }, [{ field: 'lifecycle.checkInCadenceDays', message: 'must be at least 7 days' }]],
    ['a send window past the maximum', { lifecycle: { sendWindowMinutes: 600 } }, [{ field: 'lifecycle.sendWindowMinutes', message: 'must be at most 480' }]],
    ['an acceptance window of 1 day', { lifecycle: { acceptanceWindowDays: 1 } }, [{ field: 'lifecycle.acceptanceWindowDays', message: 'must be at least 2' }]],
    [
      'a senior note after 0 missed check-ins',
      { lifecycle: { escalation: { seniorNoteAfter: 0 } } },
      [{ field: 'lifecycle.escalation.seniorNoteAfter', message: 'must be at least 1' }],
    ],
    [
      'a program of 0 months',
      { lifecycle: { durationMonths: 0, milestoneDays: [30] } },
      [{ field: 'lifecycle.durationMonths', message: 'must be at least 1' }],
    ],
  ])('%s', (_title, overrides, issues) => {
    expect(issuesOf(overrides)).toEqual(issues);
  });

  it('still compares settings that are valid on their own, whatever else is wrong', () => {
    expect(issuesOf({ admins: 'hr@example.com', endDate: '2026-12-01', workingHours: { start: '17:00', end: '09:00' } })).toEqual([
      { field: 'admins', message: 'must be a list, not a string' },
      { field: 'workingHours.end', message: 'must be after the start of the working day' },
      { field: 'endDate', message: 'must not be before startDate (2027-01-04)' },
    ]);
    expect(issuesOf({ startDate: '2027-02-30' })).toEqual([{ field: 'startDate', message: 'must be a calendar date that exists' }]);
  });
});

describe('a message comparing two settings names the one HR set and says which value is the default', () => {
  it('an answer window as long as the default cadence', () => {
    expect(issuesOf({ lifecycle: { checkInAnswerWindowDays: 14 } })).toEqual([
      {
        field: 'lifecycle.checkInAnswerWindowDays',
        message:
          "must be shorter than checkInCadenceDays (14, the default): each check-in's question closes before the next one is due; choose a shorter answer window or a longer checkInCadenceDays",
      },
    ]);
    expect(issuesOf({ lifecycle: { checkInCadenceDays: 7, checkInAnswerWindowDays: 7 } })[0]!.message).toMatch(
      /^must be shorter than checkInCadenceDays \(7\): /,
    );
  });

  it('an acceptance window no longer than the default reminder day names the window; a late reminder names the reminder', () => {
    expect(issuesOf({ lifecycle: { acceptanceWindowDays: 3 } })).toEqual([
      {
        field: 'lifecycle.acceptanceWindowDays',
        message:
          'must be longer than acceptanceReminderDay (3, the default): the reminder goes before the acceptance window ends; choose a longer window or an earlier acceptanceReminderDay',
      },
    ]);
    expect(issuesOf({ lifecycle: { acceptanceReminderDay: 9 } })).toEqual([
      {
        field: 'lifecycle.acceptanceReminderDay',
        message:
          'must be before the end of the acceptance window (acceptanceWindowDays: 7, the default): choose an earlier reminder day or a longer acceptanceWindowDays',
      },
    ]);
    expect(issuesOf({ lifecycle: { acceptanceWindowDays: 4, acceptanceReminderDay: 5 } }).map((i) => i.field)).toEqual(['lifecycle.acceptanceReminderDay']);
  });
});
