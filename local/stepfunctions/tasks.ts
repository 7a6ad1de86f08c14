import type { SimClock } from '../clock';
import { parseResource, type AslState, type Retrier, type TaskResource } from './asl';
import { StatesRuntimeError, taskErrorFrom } from './errors';
import { json, type ExecutionHistory } from './history';
import { LOCAL_WAIT_RESOURCE, TIMEOUT_PARAMETER, type WaitRequest } from './rewrite';
import type { TaskTokens } from './tokens';

/** How Task states reach the rest of the local cloud. */
export interface StepFunctionsIntegrations {
  invokeLambda(functionArn: string, payload: unknown): Promise<unknown>;
  /** Service integrations by full resource ARN (events:putEvents, dynamodb:*, states:startExecution). */
  call(resource: string, parameters: unknown): Promise<unknown>;
}

export interface TaskEnvironment {
  readonly clock: SimClock;
  readonly integrations: StepFunctionsIntegrations;
  readonly tokens: TaskTokens;
  readonly region: string;
  readonly timeoutError: new () => Error;
}

/** What a handler knows of the execution it runs in. */
export interface ExecutionScope {
  readonly arn: string;
  readonly signal: AbortSignal;
  readonly history: ExecutionHistory;
  /** The token `$$.Task.Token` handed out while this state's Parameters were resolved, if any. */
  takePendingToken(): string | undefined;
  onRetry(): void;
}

type Handler = (input: unknown) => Promise<unknown>;

const TIMED_OUT = Symbol('timed out');
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The library handler for a Task or (rewritten) Wait state, running on the simulated clock. */
export function stateHandler(env: TaskEnvironment, scope: ExecutionScope, name: string, state: AslState): Handler {
  if (state.Type === 'Wait' || state.Resource === LOCAL_WAIT_RESOURCE) {
    return (request) => busy(env, scope, () => runWait(env, scope, name, request as WaitRequest));
  }
  const resource = parseResource(state.Resource);
  if (!resource) throw new Error(`State "${name}" has no local binding for ${String(state.Resource)}; the guard should have refused it.`);
  return (input) => busy(env, scope, (token) => runTask(env, scope, name, state, resource, input, token));
}

/**
 * The token must be taken synchronously: the library resolves Parameters and calls the handler in
 * one synchronous step, so no other state can have read `$$.Task.Token` in between.
 */
async function busy(env: TaskEnvironment, scope: ExecutionScope, work: (token: string | undefined) => Promise<unknown>): Promise<unknown> {
  const token = scope.takePendingToken();
  env.clock.begin();
  try {
    // One macrotask lets the library's queued events (this state's StateEntered) reach the history first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return await work(token);
  } finally {
    env.clock.end();
  }
}

async function runWait(env: TaskEnvironment, scope: ExecutionScope, name: string, request: WaitRequest): Promise<unknown> {
  const now = env.clock.nowMs();
  let due: number;
  if (request.seconds !== undefined) {
    if (!Number.isInteger(request.seconds) || (request.seconds as number) < 0) {
      throw new StatesRuntimeError(`Wait state "${name}" needs a whole number of seconds >= 0, got ${json(request.seconds)}.`);
    }
    due = now + (request.seconds as number) * 1000;
  } else if (typeof request.timestamp === 'string' && RFC3339.test(request.timestamp)) {
    due = Date.parse(request.timestamp);
  } else {
    throw new StatesRuntimeError(`Wait state "${name}" needs an RFC 3339 timestamp such as 2025-01-31T09:00:00Z, got ${json(request.timestamp)}.`);
  }
  await env.clock.park(env.clock.sleepUntil(due, scope.signal));
  return request.input;
}

async function runTask(
  env: TaskEnvironment,
  scope: ExecutionScope,
  name: string,
  state: AslState,
  resource: TaskResource,
  input: unknown,
  token: string | undefined,
): Promise<unknown> {
  const retriers = (state.Retry as Retrier[] | undefined) ?? [];
  const attempts = retriers.map(() => 0);
  for (;;) {
    try {
      return await attempt(env, scope, name, state, resource, input, token);
    } catch (e) {
      const delay = scope.signal.aborted ? undefined : retryDelay(retriers, attempts, (e as Error).name);
      if (delay === undefined) throw e;
      scope.onRetry();
      await env.clock.park(env.clock.sleep(delay, scope.signal));
      if (token) {
        // AWS hands every attempt of a callback task a fresh token.
        const fresh = env.tokens.issue(scope.arn);
        input = replaceString(input, token, fresh);
        token = fresh;
      }
    }
  }
}

/** AWS's retrier choice: the first retrier whose ErrorEquals matches decides, even when exhausted. */
export function retryDelay(retriers: readonly Retrier[], attempts: number[], error: string): number | undefined {
  for (const [i, r] of retriers.entries()) {
    const matches = r.ErrorEquals.some((e) => e === error || e === 'States.ALL' || (e === 'States.TaskFailed' && error !== 'States.Timeout'));
    if (!matches) continue;
    const done = attempts[i] ?? 0;
    if (done >= (r.MaxAttempts ?? 3)) return undefined;
    attempts[i] = done + 1;
    let seconds = (r.IntervalSeconds ?? 1) * (r.BackoffRate ?? 2) ** done;
    if (r.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, r.MaxDelaySeconds);
    if (r.JitterStrategy === 'FULL') seconds = Math.random() * seconds;
    return Math.round(seconds * 1000);
  }
  return undefined;
}

