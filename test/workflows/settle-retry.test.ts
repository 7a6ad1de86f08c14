import { afterEach, describe, expect, inject, it } from 'vitest';
import { clearFaults, faultsInjected, injectFaults } from './faults';
import { lifecycleHarness } from './harness';

/**
 * A step that ends a pairing also settles its people (graduates become `completed`; after an early
 * end, each person's status for a rematch). If that fails after the step's transaction, the retry
 * finds the decision stored and decides nothing new: what it must still apply is stored with the
 * step (functions/domain/pairing/settle.ts) and applied on the retry.
 */

const cloud = inject('cloud');

const statusOf = async (participantId: string) => ((await (await fetch(`${cloud.baseUrl}/participants/${participantId}`)).json()) as { status: string }).status;

afterEach(async () => {
  await clearFaults(cloud.baseUrl);
});

describe('settling the people of an ended pairing survives a failed step', () => {
  it('graduates both people although settling them failed on the step that completed the pairing (DynamoDB throttled past the SDK retries)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { durationMonths: 1, milestoneDays: [] } });
    const { mentor, mentee, pairingId, executionArn } = await h.pair({ programId });
    const people = [mentor.email, mentee.email];
    expect(await h.answerAll(people, () => 'yes')).toBe(2);
    const final = (e: { text: string }) => e.text.includes('The program itself');
    const answer = (e: { subject: string }) => (/questions/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4');

    // Run the month until both final reviews are out, answering everything else.
    const finalsOut = async () => (await h.emails()).filter((e) => people.some((p) => e.to.includes(p)) && final(e)).length >= 2;
    for (let day = 0; day < 120 && !(await finalsOut()); day++) {
      await h.answerAll(people, (e) => (final(e) ? undefined : answer(e)));
      await h.advance('P1D');
    }
    expect(await finalsOut()).toBe(true);
    // Paired by hand (not by matching): they are still `enrolled` until the pairing completes.
    for (const p of [mentor, mentee]) expect(await statusOf(p.participantId)).toBe('enrolled');

    // The final reviews go unanswered: the pairing completes when they close, on a timer. On that
    // step, reading the mentor (the first thing settling does) is throttled past the SDK's four attempts (DynamoDB's default).
    await injectFaults(cloud.baseUrl, [
      { service: 'dynamodb', kind: 'throttle', count: 4, operation: 'Query', keyPrefix: `PARTICIPANT#${mentor.participantId}` },
    ]);
    const status = await h.runUntilDone(executionArn, people, (e) => (final(e) ? undefined : answer(e)), 'P1D', 60);
    expect(await faultsInjected(cloud.baseUrl)).toBe(4);
    expect(status, await h.failure(executionArn)).toBe('SUCCEEDED');
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('completed');
    expect(audit.map((a) => a.kind)).not.toContain('on-hold');
    for (const p of [mentor, mentee]) expect(await statusOf(p.participantId)).toBe('completed');
  });
});
