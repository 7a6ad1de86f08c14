import { afterEach, describe, expect, it } from 'vitest';
import { DAY, FN, harness, historyTypes, START, type Harness } from './harness';

let h: Harness;
afterEach(() => h.dispose());

describe('Wait states on the simulated clock', () => {
  it('finishes a 14-day Wait only once the clock is advanced past it', async () => {
    h = harness();
    const arn = await h.run(
      {
        StartAt: 'WaitTwoWeeks',
        States: {
          WaitTwoWeeks: { Type: 'Wait', Seconds: 14 * 86_400, Next: 'Remind' },
          Remind: { Type: 'Task', Resource: FN, End: true },
        },
      },
      { pairing: 'p-1' },
    );
    await h.clock.advance(13 * DAY);
    expect(h.sfn.describeExecution(arn).status).toBe('RUNNING');
    expect(h.sfn.summaries()[0]).toMatchObject({ currentState: 'WaitTwoWeeks', status: 'RUNNING' });
    await h.clock.advance(DAY);
    const done = await h.sfn.waitForExecution(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate?.getTime()).toBe(START + 14 * DAY);
    expect(h.lambdaCalls).toEqual([{ arn: FN, payload: { pairing: 'p-1' }, at: new Date(START + 14 * DAY).toISOString() }]);
    expect(historyTypes(h.sfn, arn)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('waits until the timestamp at TimestampPath, keeping InputPath and OutputPath', async () => {
    h = harness();
    const arn = await h.run(
      {
        StartAt: 'UntilCheckIn',
        States: {
          UntilCheckIn: { Type: 'Wait', InputPath: '$.schedule', TimestampPath: '$.nextCheckIn', OutputPath: '$.label', End: true },
        },
      },
      { schedule: { nextCheckIn: '2025-03-10T09:00:00Z', label: 'week 1' } },
    );
    await h.clock.advance(7 * DAY - 1);
    expect(h.sfn.describeExecution(arn).status).toBe('RUNNING');
    await h.clock.advance(1);
    expect(await h.sfn.waitForExecution(arn)).toMatchObject({ status: 'SUCCEEDED', output: '"week 1"' });
  });

  it('runs SecondsPath and a Timestamp already past without waiting for it', async () => {
    h = harness();
    const arn = await h.run(
      {
        StartAt: 'Short',
        States: {
          Short: { Type: 'Wait', SecondsPath: '$.delay', Next: 'Past' },
          Past: { Type: 'Wait', Timestamp: '2020-01-01T00:00:00Z', End: true },
        },
      },
      { delay: 30 },
    );
    await h.clock.advance(30_000);
    const done = await h.sfn.waitForExecution(arn);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"delay":30}' });
    expect(done.stopDate?.getTime()).toBe(START + 30_000);
  });

  it('fails with States.Runtime when a Wait path holds no timestamp, as AWS does', async () => {
    h = harness();
    const arn = await h.run(
      {
        StartAt: 'Broken',
        States: { Broken: { Type: 'Wait', TimestampPath: '$.when', End: true } },
      },
      { when: 'next tuesday' },
    );
    expect(await h.sfn.waitForExecution(arn)).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('times the whole execution out on the simulated clock (machine TimeoutSeconds)', async () => {
    h = harness();
    const arn = await h.run({
      TimeoutSeconds: 3600,
      StartAt: 'TooLong',
      States: { TooLong: { Type: 'Wait', Seconds: 7200, End: true } },
    });
    await h.clock.advance(3600_000);
    expect(await h.sfn.waitForExecution(arn)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(historyTypes(h.sfn, arn).at(-1)).toBe('ExecutionTimedOut');
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('lets waits fall due by themselves when simulated time flows', async () => {
    h = harness();
    h.clock.setSpeed(10_000_000);
    const arn = await h.run({ StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 3600, End: true } } });
    const done = await h.sfn.waitForExecution(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(START + 3600_000);
  });
});
