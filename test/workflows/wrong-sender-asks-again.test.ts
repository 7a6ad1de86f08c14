import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * An assistant answers a participant's introduction from their own address (QA replies5): nothing
 * is recorded, and the notice to the participant asks the open question again with its reply
 * address, so that answering the notice from their own address counts. "Please answer again from
 * this address" on a notice whose reply address takes only commands was a dead end.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('a reply from another address to an open question', () => {
  it('asks the question again in the notice, and YES to the notice from the own address accepts', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    const intro = await h.lastEmailTo(mentee.email, /^Meet /);
    await h.reply(intro, 'Yes - Sam asked me to confirm he will take part.', { from: `assistant-${h.tag}@example.com` });
    const notice = await h.lastEmailTo(mentee.email, /another address was not recorded/);
    const text = flat(notice.text);
    expect(text).toContain('the question it answered is still open, and is asked again below. Reply to this email from this address, and your answer counts.');
    // Its own question's reply address, not the standing one.
    expect(notice.replyTo).toEqual(intro.replyTo);
    expect(text).not.toContain('assistant-');

    await h.reply(notice, 'Yes, that was my assistant. I will take part.');
    expect((await h.pairing(pairingId)).pairing.round?.answers?.mentee?.intent).toBe('yes');
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
  });
});
