import { describe, expect, it } from 'vitest';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { pairsAtRisk } from '../../../functions/domain/report-risk';
import { simPairing, simProgram, simulate, type SimOptions } from '../pairing/simulate';

/**
 * The suggested action for an escalated pair (the digest's "Pairs at risk", the report's atRisk)
 * names the email that takes the decision, its answer-by day, and what silence does, as the
 * lifecycle has it (QA digest report, bug 3).
 */

const quiet: SimOptions['answer'] = (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined);
const LINKS = Object.fromEntries(['continue', 'pause', 'end', 'rematch'].map((k) => [k, `https://answers.example.com/r/${k}`]));

const actionFor = (pairing: Pairing, timeZone = 'Europe/London') => {
  const [risk] = pairsAtRisk([{ pairing, checkIns: [], reviews: [] }], simProgram({ timeZone }));
  expect(risk?.risks[0]?.code).toBe('escalated');
  return risk!.risks[0]!.action;
};

const escalated = (over: Partial<Pairing>) =>
  simPairing('2027-01-04T08:00:00Z', { status: 'active', missedInRow: 3, checkInsMissed: 3, pendingDecision: true, ...over });

describe('the suggested action for a pair waiting for the admins’ decision', () => {
  it('names the "Decision needed" email and the day it must be answered by, as that email states it, and that silence continues the pairing, as it does', () => {
    const r = simulate({ answer: quiet });
    const asked = r.decisions.find((d) => d.decision.emails.some((e) => e.template === 'adminDecisionRequest'))!;
    const email = asked.decision.emails.find((e) => e.template === 'adminDecisionRequest')!;
    const action = actionFor(asked.decision.pairing);
    const stated = /Please answer by (\w+ \d+ \w+ \d{4})/.exec(renderIntent(email.template, email.input, LINKS).text.replace(/\s+/g, ' '))![1];
    expect(action).toBe(
      `Talk to both, then answer the "Decision needed" email by ${stated}: continue, pause, end or rematch. Without an answer by then, the pairing continues as it is.`,
    );
    expect(action).not.toMatch(/escalation email/);
    // What the lifecycle does: nobody answers, and the round closes as "continue" at its deadline.
    const closed = r.decisions.find((d) => d.decision.records.some((x) => x.sk === `DECISION#${email.question!.roundKey}`))!;
    expect(closed.decision.records.find((x) => x.sk === `DECISION#${email.question!.roundKey}`)!.item).toMatchObject({ decision: 'continue', answered: false });
    expect(Date.parse(closed.at)).toBeGreaterThanOrEqual(Date.parse(email.question!.closesAt));
    expect(closed.decision.pairing.status).toBe('active');
  });

  it('names the day in the program’s time zone, as the decision email does', () => {
    const round = { key: 'decision-009', kind: 'admin-decision' as const, label: 'Admin decision', dueAt: '2027-02-01T15:00:00Z', answers: {} };
    const action = actionFor(
      escalated({ round: { ...round, closesAt: '2027-02-09T04:59:59.999Z', asks: { admin: { sendAt: '2027-02-01T15:00:00Z', sent: true } } } }),
      'America/New_York',
    );
    expect(action).toContain('answer the "Decision needed" email by Monday 8 February 2027:');
  });

  it('says when the "Decision needed" email goes out, when it has not yet (held for the admins’ working hours)', () => {
    const round = { key: 'decision-009', kind: 'admin-decision' as const, label: 'Admin decision', dueAt: '2027-01-30T23:59:59.999Z', answers: {} };
    const action = actionFor(escalated({ round: { ...round, closesAt: '2027-02-08T23:59:59.999Z', asks: { admin: { sendAt: '2027-02-01T09:20:00Z' } } } }));
    expect(action).toContain('answer the "Decision needed" email (it goes out on Monday 1 February 2027) by Monday 8 February 2027');
  });

  it('a pair a member paused before the admins answered: nothing to answer now, the question comes again at the resume', () => {
    const action = actionFor(escalated({ status: 'paused', pausedUntil: '2027-02-22T00:00:00.000Z', pausedUntilDay: '2027-02-22' }), 'America/New_York');
    expect(action).toBe(
      'Nothing to answer yet: the pair paused before the admins decided, and the "Decision needed" email comes again when the pairing resumes on Monday 22 February 2027.',
    );
  });
});
