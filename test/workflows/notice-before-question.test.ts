import { describe, expect, it } from 'vitest';
import { activePair, emailDay, lifecycleHarness } from './harness';

/**
 * QA: questions go at the program's send time (08:30 here, in a 30-minute window), notices in
 * working hours (09:00 or later). A weekly check-in whose answer window closes at the end of the
 * day before the next one is due: the step at that close nudges both and plans the next check-in
 * for 08:30-09:00 the same morning; the nudge, held until 09:00 or later, reached each reader after
 * the check-in it announces ("The next check-in comes on Friday ... answer YES to your next
 * check-in instead"). It now goes with that check-in, just before it (notice-order.ts).
 */
describe('a notice held for working hours and the question it announces, with questions at 08:30', () => {
  it('sends the nudge no later than the next check-in, and before it', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { sendTime: '08:30', sendWindowMinutes: 30, checkInCadenceDays: 7, checkInAnswerWindowDays: 6 } });
    const p = await activePair(h, programId);
    const people = [
      { email: p.mentor.email, zone: 'Europe/London' },
      { email: p.mentee.email, zone: 'Europe/Berlin' },
    ];
    const checkIns = async (to: string) => (await h.emailsTo(to)).filter((e) => /^Check-in/.test(e.subject));
    // Nobody answers the first check-in: its window closes and both are nudged; the second one follows.
    await h.until(async () => (await checkIns(p.mentor.email)).length >= 2 && (await checkIns(p.mentee.email)).length >= 2, 'PT6H', 200);

    const local = (iso: string, timeZone: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    for (const { email, zone } of people) {
      const mail = await h.emailsTo(email);
      const nudge = mail.find((e) => /^Time for your next session/.test(e.subject));
      const next = (await checkIns(email))[1]!;
      expect(nudge, `no nudge to ${email}`).toBeDefined();
      // The nudge names the check-in that follows it, on the day that check-in came.
      expect(nudge!.text.replace(/\s+/g, ' ')).toContain(`The next check-in comes on ${emailDay(next.sentAt, zone)}`);
      // The question keeps the program's send time; the nudge goes with it, never after it.
      expect(local(next.sentAt, zone) >= '08:30' && local(next.sentAt, zone) < '09:00').toBe(true);
      expect(nudge!.sentAt <= next.sentAt, `nudge at ${nudge!.sentAt}, check-in at ${next.sentAt}`).toBe(true);
      expect(mail.indexOf(nudge!)).toBeLessThan(mail.indexOf(next));
    }
  });
});
