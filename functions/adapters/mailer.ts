import { SendEmailCommand, SESv2Client, type MessageHeader } from '@aws-sdk/client-sesv2';
import { z } from 'zod';
import type { RenderedEmail } from '../domain/emails/types';
import { countBusiness } from '../shared/business-metrics';
import { tracer } from '../shared/powertools';
import { SEND_WAIT_MS, sendRateFromEnvironment, type SendPriority } from '../domain/send-rate';
import { dynamoPacer, type SendPacer } from './send-pacer';

/**
 * The one SESv2 adapter. Templates in functions/domain/emails render the content; this sends it
 * as a Simple message (SES builds the MIME, keeps our headers and attaches the files).
 *
 * The client finds its endpoint on its own (AWS_ENDPOINT_URL_SESV2 locally, the regional SES
 * endpoint on AWS), so nothing here names an endpoint.
 */

export interface MailerOptions {
  client?: SESv2Client;
  /** Sender, "no-reply@example.org" or "crossgen <no-reply@example.org>". */
  from: string;
  /** Bounces and complaints are reported through it. @default process.env.MAIL_CONFIGURATION_SET */
  configurationSetName?: string;
  /** How a send that SES throttles is tried again. */
  retry?: ThrottleRetry;
  /**
   * Keeps every send of every function to one rate (functions/adapters/send-pacer.ts).
   * @default the shared DynamoDB pacer at MAIL_MAX_SEND_RATE a second; none when it is unset
   */
  pacer?: SendPacer;
  /**
   * How long a send may wait for its slot (SEND_WAIT_MS): `bulk` for what no one is waiting for at
   * that moment (the lifecycle's emails, import confirmations), which holds back first when the
   * queue is full (SendBacklog), so that `interactive` sends keep finding a slot. @default 'interactive'
   */
  priority?: SendPriority;
}

/**
 * SES throttles a send above the account's maximum rate (TooManyRequestsException, HTTP 429).
 * Each SendEmail call is already retried by the SDK (standard mode: 3 attempts, ~0.5 s and ~1 s
 * apart); the mailer tries the whole call again after a backoff with jitter, so that a burst
 * (a cohort's launch, a shared check-in day) gets through at the account's rate instead of failing.
 * Only throttling is retried: after a 500 SES may have sent the message, and a retry could send it twice.
 */
export interface ThrottleRetry {
  /** SendEmail calls in all, the first included. @default 5 */
  attempts?: number;
  /** First backoff; each next one doubles. @default 250 */
  baseDelayMs?: number;
  /** Longest backoff. @default 5000 */
  maxDelayMs?: number;
  /** @default a real-time setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1). @default Math.random */
  random?: () => number;
}

export interface SendRequest {
  to: string | readonly string[];
  /** The per-question reply address (reply+<id>.<hmac>@<inbound domain>). */
  replyTo?: string | readonly string[];
  email: RenderedEmail;
  /**
   * SES message tags, e.g. { programId, pairingId }; `template` is always added. With `programId`
   * the send is counted as the program's business metric EmailsSent.
   */
  tags?: Record<string, string>;
  /** Extra headers such as List-Unsubscribe; they override the defaults below. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(request: SendRequest): Promise<{ messageId: string }>;
}

/** Input that SES would refuse (or, worse, the local emulator would accept): fix the caller. */
export class InvalidEmailRequest extends Error {
  override readonly name = 'InvalidEmailRequest';
}

/**
 * Auto-Submitted tells well-behaved auto-responders (out-of-office, vacation) not to answer, and
 * X-Auto-Response-Suppress does the same for Exchange/Outlook: an automatic reply must never reach
 * the inbound path as if it were the participant's answer.
 */
const DEFAULT_HEADERS: Record<string, string> = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };

// SES limits: 50 recipients per message; tag names and values use letters, digits, _ and - only.
const MAX_RECIPIENTS = 50;
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;
const HEADER_NAME = /^[!-9;-~]+$/;
const address = z.email();

const THROTTLING_ERRORS = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling']);

/** True for SES's answers to a send above the maximum rate. */
export function isThrottling(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  return typeof e === 'object' && e !== null && (THROTTLING_ERRORS.has(String(e.name)) || e.$metadata?.httpStatusCode === 429);
}

/**
 * The wait before try `retry` + 1 (retry = 1 for the first retry): "equal jitter", half of the
 * exponential step plus a random half, so that throttled senders spread out but never retry at once.
 */
