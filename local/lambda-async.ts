/**
 * Lambda's asynchronous invocation, as EventBridge (and S3, SNS) use it: the caller is answered as
 * soon as the event is queued; the function then runs, and a function error is retried by Lambda
 * itself (twice by default, about 1 and 2 minutes later) on the simulated clock. When the retries
 * are exhausted (or the event grew older than the maximum age), the invocation record goes to the
 * function's on-failure destination (AWS::Lambda::EventInvokeConfig) or, without one, is dropped.
 * The caller (a rule target) never learns of the function's failure: its DLQ is out of the picture.
 */
import { randomUUID } from 'node:crypto';
import type { TemplateResolver } from './synth';

/** What AWS::Lambda::EventInvokeConfig says about one function ($LATEST). */
export interface AsyncInvokeConfig {
  /** The function's name (locally its logical id). */
  readonly functionName: string;
  /** 0-2. @default 2 */
  readonly maximumRetryAttempts: number;
  /** 60-21600. @default 21600 (6 hours) */
  readonly maximumEventAgeSeconds: number;
  /** ARN of the on-failure destination (an SQS queue here). */
  readonly onFailure?: string;
}

export type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded';

/** The invocation record Lambda sends to an on-failure destination (the SQS message body). */
export interface OnFailureRecord {
  readonly version: '1.0';
  readonly timestamp: string;
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: FailureCondition;
    readonly approximateInvokeCount: number;
  };
  readonly requestPayload: unknown;
  readonly responseContext: { readonly statusCode: 200; readonly executedVersion: '$LATEST'; readonly functionError: 'Unhandled' };
  readonly responsePayload: { readonly errorMessage: string; readonly errorType: string };
}

export interface AsyncFailure {
  readonly functionName: string;
  /** Where AWS sends the record; undefined = AWS drops the event. */
  readonly destination?: string;
  readonly record: OnFailureRecord;
  /** Simulated time of each attempt, for diagnostics (AWS keeps them only in the logs). */
  readonly attemptedAt: readonly string[];
}

/** The part of the simulated clock asynchronous invocation needs (local/clock.ts SimClock). */
export interface AsyncClock {
  now(): Date;
  sleep(ms: number): Promise<void>;
  track<T>(work: Promise<T>): Promise<T>;
  park<T>(blocker: Promise<T>): Promise<T>;
}

export interface AsyncInvokerOptions {
  /** Runs the function once; rejects with an Error whose name is the errorType. */
  readonly invoke: (functionArn: string, payload: unknown) => Promise<unknown>;
  /** The function's ARN and name, or undefined when there is no such function. */
  readonly find: (nameOrArn: string) => { arn: string; logicalId: string } | undefined;
  readonly configs: readonly AsyncInvokeConfig[];
  readonly clock: AsyncClock;
  /** Receives every failure after the retries, with or without a destination. */
  readonly onFailure: (failure: AsyncFailure) => void;
  /** Lambda waits about 1 minute before the first retry and 2 before the second. */
  readonly retryDelaysMs?: readonly number[];
  readonly newId?: () => string;
  /**
   * Told when an invocation is queued and when its run ends, so that a queued event outlives the
   * process (local/persistence.ts under --data): Lambda keeps an accepted async event until a run
   * succeeds or it goes to the on-failure destination. @default none (in memory only)
   */
  readonly journal?: AsyncJournal;
}

/** An invocation Lambda has queued: what a restarted cloud delivers again if its run did not end. */
export interface QueuedInvocation {
  /** The request id the caller was answered with. */
  readonly id: string;
  readonly functionArn: string;
  readonly logicalId: string;
  readonly payload: unknown;
  /** Simulated epoch ms when Lambda queued it (the maximum event age counts from here). */
  readonly queuedAt: number;
}

export type AsyncOutcome = 'succeeded' | 'failed';

export interface AsyncJournal {
  /** Before the caller is answered: a journal that throws refuses the invocation. */
  queued(invocation: QueuedInvocation): void;
  /** The run succeeded, or the event was handed to onFailure (or dropped) after its retries. */
  ended(id: string, outcome: AsyncOutcome): void;
}

export const DEFAULT_RETRY_DELAYS_MS = [60_000, 120_000] as const;
const DEFAULT_CONFIG = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 };

/** Raised when the function does not exist: the caller (EventBridge) sees it and does not retry. */
export class AsyncInvokeRefused extends Error {
  override readonly name = 'ResourceNotFoundException';
  readonly retryable = false;
}

export class AsyncInvoker {
  private readonly configs = new Map<string, AsyncInvokeConfig>();
  private readonly delays: readonly number[];

