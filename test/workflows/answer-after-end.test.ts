import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

/**
 * QA (repro-stop-then-yes): a check-in says "Please answer by Monday"; the mentor replies STOP
 * before then, and the mentee's "YES 5 ..." a moment later to the same still-dated check-in was
 * refused as closed, the meeting lost. An early end keeps what was already asked
 * (docs/lifecycle.md): the answer counts, once, and the pairing stays ended.
 */
describe('a check-in answered after the partner replied STOP, before its deadline', () => {
  it('counts the meeting, thanks the mentee after the partner-left email without a next check-in, once, and stays ended', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { durationMonths: 3 } });
    const p = await activePair(h, programId);
    const checkIns = async (to: string) => (await h.emailsTo(to)).filter((e) => /^Check-in/.test(e.subject));
    const both = (n: number) => async () => (await checkIns(p.mentor.email)).length >= n && (await checkIns(p.mentee.email)).length >= n;
    await h.until(both(1), 'P1D', 30);
    for (const who of [p.mentor, p.mentee]) await h.reply((await checkIns(who.email))[0]!, 'YES 4 first session');
    // The fit check comes between the two check-ins.
    await h.until(
      async () => {
        await h.answerAll([p.mentor.email, p.mentee.email], (e) => (/good fit/.test(e.subject) ? 'YES' : undefined));
        return both(2)();
      },
      'P1D',
      40,
    );

    const question = (await checkIns(p.mentee.email))[1]!;
    expect(question.text).toMatch(/Please answer by/);
    const since = (await h.now()).toISOString().slice(0, 19);
    await h.reply((await checkIns(p.mentor.email))[1]!, 'STOP');
    expect((await h.pairing(p.pairingId)).pairing.status).toBe('ended');
    await h.reply(question, 'YES 5 we met on Monday and it went very well');
    // The same answer again (sent twice): recorded once.
    await h.reply(question, 'YES 5 we met on Monday and it went very well');
    await h.advance('P2D');
    await h.idle();

    const pairing = (await call('GET', `/pairings/${p.pairingId}`)).body;
    expect(pairing).toMatchObject({ status: 'ended', statusReason: 'participant-withdrew', checkInsHeld: 2, checkInsMissed: 0 });
    expect(pairing.checkIns.filter((c: { met: boolean }) => c.met)).toHaveLength(2);
    const report = (await call('GET', `/programs/${programId}/report`)).body;
    expect(report.engagement).toMatchObject({ checkInsHeld: 2 });

    const after = (await h.emailsTo(p.mentee.email)).filter((e) => e.sentAt >= since);
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    expect(after.filter((e) => /already closed/.test(e.subject))).toEqual([]);
    const left = after.find((e) => /has left the program/.test(e.subject))!;
    expect(flat(left.text)).toContain('The 1 meeting you had together is recorded');
    expect(flat(left.text)).toContain('The question you already received is still open: you can answer it until');
    const thanks = after.filter((e) => /^Thank you for checking in/.test(e.subject));
    expect(thanks).toHaveLength(1);
    expect(thanks[0]!.sentAt >= left.sentAt).toBe(true);
    expect(flat(thanks[0]!.text)).toContain('That makes 2 meetings together in all.');
    expect(flat(thanks[0]!.text)).toContain('has ended, so no more check-ins come for it');
    expect(thanks[0]!.text).not.toMatch(/next check-in/i);
    // The second delivery of the same answer: told it was answered already, not recorded again.
    expect(after.filter((e) => /already answered/.test(e.subject))).toHaveLength(1);
    // Nothing asked after the end, and the execution finished once the kept question was answered.
    expect(after.filter((e) => /^Check-in|good fit|review/i.test(e.subject))).toEqual([]);
    expect((await h.execution(p.executionArn)).status).toBe('SUCCEEDED');
  });
});
