import { describe, expect, it } from 'vitest';
import { lifecycleHarness, type Harness } from './harness';

/**
 * An admin who answers "Decision needed" after one of the pair ended the pairing (STOP, END) is
 * told that the pairing ended, when, why in neutral words, and where the other person stands, not
 * only that the question closed (QA admins5, bug 3: /work/qa/admins5/r3-closed-by-participant.mjs).
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** A program with one admin, and a pair that accepted and then stopped meeting, up to "Decision needed". */
async function quietPair(h: Harness) {
  const ada = `ada-${h.admin}`;
  const programId = await h.program({ admins: [ada], timeZone: 'Europe/London', rematch: { maxAttempts: 0 } });
  const { mentor, mentee, pairingId } = await h.pair({ programId });
  await h.answerAll([mentor.email, mentee.email], () => 'yes');
  const toAda = await h.nextEmail(ada, /^Decision needed/, 'P1D');
  return { ada, mentor, mentee, pairingId, toAda };
}

describe('an admin answering "Decision needed" after one of the pair ended the pairing', () => {
  it("after the mentee's STOP, REMATCH is told the pairing ended because one of the pair left, and that the mentor is on the waitlist", async () => {
    const h = lifecycleHarness();
    const { ada, mentee, pairingId, toAda } = await quietPair(h);
    await h.reply(await h.lastEmailTo(mentee.email), 'STOP');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 5);

    await h.reply(toAda, 'REMATCH', { from: ada });
    const text = flat((await h.received(ada, /^That question has already closed$/)).text);
    expect(text).toMatch(/The pairing has since ended, on \w+ \d+ \w+ \d{4}: one of the pair left the program\./);
    expect(text).toMatch(/Mia Mentor\S* is on the waitlist for a new partner/);
    expect(text).not.toContain('nothing else is needed');
  });

  it("after the mentee's END, CONTINUE is told the pairing ended at the request of one of the pair, and where both stand", async () => {
    const h = lifecycleHarness();
    const { ada, mentee, pairingId, toAda } = await quietPair(h);
    await h.reply(await h.lastEmailTo(mentee.email), 'END');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 5);

    await h.reply(toAda, 'CONTINUE', { from: ada });
    const text = flat((await h.received(ada, /^That question has already closed$/)).text);
    expect(text).toMatch(/The pairing has since ended, on \w+ \d+ \w+ \d{4}: one of the pair ended it\./);
    expect(text).toMatch(/Mia Mentor\S* stays in the program: the next matching run may offer them a new partner\./);
    expect(text).toMatch(/Sam Senior\S* stays in the program: the next matching run may offer them a new partner\./);
    expect(text).not.toContain('nothing else is needed');
    expect(text).not.toMatch(/pairing continues/);
  });

  it("after the mentee's STOP, the admin's decision link says the pairing ended, why and where the mentor stands, on GET and on pressing", async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId, toAda } = await quietPair(h);
    const link = /https?:\/\/\S+?\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(toAda.text)?.[0];
    expect(link, toAda.text).toBeDefined();
    await h.reply(await h.lastEmailTo(mentee.email), 'STOP');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 5);

    for (const res of [
      await fetch(link!),
      await fetch(link!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }),
    ]) {
      const page = flat((await res.text()).replace(/<[^>]+>/g, ' '));
      expect(res.status).toBe(410);
      expect(page).toMatch(/The pairing has since ended, on \w+ \d+ \w+ \d{4}: one of the pair left the program\./);
      expect(page).toMatch(/Mia Mentor\S* is on the waitlist for a new partner/);
      expect(page).toContain(`GET /pairings/${pairingId} on the admin API`);
      expect(page).not.toContain('This question has closed');
    }
  });
});
