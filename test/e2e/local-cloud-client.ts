import { inject } from 'vitest';

/** A thin client of the local API (docs/local.md), for end-to-end tests. */

export interface LocalEmail {
  readonly messageId: string;
  readonly to: string[];
  readonly from: string;
  readonly replyTo: string[];
  readonly subject: string;
  readonly text: string;
  readonly sentAt: string;
}

/** A rule that could not deliver (`ruleName`) or a function that failed after Lambda's retries (`functionName`). */
export interface DeadLetter {
  readonly source: 'eventbridge' | 'lambda';
  readonly ruleName?: string;
  readonly functionName?: string;
  readonly errorCode: string;
  readonly reason: string;
  readonly attempts: number;
  readonly event?: { id: string; 'detail-type': string; detail: Record<string, unknown> };
}

export interface LoggedEvent {
  readonly event: { id: string; 'detail-type': string };
  readonly deliveries: { ruleName: string; targetArn: string; status: string; error?: string }[];
}

export function localCloud(baseUrl = inject('cloud').baseUrl) {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`);
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const post = async (path: string, body: unknown, contentType = 'application/json') =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  return {
    baseUrl,
    get,
    post,
    emails: () => get<LocalEmail[]>('/local/emails'),
    events: () => get<LoggedEvent[]>('/local/events'),
    deadLetters: () => get<DeadLetter[]>('/local/dead-letters'),
    idle: async () => {
      await post('/local/idle', {});
    },
    /**
     * Waits until `check` returns a value: work started by a request (event deliveries, emails)
     * finishes after the request has answered. `/local/idle` answers once the cloud has no work in
     * flight, so each attempt waits on that signal, never on a clock; a few attempts cover work
     * that one delivery starts after another (a rule target that sends an email).
     */
    async until<T>(what: string, check: () => Promise<T | undefined>, attempts = 10): Promise<T> {
      for (let i = 0; i < attempts; i++) {
        await post('/local/idle', {});
        const found = await check();
        if (found !== undefined) return found;
      }
      throw new Error(`Gave up waiting for ${what}: the local cloud was idle ${attempts} times without it.`);
    },
  };
}
