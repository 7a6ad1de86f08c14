import { randomUUID } from 'node:crypto';
import type { SimClock } from '../clock';
import { handleSfnRequest, type SfnResponse } from './api';
import { indexStates, type AslDefinition, type AslState } from './asl';
import { SfnApiError } from './errors';
import { assertSupported } from './guard';
import { ExecutionHistory, json, recordLibraryEvent, type HistoryEvent, type LibraryEvent } from './history';
import { buildLibraryMachine, ExecutionError, statesTimeoutErrorClass, type StateMachine } from './library';
import { toLibraryDefinition } from './rewrite';
import { stateHandler, type ExecutionScope, type StepFunctionsIntegrations, type TaskEnvironment } from './tasks';
import { TaskTokens } from './tokens';
import type {
  ExecutionDescription,
  ExecutionJournal,
  ExecutionRecord,
  ExecutionStatus,
  ExecutionSummary,
  LocalStepFunctionsOptions,
  StateMachineInfo,
} from './types';

export type { StepFunctionsIntegrations } from './tasks';
export type { ExecutionDescription, ExecutionRecord, ExecutionStatus, ExecutionSummary, LocalStepFunctionsOptions, StateMachineInfo } from './types';

interface Machine extends StateMachineInfo {
  readonly states: ReadonlyMap<string, AslState>;
  readonly library: StateMachine;
}

interface Execution {
  readonly arn: string;
  readonly name: string;
  readonly machine: Machine;
  readonly input: string;
  readonly startDate: Date;
  readonly history: ExecutionHistory;
  readonly controller: AbortController;
  readonly ended: Promise<void>;
  markEnded(): void;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  currentState?: string;
  transitions: number;
  pendingToken?: string;
  abortRun?: () => void;
}

const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;
const MAX_INPUT_BYTES = 256 * 1024;
/** A Standard execution lasts at most one year (365 days) on AWS. */
export const MAX_EXECUTION_SECONDS = 365 * 86_400;

/**
 * Step Functions Standard workflows (JSONPath) on one machine: aws-local-stepfunctions interprets
 * the states; waits, timeouts, retries and task tokens run here on the simulated clock.
 */
export class LocalStepFunctions {
  private readonly clock: SimClock;
  private readonly integrations: StepFunctionsIntegrations;
  private readonly tokens = new TaskTokens();
  private readonly machines = new Map<string, Machine>();
  private readonly executions = new Map<string, Execution>();
  private readonly journal: ExecutionJournal | undefined;
  private closed = false;
  readonly region: string;
  readonly accountId: string;

  constructor(opts: LocalStepFunctionsOptions) {
    this.clock = opts.clock;
    this.integrations = opts.integrations;
    this.region = opts.region ?? 'eu-west-1';
    this.accountId = opts.accountId ?? '000000000000';
    this.journal = opts.journal;
  }

  /** Checks the definition against the guard; the library machine is built once, when first run. */
  register(opts: { name: string; arn?: string; definition: AslDefinition | string }): StateMachineInfo {
    const definition = (typeof opts.definition === 'string' ? JSON.parse(opts.definition) : opts.definition) as AslDefinition;
    assertSupported(opts.name, definition);
    const arn = opts.arn ?? `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${opts.name}`;
    // Building validates the ASL and takes ~0.3 s a machine: it happens on the first execution,
    // so that the local cloud is ready sooner (the guard above has already checked the definition).
    let library: StateMachine | undefined;
    const machine: Machine = {
      name: opts.name,
      arn,
      definition,
      states: indexStates(definition),
      get library() {
        if (!library) {
          library = buildLibraryMachine(toLibraryDefinition(definition));
          void statesTimeoutErrorClass();
        }
        return library;
      },
      createdAt: this.clock.now(),
    };
    this.machines.set(arn, machine);
    return { name: machine.name, arn, definition, createdAt: machine.createdAt };
  }

  listStateMachines(): StateMachineInfo[] {
    return [...this.machines.values()].map(({ name, arn, definition, createdAt }) => ({ name, arn, definition, createdAt }));
  }

