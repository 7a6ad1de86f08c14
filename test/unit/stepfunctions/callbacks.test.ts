import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AslDefinition } from '../../../local/stepfunctions/asl';
import { FN, harness, historyTypes, sdkClient, type Harness } from './harness';

/** An acceptance request by email: the Lambda receives the token, the reply settles it. */
const awaitAcceptance: AslDefinition = {
  StartAt: 'AskToAccept',
  States: {
    AskToAccept: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: FN, Payload: { 'pairing.$': '$.pairing', 'taskToken.$': '$$.Task.Token' } },
      TimeoutSeconds: 3 * 86_400,
      ResultPath: '$.reply',
      Catch: [
        { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.failure', Next: 'Declined' },
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.failure', Next: 'NoAnswer' },
      ],
      Next: 'Accepted',
    },
    Accepted: { Type: 'Succeed' },
    Declined: { Type: 'Pass', Result: 'declined', ResultPath: '$.outcome', End: true },
    NoAnswer: { Type: 'Pass', Result: 'silence', ResultPath: '$.outcome', End: true },
  },
};

let h: Harness;
let sdk: { client: SFNClient; close(): Promise<void> };
let client: SFNClient;

beforeEach(async () => {
  h = harness(() => ({ sent: true }));
  sdk = await sdkClient(h.sfn);
  client = sdk.client;
});
afterEach(async () => {
  await sdk.close();
  h.dispose();
});

async function startAcceptance(): Promise<{ arn: string; token: string }> {
  const machine = h.sfn.register({ name: 'Acceptance', definition: awaitAcceptance });
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: machine.arn, name: 'pairing-1', input: '{"pairing":"p-1"}' }));
  await h.clock.idle();
  const payload = h.lambdaCalls[0]?.payload as { taskToken: string; pairing: string };
  expect(payload.pairing).toBe('p-1');
  return { arn: executionArn!, token: payload.taskToken };
}

describe('.waitForTaskToken through the SDK client', () => {
  it('resumes the waiting state with the output of SendTaskSuccess', async () => {
    const { arn, token } = await startAcceptance();
    await h.clock.advance(86_400_000);
    expect((await client.send(new DescribeExecutionCommand({ executionArn: arn }))).status).toBe('RUNNING');
    await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"answer":"yes"}' }));
    const done = await h.sfn.waitForExecution(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ pairing: 'p-1', reply: { answer: 'yes' } });
    const history = await client.send(new GetExecutionHistoryCommand({ executionArn: arn }));
    expect(history.events?.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(history.events?.[2]?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      timeoutInSeconds: 259_200,
    });
    expect(history.events?.[5]?.timestamp?.toISOString()).toBe('2025-03-04T09:00:00.000Z');
  });

  it('refuses a used token with TaskDoesNotExist and a malformed one with InvalidToken', async () => {
    const { arn, token } = await startAcceptance();
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await h.sfn.waitForExecution(arn);
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await expect(client.send(new SendTaskFailureCommand({ taskToken: 'not-a-token' }))).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  it('times the task out on the simulated clock into its States.Timeout Catch, not States.TaskFailed', async () => {
    const { arn, token } = await startAcceptance();
    await h.clock.advance(3 * 86_400_000 - 1);
    expect(h.sfn.describeExecution(arn).status).toBe('RUNNING');
    await h.clock.advance(1);
    const done = await h.sfn.waitForExecution(arn);
    expect(JSON.parse(done.output!)).toMatchObject({ outcome: 'silence', failure: { Error: 'States.Timeout' } });
    expect(historyTypes(h.sfn, arn)).toContain('TaskTimedOut');
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('takes the timeout from TimeoutSecondsPath (per-program windows) and keeps it out of the payload', async () => {
    const { TimeoutSeconds: _fixed, ...ask } = awaitAcceptance.States.AskToAccept as Record<string, unknown>;
    const definition = {
      ...awaitAcceptance,
      States: { ...awaitAcceptance.States, AskToAccept: { ...ask, TimeoutSecondsPath: '$.window' } },
    } as unknown as AslDefinition;
    const machine = h.sfn.register({ name: 'AcceptanceByPath', definition });
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: machine.arn, name: 'pairing-2', input: '{"pairing":"p-2","window":7200}' }),
    );
    await h.clock.idle();
    expect(Object.keys(h.lambdaCalls[0]?.payload as object).sort()).toEqual(['pairing', 'taskToken']);
    await h.clock.advance(7_199_000);
    expect(h.sfn.describeExecution(executionArn!).status).toBe('RUNNING');
    await h.clock.advance(1_000);
    const done = await h.sfn.waitForExecution(executionArn!);
    expect(JSON.parse(done.output!)).toMatchObject({ outcome: 'silence', failure: { Error: 'States.Timeout' } });
  });

  it('matches the error and cause of SendTaskFailure in Catch', async () => {
    const { arn, token } = await startAcceptance();
    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'PairingDeclined', cause: 'The mentee declined.' }));
    const done = await h.sfn.waitForExecution(arn);
    expect(JSON.parse(done.output!)).toMatchObject({ outcome: 'declined', failure: { Error: 'PairingDeclined', Cause: 'The mentee declined.' } });
    expect(h.sfn.getExecutionHistory(arn).find((e) => e.type === 'TaskFailed')?.details).toMatchObject({ error: 'PairingDeclined' });
  });

  it('returns the same execution for the same name and input while running, and refuses a different input', async () => {
    const { arn } = await startAcceptance();
    const machineArn = h.sfn.listStateMachines()[0]!.arn;
    const again = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'pairing-1', input: '{"pairing":"p-1"}' }));
    expect(again.executionArn).toBe(arn);
    await expect(client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: 'pairing-1', input: '{"pairing":"p-2"}' }))).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
  });

  it('answers unknown executions and operations with AWS-shaped errors', async () => {
    await expect(client.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:eu-west-1:000000000000:execution:X:y' }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    const unknown = await h.sfn.handleRequest('AWSStepFunctions.CreateActivity', '{}');
    expect(unknown).toMatchObject({ status: 400, body: { __type: 'UnknownOperationException' } });
  });

  it('gives each concurrent callback state its own token', async () => {
    const ask = (who: string) => ({
      StartAt: `Ask${who}`,
      States: {
        [`Ask${who}`]: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          TimeoutSeconds: 600,
          Parameters: { FunctionName: FN, Payload: { who, 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    });
    const machine = h.sfn.register({
      name: 'BothAccept',
      definition: { StartAt: 'Both', States: { Both: { Type: 'Parallel', Branches: [ask('Mentor'), ask('Mentee')], End: true } } },
    });
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: machine.arn, input: '{}' }));
    await h.clock.idle();
    const tokens = Object.fromEntries(h.lambdaCalls.map((c) => [(c.payload as { who: string }).who, (c.payload as { token: string }).token]));
    expect(new Set(Object.values(tokens)).size).toBe(2);
    await client.send(new SendTaskSuccessCommand({ taskToken: tokens.Mentee, output: '"mentee yes"' }));
    await client.send(new SendTaskSuccessCommand({ taskToken: tokens.Mentor, output: '"mentor yes"' }));
    expect((await h.sfn.waitForExecution(executionArn!)).output).toBe('["mentor yes","mentee yes"]');
  });
});
