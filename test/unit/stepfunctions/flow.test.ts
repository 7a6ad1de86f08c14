import { afterEach, describe, expect, it } from 'vitest';
import { FN, harness, historyTypes, START, type Harness } from './harness';

let h: Harness;
afterEach(() => h.dispose());

class ThrottledError extends Error {
  override name = 'Throttled';
}

describe('control flow and integrations', () => {
  it('retries a failing Lambda with backoff on the simulated clock, then succeeds', async () => {
    h = harness((payload, call) => {
      if (call < 3) throw new ThrottledError('try later');
      return { ok: payload };
    });
    const arn = await h.run(
      {
        StartAt: 'Score',
        States: {
          Score: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: FN, 'Payload.$': '$' },
            OutputPath: '$.Payload',
            Retry: [{ ErrorEquals: ['Throttled'], IntervalSeconds: 10, BackoffRate: 3, MaxAttempts: 4 }],
            End: true,
          },
        },
      },
      { n: 1 },
    );
    await h.clock.advance(60_000);
    expect(await h.sfn.waitForExecution(arn)).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":{"n":1}}' });
    // 10 s, then 10 x 3 = 30 s later, as AWS spaces the attempts.
    expect(h.lambdaCalls.map((c) => (Date.parse(c.at) - START) / 1000)).toEqual([0, 10, 40]);
    expect(historyTypes(h.sfn, arn).filter((t) => t === 'TaskFailed')).toHaveLength(2);
    expect(h.sfn.summaries()[0]?.transitions).toBe(3);
  });

  it('gives up after MaxAttempts and lets Catch see the Lambda error with its JSON cause', async () => {
    h = harness(() => {
      throw new ThrottledError('still busy');
    });
    const arn = await h.run({
      StartAt: 'Score',
      States: {
        Score: {
          Type: 'Task',
          Resource: FN,
          Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ['Throttled'], ResultPath: '$.error', Next: 'GiveUp' }],
          End: true,
        },
        GiveUp: { Type: 'Pass', End: true },
      },
    });
    await h.clock.advance(10_000);
    const done = await h.sfn.waitForExecution(arn);
    expect(h.lambdaCalls).toHaveLength(3);
    const error = JSON.parse(done.output!).error as { Error: string; Cause: string };
    expect(error.Error).toBe('Throttled');
    expect(JSON.parse(error.Cause)).toMatchObject({ errorType: 'Throttled', errorMessage: 'still busy' });
  });

  it('runs Choice, Map and Parallel, passing service integrations their resolved Parameters', async () => {
    h = harness((p) => ({ scored: p }));
    const arn = await h.run(
      {
        StartAt: 'HasPairs',
        States: {
          HasPairs: { Type: 'Choice', Choices: [{ Variable: '$.pairs[0]', IsPresent: true, Next: 'StartEach' }], Default: 'Nothing' },
          Nothing: { Type: 'Fail', Error: 'NoPairs', Cause: 'No pairs to start.' },
          StartEach: {
            Type: 'Map',
            ItemsPath: '$.pairs',
            MaxConcurrency: 2,
            ResultPath: '$.started',
            ItemSelector: { 'id.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: 'StartLifecycle',
              States: {
                StartLifecycle: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::states:startExecution',
                  Parameters: { StateMachineArn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:Lifecycle', 'Name.$': '$.id', 'Input.$': '$' },
                  ResultSelector: { 'id.$': '$$.Execution.Name' },
                  End: true,
                },
              },
            },
            Next: 'Both',
          },
          Both: {
            Type: 'Parallel',
            ResultPath: '$.both',
            Branches: [
              {
                StartAt: 'Announce',
                States: {
                  Announce: {
                    Type: 'Task',
                    Resource: 'arn:aws:states:::events:putEvents',
                    Parameters: { Entries: [{ DetailType: 'PairingMatched', Detail: {} }] },
                    End: true,
                  },
                },
              },
              {
                StartAt: 'Record',
                States: {
                  Record: {
                    Type: 'Task',
                    Resource: 'arn:aws:states:::dynamodb:putItem',
                    Parameters: { TableName: 'crossgen', Item: { pk: { S: 'x' } } },
                    End: true,
                  },
                },
              },
            ],
            End: true,
          },
        },
      },
      { pairs: ['a', 'b', 'c'] },
      'cohort-1',
    );
    const done = await h.sfn.waitForExecution(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({
      started: [{ id: 'cohort-1' }, { id: 'cohort-1' }, { id: 'cohort-1' }],
      both: [{ ok: true }, { ok: true }],
    });
    expect(
      h.serviceCalls
        .filter((c) => c.resource.endsWith('states:startExecution'))
        .map((c) => (c.parameters as { Name: string }).Name)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(h.serviceCalls.map((c) => c.resource)).toEqual(expect.arrayContaining(['arn:aws:states:::events:putEvents', 'arn:aws:states:::dynamodb:putItem']));
    const types = historyTypes(h.sfn, arn);
    expect(types).toEqual(
      expect.arrayContaining([
        'ChoiceStateEntered',
        'MapStateEntered',
        'MapIterationStarted',
        'MapStateSucceeded',
        'ParallelStateStarted',
        'ParallelStateExited',
      ]),
    );
  });

  it('fails the execution with the Error and Cause of a Fail state', async () => {
    h = harness();
    const arn = await h.run(
      {
        StartAt: 'HasPairs',
        States: {
          HasPairs: { Type: 'Choice', Choices: [{ Variable: '$.pairs[0]', IsPresent: true, Next: 'Done' }], Default: 'Nothing' },
          Done: { Type: 'Succeed' },
          Nothing: { Type: 'Fail', Error: 'NoPairs', Cause: 'No pairs to start.' },
        },
      },
      { pairs: [] },
    );
    expect(await h.sfn.waitForExecution(arn)).toMatchObject({ status: 'FAILED', error: 'NoPairs', cause: 'No pairs to start.' });
  });

  it('prefixes service integration errors with the service name, as AWS does', async () => {
    h = harness(undefined, () => {
      throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
    });
    const arn = await h.run({
      StartAt: 'Claim',
      States: {
        Claim: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:updateItem',
          Parameters: { TableName: 't' },
          Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'AlreadyClaimed' }],
          End: true,
        },
        AlreadyClaimed: { Type: 'Succeed' },
      },
    });
    expect((await h.sfn.waitForExecution(arn)).status).toBe('SUCCEEDED');
    expect(historyTypes(h.sfn, arn)).toContain('SucceedStateEntered');
  });

  it('stops a waiting execution with StopExecution and cancels its timer', async () => {
    h = harness();
    const arn = await h.run({
      StartAt: 'Long',
      States: { Long: { Type: 'Wait', Seconds: 86_400, Next: 'After' }, After: { Type: 'Task', Resource: FN, End: true } },
    });
    expect(h.clock.pendingTimers).toBe(2); // the Wait, and AWS's one-year limit on every Standard execution
    h.sfn.stopExecution(arn, { error: 'PairingEnded', cause: 'Ended early by the admin.' });
    await h.clock.advance(2 * 86_400_000);
    expect(h.sfn.describeExecution(arn)).toMatchObject({ status: 'ABORTED', error: 'PairingEnded' });
    expect(h.lambdaCalls).toHaveLength(0);
    expect(h.clock.pendingTimers).toBe(0);
    expect(historyTypes(h.sfn, arn).at(-1)).toBe('ExecutionAborted');
  });

  it('ends any execution at one year, as AWS does, whatever its own TimeoutSeconds', async () => {
    h = harness();
    const arn = await h.run({
      TimeoutSeconds: 99_999_999,
      StartAt: 'Long',
      States: { Long: { Type: 'Wait', Seconds: 400 * 86_400, Next: 'After' }, After: { Type: 'Task', Resource: FN, End: true } },
    });
    await h.clock.advance(364 * 86_400_000);
    expect(h.sfn.describeExecution(arn).status).toBe('RUNNING');
    await h.clock.advance(2 * 86_400_000);
    expect(h.sfn.describeExecution(arn)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout', cause: expect.stringMatching(/one-year limit/) });
    expect(h.lambdaCalls).toHaveLength(0);
  });

  it('runs a 1000-iteration loop to the end and counts its transitions', async () => {
    h = harness();
    const definition = {
      StartAt: 'Check',
      States: {
        Check: { Type: 'Choice', Choices: [{ Variable: '$.i', NumericGreaterThanEquals: 1000, Next: 'Done' }], Default: 'Step' },
        Step: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'Check' },
        Done: { Type: 'Succeed' },
      },
    };
    const machine = h.sfn.register({ name: 'Loop', definition });
    const t0 = performance.now();
    const { executionArn } = await h.sfn.startExecution({ stateMachineArn: machine.arn, input: { i: 0 } });
    const done = await h.sfn.waitForExecution(executionArn);
    const seconds = (performance.now() - t0) / 1000;
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"i":1000}' });
    const transitions = h.sfn.summaries()[0]!.transitions;
    expect(transitions).toBe(2002);
    console.log(
      `[measure] 1000-iteration loop: ${transitions} transitions in ${(seconds * 1000).toFixed(0)} ms = ${Math.round(transitions / seconds)} transitions/s`,
    );
  });
});
