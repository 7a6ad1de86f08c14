import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { programReport, type ProgramReportInput } from '../../../functions/domain/report';
import { reportCsvRows } from '../../../functions/domain/report-csv';
import { threePairs } from './three-pairs';

/**
 * QA hr8: on the day the pairs accepted, before any check-in was asked, the report's objective
 * `meetings-per-pair` read "not-met" (value 0) while completion-rate read "not-yet-measurable". No
 * meeting can be counted before a check-in closes: it is not yet measurable either.
 */

const now = new Date('2027-01-11T12:00:00Z');

const program = programSchema.parse({
  programId: 'hr8',
  name: 'HR8',
  startDate: '2027-01-04',
  admins: ['hr@example.com'],
  reportMinGroupSize: 3,
  objectives: [
    { measure: 'meetings-per-pair', target: 3 },
    { measure: 'completion-rate', target: 0.5 },
  ],
});

function reportOf(each: (i: number) => Partial<ProgramReportInput['pairings'][number]['pairing']>) {
  return programReport({ program, ...threePairs((i) => ({ pairing: each(i) })), now });
}

describe('meetings per pair before any check-in closed (QA hr8)', () => {
  it('is not yet measurable on the day the pairs accepted, in the objective, the figure and the CSV', () => {
    const r = reportOf(() => ({}));
    expect(r.objectives.map((o) => [o.measure, o.value, o.status])).toEqual([
      ['meetings-per-pair', null, 'not-yet-measurable'],
      ['completion-rate', null, 'not-yet-measurable'],
    ]);
    expect(r.meetingsPerPair).toBeNull();
    expect(reportCsvRows(r).find(([s, , m]) => s === 'engagement' && m === 'meetingsPerPair')?.[3]).toBeNull();
  });

  it('is measured once a check-in of one pair has closed, held or missed, or a pairing has finished: 0 is then a fact', () => {
    expect(reportOf((i) => (i === 0 ? { checkInsMissed: 1 } : {})).objectives[0]).toMatchObject({ value: 0, status: 'not-met' });
    expect(reportOf((i) => (i === 0 ? { checkInsHeld: 1 } : {})).objectives[0]).toMatchObject({ value: 0.33, status: 'not-met' });
    expect(reportOf((i) => (i === 0 ? { status: 'ended', endedAt: '2027-01-11' } : {})).objectives[0]).toMatchObject({ value: 0, status: 'not-met' });
    expect(reportOf(() => ({ checkInsHeld: 3 })).objectives[0]).toMatchObject({ value: 3, status: 'met' });
  });
});
