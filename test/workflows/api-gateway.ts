import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { inject } from 'vitest';
import type { CloudInfo } from '../setup/local-cloud';

/**
 * Calling the local cloud over HTTP, and calling an API handler in-process as API Gateway would:
 * the local cloud does not authorise (docs/local.md), so a test of the `hr` group check hands the
 * handler the claims the JWT authorizer would pass, against the local cloud's table.
 */

// The same context the intake tests pass: one definition of what the Lambda runtime hands over.
export { lambdaContext } from '../integration/intake/lambda-events';

/** A request to the local cloud; a body that is not a string goes as JSON. */
export async function call<T = Record<string, any>>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${inject('cloud').baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

/** Points the handlers imported in this process at the local cloud's table. */
export function useCloudTable(cloud: CloudInfo = inject('cloud')): void {
  Object.assign(process.env, {
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    TABLE_NAME: cloud.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: cloud.dynamoEndpoint,
    AWS_REGION: cloud.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
}

/**
 * An API Gateway HTTP API (payload format 2.0) event for a person signed in with these Cognito
 * `groups` (as the JWT authorizer passes them: `[hr]`, `[managers]`), and `email` when given.
 * A body that is not a string goes as JSON.
 */
export function httpApiEvent(request: {
  method: string;
  path: string;
  /** @default `${method} ${path}` */
  routeKey?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  groups: string;
  email?: string;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { method, path, pathParameters, query, body, groups, email } = request;
  const routeKey = request.routeKey ?? `${method} ${path}`;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(pathParameters ? { pathParameters } : {}),
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'local',
      domainPrefix: 'local',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      authorizer: { jwt: { claims: { sub: 'u-1', 'cognito:groups': groups, ...(email ? { email } : {}) }, scopes: [] } },
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    isBase64Encoded: false,
  };
}
