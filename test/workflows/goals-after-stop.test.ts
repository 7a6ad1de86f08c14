import { describe, expect, inject, it } from 'vitest';
import { lifecycleHarness } from './harness';

const cloud = inject('cloud');
const GOALS = /^Your goals with /;

/** Moves the shared simulated clock to `at` (later than now) and waits until what that set off ran. */
async function clockTo(at: Date): Promise<void> {
  const res = await fetch(`${cloud.baseUrl}/local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: at.toISOString() }),
  });
  expect(res.status, await res.text()).toBe(200);
  await fetch(`${cloud.baseUrl}/local/idle`, { method: 'POST' });
}

/**
 * QA (reproduced twice): Sora (Tokyo) said YES to his introduction; his partner said YES with goals
 * late in Tokyo's evening, so Sora's "Your goals with Rafael" was held for his morning. He replied
 * STOP before it: the pairing ended and Rafael was told Sora had left, and the next morning the
 * goals email still reached Sora, promising check-ins and "your first check-in email asks". An
 * email held for working hours that promises what an ended pairing will not bring never goes.
 */
describe('PairingLifecycle: a goals email held past STOP', () => {
  it('is cancelled with the end, never sent the morning after', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { durationMonths: 1, checkInCadenceDays: 14 } });
    const sora = await h.enrol({
      programId,
      role: 'mentor',
      name: `Sora Tanaka${h.tag}`,
      timeZone: 'Asia/Tokyo',
      topicsOffered: ['ai-tools', 'social-media'],
      topicsWanted: ['strategy'],
    });
    const { mentee: rafael, pairingId, executionArn } = await h.pair({ programId, mentor: sora, menteeName: `Rafael Lima${h.tag}` });
    await h.reply(await h.lastEmailTo(sora.email, /^Meet /), 'YES');

    // 14:30 UTC: 23:30 in Tokyo, long after Sora's working hours; Rafael says YES with goals.
    const now = await h.now();
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 14, 30));
    if (at.getTime() <= now.getTime()) at.setUTCDate(at.getUTCDate() + 1);
    await clockTo(at);
    await h.reply(await h.lastEmailTo(rafael.email, /^Meet /), 'YES\nGOALS:\n1. Use an AI assistant for my weekly report\n2. Run one meeting fully async');
    const accepted = await h.pairing(pairingId);
    expect(accepted.pairing.status).toBe('active');
    const held = accepted.outbox.find((o) => o.key.startsWith('email:goals-confirmed:') && o.key.endsWith(':mentor'));
    expect(held?.status, "Sora's goals email waits for his morning").toBe('pending');
    expect((await h.emailsTo(sora.email)).filter((e) => GOALS.test(e.subject))).toEqual([]);

    // Sora leaves that evening, before his morning.
    await h.reply(await h.lastEmailTo(sora.email, /^Meet /), 'STOP');
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');
    await h.received(rafael.email, /has left the program/);

    // Three days on, past Sora's next working morning (a weekend included): nothing about goals reached him.
    for (let i = 0; i < 12; i++) await h.advance('PT6H');
    expect(
      (await h.emailsTo(sora.email)).filter((e) => GOALS.test(e.subject)).map((e) => `${e.sentAt} ${e.subject}`),
      'no goals email after STOP',
    ).toEqual([]);
    const { outbox } = await h.pairing(pairingId);
    expect(outbox.find((o) => o.key === held!.key)?.status).toBe('cancelled');
    expect((await h.execution(executionArn)).status, await h.failure(executionArn)).toBe('SUCCEEDED');
  });
});
