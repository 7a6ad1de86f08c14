import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * "YES, but I'm on leave until <day>" to the introduction, through the real reply path: a pairing
 * cannot be paused before both accept, so as it starts the writer gets "Your pairing with … has
 * started" with the PAUSE line for those days, and replying that line to it pauses the pairing
 * until that day, as the email says.
 */
describe('PairingLifecycle: a YES to the introduction that says the writer will be away', () => {
  it('is answered, as the pairing starts, with the PAUSE line, and that line replied to it pauses the pairing', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    const back = new Date((await h.now()).getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
    const day = `${Number(back.slice(8))} ${new Date(`${back}T00:00:00Z`).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })}`;
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), `YES, but I'm on leave until ${day}`);
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');

    const started = await h.received(mentee.email, /^Your pairing with .+ has started$/);
    const text = started.text.replace(/\s+/g, ' ');
    expect(text).toMatch(/You and \w+ both said YES, so your pairing has started\./);
    expect(text).toContain(`reply to this email with just "PAUSE until ${day}"`);
    // Only the writer: their partner said nothing of time away.
    expect((await h.emailsTo(mentor.email)).some((e) => /has started/.test(e.subject))).toBe(false);

    await h.reply(started, `PAUSE until ${day}`);
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'paused', 'PT1H', 48);
    // The day asked (pausedUntil is the instant that day has begun for both people: in summer, 23:00 UTC the day before).
    expect((await h.pairing(pairingId)).pairing.pausedUntilDay).toBe(back);
    const asked = (await h.received(mentee.email, /paused/i)).text.replace(/\s+/g, ' ');
    expect(asked).toMatch(new RegExp(`is paused until \\w+day ${day} ${back.slice(0, 4)}, as you asked\\.`));
  });
});
