import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { inboundEvents } from '../domain/events';
import { describeIssues, toFieldIssues } from '../domain/validation';
import { requireEnv } from '../shared/config';
import { tracer } from '../shared/powertools';

/**
 * What replies and the admin API send to the workflows: the answer to a waiting task
 * (SendTaskSuccess), named executions (StartExecution) and control requests (pause, resume, end,
 * withdraw) as events on the program bus. Endpoints come from the SDK configuration
 * (AWS_ENDPOINT_URL_SFN / AWS_ENDPOINT_URL_EVENTBRIDGE locally).
 */

let sfnClient: SFNClient | undefined;
let eventsClient: EventBridgeClient | undefined;
// Created on first use and captured by the tracer (each call a subsegment in X-Ray).
const sfn = () => (sfnClient ??= tracer.captureAWSv3Client(new SFNClient({})));
const events = () => (eventsClient ??= tracer.captureAWSv3Client(new EventBridgeClient({})));

/**
 * 'delivered', or 'closed' when Step Functions says nobody waits for the token any more (the
 * state timed out, the execution ended, or the token was already answered). Other errors throw:
 * they are transient, and the caller must let the delivery be retried.
 */
export async function sendTaskAnswer(taskToken: string, output: unknown): Promise<'delivered' | 'closed'> {
  try {
    await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return 'delivered';
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TaskTimedOut' || name === 'TaskDoesNotExist') return 'closed';
    throw error;
  }
}

export type ControlRequest =
  | { type: 'PairingPauseRequested'; programId: string; pairingId: string; participantId: string; pauseUntil?: string; pauseFrom?: string }
  | { type: 'PairingEndRequested'; programId: string; pairingId: string; participantId: string; reason?: 'participant-rematch' }
  | { type: 'ParticipantWithdrew'; programId: string; participantId: string; pairingId?: string }
  | { type: 'ParticipantDataRequested' | 'ParticipantErasureRequested'; programId: string; participantId: string };

/** What a program admin asks for through the admin API (no participant involved). */
export type AdminControlRequest =
  | { type: 'PairingPauseRequested'; programId: string; pairingId: string; until?: string; from?: string; reason?: string }
  | { type: 'PairingResumeRequested'; programId: string; pairingId: string }
  | { type: 'PairingEndRequested'; programId: string; pairingId: string; reason: string };

/**
 * Publishes a control request on the program bus, source `crossgen`: a participant's command from
 * a reply or answer link, or an admin's from the API. `requestedBy` names the kind of person, never
 * who (events carry ids only).
 */
export async function publishControlRequest(
  request: ControlRequest | AdminControlRequest,
  meta: { requestedAt: string; channel: 'email' | 'link' | 'api' },
): Promise<void> {
  const { type, ...rest } = request;
  const requestedBy = meta.channel === 'api' ? 'admin' : 'participant';
  const detail = { ...rest, ...meta, requestedBy };
  // The same schema the control function reads it with: a request we could not honour is never sent.
  const checked = inboundEvents[type].safeParse(detail);
  if (!checked.success) throw new Error(`The ${type} request was not sent: ${describeIssues(toFieldIssues(checked.error))}`);
  const result = await events().send(
    new PutEventsCommand({
      Entries: [{ EventBusName: requireEnv('EVENT_BUS_NAME'), Source: 'crossgen', DetailType: type, Detail: JSON.stringify(detail) }],
    }),
  );
  if ((result.FailedEntryCount ?? 0) > 0) {
    const entry = result.Entries?.[0];
    throw new Error(
      `EventBridge refused the ${type} event (${entry?.ErrorCode ?? 'unknown error'}): check the bus name in EVENT_BUS_NAME and the function's events:PutEvents grant.`,
    );
  }
}

/**
 * Starts an execution under a chosen name. A name already taken is not an error here: the caller
 * chose the name to make a retry land on the same execution, so it gets that one back
 * (`started: false`). AWS answers a repeat with the same input while it runs by itself, and
 * ExecutionAlreadyExists otherwise.
 */
export async function startNamedExecution(stateMachineArn: string, name: string, input: unknown): Promise<{ executionArn: string; started: boolean }> {
  const executionArn = executionArnOf(stateMachineArn, name);
  try {
    const out = await sfn().send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return { executionArn: out.executionArn ?? executionArn, started: true };
  } catch (error) {
    if ((error as Error)?.name === 'ExecutionAlreadyExists') return { executionArn, started: false };
    throw error;
  }
}

/** The ARN an execution of this state machine gets under this name. */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** An execution's status and input, or undefined when there is none by that ARN. */
export async function describeExecution(executionArn: string): Promise<{ status: string; input: unknown } | undefined> {
  try {
    const out = await sfn().send(new DescribeExecutionCommand({ executionArn }));
    let input: unknown;
    try {
      input = JSON.parse(out.input ?? 'null');
    } catch {
      input = undefined;
    }
    return { status: out.status ?? 'UNKNOWN', input };
  } catch (error) {
    if ((error as Error)?.name === 'ExecutionDoesNotExist') return undefined;
    throw error;
  }
}
