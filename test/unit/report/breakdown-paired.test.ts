import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { programReport, type ProgramReportInput, type ReportParticipant } from '../../../functions/domain/report';
import type { GroupFigures } from '../../../functions/domain/report-breakdown';

const program = programSchema.parse({
  programId: 'q3',
  name: 'Q3 cohort',
  objectives: ['AI fluency at the top'],
  startDate: '2027-01-04',
  timeZone: 'Europe/London',
  admins: ['hr@example.com'],
});
const now = new Date('2027-07-01T00:00:00Z');
type Item = ProgramReportInput['pairings'][number];

describe('report breakdown: paired', () => {
  it('counts as paired only those in a running pairing now, as byStatus does; everPaired counts anyone who had one (QA)', () => {
    // Six pairs; Ben (m0) and Greta (s0)'s pairing was ended without a rematch: both are enrolled again.
    const participants: ReportParticipant[] = [];
    const pairings: Item[] = [];
    for (let i = 0; i < 6; i++) {
      const status = i === 0 ? 'enrolled' : 'paired';
      participants.push({ participantId: `m${i}`, role: 'mentor', status }, { participantId: `s${i}`, role: 'mentee', status });
      pairings.push({
        pairing: { pairingId: `pr_${i}`, mentorId: `m${i}`, menteeId: `s${i}`, status: i === 0 ? 'ended' : 'active', checkInsHeld: 0, checkInsMissed: 0 },
        checkIns: [],
        reviews: [],
      });
    }
    const r = programReport({ program, participants, pairings, now });
    expect(r.participants.byStatus).toMatchObject({ paired: 10, enrolled: 2 });
    const roles = r.breakdown.byRole as GroupFigures[];
    expect(roles.map(({ group, people, paired, everPaired }) => ({ group, people, paired, everPaired }))).toEqual([
      { group: 'mentee', people: 6, paired: 5, everPaired: 6 },
      { group: 'mentor', people: 6, paired: 5, everPaired: 6 },
    ]);
    // Every breakdown agrees with byStatus: the groups of a dimension that covers everyone once add up to it.
    expect(roles.reduce((n, g) => n + g.paired, 0)).toBe(r.participants.byStatus.paired);
    const departments = r.breakdown.byDepartment as GroupFigures[];
    expect(departments).toEqual([expect.objectContaining({ group: '(not given)', people: 12, paired: 10, everPaired: 12 })]);
  });
});
