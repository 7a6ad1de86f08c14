import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import sesLocal from 'aws-ses-v2-local';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMailer, InvalidEmailRequest, isThrottling, throttleBackoffMs } from '../../../functions/adapters/mailer';
import { recognition, type RenderedEmail } from '../../../functions/domain/emails';
import { SEND_WAIT_MS, SendBacklog } from '../../../functions/domain/send-rate';

/** What aws-ses-v2-local keeps of a Simple send (see /work/shared/NOTES.md). */
interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  headers?: { name: string; value: string }[];
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = await sesLocal({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The mailer builds its own client: it must find the emulator through the standard variable.
  vi.stubEnv('AWS_ENDPOINT_URL_SESV2', base);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  await fetch(`${base}/clear-store`, { method: 'POST' });
});

async function stored(): Promise<StoredEmail[]> {
  const res = await fetch(`${base}/store`);
  return ((await res.json()) as { emails: StoredEmail[] }).emails;
}

const email = recognition({
  to: { name: 'Alex Morgan', timeZone: 'Europe/London' },
  program: { name: 'Spring 2027', admin: { name: 'Priya', email: 'priya@example.org' } },
  role: 'mentor',
  partner: { name: 'Sam Lee' },
  journey: {
    startedOn: '2027-01-12T09:00:00Z',
    completedOn: '2027-07-13T09:00:00Z',
    checkInsHeld: 11,
    topics: ['ai-tools'],
    milestones: [{ label: 'Day 30', progress: 4 }],
  },
});

describe('mailer against the SESv2 emulator', () => {
  it('sends both parts, the reply address, our headers and the attachment as bytes', async () => {
    const mailer = createMailer({ from: 'crossgen <no-reply@mail.example.org>', configurationSetName: 'crossgen-events' });
    const replyTo = 'reply+q7Kd2.f3a9c1@in.example.org';
    const { messageId } = await mailer.send({
      to: ['alex.morgan@example.org'],
      replyTo,
      email,
      tags: { pairingId: 'pair-0042' },
      headers: { 'List-Unsubscribe': `<mailto:${replyTo}?subject=STOP>` },
    });

    const [sent, ...others] = await stored();
    expect(others).toEqual([]);
    expect(sent!.messageId).toBe(messageId);
    expect(sent!.from).toBe('crossgen <no-reply@mail.example.org>');
    expect(sent!.destination).toEqual({ to: ['alex.morgan@example.org'], cc: [], bcc: [] });
    expect(sent!.replyTo).toEqual([replyTo]);
    expect(sent!.subject).toBe(email.subject);
    expect(sent!.body.html).toBe(email.html);
    expect(sent!.body.text).toBe(email.text);
    expect(sent!.headers).toEqual(
      expect.arrayContaining([
        { name: 'Auto-Submitted', value: 'auto-generated' },
        { name: 'X-Auto-Response-Suppress', value: 'All' },
        { name: 'List-Unsubscribe', value: `<mailto:${replyTo}?subject=STOP>` },
      ]),
    );
    const certificate = email.attachments![0]!;
    expect(sent!.attachments).toHaveLength(1);
    expect(sent!.attachments[0]).toMatchObject({ filename: certificate.filename, contentType: 'image/svg+xml', size: certificate.content.length });
    // Decoded once, the stored content is the SVG itself: it was sent as bytes, not as base64 text.
    expect(Buffer.from(sent!.attachments[0]!.content, 'base64').equals(certificate.content)).toBe(true);
  });

  it('accepts a single address as the intake does, and sends several recipients', async () => {
    const mailer = createMailer({ from: 'no-reply@mail.example.org' });
    await mailer.send({ to: 'one@example.org', email });
    await mailer.send({ to: ['a@example.org', 'b@example.org'], email: { ...email, attachments: [] } });
    const [first, second] = await stored();
    expect(first!.destination.to).toEqual(['one@example.org']);
    expect(first!.replyTo).toEqual([]);
    expect(second!.destination.to).toEqual(['a@example.org', 'b@example.org']);
    expect(second!.attachments).toEqual([]);
  });

  it('refuses what SES would refuse before sending anything, saying what to fix', async () => {
    const mailer = createMailer({ from: 'no-reply@mail.example.org' });
    const send = (overrides: Partial<Parameters<typeof mailer.send>[0]>) => mailer.send({ to: ['ok@example.org'], email, ...overrides });
    await expect(send({ to: ['not an address'] })).rejects.toThrow(/recipient address "not an address" is not a valid email address/);
    await expect(send({ to: [] })).rejects.toThrow(/no recipient/);
    await expect(send({ to: Array.from({ length: 51 }, (_, i) => `p${i}@example.org`) })).rejects.toThrow(/at most 50/);
    await expect(send({ replyTo: ['reply@'] })).rejects.toThrow(/Reply-To address "reply@"/);
    await expect(send({ headers: { 'X-Bad': 'a\r\nBcc: someone@example.org' } })).rejects.toThrow(InvalidEmailRequest);
    await expect(send({ tags: { person: 'alex.morgan@example.org' } })).rejects.toThrow(/ids rather than names or addresses/);
    const badSubject: RenderedEmail = { ...email, subject: 'Hi\r\nBcc: x@example.org' };
    await expect(send({ email: badSubject })).rejects.toThrow(/multi-line subject/);
    expect(() => createMailer({ from: 'crossgen' })).toThrow(/set MAIL_FROM/);
    expect(await stored()).toEqual([]);
  });
});

