/**
 * The error answers AWS gives, in the wire shape each SDK client parses into the right error class
 * (name, $metadata.httpStatusCode, $retryable), so that code under test meets exactly what it
 * would meet on AWS.
 */

export interface WireResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const json = (status: number, contentType: string, body: unknown, headers: Record<string, string> = {}): WireResponse => ({
  status,
  headers: { 'content-type': contentType, ...headers },
  body: JSON.stringify(body),
});

/** SES v2 is REST-JSON: the error's name travels in `x-amzn-ErrorType`. */
export function sesError(kind: 'throttle' | 'fail' | 'rate', message?: string): WireResponse {
  if (kind === 'fail') {
    return json(
      500,
      'application/json',
      { message: message ?? 'An internal error occurred in SES (injected by the local cloud).' },
      { 'x-amzn-errortype': 'InternalFailure' },
    );
  }
  const text = message ?? (kind === 'rate' ? 'Maximum sending rate exceeded.' : 'Too many requests (injected by the local cloud).');
  return json(429, 'application/json', { message: text }, { 'x-amzn-errortype': 'TooManyRequestsException' });
}

const DYNAMODB_JSON = 'application/x-amz-json-1.0';
const DYNAMODB_NS = 'com.amazonaws.dynamodb.v20120810#';

export function dynamoDbThrottle(error: 'ThrottlingException' | 'ProvisionedThroughputExceededException'): WireResponse {
  const message =
    error === 'ThrottlingException'
      ? 'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly.'
      : 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';
  return json(400, DYNAMODB_JSON, { __type: `${DYNAMODB_NS}${error}`, message });
}

/** A conditional write that lost: the item as it stands when the caller asked for ALL_OLD. */
export function dynamoDbConditionalCheckFailed(item?: Record<string, unknown>): WireResponse {
  return json(400, DYNAMODB_JSON, {
    __type: `${DYNAMODB_NS}ConditionalCheckFailedException`,
    message: 'The conditional request failed',
    ...(item ? { Item: item } : {}),
  });
}

/** A transaction cancelled because item `failedIndex` failed its condition; every other reason is None. */
export function dynamoDbTransactionCanceled(itemCount: number, failedIndex: number, item?: Record<string, unknown>): WireResponse {
  const reasons = Array.from({ length: itemCount }, (_, i) =>
    i === failedIndex ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(item ? { Item: item } : {}) } : { Code: 'None' },
  );
  return json(400, DYNAMODB_JSON, {
    __type: `${DYNAMODB_NS}TransactionCanceledException`,
    Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    CancellationReasons: reasons,
  });
}

export function dynamoDbInternalError(): WireResponse {
  return json(500, DYNAMODB_JSON, {
    __type: `${DYNAMODB_NS}InternalServerError`,
    message: 'Internal server error (injected by the local cloud after the write was applied).',
  });
}

export const EVENTS_JSON = 'application/x-amz-json-1.1';

export function eventsInternalError(): WireResponse {
  return json(500, EVENTS_JSON, { __type: 'InternalException', message: 'An internal error occurred in EventBridge (injected by the local cloud).' });
}

/** Step Functions' API throttling (AWS CommonErrors): 400 ThrottlingException, "Rate exceeded". */
export function sfnThrottled(): WireResponse {
  return json(400, 'application/x-amz-json-1.0', { __type: 'ThrottlingException', message: 'Rate exceeded' });
}
