import { afterEach, describe, expect, inject, it } from 'vitest';
import { clearFaults, faultsInjected, injectFaults } from './faults';
import { lifecycleHarness } from './harness';
import { pairAtCheckInWithAPlaceFree, participant, rematchedOnlyWhenBack, toldOfANewPartnerWhenBack } from './pause-overruled';

const cloud = inject('cloud');

/** Holds the shared simulated clock (0), or lets it flow again as the test cloud does (1). */
async function clockSpeed(speed: 0 | 1): Promise<void> {
  const res = await fetch(`${cloud.baseUrl}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ speed }) });
  expect(res.status, await res.text()).toBe(200);
}

describe("PairingLifecycle: a PAUSE that arrives with the partner's STOP", () => {
  afterEach(async () => {
    await clearFaults(cloud.baseUrl);
    await clockSpeed(1);
  });

  it('the end wins, the PAUSE is answered in the end email, and the one away is offered a new partner only from the day they are back', async () => {
    const h = lifecycleHarness();
    const { nia, mentee, pairingId, checkIn, mentorsCheckIn, back } = await pairAtCheckInWithAPlaceFree(h, 42);

    // Both requests must be waiting when one step acts: the step the PAUSE wakes fails (its commit
    // throttled beyond the SDK's retries) and the state machine retries it after a backoff, which
    // the held clock keeps from coming before the partner's STOP (the fault is cleared by then).
    await clockSpeed(0);
    await injectFaults(cloud.baseUrl, [
      { service: 'dynamodb', kind: 'throttle', count: 20, operation: 'TransactWriteItems', keyPrefix: `PAIRING#${pairingId}` },
    ]);
    await h.reply(checkIn, `PAUSE until ${back}`);
    expect(await faultsInjected(cloud.baseUrl)).toBeGreaterThan(0);
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    await h.reply(mentorsCheckIn, 'STOP');
    expect((await h.pairing(pairingId)).pairing.controls.map((c: { kind: string }) => c.kind)).toEqual(['pause', 'left']);
    await clearFaults(cloud.baseUrl);
    await clockSpeed(1);
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 30);

    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.statusReason).toBe('participant-withdrew');
    expect(audit.map((a) => a.kind)).toContain('pause-overruled');
    expect(audit.map((a) => a.kind)).not.toContain('paused');
    // Recorded as a NO with a return date is: no matching run offers them before that day.
    expect(await participant(mentee.participantId)).toMatchObject({ status: 'awaiting-rematch', availableFrom: back });

    const { told, day } = await toldOfANewPartnerWhenBack(h, mentee.email, back);
    expect(told).toMatch(new RegExp(`We also received your request to pause until ${day}\\. With the pairing ended there is nothing left to pause`));

    // Nia's free place is not offered to them while they are away; the rematch comes on their day.
    await rematchedOnlyWhenBack(h, { pairingId, mentee, nia, back });
  });
});
