import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '../../../local/clock';
import { LocalStateStore } from '../../../local/persistence';
import { LocalStepFunctions } from '../../../local/stepfunctions/runtime';
import type { AslDefinition } from '../../../local/stepfunctions/asl';
import { DAY, FN, START } from './harness';

const WAIT_THEN_TASK: AslDefinition = {
  StartAt: 'Act',
  States: {
    Act: { Type: 'Task', Resource: FN, Next: 'Sleep' },
    Sleep: { Type: 'Wait', Seconds: 30 * 86_400, Next: 'Finish' },
    Finish: { Type: 'Task', Resource: FN, End: true },
  },
};

let dirs: string[] = [];
let clocks: SimClock[] = [];
afterEach(() => {
  for (const c of clocks) c.dispose();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  clocks = [];
  dirs = [];
});

/** One "run" of the local cloud's Step Functions on a store in `dir`. */
function runtime(dir: string, now: number) {
  const clock = new SimClock({ now, speed: 0 });
  clocks.push(clock);
  const calls: { input: unknown; at: string }[] = [];
  const store = new LocalStateStore(dir);
  const sfn = new LocalStepFunctions({
    clock,
    journal: store,
    integrations: {
      async invokeLambda(_arn, payload) {
        calls.push({ input: payload, at: new Date().toISOString() });
        return payload;
      },
      async call() {
        return {};
      },
    },
  });
  const machine = sfn.register({ name: 'Lifecycle', definition: WAIT_THEN_TASK });
  return { clock, sfn, calls, store, machine };
}

describe('the local Step Functions journal (crossgen local --data)', () => {
  it('runs a running execution again with its name, input and start time, and keeps ended ones as they ended', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-journal-'));
    dirs.push(dir);
    const first = runtime(dir, START);
    const { executionArn: running } = await first.sfn.startExecution({
      stateMachineArn: first.machine.arn,
      name: 'pr_running',
      input: { pairingId: 'pr_running' },
    });
    const { executionArn: stopped } = await first.sfn.startExecution({
      stateMachineArn: first.machine.arn,
      name: 'pr_stopped',
      input: { pairingId: 'pr_stopped' },
    });
    await first.clock.idle();
    first.sfn.stopExecution(stopped, { error: 'Admin', cause: 'stopped by hand' });
    await first.clock.advance(DAY);
    // The process goes away: closing is not an end, so nothing more is journaled for pr_running.
    first.sfn.close();
    first.clock.dispose();
    clocks = [];

    const second = runtime(dir, START + DAY);
    expect(second.sfn.restore(second.store.readExecutions())).toEqual({ resumed: 1, ended: 1 });
    await second.clock.idle();
    expect(second.sfn.describeExecution(stopped)).toMatchObject({ status: 'ABORTED', error: 'Admin', cause: 'stopped by hand' });
    const resumed = second.sfn.describeExecution(running);
    expect(resumed).toMatchObject({ status: 'RUNNING', name: 'pr_running', input: JSON.stringify({ pairingId: 'pr_running' }) });
    expect(resumed.startDate.getTime()).toBe(START);
    // It acted again at once (safe to run twice), then waits its 30 days from the new first step.
    expect(second.calls).toEqual([{ input: { pairingId: 'pr_running' }, at: new Date(START + DAY).toISOString() }]);
    await second.clock.advance(30 * DAY);
    expect((await second.sfn.waitForExecution(running)).status).toBe('SUCCEEDED');
    // Its end is journaled: a third run finds nothing left to resume.
    second.clock.dispose();
    clocks = [];
    const third = runtime(dir, START + 40 * DAY);
    expect(third.sfn.restore(third.store.readExecutions())).toEqual({ resumed: 0, ended: 2 });
  });

  it('ignores a line torn by a kill in the middle of a write', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-journal-'));
    dirs.push(dir);
    const store = new LocalStateStore(dir);
    store.executionStarted({ arn: 'a', name: 'a', stateMachineArn: 'm', input: '{}', startDate: START, status: 'RUNNING' });
    fs.appendFileSync(path.join(dir, 'executions.jsonl'), '{"kind":"end","arn":"a","sta');
    expect(store.readExecutions()).toEqual([{ arn: 'a', name: 'a', stateMachineArn: 'm', input: '{}', startDate: START, status: 'RUNNING' }]);
    store.writeClock(START + 1234.7);
    expect(store.readClock()).toBe(START + 1234);
  });
});
