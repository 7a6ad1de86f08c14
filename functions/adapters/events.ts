import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, outboundEvents, type OutboundEventDetail, type OutboundEventName } from '../domain/events';
import { requireEnv } from '../shared/config';
import { tracer } from '../shared/powertools';

let client: EventBridgeClient | undefined;

/**
 * Publishes crossgen events on the program bus (EVENT_BUS_NAME). Details are validated against
 * the catalogue first, so a consumer never receives a malformed event.
 */
export async function publish<N extends OutboundEventName>(...events: { type: N; detail: OutboundEventDetail<N>; time?: Date }[]): Promise<void> {
  if (events.length === 0) return;
  client ??= tracer.captureAWSv3Client(new EventBridgeClient({}));
  const bus = requireEnv('EVENT_BUS_NAME');
  for (let i = 0; i < events.length; i += 10) {
    const batch = events.slice(i, i + 10).map((e) => ({
      EventBusName: bus,
      Source: EVENT_SOURCE,
      DetailType: e.type,
      Detail: JSON.stringify(outboundEvents[e.type].parse(e.detail)),
      // When it happened, if the caller knows it (the outbox: when the step decided it); else now.
      ...(e.time ? { Time: e.time } : {}),
    }));
    const out = await client.send(new PutEventsCommand({ Entries: batch }));
    if (out.FailedEntryCount) {
      const reasons = (out.Entries ?? []).filter((x) => x.ErrorCode).map((x) => `${x.ErrorCode}: ${x.ErrorMessage}`);
      throw new Error(`EventBridge refused ${out.FailedEntryCount} event(s): ${reasons.join('; ')}`);
    }
  }
}
