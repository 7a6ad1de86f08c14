import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { requireEnv } from '../shared/config';

/**
 * What replies send back to the workflows: the answer to a waiting task (SendTaskSuccess) and
 * control requests (pause, end, withdraw) as events on the program bus. Endpoints come from the
 * SDK configuration (AWS_ENDPOINT_URL_SFN / AWS_ENDPOINT_URL_EVENTBRIDGE locally).
 */

let sfn: SFNClient | undefined;
let events: EventBridgeClient | undefined;

/**
 * 'delivered', or 'closed' when Step Functions says nobody waits for the token any more (the
 * state timed out, the execution ended, or the token was already answered). Other errors throw:
 * they are transient, and the caller must let the delivery be retried.
 */
export async function sendTaskAnswer(taskToken: string, output: unknown): Promise<'delivered' | 'closed'> {
  sfn ??= new SFNClient({});
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return 'delivered';
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TaskTimedOut' || name === 'TaskDoesNotExist') return 'closed';
    throw error;
  }
}

export type ControlRequest =
  | { type: 'PairingPauseRequested'; programId: string; pairingId: string; participantId: string; pauseUntil?: string }
  | { type: 'PairingEndRequested'; programId: string; pairingId: string; participantId: string }
  | { type: 'ParticipantWithdrew'; programId: string; participantId: string; pairingId?: string };

/** Publishes a participant's command (from a reply) on the program bus, source `crossgen`. */
export async function publishControlRequest(request: ControlRequest, meta: { requestedAt: string; channel: 'email' | 'link' }): Promise<void> {
  events ??= new EventBridgeClient({});
  const { type, ...detail } = request;
  const result = await events.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: requireEnv('EVENT_BUS_NAME'), Source: 'crossgen', DetailType: type, Detail: JSON.stringify({ ...detail, ...meta, requestedBy: 'participant' }) }],
    }),
  );
  if ((result.FailedEntryCount ?? 0) > 0) {
    const entry = result.Entries?.[0];
    throw new Error(`EventBridge refused the ${type} event (${entry?.ErrorCode ?? 'unknown error'}): check the bus name in EVENT_BUS_NAME and the function's events:PutEvents grant.`);
  }
}

/** Forgets the clients (tests that point the SDK at another endpoint). */
export function forgetWorkflowClients(): void {
  sfn?.destroy();
  events?.destroy();
  sfn = undefined;
  events = undefined;
}
