import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb';
import { activePair, type Harness, lifecycleHarness } from '../workflows/harness';
import { exited, startCloud } from './cloud-process';

const REGION = 'eu-west-1';

type Email = Awaited<ReturnType<Harness['emails']>>[number];

/**
 * An accepted request outlives a kill -9 straight after its answer (docs/local.md, Restarts): the
 * event PutEvents took and the async Lambda invocation queued for it are journaled under --data,
 * and the restart delivers again what had not finished.
 */
describe('crossgen local --data keeps an accepted event through a kill -9', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-restart-durable-'));
  let current: { child: ChildProcess; baseUrl: string } | undefined;
  afterAll(async () => {
    if (current) await exited(current.child, 'SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A cloud on `dataDir`: the one running, or a new one. */
  async function cloud(): Promise<{ child: ChildProcess; baseUrl: string }> {
    if (current && current.child.exitCode === null && current.child.signalCode === null) return current;
    const started = startCloud(dataDir, await freePort());
    current = { child: started.child, baseUrl: await started.ready };
    return current;
  }

  /** kill -9 (nothing gets to finish or save on the way out), then a new cloud on the same data and port. */
  async function killAndRestart(): Promise<string> {
    const { child, baseUrl } = current!;
    await exited(child, 'SIGKILL');
    const port = Number(new URL(baseUrl).port);
    const second = startCloud(dataDir, port);
    current = { child: second.child, baseUrl: await second.ready };
    expect(current.baseUrl).toBe(baseUrl);
    return baseUrl;
  }

  /** A reply to `email` through the inbound path, as the harness sends it, but with no /local/idle after it. */
  async function replyAndGo(baseUrl: string, email: Email, text: string): Promise<unknown> {
    const raw = [
      `From: <${email.to[0]}>`,
      `To: <${email.replyTo[0]}>`,
      `Subject: Re: ${email.subject}`,
      `Message-ID: <${randomBytes(8).toString('hex')}@mail.example.com>`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      '',
    ].join('\r\n');
    const res = await fetch(`${baseUrl}/local/inbound`, { method: 'POST', body: raw });
    expect(res.status).toBe(202);
    return res.json();
  }

  const count = async (h: Harness, to: string, subject: RegExp) => (await h.emailsTo(to)).filter((e) => subject.test(e.subject)).length;

  // A bound, not a measure: two cloud starts and a pairing on a machine that may be busy.
  it('killed at once after a STOP reply was acknowledged: after the restart the participant is withdrawn, the pairing ended, the partner told once', {
    timeout: 600_000,
  }, async () => {
    const { baseUrl } = await cloud();
    const h = lifecycleHarness({ baseUrl, region: REGION });
    const { mentor, mentee, pairingId, executionArn } = await activePair(h);
    const last = (await h.emailsTo(mentee.email)).filter((e) => e.replyTo.length > 0).at(-1)!;
    const answer = await replyAndGo(baseUrl, last, 'STOP');
    expect(JSON.stringify(answer)).toContain('"command"');
    await killAndRestart();
    await h.idle();

    const participants = (await (await fetch(`${baseUrl}/local/participants?programId=${encodeURIComponent(await programOf(h, pairingId))}`)).json()) as {
      participantId: string;
      status: string;
    }[];
    expect(participants.find((p) => p.participantId === mentee.participantId)?.status).toBe('withdrawn');
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'PT6H', 40);
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');
    await h.received(mentor.email, /has left the program/);
    // A few days on: the news came once, and the person who said STOP heard nothing more.
    await h.advance('P3D');
    expect(await count(h, mentor.email, /has left the program|has moved on/)).toBe(1);
    expect((await h.emailsTo(mentee.email)).filter((e) => Date.parse(e.sentAt) > Date.parse(last.sentAt)).map((e) => e.subject)).toEqual([]);
    const events = (await (await fetch(`${baseUrl}/local/events`)).json()) as { event: { 'detail-type': string; detail: Record<string, unknown> } }[];
    expect(events.filter((e) => e.event['detail-type'] === 'ParticipantWithdrew' && e.event.detail.participantId === mentee.participantId)).toHaveLength(1);
  });

  // A bound, not a measure: a cloud start (maybe two) and a pairing on a machine that may be busy.
  it('killed at once after an admin END was accepted (202): after the restart the pairing ends and both are told once', { timeout: 600_000 }, async () => {
    const { baseUrl } = await cloud();
    const h = lifecycleHarness({ baseUrl, region: REGION });
    const { mentor, mentee, pairingId, executionArn } = await activePair(h);
    const res = await fetch(`${baseUrl}/pairings/${pairingId}/end`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'admin-decision' }),
    });
    expect(res.status, await res.clone().text()).toBe(202);
    await killAndRestart();
    await h.idle();

    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'PT6H', 40);
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');
    for (const who of [mentor.email, mentee.email]) await h.received(who, /has ended/);
    await h.advance('P3D');
    for (const who of [mentor.email, mentee.email]) expect(await count(h, who, /has ended/), who).toBe(1);
    expect(await h.events(pairingId)).toContain('PairingEndRequested');
  });
});

async function programOf(h: Harness, pairingId: string): Promise<string> {
  return String((await h.pairing(pairingId)).pairing.programId);
}
