import { describe, expect, it } from 'vitest';
import { closedOnOf, recordAnswer } from '../../../functions/domain/pairing/answers';
import { roundKeptAtEnd } from '../../../functions/domain/pairing/ended-round';
import type { Round } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimOptions, type SimResult } from './simulate';

/**
 * QA: a check-in says "Please answer by Monday"; the mentor replies STOP on the Wednesday before,
 * and the mentee's "YES 5 we met on Monday" a moment later must still count (docs/lifecycle.md,
 * "An early end keeps what was already asked").
 */

const HOUR = 3_600_000;

/** Both meet for the first check-in; the second one the mentor leaves unanswered, the mentee answers `menteeDelayHours` after it came. */
function answers(menteeDelayHours: number | undefined, second: { intent: string; rating?: number } = { intent: 'rating', rating: 5 }): SimOptions['answer'] {
  const seen = { mentor: 0, mentee: 0 };
  return (email, side) => {
    if (email.question?.purpose !== 'check-in' || side === 'admin') return agreeable!(email, side);
    seen[side]++;
    if (seen[side] === 1) return { text: { intent: 'rating', rating: 4 } };
    if (seen[side] === 2 && side === 'mentee' && menteeDelayHours !== undefined) return { text: second, delayHours: menteeDelayHours };
    return undefined;
  };
}

const questions = (r: SimResult, to: string, purpose = 'check-in') => r.emails.filter((e) => e.to === to && e.question?.purpose === purpose);

/** The mentee's second check-in as asked when nobody leaves. */
function secondCheckIn() {
  const q = questions(simulate({ answer: answers(undefined), program: { lifecycle: { durationMonths: 3 } as never } }), 'mentee@example.com')[1]!;
  return { sentAt: Date.parse(q.sentAt), closesAt: q.question!.closesAt, roundKey: q.question!.roundKey };
}

/** The mentor withdraws (STOP) `stopAfterHours` after the mentee's second check-in went out; the mentee answers `menteeDelayHours` after it. */
function stopThenAnswer(stopAfterHours: number, menteeDelayHours: number | undefined, second?: { intent: string; rating?: number }) {
  const asked = secondCheckIn();
  const stop = { kind: 'left' as const, participantId: 'pt_mentor', reason: 'withdrawn' as const };
  const r = simulate({
    answer: answers(menteeDelayHours, second),
    program: { lifecycle: { durationMonths: 3 } as never },
    controls: [{ at: new Date(asked.sentAt + stopAfterHours * HOUR).toISOString(), request: stop }],
  });
  return { r, asked, sentAt: (e: { sentAt: string; notBefore?: string }) => e.notBefore ?? e.sentAt };
}

