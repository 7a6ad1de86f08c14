import type { TaskResource } from './asl';

/** An AWS-shaped API error: `type` becomes `__type` in the JSON 1.0 response. */
export class SfnApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * The library matches ErrorEquals against `error.name` and puts `error.message` in the Catch
 * output's Cause, so a task error carries AWS's Error as its name and AWS's Cause as its message.
 */
export class TaskError extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/** Like AWS's States.Runtime: neither Retry nor Catch may handle it (the library reads these flags). */
export class StatesRuntimeError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor(message: string) {
    super(message);
    this.name = 'States.Runtime';
  }
}

const SERVICE_ERROR_PREFIX: Record<string, string> = {
  dynamodb: 'DynamoDB',
  events: 'EventBridge',
  states: 'StepFunctions',
  lambda: 'Lambda',
};

interface LambdaShapedError {
  name?: string;
  message?: string;
  errorType?: string;
  errorMessage?: string;
  stack?: string;
}

/**
 * How AWS reports a failed task: a Lambda function error keeps the function's errorType and a
 * JSON Cause; a service integration error is prefixed with the service (DynamoDB.ConditionalCheck...).
 */
export function taskErrorFrom(e: unknown, resource: TaskResource): TaskError {
  if (e instanceof TaskError) return e;
  const err = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as LambdaShapedError;
  const isLambda = resource.kind === 'lambdaArn' || resource.service === 'lambda';
  if (isLambda) {
    const errorType = err.errorType ?? err.name ?? 'Error';
    const errorMessage = err.errorMessage ?? err.message ?? '';
    const trace = (err.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at '));
    return new TaskError(errorType, JSON.stringify({ errorType, errorMessage, trace }));
  }
  const name = err.name ?? 'Error';
  const prefix = SERVICE_ERROR_PREFIX[resource.service] ?? resource.service;
  return new TaskError(name.includes('.') ? name : `${prefix}.${name}`, err.message ?? '');
}
