import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

/**
 * A check-in and the fit check answered in the person's own words, with no YES or NO, through the
 * real reply path: "Met on Monday, 4" is a meeting rated 4 and "Had to cancel" one that did not
 * happen, recorded and thanked as a YES or a NO would be, never asked again
 * (functions/domain/replies/meeting-words.ts); "So far so good" fits and "Could be better" is not
 * sure, which the admins hear of (fit.ts); "No, all good" says both, and is asked again.
 */
describe('PairingLifecycle: a check-in and the fit check answered in own words', () => {
  it('records "Met on Monday, 4" and "Had a great session!" as met, "So far so good" and "Could be better" as fit yes and not sure, and "Had to cancel" as not met; "No, all good" is asked again', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    type CheckIns = { checkIns: { met: boolean; mentor?: { intent: string; rating?: number; note?: string }; mentee?: { intent: string } }[] };

    await h.reply(await h.nextEmail(mentor.email, /^Check-in:/), 'Met on Monday, 4 - she showed me Copilot');
    await h.reply(await h.received(mentee.email, /^Check-in:/), 'Had a great session!');
    await h.idle();
    expect((await h.emailsTo(mentor.email)).some((e) => /^Thank you for checking in/.test(e.subject))).toBe(true);
    expect((await h.emailsTo(mentee.email)).some((e) => /Could you/i.test(e.subject))).toBe(false);
    const first = (await call<CheckIns>('GET', `/pairings/${pairingId}`)).body.checkIns;
    expect(first).toEqual([
      expect.objectContaining({
        met: true,
        mentor: expect.objectContaining({ intent: 'yes', rating: 4, note: expect.stringContaining('she showed me Copilot') }),
        mentee: expect.objectContaining({ intent: 'yes' }),
      }),
    ]);

    // The fit check that follows the first meeting, answered in own words too: a yes, and a lukewarm "not sure".
    // "No, all good" says both: a no would end the pairing, so he is asked again and nothing ends.
    const fitCheck = await h.received(mentor.email, /good fit\?/, 'PT6H');
    await h.reply(fitCheck, 'No, all good');
    const again = (await h.received(mentor.email, /^Could you say that again/, 'PT1M')).text.replace(/\s+/g, ' ');
    expect(again).toContain('"No" and "all good"');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    await h.reply(fitCheck, 'So far so good!');
    await h.reply(await h.received(mentee.email, /good fit\?/, 'PT6H'), 'Could be better, we keep missing each other');
    const unsure = (await h.received(h.admin, /^Fit check of .*: not sure/, 'PT6H')).text.replace(/\s+/g, ' ');
    expect(unsure).toContain('we keep missing each other');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');

    // Each gets the second check-in at their own send time (the mentee works in Berlin): wait for both.
    const checkIns = async (to: string) => (await h.emailsTo(to)).filter((e) => /^Check-in:/.test(e.subject));
    await h.until(async () => (await checkIns(mentor.email)).length >= 2 && (await checkIns(mentee.email)).length >= 2, 'PT1H', 24 * 30);
    await h.reply((await checkIns(mentor.email))[1]!, 'Had to cancel, she was ill');
    await h.reply((await checkIns(mentee.email))[1]!, "Haven't had the chance yet");
    await h.idle();
    const second = (await call<CheckIns>('GET', `/pairings/${pairingId}`)).body.checkIns;
    expect(second).toHaveLength(2);
    expect(second[1]).toMatchObject({ met: false, mentor: { intent: 'no' }, mentee: { intent: 'no' } });
  });
});
