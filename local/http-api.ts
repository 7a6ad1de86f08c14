import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { LocalLambdaRuntime } from './lambda';
import type { TemplateResolver } from './synth';

export interface LocalRoute {
  readonly method: string;
  readonly path: string;
  readonly functionArn: string;
  readonly authorization: string;
  readonly match: (method: string, path: string) => Record<string, string> | undefined;
}

/** HTTP API routes of the templates, one per route key (people and system APIs share handlers). */
export function routesOf(resolver: TemplateResolver): LocalRoute[] {
  const integrations = new Map(resolver.resources('AWS::ApiGatewayV2::Integration').map((r) => [r.logicalId, r.resource.Properties ?? {}]));
  const byKey = new Map<string, LocalRoute>();
  for (const { resource } of resolver.resources('AWS::ApiGatewayV2::Route')) {
    const props = resource.Properties ?? {};
    const routeKey = String(props.RouteKey);
    if (byKey.has(routeKey)) continue;
    const target = JSON.stringify(props.Target ?? '');
    const integrationId = [...integrations.keys()].find((id) => target.includes(`"${id}"`));
    if (!integrationId) throw new Error(`Route ${routeKey} has no integration the local cloud can find.`);
    const functionArn = resolver.resolve(integrations.get(integrationId)!.IntegrationUri) as string;
    const [method, path] = routeKey.split(' ') as [string, string];
    byKey.set(routeKey, { method, path, functionArn, authorization: String(props.AuthorizationType ?? 'NONE'), match: compilePath(method, path) });
  }
  // API Gateway prefers the most specific route: literal segments before {params}.
  return [...byKey.values()].sort((a, b) => specificity(b.path) - specificity(a.path));
}

function specificity(path: string): number {
  return path.split('/').reduce((n, seg) => n + (seg.startsWith('{') ? 1 : 3), 0);
}

function compilePath(method: string, template: string) {
  const names: string[] = [];
  const pattern = template
    .split('/')
    .map((seg) => {
      const m = /^\{([^}+]+)(\+)?\}$/.exec(seg);
      if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return m[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  const re = new RegExp(`^${pattern}$`);
  return (m: string, path: string) => {
    if (m !== method && method !== 'ANY') return undefined;
    const found = re.exec(path);
    if (!found) return undefined;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1]!)]));
  };
}

const MAX_PAYLOAD = 10 * 1024 * 1024; // HTTP API's request payload quota

/**
 * Node closes an idle kept-alive socket after 5 s, while fetch (undici) may reuse it up to the
 * moment it learns otherwise: on a busy cloud a request sent on a socket the server is closing
 * fails with "fetch failed" (other side closed). The server keeps idle sockets 65 s and says so
 * (`Keep-Alive: timeout=65`); fetch stops reusing a socket a second before that, so the client
 * always gives up first. Headers must be allowed longer than the idle time.
 */
export const KEEP_ALIVE_MS = 65_000;

export function keepConnectionsAlive(server: Server): Server {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}

/**
 * The local cloud has no user pool: a protected route is served as if a local admin in the `hr`
 * group had signed in, so handlers run their group check exactly as on AWS (fail closed) instead
 * of meeting a request without claims. Public routes get no authorizer, as on AWS.
 */
export const LOCAL_ADMIN_CLAIMS: Readonly<Record<string, string>> = {
  sub: 'local-admin',
  email: 'admin@localhost',
  'cognito:username': 'local-admin',
  'cognito:groups': '[hr]',
};

const TEXTUAL = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|.*\+json|.*\+xml)/i;

/** Serves a request through its route's Lambda with an API Gateway payload format 2.0 event. */
export async function serveRoute(
  route: LocalRoute,
  params: Record<string, string>,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  lambdas: LocalLambdaRuntime,
): Promise<void> {
  if (body.length > MAX_PAYLOAD) {
    res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Request Entity Too Large' }));
    return;
  }
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && k !== 'cookie') headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const textual = TEXTUAL.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: req.headers.cookie ? req.headers.cookie.split(/;\s*/) : undefined,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(params).length ? params : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      ...(route.authorization === 'NONE' ? {} : { authorizer: { jwt: { claims: { ...LOCAL_ADMIN_CLAIMS }, scopes: [] } } }),
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
  };
  let result: unknown;
  try {
    result = await lambdas.invoke(route.functionArn, event);
  } catch {
    // API Gateway hides the function's error from the caller.
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Internal Server Error' }));
    return;
  }
  writeLambdaResponse(res, result);
}

function writeLambdaResponse(res: ServerResponse, result: unknown): void {
  // Payload 2.0: a response without statusCode is JSON with status 200.
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(typeof result === 'string' ? result : JSON.stringify(result ?? null));
    return;
  }
  const r = result as { statusCode: number; headers?: Record<string, string | number | boolean>; body?: string; isBase64Encoded?: boolean; cookies?: string[] };
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  res.writeHead(r.statusCode, headers);
  res.end(r.body === undefined ? undefined : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body);
}

/** A body of the local API read as the JSON object a route takes, or the 400 answer saying what is wrong with it. */
export type JsonObjectBody = { ok: true; value: Record<string, unknown> } | { ok: false; status: 400; body: { message: string } };

/**
 * Reads the body of a /local route that takes a JSON object (`example` shows one, e.g.
 * `{"advance": "P14D"}`). An empty body is `{}`, as before; anything else that is not an object
 * (not JSON, `null`, a list, a string, a number) is the caller's mistake: 400 naming what came,
 * never a TypeError from reading fields of it.
 */
export function jsonObjectBody(raw: Buffer, example: string): JsonObjectBody {
  const text = raw.toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, status: 400, body: { message: `The body is not valid JSON (${(e as Error).message}): send a JSON object such as ${example}.` } };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  const came = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  return { ok: false, status: 400, body: { message: `The body must be a JSON object such as ${example}, not ${came}.` } };
}
