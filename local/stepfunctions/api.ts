import { SfnApiError } from './errors';
import { toAwsEvent } from './history';
import type { ExecutionDescription, ExecutionStatus, LocalStepFunctions } from './runtime';

export interface SfnResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

type Body = Record<string, unknown>;

const seconds = (d: Date | undefined) => (d ? d.getTime() / 1000 : undefined);
const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

function required(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new SfnApiError('ValidationException', `The request needs ${field} as a non-empty string.`);
  }
  return value;
}

function optional(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SfnApiError('ValidationException', `${field} must be a string.`);
  return value;
}

/** Pages a list the way AWS does: `nextToken` is opaque to the caller (here, an offset). */
function page<T>(items: readonly T[], body: Body, defaultSize: number): { items: T[]; nextToken?: string } {
  const size = typeof body.maxResults === 'number' && body.maxResults > 0 ? Math.min(body.maxResults, 1000) : defaultSize;
  const token = optional(body, 'nextToken');
  const start = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new SfnApiError('InvalidToken', 'The nextToken is not one this service returned; start again without it.');
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, nextToken: Buffer.from(String(start + size)).toString('base64url') } : { items: slice };
}

function describe(d: ExecutionDescription): Body {
  return {
    executionArn: d.executionArn,
    stateMachineArn: d.stateMachineArn,
    name: d.name,
    status: d.status,
    startDate: seconds(d.startDate),
    stopDate: seconds(d.stopDate),
    input: d.input,
    inputDetails: { included: true },
    ...(d.output !== undefined ? { output: d.output, outputDetails: { included: true } } : {}),
    ...(d.error !== undefined ? { error: d.error } : {}),
    ...(d.cause !== undefined ? { cause: d.cause } : {}),
  };
}

const operations: Record<string, (sfn: LocalStepFunctions, body: Body) => Promise<Body> | Body> = {
  async StartExecution(sfn, body) {
    const input = optional(body, 'input');
    const name = optional(body, 'name');
    const started = await sfn.startExecution({
      stateMachineArn: required(body, 'stateMachineArn'),
      ...(name !== undefined ? { name } : {}),
      ...(input !== undefined ? { input } : {}),
    });
    return { executionArn: started.executionArn, startDate: seconds(started.startDate) };
  },
  DescribeExecution: (sfn, body) => describe(sfn.describeExecution(required(body, 'executionArn'))),
  GetExecutionHistory(sfn, body) {
    const events = [...sfn.getExecutionHistory(required(body, 'executionArn'))];
    if (body.reverseOrder === true) events.reverse();
    const { items, nextToken } = page(events, body, 100);
    const withData = body.includeExecutionData !== false;
    return { events: items.map((e) => toAwsEvent(e, withData)), ...(nextToken ? { nextToken } : {}) };
  },
  ListExecutions(sfn, body) {
    const statusFilter = optional(body, 'statusFilter') as ExecutionStatus | undefined;
    if (statusFilter && !STATUSES.includes(statusFilter)) {
      throw new SfnApiError('ValidationException', `statusFilter must be one of ${STATUSES.join(', ')}.`);
    }
    const all = sfn.listExecutions({ stateMachineArn: required(body, 'stateMachineArn'), ...(statusFilter ? { statusFilter } : {}) });
    const { items, nextToken } = page(all, body, 100);
    return {
      executions: items.map((d) => ({
        executionArn: d.executionArn,
        stateMachineArn: d.stateMachineArn,
        name: d.name,
        status: d.status,
        startDate: seconds(d.startDate),
        stopDate: seconds(d.stopDate),
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  },
  ListStateMachines(sfn, body) {
    const { items, nextToken } = page(sfn.listStateMachines(), body, 100);
    return {
      stateMachines: items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: 'STANDARD', creationDate: seconds(m.createdAt) })),
      ...(nextToken ? { nextToken } : {}),
    };
  },
  SendTaskSuccess(sfn, body) {
    const token = required(body, 'taskToken');
    let output: unknown;
    try {
      output = JSON.parse(required(body, 'output'));
    } catch (e) {
      if (e instanceof SfnApiError) throw e;
      throw new SfnApiError('InvalidOutput', 'The output is not valid JSON; send a JSON document such as {}.');
    }
    sfn.sendTaskSuccess(token, output);
    return {};
  },
  SendTaskFailure(sfn, body) {
    sfn.sendTaskFailure(required(body, 'taskToken'), optional(body, 'error'), optional(body, 'cause'));
    return {};
  },
  SendTaskHeartbeat(sfn, body) {
    sfn.sendTaskHeartbeat(required(body, 'taskToken'));
    return {};
  },
  StopExecution(sfn, body) {
    const error = optional(body, 'error');
    const cause = optional(body, 'cause');
    const { stopDate } = sfn.stopExecution(required(body, 'executionArn'), {
      ...(error !== undefined ? { error } : {}),
      ...(cause !== undefined ? { cause } : {}),
    });
    return { stopDate: seconds(stopDate) };
  },
};

/** One AWS JSON 1.0 request (`X-Amz-Target: AWSStepFunctions.<Operation>`) to an AWS-shaped response. */
export async function handleSfnRequest(sfn: LocalStepFunctions, target: string, rawBody: unknown): Promise<SfnResponse> {
  const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
  try {
    if (!target.startsWith('AWSStepFunctions.') || !operation) {
      throw new SfnApiError(
        'UnknownOperationException',
        `The local Step Functions endpoint does not implement ${target}; supported: ${Object.keys(operations).join(', ')}.`,
      );
    }
    let body: unknown = rawBody;
    if (typeof rawBody === 'string' || Buffer.isBuffer(rawBody)) {
      const text = rawBody.toString();
      try {
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        throw new SfnApiError('SerializationException', 'The request body is not valid JSON.');
      }
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SfnApiError('SerializationException', 'The request body must be a JSON object.');
    return { status: 200, body: await operation(sfn, body as Body) };
  } catch (e) {
    if (e instanceof SfnApiError) return { status: e.status, body: { __type: e.type, message: e.message } };
    return { status: 500, body: { __type: 'InternalFailure', message: `The local Step Functions runtime failed: ${(e as Error).message}` } };
  }
}
