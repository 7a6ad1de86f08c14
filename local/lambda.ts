import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { LocalFunction } from './synth';

type Handler = (event: unknown, context: Record<string, unknown>) => Promise<unknown>;

export interface Invocation {
  readonly functionName: string;
  readonly requestId: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly error?: string;
}

/** Thrown when a handler fails: carries Lambda's errorType / errorMessage shape. */
export class LambdaInvocationError extends Error {
  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
    readonly functionName: string,
  ) {
    super(errorMessage);
    this.name = errorType;
  }
}

/**
 * Runs our Lambda handlers in this process, from their TypeScript sources, with a Lambda-shaped
 * context. Environments: every function's variables are merged into process.env at start (one
 * process), so a variable that two functions set to different values is refused at start, except
 * the per-function names listed here.
 */
export class LocalLambdaRuntime {
  private readonly byArn = new Map<string, LocalFunction>();
  private readonly loaded = new Map<string, Promise<Handler>>();
  readonly invocations: Invocation[] = [];
  private inFlight = 0;

  constructor(
    functions: readonly LocalFunction[],
    private readonly onWork?: (p: Promise<unknown>) => void,
  ) {
    const merged: Record<string, { value: string; fn: string }> = {};
    const perFunction = new Set(['POWERTOOLS_SERVICE_NAME', 'AWS_LAMBDA_FUNCTION_NAME']);
    for (const fn of functions) {
      this.byArn.set(fn.arn, fn);
      this.byArn.set(fn.logicalId, fn);
      for (const [k, v] of Object.entries(fn.environment)) {
        // No hosted sign-in locally: protected routes carry a local admin's claims instead
        // (local/http-api.ts), so the intake form needs no sign-in page.
        if (perFunction.has(k) || k.startsWith('SIGN_IN_')) continue;
        const prev = merged[k];
        if (prev && prev.value !== v) {
          throw new Error(
            `Functions ${prev.fn} and ${fn.logicalId} set ${k} to different values; the local cloud runs them in one process and cannot honour both.`,
          );
        }
        merged[k] = { value: v, fn: fn.logicalId };
      }
    }
    for (const [k, { value }] of Object.entries(merged)) if (k !== 'NODE_OPTIONS') process.env[k] = value;
  }

  get functions(): LocalFunction[] {
    return [...new Set(this.byArn.values())];
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  find(nameOrArn: string): LocalFunction | undefined {
    // FunctionName may be a name, an ARN, or an ARN with a version/alias qualifier.
    const direct = this.byArn.get(nameOrArn);
    if (direct) return direct;
    const m = /^arn:aws:lambda:[^:]+:[^:]+:function:([^:]+)(:.+)?$/.exec(nameOrArn);
    return m ? this.byArn.get(m[1]!) : undefined;
  }

  private load(fn: LocalFunction): Promise<Handler> {
    let p = this.loaded.get(fn.logicalId);
    if (!p) {
      p = import(pathToFileURL(fn.entry).href).then((mod: Record<string, unknown>) => {
        const h = mod[fn.handlerExport];
        if (typeof h !== 'function') throw new Error(`${fn.entry} does not export a function named ${fn.handlerExport}.`);
        return h as Handler;
      });
      this.loaded.set(fn.logicalId, p);
    }
    return p;
  }

  async invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    const fn = this.find(nameOrArn);
    if (!fn) throw new LambdaInvocationError('ResourceNotFoundException', `Function not found: ${nameOrArn}`, nameOrArn);
    const requestId = randomUUID();
    const started = Date.now();
    const realStart = performance.now();
    const deadline = realStart + fn.timeoutSeconds * 1000;
    const context = {
      functionName: fn.logicalId,
      functionVersion: '$LATEST',
      invokedFunctionArn: fn.arn,
      memoryLimitInMB: String(fn.memorySize),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.logicalId}`,
      logStreamName: `local/${requestId}`,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    this.inFlight++;
    const run = (async () => {
      try {
        const handler = await this.load(fn);
        return await handler(structuredClone(event), context);
      } catch (e) {
        const err = e as Error;
        this.invocations.push({
          functionName: fn.logicalId,
          requestId,
          startedAt: new Date(started).toISOString(),
          durationMs: Math.round(performance.now() - realStart),
          error: `${err.name}: ${err.message}`,
        });
        throw new LambdaInvocationError(err.name || 'Error', err.message, fn.logicalId);
      } finally {
        this.inFlight--;
      }
    })();
    this.onWork?.(run);
    const result = await run;
    this.invocations.push({
      functionName: fn.logicalId,
      requestId,
      startedAt: new Date(started).toISOString(),
      durationMs: Math.round(performance.now() - realStart),
    });
    if (this.invocations.length > 5000) this.invocations.splice(0, 1000);
    return result;
  }
}
