import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** A Lambda-shaped context, as the runtime passes it. */
export function lambdaContext(functionName = 'IntakeApi'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An API Gateway HTTP API (payload format 2.0) event for an in-process call. */
export function httpEvent(method: string, pathWithQuery: string, opts: { body?: string | Buffer; contentType?: string; headers?: Record<string, string> } = {}): APIGatewayProxyEventV2 {
  const url = new URL(pathWithQuery, 'http://local');
  const query = Object.fromEntries(url.searchParams);
  const binary = Buffer.isBuffer(opts.body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: { host: 'local', ...(opts.contentType ? { 'content-type': opts.contentType } : {}), ...opts.headers },
    queryStringParameters: Object.keys(query).length ? query : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'local',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: opts.body === undefined ? undefined : binary ? (opts.body as Buffer).toString('base64') : (opts.body as string),
    isBase64Encoded: binary,
  };
}
