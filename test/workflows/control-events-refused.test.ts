import { afterAll, describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { hrSystem } from './hr-system';
import { activePair, lifecycleHarness } from './harness';

/**
 * QA events9, pause/resume/end events from an HR system (docs/admin-api.md, "HR systems: events on
 * the bus"): one for a pairing that has already finished, dated after its end, is refused with the
 * reason the admin API's 409 gives and lands in the dead letters, while a duplicate delivery of the
 * end that ended it is not; one naming another program than the pairing's is refused and changes
 * nothing.
 */
const hris = hrSystem('hris.acme');
afterAll(() => hris.close());
const { put, deadLettersOf } = hris;

describe('control events a pairing cannot take (QA events9)', () => {
  it('a pause for a pairing that has ended is dead-lettered with the admin API 409 reason; a duplicate delivery of the end that ended it is not', async () => {
    const h = lifecycleHarness();
    const { pairingId } = await activePair(h);
    const endAsked = await h.now();
    const end = await put('PairingEndRequested', { pairingId, reason: 'not-meeting' }, endAsked);
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 5);
    await h.advance('PT2M');

    // EventBridge delivers at least once: the same end again, as it was dated.
    const duplicate = await put('PairingEndRequested', { pairingId, reason: 'not-meeting' }, endAsked);
    const api = await call<{ error: string }>('POST', `/pairings/${pairingId}/pause`, {});
    expect(api.status).toBe(409);
    const pause = await put('PairingPauseRequested', { pairingId }, await h.now());
    await h.advance('PT5M');

    const dead = await deadLettersOf(pause);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.reason).toBe(`PairingPauseRequested event ${pause} was rejected: ${api.body.error}`);
    expect(api.body.error).toBe(`Pairing ${pairingId} has already finished (ended): it cannot be changed any more.`);
    expect(await deadLettersOf(duplicate)).toEqual([]);
    expect(await deadLettersOf(end)).toEqual([]);
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'not-meeting' });
  });

  it('an end naming another program than the pairing one is dead-lettered naming both, and the pairing is unchanged; its own program is taken', async () => {
    const h = lifecycleHarness();
    const { pairingId } = await activePair(h);
    const { pairing: before } = await h.pairing(pairingId);
    const other = await h.program({});

    const wrong = await put('PairingEndRequested', { pairingId, programId: other, reason: 'not-meeting' }, await h.now());
    await h.advance('PT5M');
    const dead = await deadLettersOf(wrong);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.reason).toBe(
      `PairingEndRequested event ${wrong} was rejected: Pairing ${pairingId} belongs to program ${before.programId}, not to program ${other}: nothing was changed. Check the pairing id and the programId, or leave programId out.`,
    );
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('active');
    expect(pairing.controls).toBeUndefined();
    expect(audit.map((a) => a.kind)).not.toContain('ended');

    // The pairing's own program, as crossgen's own control events carry it, is a request like any other.
    await put('PairingPauseRequested', { pairingId, programId: before.programId }, await h.now());
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'paused', 'PT1M', 3);
  });
});