  constructor(private readonly options: AsyncInvokerOptions) {
    for (const config of options.configs) this.configs.set(config.functionName, config);
    this.delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  configFor(functionName: string): AsyncInvokeConfig {
    return this.configs.get(functionName) ?? { functionName, ...DEFAULT_CONFIG };
  }

  /**
   * Invoke with InvocationType Event: answers with the request id once the event is queued; the
   * attempts run afterwards, counted as busy work by the clock except while waiting to retry.
   */
  invoke(nameOrArn: string, payload: unknown): { requestId: string } {
    const fn = this.options.find(nameOrArn);
    if (!fn) throw new AsyncInvokeRefused(`Function not found: ${nameOrArn}`);
    const requestId = (this.options.newId ?? randomUUID)();
    const queuedAt = this.options.clock.now().getTime();
    this.options.journal?.queued({ id: requestId, functionArn: fn.arn, logicalId: fn.logicalId, payload, queuedAt });
    this.start(fn, payload, requestId, queuedAt);
    return { requestId };
  }

  /**
   * Runs again an invocation a previous process queued and did not finish (its journal has it):
   * Lambda delivers a queued event at least once, so a function killed mid-run sees it again, with
   * its request id and its age counted from the first queueing. Throws AsyncInvokeRefused when the
   * function no longer exists.
   */
  redeliver(invocation: QueuedInvocation): void {
    const fn = this.options.find(invocation.functionArn) ?? this.options.find(invocation.logicalId);
    if (!fn) throw new AsyncInvokeRefused(`Function not found: ${invocation.functionArn}`);
    this.start(fn, invocation.payload, invocation.id, invocation.queuedAt);
  }

  private start(fn: { arn: string; logicalId: string }, payload: unknown, requestId: string, queuedAt: number): void {
    const job = this.options.clock.track(this.run(fn, payload, requestId, queuedAt));
    // A journal that cannot write the end leaves the invocation queued: a restart delivers it again.
    job.then((outcome) => this.options.journal?.ended(requestId, outcome)).catch(() => undefined);
  }

  private async run(fn: { arn: string; logicalId: string }, payload: unknown, requestId: string, queuedAt: number): Promise<AsyncOutcome> {
    const { clock } = this.options;
    const config = this.configFor(fn.logicalId);
    const attemptedAt: string[] = [];
    let last = { errorMessage: '', errorType: '' };
    for (let attempt = 0; ; attempt++) {
      attemptedAt.push(clock.now().toISOString());
      try {
        // Each attempt gets its own copy, as each is a separate invocation on AWS.
        await this.options.invoke(fn.arn, structuredClone(payload));
        return 'succeeded';
      } catch (error) {
        const e = error as { name?: string; message?: string; errorType?: string; errorMessage?: string };
        last = { errorMessage: e.errorMessage ?? e.message ?? String(error), errorType: e.errorType ?? e.name ?? 'Error' };
      }
      if (attempt >= Math.min(config.maximumRetryAttempts, this.delays.length)) {
        this.fail(fn, config, payload, requestId, 'RetriesExhausted', attemptedAt, last);
        return 'failed';
      }
      await clock.park(clock.sleep(this.delays[attempt]!));
      if ((clock.now().getTime() - queuedAt) / 1000 > config.maximumEventAgeSeconds) {
        this.fail(fn, config, payload, requestId, 'EventAgeExceeded', attemptedAt, last);
        return 'failed';
      }
    }
  }

  private fail(
    fn: { arn: string; logicalId: string },
    config: AsyncInvokeConfig,
    payload: unknown,
    requestId: string,
    condition: FailureCondition,
    attemptedAt: string[],
    error: { errorMessage: string; errorType: string },
  ): void {
    const record: OnFailureRecord = {
      version: '1.0',
      timestamp: this.options.clock.now().toISOString(),
      requestContext: { requestId, functionArn: `${fn.arn}:$LATEST`, condition, approximateInvokeCount: attemptedAt.length },
      requestPayload: payload,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: error,
    };
    this.options.onFailure({ functionName: fn.logicalId, ...(config.onFailure !== undefined && { destination: config.onFailure }), record, attemptedAt });
  }
}

/** The EventInvokeConfigs of the templates ($LATEST only: our functions are not versioned). */
export function asyncInvokeConfigsOf(resolver: TemplateResolver): AsyncInvokeConfig[] {
  return resolver.resources('AWS::Lambda::EventInvokeConfig').map(({ logicalId, resource }) => {
    const props = resolver.resolve(resource.Properties ?? {}) as {
      FunctionName?: string;
      Qualifier?: string;
      MaximumRetryAttempts?: number;
      MaximumEventAgeInSeconds?: number;
      DestinationConfig?: { OnFailure?: { Destination?: string } };
    };
    if (typeof props.FunctionName !== 'string') throw new Error(`EventInvokeConfig ${logicalId} names no function the local cloud can resolve.`);
    if (props.Qualifier !== undefined && props.Qualifier !== '$LATEST') {
      throw new Error(`EventInvokeConfig ${logicalId} is for version or alias "${props.Qualifier}"; the local cloud runs $LATEST only.`);
    }
    const name = props.FunctionName.replace(/^arn:aws:lambda:[^:]+:[^:]+:function:/, '');
    const destination = props.DestinationConfig?.OnFailure?.Destination;
    return {
      functionName: name,
      maximumRetryAttempts: props.MaximumRetryAttempts ?? DEFAULT_CONFIG.maximumRetryAttempts,
      maximumEventAgeSeconds: props.MaximumEventAgeInSeconds ?? DEFAULT_CONFIG.maximumEventAgeSeconds,
      ...(destination !== undefined && { onFailure: destination }),
    };
  });
}
