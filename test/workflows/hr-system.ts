import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { expect, inject } from 'vitest';

/**
 * An HR system putting events on the program bus as `source` (docs/admin-api.md, "HR systems: events
 * on the bus"), and the dead letters of the events the cloud refused. `close` ends its bus client:
 * call it in the file's afterAll.
 */
export function hrSystem(source: string, cloud: { baseUrl: string; region: string } = inject('cloud')) {
  const base = cloud.baseUrl;
  const bus = new EventBridgeClient({ endpoint: base, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  /** A local-cloud path's JSON answer; throws with the answer when it is not 2xx. */
  async function json<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await fetch(`${base}${path}`, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} -> ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  type DeadLetter = { source: string; reason: string; message?: { requestPayload?: { id?: string } } };

  return {
    json,
    /** Puts one event dated `time` (as an HRIS or an archive replay does), and waits until the cloud is idle; returns the event id. */
    async put(type: string, detail: Record<string, unknown>, time: Date): Promise<string> {
      const { eventBusName } = await json<{ eventBusName: string }>('/health');
      const out = await bus.send(
        new PutEventsCommand({ Entries: [{ EventBusName: eventBusName, Source: source, DetailType: type, Detail: JSON.stringify(detail), Time: time }] }),
      );
      expect(out.FailedEntryCount).toBe(0);
      await json('/local/idle', { method: 'POST' });
      return out.Entries![0]!.EventId!;
    },
    /** The dead letters of one event, after Lambda's retries have had their time. */
    deadLettersOf: async (eventId: string) =>
      (await json<DeadLetter[]>('/local/dead-letters')).filter((d) => d.source === 'lambda' && d.message?.requestPayload?.id === eventId),
    close: () => bus.destroy(),
  };
}
