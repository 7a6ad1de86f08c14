import { describe, expect, it } from 'vitest';
import { emailDay, lifecycleHarness, pairIntroducedToMenteeOnly } from './harness';

/**
 * PAUSE to the standing address (the enrolment email's) while the person's pairing is introduced but
 * their own introduction has not gone out yet: introductions go at each person's own send time, so
 * the partner may have theirs a day before. The answer must not point to an introduction the person
 * does not have ("Reply YES to the introduction"): it says the introduction comes by email, on their
 * own send day, and what they can answer to it then; and that day is kept.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('PAUSE before the introduction has reached the person', () => {
  it('says the introduction comes by email on their own day, and what to answer it then; it comes that day', async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId, mentorAsk: ask } = await pairIntroducedToMenteeOnly(h);

    await h.reply(await h.lastEmailTo(mentor.email, /^You are enrolled/), 'PAUSE for 2 weeks');
    const told = await h.lastEmailTo(mentor.email, /^Nothing to pause yet/);
    const text = flat(told.text);
    expect(text).toContain('has not started yet, so nothing was changed.');
    expect(text).toContain(
      `Your introduction to your partner comes by email on ${emailDay(ask.sendAt, 'America/New_York')}. When it arrives, reply YES to it to begin, or NO with the date you are back`,
    );
    // Nothing points to an introduction Noa does not have yet, in the text or the footer.
    expect(text).not.toMatch(/Reply YES to the introduction|Reply NO to your introduction email/);
    expect(text).toContain('Once your introduction email arrives, reply NO to it with the date you are back');
    expect((await h.pairing(pairingId)).pairing.status).toBe('introduced');

    // The day it named is kept: Noa's introduction comes that day, where Noa is.
    const intro = await h.received(mentor.email, /^Meet /);
    expect(emailDay(intro.sentAt, 'America/New_York')).toBe(emailDay(ask.sendAt, 'America/New_York'));
  });
});
