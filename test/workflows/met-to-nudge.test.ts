import { describe, expect, it } from 'vitest';
import { activePair, lifecycleHarness } from './harness';

/**
 * "We met on Tuesday" in reply to the friendly nudge (whose reply address is the person's standing
 * address, which records nothing): the answer says where that meeting still counts, the next
 * check-in, as the nudge itself said; answering it so does count the meeting (QA quiet4).
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('a meeting told in reply to the nudge', () => {
  it('gets the help naming the next check-in, and YES there with the day counts the meeting', async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId } = await activePair(h);
    // Nobody answers the first check-in: the pair is nudged.
    await h.nextEmail(mentor.email, /^Check-in:/);
    // The nudge comes about a week after the check-in, later when weekends fall in between: steps of
    // 6 hours leave room for any calendar the suite's clock has reached.
    const nudge = await h.received(mentor.email, /^Time for your next session/, 'PT6H');
    expect(flat(nudge.text)).toContain('answer YES to your next check-in');

    await h.reply(nudge, 'We met on Tuesday actually, it went well!');
    const help = await h.lastEmailTo(mentor.email, /not recorded/);
    const text = flat(help.text);
    expect(text).toContain('If you wrote to tell us you met: answer YES to your next check-in email, with the day you met.');
    expect(text).toContain('Nothing was recorded.');
    expect((await h.pairing(pairingId)).pairing.checkInsHeld).toBe(0);

    // The route it names holds: YES to the next check-in counts the meeting.
    const next = await h.nextEmail(mentor.email, /^Check-in:/);
    await h.reply(next, 'Yes, we met on Tuesday');
    // Held once its round closes (its deadline; the partner says nothing).
    await h.until(async () => (await h.pairing(pairingId)).pairing.checkInsHeld === 1);
    expect((await h.pairing(pairingId)).pairing.missedInRow).toBe(0);
  });
});
