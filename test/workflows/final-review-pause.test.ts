import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

const DAY = 86_400_000;
const REVIEW = /^End of program review/;
const RESUMED = /has resumed/;
const RECOGNITION = /your reverse-mentoring journey/i;
/** Months of 30 days or fewer, each followed by one of 31 (UTC month index): Feb, Apr, Jun, Sep, Nov. */
const SHORT_BEFORE_LONG = [1, 3, 5, 8, 10];

/**
 * QA (outcomes, bug 1): a pause during the end-of-program review made the pairing "resume" and ask
 * the whole review again. One month is 30 days from a start in a 30-day month but 31 from a start
 * the pause had moved into the next month: the review done at day 30 looked like a day-31 item
 * still to do. docs/lifecycle.md: a final review answered during a pause completes the pairing when
 * the pause ends, with the recognition and no "welcome back"; reviews are not asked again.
 */
describe('PairingLifecycle: a pause during the end-of-program review', () => {
  it('completes the pairing when the pause ends, with no "has resumed" and no second review, whether the one who paused answered or not', async () => {
    const h = lifecycleHarness();
    // The shared clock's date is whatever the suite left: move it to a month whose length is
    // shorter than the next one's, early enough that the pair accepts within it.
    await h.until(
      async () => {
        const now = await h.now();
        return SHORT_BEFORE_LONG.includes(now.getUTCMonth()) && now.getUTCDate() <= 18;
      },
      'P1D',
      100,
    );
    const programId = await h.program({ lifecycle: { durationMonths: 1, checkInCadenceDays: 14 } });
    // Two pairs accepted together: the first mentee answers the review during the pause, the second never does.
    const pairs = [await h.pair({ programId, waitForIntroductions: false }), await h.pair({ programId, waitForIntroductions: false })];
    const answering = pairs[0]!;
    const introduced = async (to: string) => (await h.emailsTo(to)).some((e) => /^Meet /.test(e.subject));
    await h.until(async () => (await Promise.all(pairs.flatMap((p) => [p.mentor.email, p.mentee.email]).map(introduced))).every(Boolean), 'PT1H', 24 * 8);
    for (const p of pairs) for (const who of [p.mentor.email, p.mentee.email]) await h.reply(await h.lastEmailTo(who, /^Meet /), 'yes');
    const acceptedAt = (await Promise.all(pairs.map(async (p) => Date.parse((await h.pairing(p.pairingId)).pairing.acceptedAt))))[0]!;
    expect(SHORT_BEFORE_LONG).toContain(new Date(acceptedAt).getUTCMonth());

    const mentors = pairs.map((p) => p.mentor.email);
    const mentees = pairs.map((p) => p.mentee.email);
    // Everyone answers everything, except the mentees' end-of-program review (answered or not below).
    const answer = (e: { subject: string; to: string[] }) =>
      REVIEW.test(e.subject)
        ? mentors.includes(e.to[0]!)
          ? 'PROGRESS 4, RECOMMEND 9'
          : undefined
        : /questions/i.test(e.subject)
          ? 'PROGRESS 4, RECOMMEND 9'
          : 'yes 4';
    const reviewsTo = async (to: string) => (await h.emailsTo(to)).filter((e) => REVIEW.test(e.subject));
    await h.until(
      async () => {
        await h.answerAll([...mentors, ...mentees], answer);
        return (await Promise.all([...mentors, ...mentees].map(async (to) => (await reviewsTo(to)).length > 0))).every(Boolean);
      },
      'PT6H',
      4 * 45,
    );
    await h.answerAll([...mentors, ...mentees], answer);
    for (const p of pairs) expect((await h.pairing(p.pairingId)).pairing.round?.answers.mentor, p.pairingId).toBeDefined();

    // Paused long enough that a plan laid out again from the moved start would begin in the next,
    // 31-day month: the 6th of it, plus the day the pause date rounds up to.
    const accepted = new Date(acceptedAt);
    const movedStart = Date.UTC(accepted.getUTCFullYear(), accepted.getUTCMonth() + 1, 6);
    const until = new Date((await h.now()).getTime() + (movedStart - acceptedAt) + DAY).toISOString().slice(0, 10);
    for (const p of pairs) {
      await h.reply(await h.lastEmailTo(p.mentee.email, REVIEW), `PAUSE until ${until}`);
      expect((await h.pairing(p.pairingId)).pairing.status).toBe('paused');
    }
    await h.advance('P1D');
    await h.reply(await h.lastEmailTo(answering.mentee.email, REVIEW), 'PROGRESS 5, RECOMMEND 10');

    await h.until(
      async () => {
        await h.answerAll([...mentors, ...mentees], answer);
        return (await Promise.all(pairs.map(async (p) => (await h.pairing(p.pairingId)).pairing.status))).every((s) => s === 'completed' || s === 'ended');
      },
      'PT12H',
      2 * 90,
    );

    for (const p of pairs) {
      const { pairing, audit, reviews } = await h.pairing(p.pairingId);
      const label = `${p === answering ? 'answered during the pause' : 'never answered'}: ${JSON.stringify(audit.filter((a) => /resum|asked|paused/.test(a.kind)))}`;
      expect(pairing.status, label).toBe('completed');
      // It completed at the resume, with nothing left to ask.
      expect(audit.find((a) => a.kind === 'resumed')?.detail, label).toMatchObject({ nothingLeft: true });
      // The pause moved the plan's start into the next, longer month (the case that asked the review again).
      expect(new Date(acceptedAt + pairing.pausedMs).getUTCMonth(), label).toBe((accepted.getUTCMonth() + 1) % 12);
      for (const who of [p.mentor.email, p.mentee.email]) {
        // Asked once, never again; no "welcome back" naming a review that comes next.
        expect((await reviewsTo(who)).length, `${who} ${label}`).toBe(1);
        expect(
          (await h.emailsTo(who)).filter((e) => RESUMED.test(e.subject)).map((e) => e.subject),
          label,
        ).toEqual([]);
        // Held for the reader's working hours (a resume on a Friday evening goes on Monday morning).
        const recognition = await h.received(who, RECOGNITION);
        // At the end of the pause: not a review's answer window (5 days) or more after it.
        expect(Date.parse(recognition.sentAt) - Date.parse(`${until}T00:00:00Z`), label).toBeLessThan(4 * DAY);
      }
      expect(reviews.length, label).toBe(p === answering ? 2 : 1);
      expect(await h.events(p.pairingId)).not.toContain('PairingResumed');
    }
  });
});