async function attempt(
  env: TaskEnvironment,
  scope: ExecutionScope,
  name: string,
  state: AslState,
  resource: TaskResource,
  input: unknown,
  pendingToken: string | undefined,
): Promise<unknown> {
  const events = taskEvents(scope.history, resource);
  let timeoutSeconds = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined;
  if (input !== null && typeof input === 'object' && TIMEOUT_PARAMETER in input) {
    const { [TIMEOUT_PARAMETER]: fromPath, ...rest } = input as Record<string, unknown>;
    if (typeof fromPath !== 'number' || !Number.isInteger(fromPath) || fromPath < 1) {
      throw new StatesRuntimeError(`State "${name}": TimeoutSecondsPath must select a positive whole number of seconds, got ${json(fromPath)}.`);
    }
    timeoutSeconds = fromPath;
    input = rest;
  }
  const stop = new AbortController();
  const signal = AbortSignal.any([scope.signal, stop.signal]);
  const deadline = timeoutSeconds === undefined ? undefined : env.clock.sleep(timeoutSeconds * 1000, signal).then(() => TIMED_OUT);
  deadline?.catch(() => undefined);
  const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  aborted.catch(() => undefined);
  const until = <T>(work: Promise<T>) => Promise.race(deadline ? [work, deadline, aborted] : [work, aborted]);

  const callback = resource.kind === 'integration' && resource.waitForTaskToken;
  const token = callback ? (pendingToken ?? env.tokens.issue(scope.arn)) : undefined;
  events.scheduled(input, timeoutSeconds, env.region);
  try {
    let result = await until(call(env, resource, input));
    if (callback && result !== TIMED_OUT) {
      events.submitted(result);
      result = await env.clock.park(until(env.tokens.answer(token!, name)));
    }
    if (result === TIMED_OUT) {
      if (token) env.tokens.retire(token, 'timedOut');
      events.timedOut();
      throw new env.timeoutError();
    }
    events.succeeded(result);
    return result;
  } catch (e) {
    if (e instanceof env.timeoutError || scope.signal.aborted) throw e;
    const error = taskErrorFrom(e, resource);
    events.failed(error.name, error.message);
    throw error;
  } finally {
    if (token) env.tokens.retire(token, 'cancelled');
    stop.abort();
  }
}

async function call(env: TaskEnvironment, resource: TaskResource, input: unknown): Promise<unknown> {
  if (resource.kind === 'lambdaArn') return (await env.integrations.invokeLambda(resource.resource, input)) ?? null;
  if (resource.service === 'lambda') {
    const { FunctionName, Payload } = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
    const payload = await env.integrations.invokeLambda(String(FunctionName), Payload ?? {});
    return resource.waitForTaskToken ? { StatusCode: 200 } : { ExecutedVersion: '$LATEST', Payload: payload ?? null, StatusCode: 200 };
  }
  return (await env.integrations.call(resource.resource, input)) ?? {};
}

/** AWS names Task events differently for plain Lambda ARNs (LambdaFunction*) and integrations (Task*). */
function taskEvents(history: ExecutionHistory, resource: TaskResource) {
  if (resource.kind === 'lambdaArn') {
    return {
      scheduled: (input: unknown, timeoutInSeconds?: number) => {
        history.add('LambdaFunctionScheduled', { resource: resource.resource, input: json(input), ...(timeoutInSeconds ? { timeoutInSeconds } : {}) });
        history.add('LambdaFunctionStarted');
      },
      submitted: () => undefined,
      succeeded: (output: unknown) => history.add('LambdaFunctionSucceeded', { output: json(output) }),
      failed: (error: string, cause: string) => history.add('LambdaFunctionFailed', { error, cause }),
      timedOut: () => history.add('LambdaFunctionTimedOut', { error: 'States.Timeout', cause: 'The Lambda function did not finish within TimeoutSeconds.' }),
    };
  }
  const ids = { resourceType: resource.service, resource: resource.resource.replace(/^.*:::[a-z0-9-]+:/, '') };
  return {
    scheduled: (input: unknown, timeoutInSeconds: number | undefined, region: string) => {
      history.add('TaskScheduled', { ...ids, region, parameters: json(input), ...(timeoutInSeconds ? { timeoutInSeconds } : {}) });
      history.add('TaskStarted', { ...ids });
    },
    submitted: (output: unknown) => history.add('TaskSubmitted', { ...ids, output: json(output) }),
    succeeded: (output: unknown) => history.add('TaskSucceeded', { ...ids, output: json(output) }),
    failed: (error: string, cause: string) => history.add('TaskFailed', { ...ids, error, cause }),
    timedOut: () => history.add('TaskTimedOut', { ...ids, error: 'States.Timeout', cause: 'The task did not finish within TimeoutSeconds.' }),
  };
}

function replaceString(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceString(v, from, to));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceString(v, from, to)]));
  }
  return value;
}
