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

/** The claims API Gateway's JWT authorizer hands over for a member of the `hr` group. */
export const HR_CLAIMS = { sub: 'hr-person', email: 'hr@example.com', 'cognito:groups': '[hr]' };

/** The route key API Gateway would match for a path of the intake API. */
function routeKeyOf(method: string, path: string): string {
  if (/^\/participants\/import\/[^/]+$/.test(path)) return `${method} /participants/import/{id}`;
  if (/^\/participants\/(?!import$)[^/]+$/.test(path)) return `${method} /participants/{id}`;
  return `${method} ${path}`;
}

/**
 * An API Gateway HTTP API (payload format 2.0) event for an in-process call, as the JWT authorizer
 * passes it for a signed-in HR person (`claims: null`: no authorizer, as on a public route).
 */
export function httpEvent(
  method: string,
  pathWithQuery: string,
  opts: { body?: string | Buffer; contentType?: string; headers?: Record<string, string>; claims?: Record<string, unknown> | null } = {},
): APIGatewayProxyEventV2 {
  const url = new URL(pathWithQuery, 'http://local');
  const routeKey = routeKeyOf(method, url.pathname);
  const claims = opts.claims === undefined ? HR_CLAIMS : opts.claims;
  const query = Object.fromEntries(url.searchParams);
  const binary = Buffer.isBuffer(opts.body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
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
      routeKey,
      stage: '$default',
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: opts.body === undefined ? undefined : binary ? (opts.body as Buffer).toString('base64') : (opts.body as string),
    isBase64Encoded: binary,
  };
}
