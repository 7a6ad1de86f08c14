import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { planWarnings } from '../../../functions/domain/program-plan';

const program = (lifecycle: Record<string, unknown>, objectives: unknown[] = []) =>
  programSchema.parse({ programId: 'rm', name: 'RM', startDate: '2027-01-04', admins: ['programs@example.com'], lifecycle, objectives });

describe('what a plan can never do, told when HR creates or changes it (QA program8)', () => {
  it('a monthly 3-month program asks one check-in: the ladder past its first rung and 2 meetings a pair are out of reach', () => {
    const p = program({ durationMonths: 3, checkInCadenceDays: 30 }, [{ measure: 'meetings-per-pair', target: 2 }]);
    const warnings = planWarnings(p.lifecycle, p.objectives);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(
      /^lifecycle\.escalation\.seniorNoteAfter is 2 missed check-ins in a row, but with a check-in every 30 days, a 3-month program asks 1 check-in a pairing/,
    );
    expect(warnings[0]).toMatch(/a quiet pair never reaches the senior's note/);
    expect(warnings[1]).toMatch(
      /^lifecycle\.escalation\.adminDecisionAfter is 3 .*the admins' decision; choose a shorter checkInCadenceDays or a lower adminDecisionAfter$/,
    );
    expect(warnings[2]).toMatch(/^objectives\.0\.target is 2 meetings per pair, .*it can never be met/);
  });

  it('the default fortnightly plan reaches every rung and says nothing', () => {
    const p = program({ durationMonths: 6 }, [{ measure: 'meetings-per-pair', target: 6 }]);
    expect(planWarnings(p.lifecycle, p.objectives)).toEqual([]);
  });

  it('a ladder lowered to fit, and a target the check-ins allow, are fine', () => {
    const p = program({ durationMonths: 3, checkInCadenceDays: 30, escalation: { nudgeAfter: 1, seniorNoteAfter: 1, adminDecisionAfter: 1 } }, [
      { measure: 'meetings-per-pair', target: 1 },
    ]);
    expect(planWarnings(p.lifecycle, p.objectives)).toEqual([]);
  });
});