export function throttleBackoffMs(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export function createMailer(options: MailerOptions): Mailer {
  const from = checkFrom(options.from);
  const attempts = Math.max(1, Math.floor(options.retry?.attempts ?? 5));
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  const maxDelayMs = options.retry?.maxDelayMs ?? 5000;
  const sleep = options.retry?.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.retry?.random ?? Math.random;
  const configurationSetName = options.configurationSetName ?? (process.env.MAIL_CONFIGURATION_SET || undefined);
  let client = options.client;
  const rate = sendRateFromEnvironment(process.env.MAIL_MAX_SEND_RATE);
  const pacer = options.pacer ?? (rate === undefined ? undefined : dynamoPacer({ rate }));
  const maxWaitMs = SEND_WAIT_MS[options.priority ?? 'interactive'];

  return {
    async send(request) {
      const to = checkAddresses('recipient', request.to);
      if (to.length === 0) throw new InvalidEmailRequest('The email has no recipient: pass at least one address in `to`.');
      if (to.length > MAX_RECIPIENTS)
        throw new InvalidEmailRequest(`The email has ${to.length} recipients, but SES accepts at most ${MAX_RECIPIENTS}: send it in batches.`);
      const replyTo = request.replyTo === undefined ? [] : checkAddresses('Reply-To', request.replyTo);
      const { email } = request;
      if (email.subject.trim() === '' || /[\r\n]/.test(email.subject)) {
        throw new InvalidEmailRequest(`The ${email.template} email has an empty or multi-line subject: render it with its template.`);
      }
      const headers = checkHeaders({ ...DEFAULT_HEADERS, ...request.headers });
      const tags = checkTags({ template: email.template, ...request.tags });

      client ??= tracer.captureAWSv3Client(new SESv2Client({}));
      const command = new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: to },
        ...(replyTo.length > 0 ? { ReplyToAddresses: replyTo } : {}),
        ...(configurationSetName === undefined ? {} : { ConfigurationSetName: configurationSetName }),
        EmailTags: tags,
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
            Headers: headers,
            // Bytes, not base64 text: the SDK encodes them once (a string would be encoded twice).
            ...(email.attachments !== undefined && email.attachments.length > 0
              ? {
                  Attachments: email.attachments.map((a) => ({
                    FileName: a.filename,
                    ContentType: a.contentType,
                    ContentDisposition: 'ATTACHMENT' as const,
                    // SES's default is 7bit: a name with "é" in a certificate or an invitation would not survive it.
                    ContentTransferEncoding: 'BASE64' as const,
                    RawContent: new Uint8Array(a.content),
                  })),
                }
              : {}),
          },
        },
      });
      const result = await sendWithRetry(client, command);
      if (result.MessageId === undefined) throw new Error('SES accepted the email but returned no message id: check the SES endpoint the client points at.');
      const programId = request.tags?.programId;
      if (programId !== undefined) countBusiness('emailsSent', programId);
      return { messageId: result.MessageId };
    },
  };

  async function sendWithRetry(ses: SESv2Client, command: SendEmailCommand) {
    for (let attempt = 1; ; attempt++) {
      try {
        // Every attempt takes a slot: a throttled attempt counted against SES's rate too.
        await pacer?.acquire(maxWaitMs);
        return await ses.send(command);
      } catch (e) {
        if (!isThrottling(e) || attempt >= attempts) throw e;
        await sleep(throttleBackoffMs(attempt, baseDelayMs, maxDelayMs, random));
      }
    }
  }
}

function checkAddresses(kind: string, value: string | readonly string[]): string[] {
  const list = (typeof value === 'string' ? [value] : [...value]).map((a) => a.trim());
  const bad = list.filter((a) => !address.safeParse(a).success);
  if (bad.length > 0) {
    throw new InvalidEmailRequest(
      `The ${kind} address ${bad.map((a) => JSON.stringify(a)).join(', ')} is not a valid email address, so SES would refuse the email: correct the stored address and send it again.`,
    );
  }
  return list;
}

function checkFrom(from: string): string {
  const match = /^(?:[^<>\r\n]*<([^<>\s]+)>|([^<>\s]+))$/.exec(from.trim());
  const bare = match?.[1] ?? match?.[2];
  if (bare === undefined || !address.safeParse(bare).success) {
    throw new InvalidEmailRequest(
      `The sender "${from}" is not a valid address: set MAIL_FROM to an address of the verified sender domain, e.g. "crossgen <no-reply@example.org>".`,
    );
  }
  return from.trim();
}

function checkHeaders(headers: Record<string, string>): MessageHeader[] {
  return Object.entries(headers).map(([name, value]) => {
    if (!HEADER_NAME.test(name) || /[\r\n]/.test(value)) {
      throw new InvalidEmailRequest(`The header "${name}" has an invalid name or a line break in its value: headers must be single lines.`);
    }
    return { Name: name, Value: value };
  });
}

function checkTags(tags: Record<string, string>): { Name: string; Value: string }[] {
  return Object.entries(tags).map(([name, value]) => {
    if (!TAG_PART.test(name) || !TAG_PART.test(value)) {
      throw new InvalidEmailRequest(
        `The message tag ${name}=${value} is not allowed by SES: use only letters, digits, "_" and "-" (at most 256 characters), and ids rather than names or addresses.`,
      );
    }
    return { Name: name, Value: value };
  });
}
