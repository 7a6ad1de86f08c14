import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * QA over raw SMTP replies: "YES 5, we met on the 15th" to the first check-in after it closed was
 * told "A newer question is already waiting in your inbox; please answer that one". That question
 * was the fit check, which records no meeting: the note now says so, and that the next check-in,
 * which asks about every meeting since, counts it.
 */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('a late meeting report to a closed check-in while the fit check waits (QA)', () => {
  it('says the fit check records no meeting, and where the meeting still counts', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee } = await h.pair();
    await h.answerAll([mentor.email, mentee.email], () => 'yes');
    await h.reply(await h.received(mentor.email, /^Check-in:/, 'PT6H'), 'Yes 4');
    const checkIn = await h.received(mentee.email, /^Check-in:/, 'PT6H');
    // Sam never answers it: it closes, and the first check-in held (by Mia) brings the fit check.
    await h.received(mentee.email, /good fit\?/, 'PT6H');

    await h.reply(checkIn, 'YES 5, we met on the 15th and talked about AI tools.');
    const text = flat((await h.received(mentee.email, /^That question has already closed$/)).text);
    expect(text).toContain('A newer question is already waiting in your inbox; please answer that one.');
    expect(text).toContain(
      'That newer question does not record meetings: if you met since that check-in was asked, answer YES to your next check-in, with the day you met: it asks about every meeting since, so the meeting then counts.',
    );
  });
});
