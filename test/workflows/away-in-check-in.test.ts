import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * QA quiet4, pair E, through the real reply path: "NO, I'm on holiday until <day>" to a check-in is
 * acknowledged with the PAUSE line for those days, and the admins' ladder emails name the days
 * (never the note's words); the nudge says how a meeting the closed check-in missed is reported.
 */
describe('PairingLifecycle: a check-in NO that says the writer will be away', () => {
  it('is acknowledged with the PAUSE line, the nudge names the way to report a meeting, and the admins read the days', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'yes');

    await h.nextEmail(mentor.email, /^Check-in:/);
    const checkIn = await h.received(mentee.email, /^Check-in:/);
    const back = new Date((await h.now()).getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
    await h.reply(checkIn, `NO, I'm on holiday until ${back}`);
    const ack = await h.lastEmailTo(mentee.email, /^Thank you for checking in/);
    const line = `PAUSE until ${Number(back.slice(8))} ${new Date(`${back}T00:00:00Z`).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })}`;
    expect(ack.text.replace(/\s+/g, ' ')).toContain(`reply to this email with just "${line}"`);
    expect(ack.text).not.toMatch(/meeting with \w+ is recorded/);

    const nudge = await h.received(mentee.email, /^Time for your next session/);
    expect(nudge.text.replace(/\s+/g, ' ')).toContain('answer YES to your next check-in instead, with the day you met');

    const escalation = await h.nextEmail(h.admin, /2 check-ins missed in a row/);
    const said = escalation.text.replace(/\s+/g, ' ');
    expect(said).toMatch(/\(mentee\) wrote in their check-in answer of .+ that they would be away until /);
    expect(said).not.toContain('holiday');
    expect((await h.pairing(pairingId)).pairing.awayNotes).toMatchObject({ mentee: { until: back } });
  });
});