describe('an answer to a question an early end kept open', () => {
  it('counts the meeting when it comes before the deadline the email stated, after the partner replied STOP (QA)', () => {
    const { r, asked } = stopThenAnswer(2, 3);
    expect(r.pairing).toMatchObject({ status: 'ended', statusReason: 'participant-withdrew', checkInsHeld: 2, checkInsMissed: 0 });
    expect(r.records.get(`CHECKIN#${asked.roundKey}`)).toMatchObject({ met: true, number: 2, mentee: { intent: 'rating', rating: 5 } });
    expect(r.events.filter((e) => e.type === 'CheckInCompleted')).toHaveLength(2);
    // Never reopened: ended once, and nothing asked after the end.
    expect(r.statuses.filter((s) => s === 'ended')).toHaveLength(1);
    const endedAt = r.pairing.endedAt!;
    expect(r.emails.filter((e) => e.question && e.sentAt >= endedAt)).toEqual([]);
    expect(r.decisions.at(-1)!.decision.next.action).toBe('done');
  });

  it('tells the one who stays the question is still open, then thanks them without a next check-in, in that order', () => {
    // STOP in the evening: the end email waits for the mentee's working hours; the answer comes before them.
    const { r, asked, sentAt } = stopThenAnswer(10, 11);
    const left = r.emails.find((e) => e.template === 'partnerLeft' && e.to === 'mentee@example.com')!;
    expect(left.input).toMatchObject({ checkInsHeld: 1, openQuestionUntil: asked.closesAt });
    expect(left.notBefore).toBeDefined();
    const thanks = r.emails.filter((e) => e.template === 'checkInThanks' && e.to === 'mentee@example.com').at(-1)!;
    expect(thanks.input).toMatchObject({ checkInsHeld: 2, ended: true });
    expect(Date.parse(sentAt(thanks))).toBeGreaterThan(Date.parse(sentAt(left)));
    const text = renderIntent(thanks.template, thanks.input).text.replace(/\s+/g, ' ');
    expect(text).toContain('That makes 2 meetings together in all.');
    expect(text).toContain('has ended, so no more check-ins come for it');
    expect(text).not.toMatch(/next check-in|comes on/i);
    expect(renderIntent(left.template, left.input).text.replace(/\s+/g, ' ')).toContain(
      'The question you already received is still open: you can answer it until',
    );
    // The one who left hears nothing.
    expect(r.emails.filter((e) => e.to === 'mentor@example.com' && e.sentAt >= r.pairing.endedAt!)).toEqual([]);
  });

  it('counts nothing as missed when nobody answers by the deadline, and then lets the execution finish', () => {
    const { r, asked } = stopThenAnswer(2, undefined);
    expect(r.pairing).toMatchObject({ status: 'ended', checkInsHeld: 1, checkInsMissed: 0 });
    expect(r.pairing.round).toBeUndefined();
    expect(r.records.has(`CHECKIN#${asked.roundKey}`)).toBe(false);
    expect(r.emails.filter((e) => e.template === 'missedCheckInNudge')).toEqual([]);
    expect(Date.parse(r.decisions.at(-1)!.at)).toBeGreaterThanOrEqual(Date.parse(asked.closesAt));
    expect(r.decisions.at(-1)!.decision.next.action).toBe('done');
  });

  it('refuses the one who left, once, and an answer after the deadline; a second answer is not recorded twice', () => {
    const { r, asked } = stopThenAnswer(2, 3);
    const ended = r.decisions.find((d) => d.decision.pairing.status === 'ended')!.decision.pairing;
    const at = new Date(Date.parse(ended.endedAt!) + HOUR);
    const yes = { intent: 'yes', at: at.toISOString() };
    expect(recordAnswer(ended, asked.roundKey, 'mentor', yes, at)).toEqual({ status: 'closed', closedAt: ended.endedAt });
    const first = recordAnswer(ended, asked.roundKey, 'mentee', yes, at);
    expect(first.status).toBe('recorded');
    const after = { ...ended, round: first.status === 'recorded' ? first.round : undefined };
    expect(recordAnswer(after, asked.roundKey, 'mentee', yes, at)).toEqual({ status: 'already-answered', answeredAt: yes.at });
    expect(recordAnswer(ended, asked.roundKey, 'mentee', yes, new Date(asked.closesAt))).toEqual({ status: 'closed', closedAt: asked.closesAt });
    // The "closed" note names the day each question really closed.
    expect(closedOnOf(asked.closesAt, r.pairing, { roundKey: asked.roundKey, side: 'mentee' })).toBe(asked.closesAt);
    expect(closedOnOf(asked.closesAt, r.pairing, { roundKey: asked.roundKey, side: 'mentor' })).toBe(r.pairing.endedAt);
  });
});

describe('which question an early end keeps open (roundKeptAtEnd)', () => {
  const now = new Date('2027-02-10T12:00:00Z');
  const round = (over: Partial<Round> = {}): Round => ({
    key: 'round-004',
    kind: 'check-in',
    label: 'Check-in 4',
    dueAt: '2027-02-09T09:00:00.000Z',
    closesAt: '2027-02-14T23:59:59.999Z',
    asks: { mentor: { sendAt: '2027-02-09T09:00:00.000Z', sent: true }, mentee: { sendAt: '2027-02-09T08:00:00.000Z', sent: true } },
    answers: {},
    ...over,
  });

  it('keeps the asks of those who stay that were sent, until its own deadline', () => {
    expect(roundKeptAtEnd(round(), ['mentee'], now)?.asks).toEqual({ mentee: round().asks.mentee });
    expect(roundKeptAtEnd(round({ kind: 'milestone' }), ['mentor', 'mentee'], now)?.asks).toEqual(round().asks);
    expect(roundKeptAtEnd(round({ asks: { mentor: round().asks.mentor, mentee: { sendAt: '2027-02-11T08:00:00.000Z' } } }), ['mentee'], now)).toBeUndefined();
  });

  it('closes with the end what has nothing left to wait for, or asked whether to go on', () => {
    expect(roundKeptAtEnd(round({ closesAt: now.toISOString() }), ['mentee'], now)).toBeUndefined();
    expect(roundKeptAtEnd(round({ answers: { mentor: { intent: 'yes', at: now.toISOString() } } }), ['mentee'], now)).toBeUndefined();
    expect(roundKeptAtEnd(round({ answers: { mentee: { intent: 'no', at: now.toISOString() } } }), ['mentee'], now)).toBeUndefined();
    expect(roundKeptAtEnd(round({ kind: 'fit-check' }), ['mentee'], now)).toBeUndefined();
    expect(roundKeptAtEnd(round({ kind: 'admin-decision', asks: { admin: { sendAt: now.toISOString(), sent: true } } }), ['mentee'], now)).toBeUndefined();
    expect(roundKeptAtEnd(undefined, ['mentee'], now)).toBeUndefined();
  });
});
