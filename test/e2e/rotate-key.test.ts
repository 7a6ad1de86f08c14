import { GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newOpaqueId, parseSigningSecret, replyAddress, signAnswerToken } from '../../functions/domain/replies';
import { run as rotateKey } from '../../local/commands/rotate-key';
import { functionsOf, synthesizeApp, TemplateResolver } from '../../local/synth';
import { lifecycleHarness, type Harness } from '../workflows/harness';
import { localCloud } from './local-cloud-client';

/**
 * `crossgen rotate-key` against the local cloud: addresses and links signed with the old key keep
 * working through the grace period, those signed with the new key work at once, and the old key
 * stops working when the grace period ends (on the simulated clock), except for what never closes:
 * an old email's standing address, one-click unsubscribe and concern links (QA: rotation).
 */

const cloud = localCloud();
const { region } = inject('cloud');
const secrets = new SecretsManagerClient({ endpoint: cloud.baseUrl, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
let inboundDomain: string;
let secretId: string;

beforeAll(async () => {
  const resolver = new TemplateResolver(await synthesizeApp({ region }));
  inboundDomain = functionsOf(resolver).find((f) => f.entry.endsWith('functions/inbound-mail.ts'))!.environment.INBOUND_DOMAIN!;
  const { SecretList = [] } = await secrets.send(new ListSecretsCommand({}));
  secretId = SecretList.find((s) => s.Name?.includes('ReplySigningKey'))!.ARN!;
});
afterAll(() => secrets.destroy());

const keys = async () => parseSigningSecret((await secrets.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString!);

async function rotate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await rotateKey(['--url', cloud.baseUrl, ...args], { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

/** What the inbound function makes of a reply to this address: a valid signature leads to the (unknown) question. */
async function replyTo(address: string): Promise<string> {
  const raw = `From: someone@example.com\r\nTo: ${address}\r\nSubject: Re: hi\r\nMessage-ID: <${newOpaqueId()}@example.com>\r\n\r\nYes\r\n`;
  const res = await fetch(`${cloud.baseUrl}/local/inbound`, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: raw });
  return ((await res.json()) as { result: { outcomes: { outcome: string }[] } }).result.outcomes[0]!.outcome;
}

/** The answer page's status for a link to a question that is not stored: 410 if signed validly, 400 if not. */
async function openLink(key: string): Promise<number> {
  const token = signAnswerToken({ opaqueId: newOpaqueId(), choice: 'yes', expiresAt: '2099-01-01T00:00:00Z' }, key);
  return (await fetch(`${cloud.baseUrl}/r/${token}`)).status;
}

type Email = Awaited<ReturnType<Harness['emails']>>[number];

/** A link of an email (`/u/` from its List-Unsubscribe header, others from its text), as the same path on the local cloud. */
function linkOf(email: Email, prefix: 'u' | 'c' | 'r'): string {
  const text = prefix === 'u' ? (email.headers.find((h) => h.name === 'List-Unsubscribe')?.value ?? '') : email.text;
  const found = new RegExp(`https?://[^\\s<>)]*/${prefix}/[A-Za-z0-9_.-]+`).exec(text)?.[0];
  expect(found, `a /${prefix}/ link in "${email.subject}"`).toBeDefined();
  return `${cloud.baseUrl}${new URL(found!).pathname}`;
}

const statusOf = async (participantId: string) => (await cloud.get<{ status: string }>(`/participants/${participantId}`)).status;

describe('crossgen rotate-key', () => {
  it('rotates the signing key with a grace period in which both keys verify, then only the new one', async () => {
    // A pair introduced before the rotation: their enrolment confirmations carry their standing
    // addresses and links, their introductions a question's address and answer links.
    const h = lifecycleHarness();
    const { mentor, mentee } = await h.pair();
    const mentorConfirmation = await h.lastEmailTo(mentor.email, /^You are enrolled/);
    const menteeConfirmation = await h.lastEmailTo(mentee.email, /^You are enrolled/);
    const introduction = await h.lastEmailTo(mentor.email, /^Meet /);

    const old = (await keys()).current;
    const oldAddress = replyAddress(newOpaqueId(), old, inboundDomain);
    expect(await replyTo(oldAddress)).toBe('unknown-question');

    const rotated = await rotate('--grace-days', '2');
    expect(rotated.code, rotated.err).toBe(0);
    const report = JSON.parse(rotated.out) as { previousValidUntil: string; rotatedAt: string };
    // The report names dates, never a key.
    expect(rotated.out).not.toContain(old);
    expect(Date.parse(report.previousValidUntil) - Date.parse(report.rotatedAt)).toBe(2 * 86_400_000);
    const after = await keys();
    expect(after.previous).toBe(old);
    expect(after.current).not.toBe(old);

    // During the grace period: what the old key signed and what the new key signs both verify.
    const newAddress = replyAddress(newOpaqueId(), after.current, inboundDomain);
    expect(await replyTo(oldAddress)).toBe('unknown-question');
    expect(await replyTo(newAddress)).toBe('unknown-question');
    expect(await openLink(old)).toBe(410);
    expect(await openLink(after.current)).toBe(410);
    expect(await replyTo(replyAddress(newOpaqueId(), 'x'.repeat(64), inboundDomain))).toBe('forged-address');
    expect(await openLink('x'.repeat(64))).toBe(400);

    // A second rotation inside the grace period would drop the old key early: refused.
    const again = await rotate();
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/previous key still verifies until/);
    expect((await keys()).current).toBe(after.current);

    // After the grace period only the new key verifies.
    await cloud.post('/local/clock', { advance: 'P3D' });
    expect(await replyTo(oldAddress)).toBe('forged-address');
    expect(await openLink(old)).toBe(400);
    expect(await replyTo(newAddress)).toBe('unknown-question');
    expect(await openLink(after.current)).toBe(410);

    // A question and its answer links close within the grace period: the old key opens them no more.
    const outcomeOf = (out: unknown) => (out as { result: { outcomes: { outcome: string }[] } }).result.outcomes[0]!.outcome;
    expect(outcomeOf(await h.reply(introduction, 'YES'))).toBe('forged-address');
    expect((await fetch(linkOf(introduction, 'r'))).status).toBe(400);
    // Made-up ids with a signature of no key are refused, as before.
    const madeUp = `${newOpaqueId()}.${'A'.repeat(42)}E`;
    expect((await fetch(`${cloud.baseUrl}/u/${madeUp}`, { method: 'POST' })).status).toBe(400);
    expect((await fetch(`${cloud.baseUrl}/c/${madeUp}`)).status).toBe(400);

    // What never closes keeps working from the old emails: the concern form opens, STOP to the
    // standing address withdraws the person as usual, and the one-click unsubscribe withdraws.
    const concern = await fetch(linkOf(mentorConfirmation, 'c'));
    expect(concern.status).toBe(200);
    expect(await concern.text()).toMatch(/I want to leave this pairing/);
    expect(outcomeOf(await h.reply(mentorConfirmation, 'STOP'))).toBe('command');
    await cloud.until('the mentor withdrawn', async () => ((await statusOf(mentor.participantId)) === 'withdrawn' ? true : undefined));
    const unsubscribe = await fetch(linkOf(menteeConfirmation, 'u'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribe.status).toBe(200);
    await cloud.until('the mentee withdrawn', async () => ((await statusOf(mentee.participantId)) === 'withdrawn' ? true : undefined));
    // Neither was told their reply was not recorded.
    expect((await h.emailsTo(mentor.email)).filter((e) => /not recorded/.test(e.subject))).toEqual([]);
  });

  it('stops the old key at the end of its grace period also in functions that read the secret just before the rotation (QA attacker)', async () => {
    const before = (await keys()).current;
    const address = replyAddress(newOpaqueId(), before, inboundDomain);
    // Both functions hold the secret as it was, the key about to be rotated out as their current one.
    expect(await replyTo(address)).toBe('unknown-question');
    expect(await openLink(before)).toBe(410);
    const rotated = await rotate('--grace-days', '1');
    expect(rotated.code, rotated.err).toBe(0);
    // A real second later the grace period has ended on the simulated clock: their copy is too old.
    await cloud.post('/local/clock', { advance: 'P2D' });
    expect(await replyTo(address)).toBe('forged-address');
    expect(await openLink(before)).toBe(400);
  });
});
