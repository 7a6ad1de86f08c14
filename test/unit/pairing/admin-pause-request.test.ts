import { describe, expect, it } from 'vitest';
import { adminRequestSchemas, checkPauseRequest, pauseDayProblems } from '../../../functions/domain/admin-requests';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { describeIssues, toFieldIssues } from '../../../functions/domain/validation';

/**
 * QA hr8: POST /pairings/{id}/pause with {"until":"2026-13-01","reason":"holiday"} named only the
 * reason; sent again with the reason fixed, it named the month 13. One answer names both, as /end does.
 */

function problems(body: unknown): string {
  const parsed = adminRequestSchemas.pause.safeParse(body);
  return parsed.success ? 'accepted' : describeIssues(toFieldIssues(parsed.error));
}

describe('POST /pairings/{id}/pause: every bad field in one answer (QA hr8)', () => {
  it('names a day that does not exist and a reason that is no code together', () => {
    expect(problems({ until: '2026-13-01', reason: 'holiday' })).toBe(
      'until is not a calendar date; reason must be one of: leave, workload, circumstances-changed, other',
    );
    expect(problems({ from: '2027-02-30', until: '2027-02-31' })).toBe('until is not a calendar date; from is not a calendar date');
    // A day of the wrong form is named for its form only.
    expect(problems({ until: '1 March' })).toBe('until must be a date as YYYY-MM-DD');
    expect(problems({ until: '2028-02-29', reason: 'leave' })).toBe('accepted');
  });

  it('checks the days valid on their own beside the problems of form, each field once', () => {
    const now = new Date('2027-03-10T12:00:00Z');
    const pairing = { pairingId: 'pr_one', status: 'active' } as Pairing;
    const check = (input: unknown) => checkPauseRequest(input, pairing, now);
    expect(check({ until: '2027-01-20', reason: 'holiday' })).toEqual({
      ok: false,
      message: 'A pause request was not accepted: reason must be one of: leave, workload, circumstances-changed, other; until must be after today.',
      issues: [
        { field: 'reason', message: 'must be one of: leave, workload, circumstances-changed, other' },
        { field: 'until', message: 'must be after today' },
      ],
    });
    // A day wrong in form is not also "required with from" or "not after from".
    expect(check({ from: '2027-03-20', until: '2027-13-01' })).toMatchObject({ ok: false, issues: [{ field: 'until', message: 'is not a calendar date' }] });
    expect(check({ from: '2027-01-02', until: '2027-13-01', untill: 'x' })).toMatchObject({
      ok: false,
      issues: [
        { field: 'until', message: 'is not a calendar date' },
        { field: 'untill', message: 'is not a known field' },
        { field: 'from', message: 'must be after today' },
      ],
    });
    expect(check({ until: '2027-04-01', reason: 'leave' })).toEqual({ ok: true, body: { until: '2027-04-01', reason: 'leave' } });
    expect(check({ until: '2027-03-01' })).toEqual({
      ok: false,
      message: 'A pause must last until a day after today, not 2027-03-01.',
      issues: [{ field: 'until', message: 'must be after today' }],
    });
  });

  it('names every problem of the days of a well-formed request at once', () => {
    const now = new Date('2027-03-10T12:00:00Z');
    const pairing = { pairingId: 'pr_one', status: 'active' } as Pairing;
    const found = pauseDayProblems({ from: '2027-03-01', until: '2027-02-20' }, pairing, now);
    expect(found.map((p) => p.issue)).toEqual([
      { field: 'until', message: 'must be after today' },
      { field: 'from', message: 'must be after today' },
      { field: 'until', message: 'must be after from' },
    ]);
    expect(found.map((p) => p.sentence).join(' ')).toContain('A pause from 2027-03-01 must end after it, not on 2027-02-20.');
    expect(pauseDayProblems({ from: '2027-03-20' }, pairing, now).map((p) => p.issue)).toEqual([{ field: 'until', message: 'is required with from' }]);
    expect(pauseDayProblems({ from: '2027-03-20', until: '2027-04-01' }, pairing, now)).toEqual([]);
  });
});
