import { randomBytes } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * What SES does with a received message, locally: prepend the verdict headers SES receipt adds,
 * store the raw bytes in the inbound bucket under `inbound/<id>`, then invoke the inbound function
 * with an S3 ObjectCreated event for the object. The SMTP listener and `POST /local/inbound` both
 * come through here.
 */

/** The checks SES receipt reports on every message, and their values (upper case as SES writes them). */
export interface LocalVerdicts {
  readonly spf: 'pass' | 'fail' | 'softfail' | 'neutral' | 'none';
  readonly dkim: 'pass' | 'fail' | 'none';
  readonly dmarc: 'pass' | 'fail' | 'none';
  readonly spam: 'pass' | 'fail' | 'gray';
  readonly virus: 'pass' | 'fail' | 'gray' | 'processing_failed';
}

const ALL_PASS: LocalVerdicts = { spf: 'pass', dkim: 'pass', dmarc: 'pass', spam: 'pass', virus: 'pass' };
const ALLOWED: { readonly [K in keyof LocalVerdicts]: readonly string[] } = {
  spf: ['pass', 'fail', 'softfail', 'neutral', 'none'],
  dkim: ['pass', 'fail', 'none'],
  dmarc: ['pass', 'fail', 'none'],
  spam: ['pass', 'fail', 'gray'],
  virus: ['pass', 'fail', 'gray', 'processing_failed'],
};

/**
 * To simulate a failing check, a message (sent over SMTP or to `/local/inbound`) may carry
 * `X-Local-Verdicts: spf=fail; virus=fail`, and `/local/inbound?spf=fail` does the same. Checks not
 * named pass, as they do for a well-configured sender. Unknown names or values are refused.
 */
export const SIMULATE_HEADER = 'X-Local-Verdicts';

export function parseVerdictOverrides(pairs: Iterable<[string, string]>): Partial<LocalVerdicts> {
  const out: Record<string, string> = {};
  for (const [rawName, rawValue] of pairs) {
    const name = rawName.trim().toLowerCase();
    const value = rawValue.trim().toLowerCase();
    if (!(name in ALLOWED)) throw new Error(`"${rawName.trim()}" is not a verdict SES reports: use ${Object.keys(ALLOWED).join(', ')}.`);
    if (!ALLOWED[name as keyof LocalVerdicts].includes(value)) {
      throw new Error(`"${rawValue.trim()}" is not a value SES reports for ${name}: use ${ALLOWED[name as keyof LocalVerdicts].join(', ')}.`);
    }
    out[name] = value;
  }
  return out as Partial<LocalVerdicts>;
}

/** The overrides a message asks for in its own X-Local-Verdicts header (header block only). */
export function overridesInMessage(raw: Buffer): Partial<LocalVerdicts> {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw
    .subarray(0, end < 0 ? Math.min(raw.length, 64 * 1024) : end)
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${SIMULATE_HEADER.toLowerCase()}:`));
  if (!line) return {};
  const pairs = line
    .slice(SIMULATE_HEADER.length + 1)
    .split(/[;,]/)
    .map((p) => p.split('='))
    .filter((p) => p.length === 2) as [string, string][];
  return parseVerdictOverrides(pairs);
}

/** The headers SES receipt prepends, for these verdicts. */
export function sesVerdictHeaders(verdicts: LocalVerdicts, envelopeDomain = 'localhost'): string {
  const up = (v: string) => v.toUpperCase();
  return `${[
    `Received-SPF: ${verdicts.spf} (local: simulated SES receipt check) client-ip=127.0.0.1; envelope-from=${envelopeDomain};`,
    `Authentication-Results: amazonses.com; spf=${verdicts.spf} (local) smtp.mailfrom=${envelopeDomain}; dkim=${verdicts.dkim} header.i=@${envelopeDomain}; dmarc=${verdicts.dmarc} header.from=${envelopeDomain};`,
    `X-SES-Spam-Verdict: ${up(verdicts.spam)}`,
    `X-SES-Virus-Verdict: ${up(verdicts.virus)}`,
  ].join('\r\n')}\r\n`;
}

/**
 * The message as SES stores it: its verdict headers above everything the sender wrote and, for a
 * message that came over SMTP, first of all the Return-Path SES writes from the envelope sender
 * (`<>` for a bounce or an RFC 3834 auto-reply, whatever the message's own headers say).
 */
export function stampVerdicts(raw: Buffer, overrides: Partial<LocalVerdicts> = {}, envelopeFrom?: string | null): Buffer {
  const verdicts = { ...ALL_PASS, ...overridesInMessage(raw), ...overrides };
  const returnPath = envelopeFrom === undefined ? '' : `Return-Path: <${envelopeFrom ?? ''}>\r\n`;
  return Buffer.concat([Buffer.from(returnPath + sesVerdictHeaders(verdicts), 'latin1'), raw]);
}

export interface DeliverInboundOptions {
  readonly s3Endpoint: string;
  readonly bucket: string;
  /** Invokes the inbound function (the local Lambda runtime's invoke, bound to its logical id). */
  readonly invoke: (event: unknown) => Promise<unknown>;
  /** @default eu-west-1 */
  readonly region?: string;
  /** Verdicts to report instead of a pass (see SIMULATE_HEADER). */
  readonly verdicts?: Partial<LocalVerdicts>;
  /** The SMTP envelope's MAIL FROM (null for `MAIL FROM:<>`); unknown for a message posted to /local/inbound. */
  readonly envelopeFrom?: string | null;
}

export interface DeliveredInbound {
  readonly key: string;
  /** What the function returned (its per-object outcomes). */
  readonly result: unknown;
}

const clients = new Map<string, S3Client>();

function clientFor(endpoint: string, region: string): S3Client {
  let client = clients.get(endpoint);
  if (!client) {
    client = new S3Client({
      endpoint,
      region,
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // s3rver stores aws-chunked framing unless checksums are only computed when required (NOTES.md).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    clients.set(endpoint, client);
  }
  return client;
}

/** Object ids shaped like SES's: lower-case, unique, no meaning. */
function newObjectId(): string {
  return randomBytes(20).toString('hex');
}

/** The S3 notification SES's write would cause (one record, ObjectCreated:Put). */
export function objectCreatedEvent(bucket: string, key: string, size: number, region = 'eu-west-1'): unknown {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:ses.amazonaws.com' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': newObjectId().slice(0, 16), 'x-amz-id-2': newObjectId() },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'InboundMail',
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
          // Event keys are URL-encoded, as on AWS.
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size, sequencer: Date.now().toString(16).toUpperCase() },
        },
      },
    ],
  };
}

export async function deliverInbound(raw: Buffer, opts: DeliverInboundOptions): Promise<DeliveredInbound> {
  if (!Buffer.isBuffer(raw) || raw.length === 0) throw new Error('There is no message to deliver: pass the raw email (.eml bytes).');
  const region = opts.region ?? 'eu-west-1';
  const key = `inbound/${newObjectId()}`;
  const stored = stampVerdicts(raw, opts.verdicts, opts.envelopeFrom);
  await clientFor(opts.s3Endpoint, region).send(new PutObjectCommand({ Bucket: opts.bucket, Key: key, Body: stored, ContentType: 'message/rfc822' }));
  const result = await opts.invoke(objectCreatedEvent(opts.bucket, key, stored.length, region));
  return { key, result };
}
