import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * QA (intro): a late answer to an introduction that closed unanswered was told "There is no open
 * question for you right now; nothing else is needed from you" while the rematch's new
 * introduction waited for that very person's YES: believing it, they would miss the new deadline
 * too, and a second silence makes them inactive. The note now looks at their other pairings.
 */
describe('"That question has already closed" for a pairing that did not start', () => {
  it('points to the new introduction waiting for an answer instead of saying nothing is needed', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const first = await h.pair({ programId, menteeName: 'Sam Senior' });
    await h.reply(await h.lastEmailTo(first.mentee.email, /^Meet /), 'yes');
    const oldIntro = await h.lastEmailTo(first.mentor.email, /^Meet Sam/);
    // The mentor stays silent past the deadline: the pairing does not start.
    await h.until(async () => (await h.pairing(first.pairingId)).pairing.status === 'not-started', 'PT12H', 2 * 14);
    // A new partner for the mentor: the new introduction waits for their answer.
    await h.pair({ programId, mentor: first.mentor, menteeName: 'Bo Senior' });
    await h.received(first.mentor.email, /^Meet Bo/);

    await h.reply(oldIntro, 'YES, sorry for the delay');
    const note = await h.received(first.mentor.email, /^That question has already closed/);
    const text = note.text.replace(/\s+/g, ' ');
    expect(text).toContain('A newer question is already waiting in your inbox; please answer that one.');
    expect(text).not.toContain('nothing else is needed');
  });
});
