import { describe, expect, it } from 'vitest';
import { addMonths, deadlineAfter, nextSendTime } from '../../functions/domain/schedule';
import { QUIET_PAIR_PROGRAM } from '../fixtures/quiet-pair-program';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * QA: a pair that never answered ran past its planned end. The admins' last "Decision needed" closed
 * after the end, then the check-in it had held was asked (after the end) and the end-of-program
 * review came a week after that (completed 12 days late). A check-in that could open only less than
 * half a cadence before the end is not asked: the end review takes its place, at once when its day
 * has passed (functions/domain/pairing/context.ts, upcoming).
 */
/** The first year from `now` whose 1 March, still ahead, is a Monday. */
function mondayFirstOfMarchFrom(now: Date): number {
  for (let year = now.getUTCFullYear(); ; year++) {
    const day = new Date(Date.UTC(year, 2, 1, 5));
    if (day.getTime() > now.getTime() && day.getUTCDay() === 1) return year;
  }
}

describe('A pair that answers nothing at all', () => {
  it('is asked no check-in after its planned end and completes with the end review asked at its day (or when the round holding it closes)', async () => {
    const h = lifecycleHarness();
    const { lifecycle } = QUIET_PAIR_PROGRAM;
    // As QA found it: accepted on Monday 1 March, planned end Saturday 1 May (the next such year on
    // the suite's clock, which only moves on). The admins' second decision then closes after the end.
    const year = mondayFirstOfMarchFrom(await h.now());
    expect((await call('POST', '/local/clock', { to: `${year}-03-01T05:00:00Z` })).status).toBe(200);
    await h.idle();
    const programId = await h.program({ ...QUIET_PAIR_PROGRAM, startDate: `${year}-03-01` });
    const { mentor, mentee, pairingId, executionArn } = await h.pair({ programId });
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'yes');
    expect((await h.pairing(pairingId)).pairing.acceptedAt?.slice(0, 10)).toBe(`${year}-03-01`);

    // Nobody answers anything again: no check-in, review or decision request.
    expect(await h.runUntilDone(executionArn, [mentor.email, mentee.email, h.admin], () => undefined, 'PT12H', 400)).toBe('SUCCEEDED');
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('completed');
    const plannedEnd = addMonths(new Date(pairing.acceptedAt!), lifecycle.durationMonths);

    const emails = await h.emails();
    const checkIns = emails.filter((e) => /^Check-in:/.test(e.subject) && (e.to.includes(mentor.email) || e.to.includes(mentee.email)));
    expect(checkIns.length).toBeGreaterThan(0);
    expect(checkIns.filter((e) => Date.parse(e.sentAt) >= plannedEnd.getTime()).map((e) => e.sentAt)).toEqual([]);
    expect(emails.some((e) => e.to.includes(h.admin) && /^Decision needed/.test(e.subject))).toBe(true);

    // The end review opens at the planned end, or when a round open then (the admins' decision) closes.
    const asked = audit.filter((a) => a.kind === 'asked');
    expect(asked.at(-1)?.detail?.kind).toBe('final-review');
    const decisionsClosed = audit.filter((a) => a.kind === 'admin-decision').map((a) => Date.parse(String((a as { at?: string }).at ?? '')));
    const opensBy = Math.max(plannedEnd.getTime(), ...decisionsClosed.filter(Number.isFinite));
    // Each reader's next morning at the end of the send window, then the answer window.
    const zones = ['Europe/Berlin', 'Europe/London'];
    const lastSend = Math.max(...zones.map((zone) => nextSendTime(new Date(opensBy), zone, '09:00').getTime()));
    const latest = deadlineAfter(lastSend, lifecycle.checkInAnswerWindowDays, zones);
    expect(Date.parse(pairing.endedAt!)).toBeLessThanOrEqual(Date.parse(latest));
  });
});
