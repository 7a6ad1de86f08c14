/**
 * The EventBridge API over AWS JSON 1.1 (POST /, `X-Amz-Target: AWSEvents.<Operation>`), so the
 * unchanged `@aws-sdk/client-eventbridge` works against the local bus with
 * AWS_ENDPOINT_URL_EVENTBRIDGE. Implemented: PutEvents, ListEventBuses, ListRules, DescribeRule,
 * ListTargetsByRule, TestEventPattern. Anything else answers UnknownOperationException.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LocalEventBus, PutEventsValidationError } from './bus';
import { matchesPattern, validatePattern } from './pattern';
import { busNameOf } from './put-events';
import type { LocalRule, LocalTarget } from './rules';

export const EVENTS_TARGET_PREFIX = 'AWSEvents.';
export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export interface EventsResponse {
  status: number;
  body: Record<string, unknown>;
}

type Params = Record<string, unknown>;

function awsError(type: string, message: string, status = 400): EventsResponse {
  return { status, body: { __type: type, message } };
}

function ok(body: Record<string, unknown>): EventsResponse {
  return { status: 200, body };
}

function ruleSummary(bus: LocalEventBus, rule: LocalRule): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: bus.ruleArn(rule),
    EventPattern: JSON.stringify(rule.pattern),
    State: rule.state,
    EventBusName: rule.eventBusName,
  };
}

function targetSummary(target: LocalTarget): Record<string, unknown> {
  return {
    Id: target.id,
    Arn: target.arn,
    ...(target.input !== undefined && { Input: target.input }),
    ...(target.inputPath !== undefined && { InputPath: target.inputPath }),
    ...(target.inputTransformer && {
      InputTransformer: {
        InputTemplate: target.inputTransformer.inputTemplate,
        ...(target.inputTransformer.inputPathsMap && { InputPathsMap: target.inputTransformer.inputPathsMap }),
      },
    }),
    ...(target.deadLetterArn !== undefined && { DeadLetterConfig: { Arn: target.deadLetterArn } }),
    ...(target.retryPolicy && {
      RetryPolicy: {
        ...(target.retryPolicy.maximumRetryAttempts !== undefined && { MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts }),
        ...(target.retryPolicy.maximumEventAgeInSeconds !== undefined && { MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds }),
      },
    }),
  };
}

function findRuleOrError(bus: LocalEventBus, params: Params, field: 'Name' | 'Rule'): LocalRule | EventsResponse {
  const name = params[field];
  if (typeof name !== 'string' || name === '') {
    return awsError(
      'ValidationException',
      `1 validation error detected: Value null at '${field.toLowerCase()}' failed to satisfy constraint: Member must not be null`,
    );
  }
  const busName = busNameOf(params.EventBusName as string | undefined);
  return bus.findRule(name, busName) ?? awsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${busName}.`);
}

const TEST_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'];

function testEventPattern(params: Params): EventsResponse {
  const problem = validatePattern(params.EventPattern);
  if (problem) return awsError('InvalidEventPatternException', problem);
  let event: unknown;
  try {
    event = JSON.parse(String(params.Event));
  } catch {
    return awsError('ValidationException', 'Parameter Event is not valid. Reason: it is not valid JSON.');
  }
  const absent = TEST_EVENT_FIELDS.filter((field) => typeof event !== 'object' || event === null || !(field in event));
  if (absent.length > 0) {
    return awsError('ValidationException', `Parameter Event is not valid. Reason: the event must have the fields ${absent.join(', ')}.`);
  }
  return ok({ Result: matchesPattern(params.EventPattern, event) });
}

const operations: Record<string, (bus: LocalEventBus, params: Params) => EventsResponse> = {
  PutEvents: (bus, params) => {
    try {
      return ok({ ...bus.putEvents(params.Entries as never) });
    } catch (error) {
      if (error instanceof PutEventsValidationError) return awsError(error.code, error.message);
      throw error;
    }
  },
  ListEventBuses: (bus, params) => {
    // How an HR system finds the bus that takes ParticipantEnrolled (QA hrfirst5); NamePrefix as on AWS.
    const prefix = typeof params.NamePrefix === 'string' ? params.NamePrefix : '';
    return ok({
      EventBuses: bus
        .eventBuses()
        .filter((b) => b.name.startsWith(prefix))
        .map((b) => ({ Name: b.name, Arn: b.arn })),
    });
  },
  ListRules: (bus, params) => {
    const prefix = typeof params.NamePrefix === 'string' ? params.NamePrefix : '';
    const rules = bus.rules(busNameOf(params.EventBusName as string | undefined)).filter((rule) => rule.name.startsWith(prefix));
    return ok({ Rules: rules.map((rule) => ruleSummary(bus, rule)) });
  },
  DescribeRule: (bus, params) => {
    const rule = findRuleOrError(bus, params, 'Name');
    return 'status' in rule ? rule : ok({ ...ruleSummary(bus, rule), CreatedBy: bus.account });
  },
  ListTargetsByRule: (bus, params) => {
    const rule = findRuleOrError(bus, params, 'Rule');
    return 'status' in rule ? rule : ok({ Targets: rule.targets.map(targetSummary) });
  },
  TestEventPattern: (_bus, params) => testEventPattern(params),
};

/** Answers one EventBridge API call; `target` is the X-Amz-Target header, `body` the JSON (text or parsed). */
export function handleEventsRequest(bus: LocalEventBus, target: string, body: unknown): EventsResponse {
  const operation = target.startsWith(EVENTS_TARGET_PREFIX) ? target.slice(EVENTS_TARGET_PREFIX.length) : '';
  const handler = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
  if (!handler) {
    return awsError('UnknownOperationException', `The local EventBridge does not implement "${target}". It supports ${Object.keys(operations).join(', ')}.`);
  }
  let params: unknown = body;
  if (typeof body === 'string') {
    try {
      params = body === '' ? {} : JSON.parse(body);
    } catch {
      return awsError('SerializationException', 'The request body is not valid JSON.');
    }
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return awsError('SerializationException', 'The request body must be a JSON object.');
  }
  return handler(bus, params as Params);
}

/** A node:http listener serving the EventBridge API from the given bus. */
export function eventsRequestListener(bus: LocalEventBus) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let result: EventsResponse;
      try {
        result = handleEventsRequest(bus, String(request.headers['x-amz-target'] ?? ''), Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        result = awsError('InternalException', `The local EventBridge failed: ${error instanceof Error ? error.message : String(error)}`, 500);
      }
      const payload = JSON.stringify(result.body);
      response.writeHead(result.status, { 'content-type': AWS_JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(payload) });
      response.end(payload);
    });
  };
}
