import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, inject, it } from 'vitest';
import type { PairingEnd } from '../../functions/domain/update-ends';
import { call, lambdaContext, useCloudTable } from '../workflows/api-gateway';
import { activePair, lifecycleHarness } from '../workflows/harness';

/**
 * QA: HR fixed a typo with `PATCH /participants/{id} {"department":"Operations"}`; the answer was
 * 200 `changed: ["department"]` and nothing else, and within the minute the person's running
 * pairing ended as `department-changed`, both people emailed that it had ended. A change that would
 * end running pairings is now answered 409 naming them (ids, program, why; never the partner) and
 * nothing is stored, unless the request says it means it with `?confirm=end-pairings`: then the 200
 * lists the pairings it ends (docs/admin-api.md, "A change that ends pairings"; docs/decisions.md, "No pairing ends
 * by surprise"). An HR system's ParticipantUpdated has nobody to ask: it goes ahead, and its outcome
 * names the pairings it ends.
 */

const patch = (id: string, body: unknown, query = '') => call('PATCH', `/participants/${id}${query}`, body);

/** A pair of a program that pairs people of different departments only: the mentee is in Operations, the mentor in another one. */
async function pairAcrossDepartments() {
  const h = lifecycleHarness();
  const programId = await h.program({ matching: { rules: { notSameDepartment: true } } });
  const pair = await activePair(h, programId);
  expect((await h.pairing(pair.pairingId)).pairing.status).toBe('active');
  return { h, ...pair };
}

describe('PATCH /participants/{id}: a change that would end running pairings', () => {
  it('is answered 409 naming the pairings, stores nothing and ends nothing, until it is confirmed; then the 200 lists them and they end', async () => {
    const { h, programId, mentor, mentee, pairingId } = await pairAcrossDepartments();
    const before = (await call('GET', `/participants/${mentor.participantId}`)).body;
    const end: PairingEnd = { pairingId, programId, reason: 'department-changed' };

    const held = await patch(mentor.participantId, { department: 'Operations' });
    expect(held.status, JSON.stringify(held.body)).toBe(409);
    expect(held.body.pairingsToEnd).toEqual([end]);
    expect(held.body.issues).toEqual([
      {
        field: 'department',
        message: `would end running pairing ${pairingId} in program ${programId}: the two people of the pair would be in one department, which the program's rules do not allow`,
      },
    ]);
    expect(held.body.error).toMatch(new RegExp(`^The change was not made: it would end a running pairing: ${pairingId} in program ${programId}, as `));
    expect(held.body.error).toContain('send it again with ?confirm=end-pairings');
    // Ids only: neither person's name or address.
    expect(JSON.stringify(held.body)).not.toMatch(/Mia Mentor|Sam Senior|@example\.com/);

    // Nothing stored, nothing ended, nobody told: not now, not within the minute.
    expect((await call('GET', `/participants/${mentor.participantId}`)).body).toEqual(before);
    await h.advance('PT2M');
    await h.idle();
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'active' });
    expect((await h.pairing(pairingId)).pairing.controls ?? []).toEqual([]);
    for (const to of [mentor.email, mentee.email]) expect((await h.emailsTo(to)).filter((e) => /has ended/.test(e.subject))).toEqual([]);

    // A confirmation it does not know is refused, naming the one it takes.
    const unknown = await patch(mentor.participantId, { department: 'Operations' }, '?confirm=yes');
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ field: 'confirm', message: 'must be end-pairings' }]);

    // The typo fixed: a department the rules allow goes through at once and ends nothing.
    const fixed = await patch(mentor.participantId, { department: 'Design' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ department: 'Design', changed: ['department'], pairingsEnded: [] });

    // HR means it: the change is stored and the 200 names the pairing it ends.
    const meant = await patch(mentor.participantId, { department: 'Operations' }, '?confirm=end-pairings');
    expect(meant.status, JSON.stringify(meant.body)).toBe(200);
    expect(meant.body).toMatchObject({ department: 'Operations', changed: ['department'], pairingsEnded: [end] });
    // Safe to repeat, with the confirmation or without it: the pairing is ending already (or has ended).
    const again = await patch(mentor.participantId, { department: 'Operations' }, '?confirm=end-pairings');
    expect(again.status).toBe(200);
    expect(again.body.changed).toEqual([]);
    const plain = await patch(mentor.participantId, { department: 'Operations' });
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
    expect(plain.body.changed).toEqual([]);

    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 2);
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'department-changed' });
    await h.received(mentee.email, /has ended/);
    // Once it has ended, the same change ends nothing more.
    const after = await patch(mentor.participantId, { department: 'Operations' }, '?confirm=end-pairings');
    expect(after.body).toMatchObject({ changed: [], pairingsEnded: [] });
  });

  it('a change that ends no pairing needs no confirmation, and the confirmation on it does no harm', async () => {
    const { mentor, pairingId, h } = await pairAcrossDepartments();
    const renamed = await patch(mentor.participantId, { name: `Mia Renamed${h.tag}`, department: 'Design' }, '?confirm=end-pairings');
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ department: 'Design', pairingsEnded: [] });
    expect([...renamed.body.changed].sort()).toEqual(['department', 'name']);
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
  });
});

describe('ParticipantUpdated from an HR system: a change that ends running pairings', () => {
  it('goes ahead (nobody to ask), and its outcome names the pairings it ends', async () => {
    const { h, programId, mentor, pairingId } = await pairAcrossDepartments();
    // The handler as EventBridge invokes it, against the local cloud's table and Step Functions.
    useCloudTable();
    process.env.AWS_ENDPOINT_URL_SFN = inject('cloud').baseUrl;
    const { handler } = await import('../../functions/participant-updated');
    // No `time`: this process reads the real clock and the cloud a simulated one, so the event is dated by neither.
    const event = {
      version: '0',
      id: `ev-${h.tag}`,
      'detail-type': 'ParticipantUpdated',
      source: 'hr.system',
      account: '000000000000',
      region: 'us-east-1',
      resources: [],
      detail: { participantId: mentor.participantId, department: 'operations' },
    } as unknown as EventBridgeEvent<string, unknown>;
    const outcome = await handler(event, lambdaContext('ParticipantUpdated'));
    expect(outcome).toEqual({ changed: ['department'], pairingsEnded: [{ pairingId, programId, reason: 'department-changed' }] });
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 2);
    expect((await h.pairing(pairingId)).pairing.statusReason).toBe('department-changed');
  });
});
