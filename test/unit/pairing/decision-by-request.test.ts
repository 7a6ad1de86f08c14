import { describe, expect, it } from 'vitest';
import { answeredAs, decisionSettlement, type DecisionRecord } from '../../../functions/domain/admin-answer';
import { formatDate } from '../../../functions/domain/emails/format';
import { questionClosed } from '../../../functions/domain/emails/replies';
import type { ControlRequest } from '../../../functions/domain/pairing/model';
import { simulate, type SimOptions, type SimResult } from './simulate';

/**
 * An admin's own pause, end or rematch (the admin API, as every admin email's footer offers) while
 * the admins' "Decision needed" question is open settles that decision, as the matching reply would
 * (docs/lifecycle.md, "The admins' decision"; QA digest report, bug 1).
 */

/** Both accept, then nobody answers anything: the ladder climbs to the admins' decision. */
const quiet: SimOptions['answer'] = (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MENTOR = 'mentor@example.com';

/** The first "Decision needed" of a quiet pair: when it went, and its round. */
const firstDecision = (() => {
  const e = simulate({ answer: quiet }).emails.find((x) => x.template === 'adminDecisionRequest')!;
  return { sentAt: e.sentAt, roundKey: e.question!.roundKey, closesAt: e.question!.closesAt };
})();

const requestAt = new Date(Date.parse(firstDecision.sentAt) + HOUR).toISOString();
const pauseUntil = new Date(Date.parse(firstDecision.sentAt) + 21 * DAY).toISOString().slice(0, 10);

/** The quiet pair, with `request` arriving an hour after the decision request went out. */
function withRequest(request: Omit<ControlRequest, 'requestedAt'>): SimResult {
  return simulate({ answer: quiet, controls: [{ at: requestAt, request }] });
}

/** The step that acted on the request. */
const stepAt = (r: SimResult, at: string) => r.decisions.find((d) => d.at === at)!.decision;

const decisionRecord = (r: SimResult) => r.records.get(`DECISION#${firstDecision.roundKey}`) as DecisionRecord | undefined;

/** What another admin who replies to their own "Decision needed" afterwards is told. */
function toldLateAdmin(r: SimResult): string {
  const settled = decisionSettlement({ opaqueId: 'q-other-admin', roundKey: firstDecision.roundKey }, [decisionRecord(r)!], r.pairing.round);
  expect(settled, 'the question reads as answered, not as closed').toBeDefined();
  const email = questionClosed({
    to: { timeZone: 'Europe/London' },
    program: { name: 'Sim cohort', admin: { name: 'the program team', email: 'admin@example.com' } },
    reader: 'admin',
    question: 'the decision about the pairing of Mia Mentor and Sam Senior',
    closedOn: settled!.at,
    answeredOn: settled!.at,
    answeredAs: answeredAs('q-other-admin', settled!),
  });
  return `${email.subject}\n${email.text.replace(/\s+/g, ' ')}`;
}

describe("an admin's own request while the admins' decision is open", () => {
  it('a pause (POST /pairings/{id}/pause) settles the decision as PAUSE does: nothing pending, the ladder reset, no second request at the resume, and the resume email’s date kept', () => {
    const r = withRequest({ kind: 'pause', until: pauseUntil, reason: 'workload' });
    const step = stepAt(r, requestAt);
    expect(step.pairing).toMatchObject({ status: 'paused', pausedUntilDay: pauseUntil, missedInRow: 0 });
    expect(step.pairing.pendingDecision).toBeUndefined();
    expect(step.pairing.round).toBeUndefined();
    expect(decisionRecord(r)).toMatchObject({
      decision: 'pause',
      answered: true,
      answeredAt: requestAt,
      channel: 'api',
      pauseUntil,
      pausedUntil: step.pairing.pausedUntil,
    });

    // After the resume: the check-in comes on the day the "has resumed" email names, and the
    // admins are not asked again about a pair they acted on.
    const resumed = r.emails.find((e) => e.template === 'pairingResumed' && e.to === MENTOR)!;
    const checkIn = r.emails.find((e) => e.question?.purpose === 'check-in' && e.to === MENTOR && e.sentAt > resumed.sentAt)!;
    expect(checkIn.sentAt).toBe(resumed.input.nextCheckIn);
    const asked = r.emails.filter((e) => e.template === 'adminDecisionRequest' && e.sentAt > requestAt && e.sentAt <= checkIn.sentAt);
    expect(asked.map((e) => e.sentAt)).toEqual([]);

    // Another admin who answers their decision email later is told what was decided, and how.
    const told = toldLateAdmin(r);
    expect(told).toMatch(/^That question has already been answered/);
    expect(told).toContain(`through the admin API: the pairing is paused until ${formatDate(pauseUntil, 'Europe/London')}.`);
  });

  it('an end (POST /pairings/{id}/end) settles it as END does, with the reason the admin gave', () => {
    const r = withRequest({ kind: 'end', reason: 'not-meeting' });
    const step = stepAt(r, requestAt);
    expect(step.pairing).toMatchObject({ status: 'ended', statusReason: 'not-meeting', missedInRow: 0 });
    expect(step.pairing.pendingDecision).toBeUndefined();
    expect(decisionRecord(r)).toMatchObject({ decision: 'end', answered: true, answeredAt: requestAt, channel: 'api' });
    expect(toldLateAdmin(r)).toContain('through the admin API: the pairing has ended.');
  });

  it('an end with a rematch ({"rematch": true}) settles it as REMATCH does: both are offered someone new', () => {
    const r = withRequest({ kind: 'end', reason: 'admin-rematch' });
    const step = stepAt(r, requestAt);
    expect(step.pairing).toMatchObject({ status: 'ended', statusReason: 'admin-rematch' });
    expect(step.pairing.pendingDecision).toBeUndefined();
    expect(step.events.find((e) => e.type === 'RematchRequested')?.detail).toMatchObject({ participantIds: ['pt_mentor', 'pt_mentee'] });
    expect(decisionRecord(r)).toMatchObject({ decision: 'rematch', answered: true, channel: 'api' });
    expect(toldLateAdmin(r)).toContain('through the admin API: the pairing has ended and both are offered a new partner');
  });

  it("a member's PAUSE is not the admins' answer: the question closes unanswered and is asked again at the resume", () => {
    const r = withRequest({ kind: 'pause', until: pauseUntil, participantId: 'pt_mentee' });
    const step = stepAt(r, requestAt);
    expect(step.pairing.status).toBe('paused');
    expect(step.pairing.pendingDecision).toBe(true);
    expect(decisionRecord(r)).toBeUndefined();
    const resumed = r.emails.find((e) => e.template === 'pairingResumed' && e.to === MENTOR)!;
    const checkIn = r.emails.find((e) => e.question?.purpose === 'check-in' && e.to === MENTOR && e.sentAt > resumed.sentAt)!;
    const asked = r.emails.filter((e) => e.template === 'adminDecisionRequest' && e.sentAt > requestAt && e.sentAt <= checkIn.sentAt);
    expect(asked).toHaveLength(1);
    // The "has resumed" email names no date the decision asked first would break (QA quiet 3): it
    // says the next question waits for the program team.
    for (const to of [MENTOR, 'mentee@example.com']) {
      const email = r.emails.find((e) => e.template === 'pairingResumed' && e.to === to)!;
      expect(email.input).toMatchObject({ afterDecision: true });
      expect(email.input.nextCheckIn).toBeUndefined();
    }
    // Each "Decision needed" that goes out is announced: the first with its missed check-in, the one
    // asked again after the pause on its own (QA quiet 5).
    const announced = r.events.filter((e) => e.type === 'EscalationRaised' && e.detail.level === 'admin-decision');
    const decisions = r.emails.filter((e) => e.template === 'adminDecisionRequest');
    const rounds = new Set(decisions.map((e) => e.question?.roundKey));
    expect(rounds.size).toBeGreaterThanOrEqual(2);
    expect(announced).toHaveLength(rounds.size);
  });
});
