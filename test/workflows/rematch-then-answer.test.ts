import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

/**
 * QA: the mentor replies REMATCH to his open check-in, which ends the pairing (participant-rematch),
 * then "YES 3 we did meet once more" to the same check-in before its deadline. The REMATCH was
 * stored as his answer to the check-in: his end email left out that the question was still open
 * (his partner's said it), and his real answer was refused as a second one. A command is not an
 * answer (functions/domain/replies/commands.ts), as a PAUSE already was not.
 */
describe('a REMATCH reply to a check-in, then the real answer to it before its deadline', () => {
  it('keeps the question open for him: his end email says so, and his YES is recorded and counted', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { durationMonths: 3 } });
    const p = await activePair(h, programId);
    const checkIn = await h.nextEmail(p.mentor.email, /^Check-in/, 'PT6H');
    await h.received(p.mentee.email, /^Check-in/);
    const since = (await h.now()).toISOString().slice(0, 19);

    await h.reply(checkIn, 'REMATCH');
    const { pairing: ended } = await h.pairing(p.pairingId);
    expect(ended).toMatchObject({ status: 'ended', statusReason: 'participant-rematch' });
    expect(ended.round.answers.mentor).toBeUndefined();
    expect(ended.keptAfterEnd.sides).toEqual(expect.arrayContaining(['mentor', 'mentee']));

    // Each end email (held for its reader's working hours) names the question still open for them.
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    for (const who of [p.mentor.email, p.mentee.email]) {
      const end = await h.received(who, /has ended$/);
      expect(flat(end.text), who).toContain('The question you already received is still open: you can answer it until');
    }

    await h.reply(checkIn, 'YES 3 we did meet once more');
    const after = (await h.emailsTo(p.mentor.email)).filter((e) => e.sentAt >= since);
    expect(after.filter((e) => /already answered/i.test(e.subject))).toEqual([]);
    expect(after.filter((e) => /^Thank you for checking in/.test(e.subject))).toHaveLength(1);
    expect((await h.pairing(p.pairingId)).pairing.round.answers.mentor).toMatchObject({ rating: 3 });

    // The round closes at its deadline (the mentee could still answer): the meeting is counted.
    await h.advance('P8D');
    await h.idle();
    const pairing = (await call('GET', `/pairings/${p.pairingId}`)).body;
    expect(pairing).toMatchObject({ status: 'ended', statusReason: 'participant-rematch', checkInsHeld: 1 });
    expect(pairing.checkIns.filter((c: { met: boolean }) => c.met)).toHaveLength(1);
  });
});
