import { describe, expect, it } from 'vitest';
import type { ProgramInput } from '../../../functions/domain/program';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimOptions } from './simulate';

/**
 * Every program admin is one of the pair (QA quiet3): no admin email can go, so the senior's note
 * says no admin was told, and the ladder asks nobody to decide (no "Decision needed" round holding
 * the plan for a week, no report pointing to an email that never went).
 */
const silent: SimOptions['answer'] = (e, side) => (e.question?.purpose === 'acceptance' ? agreeable!(e, side) : undefined);
const flat = (e: { template: string; input: Record<string, unknown> }): string => renderIntent(e.template as never, e.input).text.replace(/\s+/g, ' ');

describe('a silent pair whose mentor is the only program admin', () => {
  const program = { admins: ['mentor@example.com'], lifecycle: { durationMonths: 3 } } as Partial<ProgramInput>;
  const r = simulate({ answer: silent, program });

  it('the senior’s note says no admin has been told, and no admin email goes anywhere', () => {
    const note = r.emails.find((e) => e.template === 'seniorCommitmentNote')!;
    expect(flat(note)).toContain('Every admin of the program is part of your pairing, so no admin has been told');
    expect(flat(note)).not.toContain('The program admin has been told');
    expect(r.emails.filter((e) => e.template === 'adminEscalation' || e.template === 'adminDecisionRequest')).toEqual([]);
  });

  it('asks nobody to decide: no decision round, the pair goes on, and the ladder starts again', () => {
    expect(r.decisions.length).toBeGreaterThan(0);
    expect(r.decisions.some((d) => d.decision.pairing.round?.kind === 'admin-decision' || d.decision.pairing.pendingDecision === true)).toBe(false);
    expect(r.events.filter((e) => e.type === 'EscalationRaised').map((e) => e.detail.level)).not.toContain('admin-decision');
    expect(r.pairing.status).toBe('completed');
    // The third miss starts the ladder again: a nudge follows two misses later, as after a decision to continue.
    expect(r.emails.filter((e) => e.template === 'missedCheckInNudge').length).toBeGreaterThan(2);
  });

  it('with one admin outside the pair, that admin is told and asked as before', () => {
    const two = simulate({ answer: silent, program: { ...program, admins: ['mentor@example.com', 'hr@example.com'] } as Partial<ProgramInput> });
    expect(flat(two.emails.find((e) => e.template === 'seniorCommitmentNote')!)).toContain('The program admin has been told');
    expect(two.emails.filter((e) => e.template === 'adminDecisionRequest').map((e) => e.to)).toEqual(['hr@example.com']);
  });
});
