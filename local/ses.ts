import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesLocal from 'aws-ses-v2-local';

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
  const server = (await (start as unknown as (c: { port: number; host: string }) => Promise<Server>)({ port: opts.port ?? 0, host: '127.0.0.1' })) as Server;
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
