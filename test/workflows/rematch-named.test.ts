import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

describe('PairingLifecycle: a mentor with two mentees names the one they mean', () => {
  it('"REMATCH Bo" in reply to the check-in about Cleo ends the pairing with Bo, as the footer promises; Cleo\'s goes on', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { checkInCadenceDays: 7 } });
    const mentor = await h.enrol({ programId, role: 'mentor', name: 'Mia Mentor', capacity: 2, topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
    const cleo = await h.pair({ programId, mentor, menteeName: 'Cleo Senior' });
    const bo = await h.pair({ programId, mentor, menteeName: 'Bo Senior' });
    for (const p of [cleo, bo]) {
      await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'yes');
      await h.reply(await h.received(mentor.email, p === cleo ? /^Meet Cleo/ : /^Meet Bo/), 'yes');
    }
    await h.until(
      async () => (await h.pairing(cleo.pairingId)).pairing.status === 'active' && (await h.pairing(bo.pairingId)).pairing.status === 'active',
      'PT6H',
      4 * 8,
    );
    // The first check-in about Cleo, and what its footer offers a mentor with two mentees.
    const checkIn = await h.received(mentor.email, /^Check-in:.*Cleo/, 'PT6H');
    expect(checkIn.text.replace(/\s+/g, ' ')).toMatch(
      /Reply REMATCH with that partner's name \("REMATCH (Cleo|Bo)" or "REMATCH (Cleo|Bo)"\): that pairing ends kindly/,
    );

    await h.reply(checkIn, 'REMATCH Bo');
    await h.idle();
    await h.until(async () => (await h.pairing(bo.pairingId)).pairing.status === 'ended', 'PT1H', 24);
    const cleoNow = await h.pairing(cleo.pairingId);
    expect(cleoNow.pairing.status).toBe('active');
    // The check-in about Cleo stays open for its own answer: nothing was recorded on it.
    expect(cleoNow.pairing.round?.answers?.mentor).toBeUndefined();
    await h.reply(checkIn, 'yes 5');
    await h.idle();
    expect((await h.pairing(cleo.pairingId)).pairing.round?.answers?.mentor).toMatchObject({ rating: 5 });
  });
});
