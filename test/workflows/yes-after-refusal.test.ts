import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * QA replies6, reproduced five times over SMTP: a decline or "we didn't meet" followed by a sentence
 * opening "Yes, ..." ("Yes, really sorry", "Yes, we'll try again") was recorded as YES: an
 * introduction accepted, a meeting held. Through the real reply path, such a reply now records
 * nothing: the introduction stays open and the check-in unanswered, and the person is asked again,
 * told why.
 */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('a "Yes" after a decline or a meeting that did not happen (QA replies6)', () => {
  it('neither accepts the introduction nor records a meeting: each is asked again', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    const intro = await h.lastEmailTo(mentee.email, /^Meet /);

    await h.reply(intro, 'Unfortunately I have to pass this time. Yes, really sorry - maybe in the next cohort.');
    const ask = await h.lastEmailTo(mentee.email, /^Could you say that again\?/);
    expect(flat(ask.text)).toContain(
      'the reply says "Yes" only after words that say otherwise ("Unfortunately I have to pass this time"), so it is unclear: reply with just YES or NO',
    );
    expect(ask.replyTo).toEqual(intro.replyTo);
    const introduced = await h.pairing(pairingId);
    expect(introduced.pairing.status).toBe('introduced');

    // Both take part after all; then the check-in's "Couldn't make it ... Yes, we'll try again".
    await h.reply(ask, 'YES');
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'active', 'PT1H', 24);
    const checkIn = await h.received(mentee.email, /^Check-in:/, 'PT6H');
    await h.reply(checkIn, "Couldn't make it this week - Mia was travelling. Yes, we'll try again on Thursday.");
    const again = await h.lastEmailTo(mentee.email, /^Could you say that again\?/);
    expect(again.messageId).not.toBe(ask.messageId);
    expect(flat(again.text)).toContain('only after words that say otherwise ("Couldn\'t make it this week - Mia was travelling")');
    expect((await h.emailsTo(mentee.email)).some((e) => /^Thank you for checking in/.test(e.subject))).toBe(false);
    expect((await h.pairing(pairingId)).pairing.checkInsHeld ?? 0).toBe(0);
  });
});
