import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../../functions/domain/admin-answer';
import { recordAnswer } from '../../../functions/domain/pairing/answers';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { Answer } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { interpretReply } from '../../../functions/domain/replies';
import { participant, simProgram, simulate, type SimOptions, type SimResult } from './simulate';

/**
 * The admins' "Decision needed" answered "PAUSE from <a later day> until <day>" (QA admins5, bug 1):
 * the pause is booked from its first day, as a member's or HR's pause for later days is
 * (docs/lifecycle.md, "A pause can be booked for later days"), and the decision is settled.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MENTOR = 'mentor@example.com';
const MENTEE = 'mentee@example.com';

/** Both accept, then nobody answers anything: the ladder climbs to the admins' decision. */
const quiet: NonNullable<SimOptions['answer']> = (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined);

/** When the first "Decision needed" of a quiet pair is decided, and its round. */
const asked = (() => {
  const e = simulate({ answer: quiet }).emails.find((x) => x.template === 'adminDecisionRequest')!;
  return { at: Date.parse(e.sentAt), roundKey: e.question!.roundKey };
})();

const answeredAt = asked.at + HOUR;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const spoken = (ms: number) => new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const fromDay = isoDay(answeredAt + 7 * DAY);
const untilDay = isoDay(answeredAt + 28 * DAY);

/** The admin's reply, as the reply reader gives it and the reply adapter records it on the round. */
function adminAnswer(text: string): Partial<Answer> & { intent: string } {
  const a = interpretReply(text, 'admin-decision', { now: new Date(answeredAt), timeZone: 'Europe/London' });
  return {
    intent: a.intent,
    ...(a.decision ? { decision: a.decision } : {}),
    ...(a.pauseUntil ? { pauseUntil: a.pauseUntil } : {}),
    ...(a.pauseUntil && a.pauseFrom ? { pauseFrom: a.pauseFrom } : {}),
  };
}

function answeredWith(text: string): SimResult {
  const reply = adminAnswer(text);
  return simulate({
    answer: (e, side) => (e.question?.purpose === 'admin-decision' && side === 'admin' ? { text: reply, delayHours: 1 } : quiet(e, side)),
  });
}

/** The step that acted on the admin's answer (the one that wrote the decision record), and its index. */
function decidingStep(r: SimResult) {
  const i = r.decisions.findIndex((d) => d.decision.records.some((x) => x.sk === `DECISION#${asked.roundKey}`));
  expect(i, 'the decision was acted on').toBeGreaterThan(0);
  return { i, ...r.decisions[i]! };
}

describe("the admins' decision PAUSE from a later day", () => {
  const text = `PAUSE from ${spoken(answeredAt + 7 * DAY)} until ${spoken(answeredAt + 28 * DAY)}`;
  const r = answeredWith(text);
  const step = decidingStep(r);

  it('is read with both days', () => {
    expect(adminAnswer(text)).toMatchObject({ intent: 'pause', decision: 'pause', pauseFrom: fromDay, pauseUntil: untilDay });
  });

  it('settles the decision and books the pause: the pairing runs on until the first day', () => {
    const p = step.decision.pairing;
    expect(p.status).toBe('active');
    expect(p.pauseBooked).toMatchObject({ fromDay, untilDay });
    expect(p.pauseBooked!.by).toBeUndefined();
    expect(p.round).toBeUndefined();
    expect(p.pendingDecision).toBeUndefined();
    expect(p.missedInRow).toBe(0);
    const record = step.decision.records.find((x) => x.sk === `DECISION#${asked.roundKey}`)!.item as unknown as DecisionRecord & { pauseFrom?: string };
    expect(record).toMatchObject({ decision: 'pause', answered: true, pauseUntil: untilDay, pauseFrom: fromDay });
    expect(record.pausedUntil).toBeUndefined();
    expect(step.decision.events.filter((e) => e.type === 'PairingPaused')).toEqual([]);
  });

  it('tells both the dates as a booked pause does, and no "paused until" at once', () => {
    const told = step.decision.emails.filter((e) => e.template === 'pairingPaused');
    expect(told.map((e) => e.to).sort()).toEqual([MENTEE, MENTOR]);
    for (const e of told) {
      expect(e.input).toMatchObject({ startsOn: fromDay, resumeOn: untilDay });
      expect(renderIntent(e.template, e.input).subject).toMatch(/ will pause from .+ until /);
    }
  });

  it('pauses on the first day, resumes on the last, and the admins are not asked again meanwhile', () => {
    const paused = r.events.filter((e) => e.type === 'PairingPaused');
    expect(paused.length).toBeGreaterThan(0);
    expect(paused[0]!.at >= `${isoDay(Date.parse(`${fromDay}T00:00:00Z`) - DAY)}T12:00:00.000Z`, paused[0]!.at).toBe(true);
    expect(paused[0]!.at < `${fromDay}T23:59:59.999Z`, paused[0]!.at).toBe(true);
    const whilePaused = r.decisions.map((d) => d.decision.pairing).find((p) => p.status === 'paused')!;
    expect(whilePaused.pausedUntilDay).toBe(untilDay);
    const resumed = r.events.find((e) => e.type === 'PairingResumed' && e.at > paused[0]!.at)!;
    expect(resumed.at >= whilePaused.pausedUntil!, resumed.at).toBe(true);
    expect(resumed.at < `${untilDay}T23:59:59.999Z`, resumed.at).toBe(true);
    const again = r.emails.filter((e) => e.template === 'adminDecisionRequest' && Date.parse(e.sentAt) > answeredAt && e.sentAt < `${untilDay}`);
    expect(again).toEqual([]);
  });

  it('is safe to run twice: the same step later decides the same emails, and the step after it books nothing again', () => {
    const before = r.decisions[step.i - 1]!.decision.pairing;
    const recorded = recordAnswer(before, asked.roundKey, 'admin', { ...adminAnswer(text), at: new Date(answeredAt).toISOString() }, new Date(answeredAt));
    expect(recorded.status).toBe('recorded');
    const withAnswer = { ...before, round: recorded.status === 'recorded' ? recorded.round : before.round };
    const ctx = (pairing: typeof before, now: Date) => ({
      pairing,
      program: simProgram(),
      mentor: participant('mentor'),
      mentee: participant('mentee'),
      now,
      execution: { startedAt: before.createdAt, generation: 1 },
    });
    const first = decideNext(ctx(withAnswer, new Date(step.at)));
    const retried = decideNext(ctx(withAnswer, new Date(Date.parse(step.at) + 10 * 60_000)));
    const keys = (d: typeof first) => d.emails.filter((e) => e.template === 'pairingPaused').map((e) => e.key);
    expect(keys(first)).toHaveLength(2);
    expect(keys(retried)).toEqual(keys(first));
    const next = decideNext(ctx(first.pairing, new Date(Date.parse(step.at) + 60_000)));
    expect(next.emails.filter((e) => e.template === 'pairingPaused')).toEqual([]);
    expect(next.pairing.pauseBooked).toEqual(first.pairing.pauseBooked);
  });
});

describe("the admins' decision PAUSE until a day (no later start)", () => {
  it('still pauses at once, as before', () => {
    const r = answeredWith(`PAUSE until ${spoken(answeredAt + 21 * DAY)}`);
    const p = decidingStep(r).decision.pairing;
    expect(p.status).toBe('paused');
    expect(p.pausedUntilDay).toBe(isoDay(answeredAt + 21 * DAY));
    expect(p.pauseBooked).toBeUndefined();
  });
});
