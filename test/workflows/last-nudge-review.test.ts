import { describe, expect, it } from 'vitest';
import { activePair, lifecycleHarness } from './harness';

const DAY = 86_400_000;
const REVIEW = /^End of program review/;
const NUDGE = /^(One more session with|After your last check-in with|Time for your next session with)/;
const flat = (s: string) => s.replace(/\s+/g, ' ');
const dayIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));

/**
 * QA: the nudge after a missed last check-in ("One more session with Sam?", "meet once more before
 * it") reached the pair with the end-of-program review itself. A month with a check-in every 8 days
 * and 7 days to answer it: the last check-in closes once the review is due, so the review is asked
 * as it closes and both wait for the same working morning. The nudge then says the review has come
 * (or comes today) and asks them to answer it; it is still sent.
 */
describe('PairingLifecycle: the nudge after the last check-in, with the review out', () => {
  it('says the review comes today and asks for an answer, not a meeting before it', async () => {
    const h = lifecycleHarness();
    // A February start has 28 days to its end, not enough for the last check-in's window to reach
    // it; a start after the 20th might be accepted in the next month.
    await h.until(
      async () => {
        const now = await h.now();
        return now.getUTCMonth() !== 1 && now.getUTCDate() <= 20;
      },
      'P1D',
      40,
    );
    const programId = await h.program({ lifecycle: { durationMonths: 1, checkInCadenceDays: 8, checkInAnswerWindowDays: 7 } });
    const { mentor, mentee, pairingId } = await activePair(h, programId);
    const acceptedAt = Date.parse((await h.pairing(pairingId)).pairing.acceptedAt);
    const people = [mentor.email, mentee.email];
    // Everything answered but the end review and the last check-in (the one asked in the month's last week).
    const answer = (e: { subject: string; sentAt: string }) => {
      if (REVIEW.test(e.subject)) return undefined;
      if (/^Check-in:/.test(e.subject)) return Date.parse(e.sentAt) < acceptedAt + 20 * DAY ? 'yes 4' : undefined;
      return /good fit/.test(e.subject) ? 'yes' : 'yes 4';
    };
    const both = async (to: string) => {
      const mail = await h.emailsTo(to);
      return mail.some((e) => NUDGE.test(e.subject)) && mail.some((e) => REVIEW.test(e.subject));
    };
    await h.until(
      async () => {
        await h.answerAll(people, answer);
        return (await both(mentor.email)) && (await both(mentee.email));
      },
      'PT6H',
      4 * 40,
    );

    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.checkInsMissed, JSON.stringify(audit)).toBe(1);
    expect(await h.events(pairingId)).toContain('EscalationRaised');
    for (const [who, timeZone] of [
      [mentor.email, 'Europe/London'],
      [mentee.email, 'Europe/Berlin'],
    ] as const) {
      const nudges = (await h.emailsTo(who)).filter((e) => NUDGE.test(e.subject));
      expect(nudges.map((e) => e.subject)).toHaveLength(1);
      const nudge = nudges[0]!;
      const review = await h.lastEmailTo(who, REVIEW);
      // The case QA saw: the review reached them on the nudge's own day (the same morning).
      expect(dayIn(review.sentAt, timeZone), who).toBe(dayIn(nudge.sentAt, timeZone));
      const text = flat(nudge.text);
      expect(nudge.subject, who).toMatch(/^After your last check-in with \S+: the end-of-program review$/);
      expect(text, who).toMatch(/That was the last check-in, and your end-of-program review (comes today|has come), in a separate email\./);
      expect(text, who).toContain('so please answer it even though you could not meet this time');
      expect(text, who).not.toContain('meet once more before it');
      expect(text, who).not.toContain('comes next');
    }
  });
});
