import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outlookYesOverDisclaimer } from '../fixtures/outlook-disclaimer-reply';
import { dayAhead, lifecycleHarness } from './harness';

/**
 * QA over raw SMTP replies, through the real reply path:
 * - "Yes but PAUSE until 10 January" to an introduction was told to reply PAUSE with its date; that
 *   PAUSE was then refused ("your pairing has not started yet"). Both replies now get what works
 *   before the start, with the day he named, in the footer's words, and that NO is recorded.
 * - YES over an Outlook signature whose disclaimer says "please STOP reading and delete it" (or
 *   "PAUSE before you click links") was "answers the question and also says STOP", for every reply.
 *   The YES is now recorded.
 */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('an answer to an introduction with PAUSE beside it (QA)', () => {
  it('is told what works before the start, then and after the PAUSE alone, and the NO it suggests is recorded', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await h.pair();
    const back = await dayAhead(h);
    const advice = `reply YES to begin, or NO with the date you are back (for example "NO, away until ${back}")`;

    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), `Yes but PAUSE until ${back}, I'm on holiday.`);
    const first = await h.lastEmailTo(mentee.email, /^Could you say that again\?/);
    const firstText = flat(first.text);
    expect(firstText).toContain(`but your pairing has not started yet, so there is nothing to pause and nothing was recorded: ${advice}`);
    expect(firstText).not.toContain('reply with just PAUSE');
    expect((await h.pairing(pairingId)).pairing.round?.answers.mentee).toBeUndefined();

    await h.reply(first, `PAUSE until ${back}`);
    const second = await h.lastEmailTo(mentee.email, /^Could you say that again\?/);
    expect(second.messageId).not.toBe(first.messageId);
    expect(flat(second.text)).toContain(`PAUSE, but your pairing has not started yet, so there is nothing to pause: ${advice}`);

    await h.reply(second, `NO, away until ${back}`);
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'not-started', 'PT1H', 24);
    expect((await h.lastEmailTo(mentee.email, /^Your answer is recorded: no new partner before /)).subject).toContain(back);
  });
});

describe('a command word in a signature disclaimer (QA)', () => {
  it('leaves the YES above it recorded, from an Outlook HTML reply', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await h.pair();
    const intro = await h.lastEmailTo(mentee.email, /^Meet /);
    await h.postRaw(
      outlookYesOverDisclaimer([
        `From: <${mentee.email}>`,
        `To: <${intro.replyTo[0]}>`,
        `Subject: RE: ${intro.subject}`,
        `Message-ID: <${randomBytes(8).toString('hex')}@mail.example.com>`,
        `Date: ${new Date().toUTCString()}`,
      ]),
    );
    expect((await h.pairing(pairingId)).pairing.round?.answers.mentee).toMatchObject({ intent: 'yes' });
    expect((await h.emailsTo(mentee.email)).some((e) => /^Could you say that again/.test(e.subject))).toBe(false);
  });
});
