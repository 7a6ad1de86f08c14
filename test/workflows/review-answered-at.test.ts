import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

const HOUR = 3_600_000;
const REVIEW = /^End of program review/;

/**
 * QA finale3, bug 2: GET /pairings/{id} dated both people's end-of-program review at the moment
 * the round closed (the later partner's answer). Each review now carries the moment its writer
 * answered (`answeredAt`), as each check-in answer carries its own `at`; `at` stays the close.
 */
describe('admin API: when each person answered their review', () => {
  it('shows the mentee’s end review at the mentee’s answer, two days before the mentor’s answer closed the round', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { durationMonths: 1, checkInCadenceDays: 14 } });
    const { mentor, mentee, pairingId } = await activePair(h, programId);
    const people = [mentor.email, mentee.email];
    // Everything answered on the way, but the end review.
    const answer = (e: { subject: string }) => (REVIEW.test(e.subject) ? undefined : /questions/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4');
    await h.until(
      async () => {
        await h.answerAll(people, answer);
        return (await Promise.all(people.map(async (to) => (await h.emailsTo(to)).some((e) => REVIEW.test(e.subject))))).every(Boolean);
      },
      'PT6H',
      4 * 45,
    );

    const menteeAt = await h.now();
    await h.reply(await h.lastEmailTo(mentee.email, REVIEW), 'PROGRESS 4, RECOMMEND 9');
    await h.advance('P2D');
    const mentorAt = await h.now();
    await h.reply(await h.lastEmailTo(mentor.email, REVIEW), 'PROGRESS 5, RECOMMEND 10');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'completed', 'PT1H', 48);

    const read = await call<{ reviews: { participantId: string; label: string; at: string; answeredAt: string }[] }>('GET', `/pairings/${pairingId}`);
    expect(read.status).toBe(200);
    const review = (participantId: string) => read.body.reviews.find((r) => r.participantId === participantId && r.label === 'End of program review')!;
    const ofMentee = review(mentee.participantId);
    const ofMentor = review(mentor.participantId);
    // Each at their own answer (taken as it arrived), not at the close.
    expect(Date.parse(ofMentee.answeredAt) - menteeAt.getTime()).toBeGreaterThanOrEqual(0);
    expect(Date.parse(ofMentee.answeredAt) - menteeAt.getTime()).toBeLessThan(HOUR);
    expect(Date.parse(ofMentor.answeredAt) - mentorAt.getTime()).toBeGreaterThanOrEqual(0);
    expect(Date.parse(ofMentor.answeredAt) - mentorAt.getTime()).toBeLessThan(HOUR);
    // The round closed with the mentor's answer: that is both reviews' `at`, as before.
    expect(ofMentee.at).toBe(ofMentor.at);
    expect(Date.parse(ofMentee.at)).toBeGreaterThanOrEqual(Date.parse(ofMentor.answeredAt));
    expect(Date.parse(ofMentee.at) - Date.parse(ofMentee.answeredAt)).toBeGreaterThan(47 * HOUR);
  });
});