describe('mailer priority when the send queue is full', () => {
  it('asks the pacer for a bulk or an interactive wait, and leaves a SendBacklog to its caller without sending', async () => {
    const asked: (number | undefined)[] = [];
    let fullFor: number | undefined;
    const pacer = {
      async acquire(maxWaitMs?: number) {
        asked.push(maxWaitMs);
        if (fullFor !== undefined && maxWaitMs !== undefined && fullFor > maxWaitMs) throw new SendBacklog(fullFor - maxWaitMs);
      },
    };
    const bulk = createMailer({ from: 'no-reply@mail.example.org', pacer, priority: 'bulk' });
    const person = createMailer({ from: 'no-reply@mail.example.org', pacer });
    await bulk.send({ to: 'one@example.org', email });
    await person.send({ to: 'two@example.org', email });
    expect(asked).toEqual([SEND_WAIT_MS.bulk, SEND_WAIT_MS.interactive]);
    // The queue is full 15 s ahead: the bulk send gives way, the person's answer still goes.
    fullFor = 15_000;
    const held = await bulk.send({ to: 'three@example.org', email }).catch((e: unknown) => e);
    expect(held).toBeInstanceOf(SendBacklog);
    expect((held as SendBacklog).retryAfterMs).toBe(5_000);
    await person.send({ to: 'four@example.org', email });
    expect((await stored()).map((e) => e.destination.to[0])).toEqual(['one@example.org', 'two@example.org', 'four@example.org']);
  });
});

describe('mailer backoff when SES throttles', () => {
  it('waits half the exponential step plus a random half, capped', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4].map((retry) => throttleBackoffMs(retry, 200, 1000, low))).toEqual([100, 200, 400, 500]);
    expect([1, 2, 3, 4].map((retry) => throttleBackoffMs(retry, 200, 1000, high))).toEqual([200, 400, 800, 1000]);
  });

  it('treats SES throttling (by name or HTTP 429) as retryable and nothing else', () => {
    expect(isThrottling(Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' }))).toBe(true);
    expect(isThrottling(Object.assign(new Error('x'), { name: 'Unknown', $metadata: { httpStatusCode: 429 } }))).toBe(true);
    expect(isThrottling(Object.assign(new Error('x'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } }))).toBe(false);
    expect(isThrottling(new InvalidEmailRequest('bad'))).toBe(false);
    expect(isThrottling(undefined)).toBe(false);
  });
});
