import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

// Loaded through require, as one module instance with the id maker patched below (a bundle would
// otherwise carry its own copy).
const requireCjs = createRequire(import.meta.url);
const sesLocal = requireCjs('aws-ses-v2-local') as (c: { port: number; host: string }) => Promise<Server>;

/**
 * SES gives every message an id of its own. The emulator draws a random 9-digit number, which two
 * of a few thousand emails share now and then (a 1,000-person month sends some 7,000: about one run
 * in 35), and the mailbox then holds two messages under one id. Its ids are made unique, as on AWS.
 */
(requireCjs('aws-ses-v2-local/dist/util.js') as { getMessageId: () => string }).getMessageId = () => `ses-${randomUUID()}`;

/** One email as the local API shows it (GET /local/emails). */
export interface LocalEmail {
  readonly messageId: string;
  readonly to: string[];
  readonly cc: string[];
  readonly from: string;
  readonly replyTo: string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly sentAt: string;
  readonly headers: { name: string; value: string }[];
  /** `content` is the attachment's bytes, base64-encoded once (e.g. a calendar invitation to parse). */
  readonly attachments: { filename: string; contentType: string; size: number; content: string }[];
}

/** An email as the mailbox stores it (and local/persistence.ts keeps it across restarts). */
export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo?: string[];
  destination?: { to?: string[]; cc?: string[]; bcc?: string[] };
  subject?: string;
  body?: { html?: string; text?: string };
  attachments?: { filename?: string; contentType?: string; size?: number; content?: string }[];
  headers?: { name: string; value: string }[];
  at: number;
}

export interface SesLocal {
  readonly endpoint: string;
  /** Every email, or those sent at or after `sinceMs` (the emulator stamps whole seconds). */
  emails(sinceMs?: number): Promise<LocalEmail[]>;
  /** The stored form of one message the mailbox accepted at or after `sinceSeconds` (epoch seconds). */
  stored(messageId: string, sinceSeconds: number): Promise<StoredEmail | undefined>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

/** The SESv2 local mailbox (aws-ses-v2-local), in this process, on 127.0.0.1. */
export async function startSesLocal(opts: { port?: number; restored?: readonly StoredEmail[] } = {}): Promise<SesLocal> {
  const start = (sesLocal as unknown as { default?: typeof sesLocal }).default ?? sesLocal;
  const server = await start({ port: opts.port ?? 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  let sequence = 0;
  const order = new Map<string, number>();
  // What the mailbox held before a restart: the emulator keeps its store in memory only.
  let restored = [...(opts.restored ?? [])];
  return {
    endpoint,
    async stored(messageId, sinceSeconds) {
      const res = await fetch(`${endpoint}/store?since=${Math.max(0, Math.floor(sinceSeconds))}`);
      const store = (await res.json()) as { emails: StoredEmail[] };
      return store.emails.find((e) => e.messageId === messageId);
    },
    async emails(sinceMs) {
      // The emulator filters by whole seconds: ask for those from the first second at or after `sinceMs`.
      const since = sinceMs === undefined || Number.isNaN(sinceMs) ? undefined : Math.max(0, Math.ceil(sinceMs / 1000));
      const res = await fetch(since === undefined ? `${endpoint}/store` : `${endpoint}/store?since=${since}`);
      const store = (await res.json()) as { emails: StoredEmail[] };
      const earlier = since === undefined ? restored : restored.filter((e) => e.at >= since);
      return [...earlier, ...store.emails].map((e) => {
        if (!order.has(e.messageId)) order.set(e.messageId, sequence++);
        return {
          messageId: e.messageId,
          to: e.destination?.to ?? [],
          cc: e.destination?.cc ?? [],
          from: e.from,
          replyTo: e.replyTo ?? [],
          subject: e.subject ?? '',
          text: e.body?.text ?? '',
          html: e.body?.html ?? '',
          // The emulator stamps epoch seconds from Date, which the simulated clock drives.
          sentAt: new Date(e.at * 1000).toISOString(),
          headers: e.headers ?? [],
          attachments: (e.attachments ?? []).map((a) => ({
            filename: a.filename ?? '',
            contentType: a.contentType ?? '',
            size: a.size ?? 0,
            content: a.content ?? '',
          })),
        };
      });
    },
    async clear() {
      restored = [];
      await fetch(`${endpoint}/clear-store`, { method: 'POST' });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
