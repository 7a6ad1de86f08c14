import { describe, expect, inject, it } from 'vitest';
import { formatDate } from '../../functions/domain/emails/format';
import { activePair, lifecycleHarness, type Harness } from './harness';

const cloud = inject('cloud');
const THANKS = /^Thank you for checking in/;
const CHECK_IN = /^Check-in: /;
const REVIEW = /^End of program review/;
const SCHEDULE_CHANGE = /follow the program's new schedule|meeting series with .* is cancelled|A new date for your next question/;
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** How both answer every question: a review with its two scores, anything else yes and a rating. */
const answer = (e: { subject: string }) => (/questions/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4');

/**
 * A pair that has accepted, in a program of `durationMonths` with a check-in every 14 days, its
 * questions sent at the send time itself (no window); the mentor reads in London, the mentee in Berlin.
 */
async function pairInProgramOf(durationMonths: number) {
  const h = lifecycleHarness();
  const programId = await h.program({ lifecycle: { durationMonths, checkInCadenceDays: 14, sendWindowMinutes: 0 } });
  const p = await activePair(h, programId);
  const people = [p.mentor.email, p.mentee.email];
  const zones: Record<string, string> = { [p.mentor.email]: 'Europe/London', [p.mentee.email]: 'Europe/Berlin' };
  return { h, programId, p, people, zones };
}

/** HR shortens the program to two months through the programs API (PATCH with the ETag just read). */
async function shortenToTwoMonths(h: Harness, programId: string): Promise<void> {
  const current = await fetch(`${cloud.baseUrl}/programs/${programId}`);
  expect(current.status).toBe(200);
  const patched = await fetch(`${cloud.baseUrl}/programs/${programId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'if-match': current.headers.get('etag') ?? '' },
    body: JSON.stringify({ lifecycle: { durationMonths: 2 } }),
  });
  expect(patched.status, await patched.clone().text()).toBe(200);
  await h.idle();
}

/**
 * QA settings3, bug 1: HR shortens a running program (durationMonths 3 → 2, through the programs
 * API) after both were told "The next check-in comes on …", a check-in the new end leaves out. The
 * email of the change names what comes instead, the end-of-program review and its day, and the
 * review comes that day with no check-in before it (docs/emails.md, meetingsRescheduled).
 */
describe('PairingLifecycle: a program shortened so that only its end-of-program review is left', () => {
  it('the schedule-change email names the end-of-program review’s day, and it comes then', async () => {
    const { h, programId, people, zones } = await pairInProgramOf(3);
    const thanked = async (to: string) => (await h.emailsTo(to)).filter((e) => THANKS.test(e.subject)).length;

    // The second check-in's thanks (the first one after the Day 30 review) names the next check-in
    // on day 56, which a program of two months no longer has (none within 7 days of its end).
    await h.until(
      async () => {
        await h.answerAll(people, answer);
        return (await Promise.all(people.map(thanked))).every((n) => n >= 2);
      },
      'PT6H',
      4 * 60,
    );
    for (const who of people) expect(flat((await h.lastEmailTo(who, THANKS)).text)).toMatch(/The next check-in comes on /);

    await shortenToTwoMonths(h, programId);
    const changedAt = (await h.now()).toISOString();

    for (const who of people) {
      const told = await h.received(who, SCHEDULE_CHANGE);
      const text = flat(told.text);
      const named = text.match(/your end-of-program review comes next, on (\w+ \d+ \w+ \d{4})\./)?.[1];
      expect(named, text).toBeDefined();
      expect(text).not.toMatch(/The next check-in comes on /);

      const review = await h.received(who, REVIEW, 'PT6H');
      expect(formatDate(review.sentAt, zones[who]!), who).toBe(named);
      // No check-in came between the change and the review: the one named before is gone.
      const checkInsAfter = (await h.emailsTo(who)).filter((e) => CHECK_IN.test(e.subject) && e.sentAt > changedAt);
      expect(checkInsAfter.map((e) => e.subject)).toEqual([]);
    }
  });
});

/**
 * QA: HR shortens a program from 6 months to 2 early in a pairing's run. The email of the change
 * ("Your meetings with … follow the program's new schedule") named the cadence, the new series and
 * the next check-in, and nothing said the pairing now ended four months earlier. It names the end:
 * the day the end-of-program review reaches the reader, and that review comes that day, after which
 * the pairing completes (docs/emails.md, meetingsRescheduled).
 */
describe('PairingLifecycle: a program shortened early in the run', () => {
  it('the schedule-change email names the new end, and the end-of-program review comes that day', async () => {
    const { h, programId, p, people, zones } = await pairInProgramOf(6);
    await h.idle();

    await shortenToTwoMonths(h, programId);

    const named: Record<string, string> = {};
    for (const who of people) {
      const text = flat((await h.received(who, SCHEDULE_CHANGE)).text);
      expect(text).toMatch(/With the new schedule: the next check-in comes on /);
      const end = text.match(/Your pairing ends with your end-of-program review, which comes on (\w+ \d+ \w+ \d{4})\./)?.[1];
      expect(end, text).toBeDefined();
      named[who] = end!;
    }

    const reviewed = async (who: string) => (await h.emailsTo(who)).some((e) => REVIEW.test(e.subject));
    await h.until(
      async () => {
        await h.answerAll(people, answer);
        return (await reviewed(p.mentor.email)) && (await reviewed(p.mentee.email));
      },
      'PT6H',
      4 * 75,
    );
    for (const who of people) expect(formatDate((await h.lastEmailTo(who, REVIEW)).sentAt, zones[who]!), who).toBe(named[who]);
    // Two months, not six: the review was the pairing's last question, and it completes once answered.
    expect(await h.runUntilDone(p.executionArn, people, answer, 'PT6H', 4 * 20)).toBe('SUCCEEDED');
    expect((await h.pairing(p.pairingId)).pairing.status).toBe('completed');
  });
});
