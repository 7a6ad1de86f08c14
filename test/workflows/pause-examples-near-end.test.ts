import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

const DAY = 86_400_000;
const flat = (text: string) => text.replace(/\s+/g, ' ');

/**
 * Every PAUSE example an email gives is one the pairing takes when sent back (emails/pause-example.ts),
 * the emails that answer a reply too (QA promise10): near the last day a pause may run to, the standing
 * address's help and a clarification offered "PAUSE for 3 weeks", which the pairing then refused as
 * after its end.
 */
describe('PAUSE examples in the answers to replies, near the end of a pairing', () => {
  it('the standing help and a clarification name the last day a pause may run to, and that example is taken', async () => {
    const h = lifecycleHarness();
    const start = await h.now();
    const endDate = new Date(start.getTime() + 30 * DAY).toISOString().slice(0, 10);
    const startDate = start.toISOString().slice(0, 10);
    const programId = await h.program({ startDate, endDate, lifecycle: { durationMonths: 1, checkInCadenceDays: 14 } });
    const { mentor, mentee, pairingId } = await h.pair({ programId });
    for (const who of [mentor.email, mentee.email]) await h.reply(await h.lastEmailTo(who, /^Meet /), 'yes');
    // Three weeks on, every question answered: less than three weeks are left to pause for.
    const people = [mentor.email, mentee.email];
    await h.until(
      async () => {
        await h.answerAll(people, (e) => (/review/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4'));
        return (await h.now()).getTime() >= start.getTime() + 21 * DAY;
      },
      'PT6H',
      4 * 30,
    );
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');

    // The enrolment confirmation's Reply-To is the mentor's standing address.
    const confirmation = await h.lastEmailTo(mentor.email, /enrolled/i);
    await h.reply(confirmation, 'Hello, what can I write to this address?');
    const help = flat((await h.lastEmailTo(mentor.email, /^Your reply was not recorded/)).text);
    expect(help).not.toContain('PAUSE for 3 weeks');
    const example = /no later than [^(]+\(for example "(PAUSE until \d{1,2} \p{L}+)"\)/u.exec(help)?.[1];
    expect(example, help).toBeDefined();

    // A PAUSE whose date cannot be read, to the standing address: asked again with examples it takes.
    await h.reply(confirmation, 'PAUSE until the trade fair is over');
    const again = flat((await h.lastEmailTo(mentor.email, /^Your PAUSE was not acted on/)).text);
    expect(again).toContain('could not be read as a date');
    expect(again).not.toContain('PAUSE for 3 weeks');
    expect(again).toContain(`(for example "${example}")`);

    // The help's own example, sent back, pauses the pairing.
    await h.reply(confirmation, example!);
    expect((await h.pairing(pairingId)).pairing.status).toBe('paused');
  });
});