  /** Starts an execution; `input` is JSON text (as on the API) or a value to serialize. */
  async startExecution(opts: { stateMachineArn: string; name?: string; input?: unknown }): Promise<{ executionArn: string; startDate: Date }> {
    const machine = this.machines.get(opts.stateMachineArn);
    if (!machine)
      throw new SfnApiError('StateMachineDoesNotExist', `State machine ${opts.stateMachineArn} does not exist; check the ARN or register it first.`);
    const name = opts.name ?? randomUUID();
    if (!EXECUTION_NAME.test(name)) {
      throw new SfnApiError(
        'InvalidName',
        `"${name}" is not a valid execution name: use 1-80 characters without spaces, brackets, wildcards or punctuation like ,;:/$&.`,
      );
    }
    const input = normalizeInput(opts.input);
    const arn = `arn:aws:states:${this.region}:${this.accountId}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(arn);
    if (existing) {
      // Like AWS: restarting a running execution with the same name and input is idempotent.
      if (existing.status === 'RUNNING' && existing.input === input) return { executionArn: arn, startDate: existing.startDate };
      throw new SfnApiError(
        'ExecutionAlreadyExists',
        `Execution ${name} already exists for ${machine.name}; execution names cannot be reused, pick another name.`,
      );
    }
    const exec = this.create(machine, arn, name, input, this.clock.now());
    this.journal?.executionStarted({ arn, name, stateMachineArn: machine.arn, input, startDate: exec.startDate.getTime(), status: 'RUNNING' });
    void this.launch(exec);
    return { executionArn: arn, startDate: exec.startDate };
  }

  /**
   * After a restart: ended executions come back as they ended (their history holds only the start
   * and the end), and running ones run again from their first state with the same name, input and
   * start time. On AWS they would have carried on from their current state; our workflows keep
   * their state in DynamoDB and every step is safe to run twice, so running again from the top is
   * how they carry on (docs/local.md, "Restarts").
   */
  restore(records: readonly ExecutionRecord[]): { resumed: number; ended: number } {
    let resumed = 0;
    let ended = 0;
    for (const r of records) {
      const machine = this.machines.get(r.stateMachineArn);
      if (!machine || this.executions.has(r.arn)) continue;
      const exec = this.create(machine, r.arn, r.name, r.input, new Date(r.startDate));
      if (r.status === 'RUNNING') {
        resumed++;
        void this.launch(exec);
        continue;
      }
      ended++;
      exec.status = r.status as ExecutionStatus;
      exec.stopDate = new Date(r.stopDate ?? r.startDate);
      Object.assign(exec, {
        ...(r.output !== undefined ? { output: r.output } : {}),
        ...(r.error !== undefined ? { error: r.error } : {}),
        ...(r.cause !== undefined ? { cause: r.cause } : {}),
      });
      const type = { SUCCEEDED: 'ExecutionSucceeded', FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', ABORTED: 'ExecutionAborted' }[r.status];
      if (type) exec.history.add(type, undefined, exec.stopDate.getTime());
      exec.markEnded();
    }
    return { resumed, ended };
  }

  private create(machine: Machine, arn: string, name: string, input: string, startDate: Date): Execution {
    let markEnded!: () => void;
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    const exec: Execution = {
      arn,
      name,
      machine,
      input,
      startDate,
      history: new ExecutionHistory(),
      controller: new AbortController(),
      ended,
      markEnded,
      status: 'RUNNING',
      transitions: 0,
    };
    this.executions.set(arn, exec);
    exec.history.add('ExecutionStarted', { input, roleArn: `arn:aws:iam::${this.accountId}:role/local-step-functions` }, startDate.getTime());
    return exec;
  }

  describeExecution(executionArn: string): ExecutionDescription {
    const e = this.execution(executionArn);
    return {
      executionArn: e.arn,
      stateMachineArn: e.machine.arn,
      name: e.name,
      status: e.status,
      startDate: e.startDate,
      input: e.input,
      ...(e.stopDate ? { stopDate: e.stopDate } : {}),
      ...(e.output !== undefined ? { output: e.output } : {}),
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.cause !== undefined ? { cause: e.cause } : {}),
    };
  }

  getExecutionHistory(executionArn: string): readonly HistoryEvent[] {
    return this.execution(executionArn).history.events;
  }

  /** Newest first, like AWS. */
  listExecutions(opts: { stateMachineArn?: string; statusFilter?: ExecutionStatus } = {}): ExecutionDescription[] {
    if (opts.stateMachineArn && !this.machines.has(opts.stateMachineArn)) {
      throw new SfnApiError('StateMachineDoesNotExist', `State machine ${opts.stateMachineArn} does not exist; check the ARN.`);
    }
    return [...this.executions.values()]
      .filter((e) => (!opts.stateMachineArn || e.machine.arn === opts.stateMachineArn) && (!opts.statusFilter || e.status === opts.statusFilter))
      .reverse()
      .map((e) => this.describeExecution(e.arn));
  }

  stopExecution(executionArn: string, opts: { error?: string; cause?: string } = {}): { stopDate: Date } {
    const e = this.execution(executionArn);
    this.finish(e, 'ABORTED', { ...(opts.error !== undefined ? { error: opts.error } : {}), ...(opts.cause !== undefined ? { cause: opts.cause } : {}) });
    return { stopDate: e.stopDate! };
  }

  sendTaskSuccess(taskToken: string, output: unknown): void {
    this.tokens.succeed(taskToken, output);
  }

  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.tokens.fail(taskToken, error, cause);
  }

  sendTaskHeartbeat(taskToken: string): void {
    this.tokens.heartbeat(taskToken);
  }

  /** Resolves with the final description once the execution has ended (for tests and tools). */
  async waitForExecution(executionArn: string): Promise<ExecutionDescription> {
    await this.execution(executionArn).ended;
    return this.describeExecution(executionArn);
  }

  summaries(): ExecutionSummary[] {
    return [...this.executions.values()].map((e) => ({
      executionArn: e.arn,
      name: e.name,
      stateMachineName: e.machine.name,
      status: e.status,
      ...(e.currentState ? { currentState: e.currentState } : {}),
      startDate: e.startDate,
      ...(e.stopDate ? { stopDate: e.stopDate } : {}),
      transitions: e.transitions,
    }));
  }

  /** The AWS JSON 1.0 protocol: `target` is the X-Amz-Target header, `body` the request JSON. */
  handleRequest(target: string, body: unknown): Promise<SfnResponse> {
    return handleSfnRequest(this, target, body);
  }

  /** Stops every running execution without recording it (shutting the local cloud down). */
  close(): void {
    // What the closing aborts has not ended: a restarted cloud runs it on (restore()).
    this.closed = true;
    for (const e of this.executions.values()) {
      if (e.status !== 'RUNNING') continue;
      e.controller.abort(new Error('The local Step Functions runtime was closed.'));
      e.abortRun?.();
      this.tokens.retireExecution(e.arn);
    }
  }

  private execution(arn: string): Execution {
    const e = this.executions.get(arn);
    if (!e) throw new SfnApiError('ExecutionDoesNotExist', `Execution ${arn} does not exist; check the ARN returned by StartExecution.`);
    return e;
  }

  private async launch(exec: Execution): Promise<void> {
    const { machine } = exec;
    let result: Promise<unknown> = Promise.resolve(null);
    let consumed: Promise<void> = Promise.resolve();
    // Busy until the first state runs: the first launch awaits a real 1 ms probe of the library.
    this.clock.begin();
    try {
      const env: TaskEnvironment = {
        clock: this.clock,
        integrations: this.integrations,
        tokens: this.tokens,
        region: this.region,
        timeoutError: await statesTimeoutErrorClass(),
      };
      if (exec.status !== 'RUNNING') return;
      const scope: ExecutionScope = {
        arn: exec.arn,
        signal: exec.controller.signal,
        history: exec.history,
        onRetry: () => exec.transitions++,
        takePendingToken: () => {
          const token = exec.pendingToken;
          exec.pendingToken = undefined;
          return token;
        },
      };
      const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
      const retryIntervalOverrides: Record<string, number> = {};
      for (const [name, state] of machine.states) {
        if (state.Type === 'Task' || state.Type === 'Wait') handlers[name] = stateHandler(env, scope, name, state);
        // Map/Parallel retries stay with the library, whose real-time pause would stall simulated time.
        if (state.Type === 'Map' || state.Type === 'Parallel') retryIntervalOverrides[name] = 0;
      }
      const Task = {};
      Object.defineProperty(Task, 'Token', { enumerable: true, get: () => (exec.pendingToken ??= this.tokens.issue(exec.arn)) });
      const context = {
        Execution: {
          Id: exec.arn,
          Name: exec.name,
          StartTime: exec.startDate.toISOString(),
          Input: JSON.parse(exec.input),
          RoleArn: `arn:aws:iam::${this.accountId}:role/local-step-functions`,
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task,
      };
      const run = machine.library.run(JSON.parse(exec.input), {
        overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides },
        context,
      });
      exec.abortRun = run.abort;
      result = run.result;
      consumed = this.consume(exec, run.eventLogs as AsyncGenerator<LibraryEvent>);
      // AWS ends every Standard execution at one year, whatever TimeoutSeconds says: so does this.
      const declared = machine.definition.TimeoutSeconds;
      const timeout = typeof declared === 'number' ? Math.min(declared, MAX_EXECUTION_SECONDS) : MAX_EXECUTION_SECONDS;
      this.clock.sleepUntil(exec.startDate.getTime() + timeout * 1000, exec.controller.signal).then(
        () =>
          this.finish(exec, 'TIMED_OUT', {
            error: 'States.Timeout',
            cause:
              timeout === MAX_EXECUTION_SECONDS
                ? 'The execution reached the one-year limit of Standard workflows.'
                : `The execution ran longer than the state machine's TimeoutSeconds (${timeout}).`,
          }),
        () => undefined,
      );
    } finally {
      this.clock.end();
    }
    try {
      const output = await result;
      await consumed;
      this.finish(exec, 'SUCCEEDED', { output: json(output) });
    } catch (e) {
      await consumed;
      const cause = e instanceof ExecutionError ? (e.cause as Error) : (e as Error);
      this.finish(exec, 'FAILED', { error: cause?.name ?? 'States.Runtime', cause: String(cause?.message ?? e) });
    }
  }

  private async consume(exec: Execution, events: AsyncGenerator<LibraryEvent>): Promise<void> {
    for await (const ev of events) {
      if (exec.status !== 'RUNNING') continue;
      const progress = recordLibraryEvent(exec.history, exec.machine.states, ev);
      if (progress.entered) {
        exec.transitions++;
        exec.currentState = progress.entered;
      }
      if (progress.retried) exec.transitions++;
    }
  }

  private finish(exec: Execution, status: Exclude<ExecutionStatus, 'RUNNING'>, fields: { output?: string; error?: string; cause?: string }): void {
    if (exec.status !== 'RUNNING' || this.closed) return;
    exec.status = status;
    exec.stopDate = this.clock.now();
    Object.assign(exec, fields);
    const type = { SUCCEEDED: 'ExecutionSucceeded', FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', ABORTED: 'ExecutionAborted' }[status];
    exec.history.add(type, Object.keys(fields).length > 0 ? { ...fields } : undefined);
    if (status !== 'SUCCEEDED' && status !== 'FAILED') {
      exec.controller.abort(new Error(`Execution ${exec.name} was ${status === 'ABORTED' ? 'stopped' : 'timed out'}.`));
      exec.abortRun?.();
    } else {
      // Ends the execution's pending simulated timers (its own TimeoutSeconds).
      exec.controller.abort(new Error(`Execution ${exec.name} has ended.`));
    }
    this.tokens.retireExecution(exec.arn);
    this.journal?.executionEnded({ arn: exec.arn, status, stopDate: exec.stopDate.getTime(), ...fields });
    exec.markEnded();
  }
}

function normalizeInput(input: unknown): string {
  let value: unknown = input ?? {};
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new SfnApiError('InvalidExecutionInput', 'The execution input is not valid JSON; pass a JSON document such as {}.');
    }
  }
  const text = JSON.stringify(value);
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) {
    throw new SfnApiError('InvalidExecutionInput', 'The execution input is larger than 256 KiB; store large data elsewhere and pass a reference.');
  }
  return text;
}
