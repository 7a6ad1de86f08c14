import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { lifecycleHarness, type Harness } from './harness';

/**
 * What an admin is told when their answer to "Decision needed" comes too late, and what is kept of
 * the notes admins and participants write (QA admin inbox: /work/qa/admininbox/REPORT.md, bugs 3,
 * 4, 5 and 7).
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');
type Decision = { decision: string; answered: boolean; note?: string };
const decisionsOf = async (pairingId: string) => (await call<{ decisions: Decision[] }>('GET', `/pairings/${pairingId}`)).body.decisions ?? [];

/** A program with two admins, Ada and Bob (addresses that give their names), and a pair that accepted and then stopped meeting. */
async function quietPair(h: Harness, program: Record<string, unknown> = {}) {
  const ada = `ada-${h.admin}`;
  const bob = `bob-${h.admin}`;
  const programId = await h.program({ admins: [ada, bob], timeZone: 'Europe/London', ...program });
  const { mentor, mentee, pairingId } = await h.pair({ programId });
  await h.answerAll([mentor.email, mentee.email], () => 'yes');
  const toAda = await h.nextEmail(ada, /^Decision needed/, 'P1D');
  const toBob = await h.lastEmailTo(bob, /^Decision needed/);
  return { ada, bob, pairingId, toAda, toBob };
}

describe('an admin answering "Decision needed" too late', () => {
  it('after it closed with no answer is told the pairing continued, as the email promised, and how to act on it now (bug 3)', async () => {
    const h = lifecycleHarness();
    const { ada, pairingId, toAda } = await quietPair(h);
    const answerBy = /Please answer by (\w+ \d+ \w+ \d{4})/.exec(flat(toAda.text))?.[1];
    expect(answerBy, toAda.text).toBeDefined();
    await h.until(async () => (await decisionsOf(pairingId)).some((d) => !d.answered), 'P1D', 12);

    await h.reply(toAda, 'END\n\nSorry, I was away.', { from: ada });
    const told = await h.received(ada, /^That question has already closed$/);
    const text = flat(told.text);
    expect(text).toContain(`which closed at the end of ${answerBy} with no answer from any admin, so it could not be recorded.`);
    expect(text).toContain('As the decision email said, with no answer the pairing continued as it was.');
    expect(text).toContain(`POST /pairings/${pairingId}/end`);
    expect(text).toContain(`POST /pairings/${pairingId}/pause`);
    expect(text).not.toContain('nothing else is needed');
    // The late END ended nothing: the pairing runs on until an admin ends it through the API.
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
  });

  it("after another admin's REMATCH in a program that makes no automatic rematches, is told both wait on the waitlist for the admins (bug 4)", async () => {
    const h = lifecycleHarness();
    const { ada, bob, pairingId, toAda, toBob } = await quietPair(h, { rematch: { maxAttempts: 0 } });
    await h.reply(toBob, 'REMATCH', { from: bob });
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 5);
    await h.reply(toAda, 'CONTINUE', { from: ada });
    const text = flat((await h.received(ada, /^That question has already been answered$/)).text);
    expect(text).toContain(
      'by another admin of the program: the pairing has ended; the program makes no automatic rematches (rematch.maxAttempts is 0), so both wait on the waitlist for you to pair them again.',
    );
    expect(text).not.toMatch(/new partners are being looked for|offered a new partner/);
  });
});

describe('the notes kept with an answer', () => {
  it("keeps an admin's sign-off out of the decision note (bug 5)", async () => {
    const h = lifecycleHarness();
    const { ada, pairingId, toAda } = await quietPair(h);
    await h.reply(toAda, 'Hi team,\n\nCONTINUE\n\nAda\n--\nAda Admin | Head of Talent\nExample Ltd', { from: ada });
    await h.until(async () => (await decisionsOf(pairingId)).length > 0, 'PT1M', 5);
    const [decision] = await decisionsOf(pairingId);
    expect(decision).toMatchObject({ decision: 'continue', answered: true });
    expect(decision!.note).toBeUndefined();
  });

  it('quotes a "not sure" to the fit check without the answer word, in the admins\' email (bug 7)', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee } = await h.pair();
    await h.answerAll([mentor.email, mentee.email], () => 'yes');
    await h.reply(await h.received(mentor.email, /^Check-in:/, 'PT6H'), 'Yes 4');
    await h.reply(await h.received(mentee.email, /^Check-in:/, 'PT6H'), 'Yes 4');
    await h.reply(await h.received(mentee.email, /good fit\?/, 'PT6H'), 'NOT SURE\nWe struggle to find common ground.');
    await h.reply(await h.received(mentor.email, /good fit\?/, 'PT6H'), 'YES');
    const text = flat((await h.received(h.admin, /^Fit check of .*: not sure/, 'PT6H')).text);
    expect(text).toContain('wrote: > We struggle to find common ground');
    expect(text).not.toMatch(/NOT SURE/);
  });
});
