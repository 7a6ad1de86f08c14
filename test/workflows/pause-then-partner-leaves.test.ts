import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';
import { pairAtCheckInWithAPlaceFree, participant, rematchedOnlyWhenBack, toldOfANewPartnerWhenBack } from './pause-overruled';

describe("PairingLifecycle: the partner leaves a pairing paused at a member's request", () => {
  it('the one away is told their pause is noted and is offered a new partner only from the day it lasts until', async () => {
    const h = lifecycleHarness();
    const { nia, mentee, pairingId, checkIn, mentorsCheckIn, back } = await pairAtCheckInWithAPlaceFree(h, 28);

    await h.reply(checkIn, `PAUSE until ${back}`);
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'paused', 'PT1M', 30);
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ pausedUntilDay: back });

    // A few days into the pause, the partner leaves.
    await h.advance('P3D');
    await h.reply(mentorsCheckIn, 'STOP');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 30);
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.statusReason).toBe('participant-withdrew');
    expect(audit.find((a) => a.kind === 'pause-overruled')?.detail).toMatchObject({ side: 'mentee', until: back });
    // Recorded as a NO with a return date is: no matching run offers them before that day.
    expect(await participant(mentee.participantId)).toMatchObject({ status: 'awaiting-rematch', availableFrom: back });

    const { told, day } = await toldOfANewPartnerWhenBack(h, mentee.email, back);
    expect(told).toMatch(new RegExp(`Your pairing was paused until ${day}, as you asked\\. With the pairing ended there is nothing left to pause`));

    // Nia's free place is not offered to them while they are away; the rematch comes on their day.
    await rematchedOnlyWhenBack(h, { pairingId, mentee, nia, back });
  });
});
