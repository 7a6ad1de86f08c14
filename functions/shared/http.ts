import { jsonDepth, MAX_JSON_DEPTH, repeatedKeys } from '../domain/json-keys';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { EnrolmentConflict, IntakeRejected } from '../domain/intake';
import { CsvFileRejected } from '../domain/intake-csv';
import { boundIssues, describeIssues, toFieldIssues, type FieldIssue } from '../domain/validation';
import { logger, metrics, tracer } from './powertools';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** A response the caller can act on: a status, a sentence and, for bad input, one issue per field. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS }, body: JSON.stringify(body) };
}

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS, ...headers }, body };
}

export function header(event: HttpEvent, name: string): string | undefined {
  // HTTP API lowercases header names, but in-process callers may not.
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * The request body as text, after checking its media type and size. Bytes that are not UTF-8
 * are refused rather than turned into replacement characters that would then be stored.
 */
export function readBody(event: HttpEvent, opts: { mediaTypes: readonly string[]; maxBytes: number; what: string }): string {
  const bytes = readBodyBytes(event, opts);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, `${opts.what} is not UTF-8 text: send it encoded as UTF-8.`, [{ field: '(body)', message: 'is not UTF-8 text' }]);
  }
}

/** The request body as bytes, after checking its media type and size (for callers that judge the encoding themselves). */
export function readBodyBytes(event: HttpEvent, opts: { mediaTypes: readonly string[]; maxBytes: number; what: string }): Buffer {
  const mediaType = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!opts.mediaTypes.includes(mediaType)) {
    throw new HttpError(415, `${opts.what} must be sent with Content-Type ${opts.mediaTypes.join(' or ')}${mediaType ? `, not ${mediaType}` : ''}.`, [
      { field: '(content-type)', message: `must be ${opts.mediaTypes.join(' or ')}` },
    ]);
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > opts.maxBytes) {
    // Just over the limit, both would round to the same "5.0 MB": then the exact bytes are named.
    const [size, limit] = [formatBytes(bytes.length), formatBytes(opts.maxBytes)];
    const [said, cap] =
      size === limit ? [`${bytes.length.toLocaleString('en-GB')} bytes`, `${opts.maxBytes.toLocaleString('en-GB')} bytes (${limit})`] : [size, limit];
    throw new HttpError(413, `${opts.what} is ${said}, more than the limit of ${cap}: send less at a time.`, [
      { field: '(body)', message: `must be at most ${formatBytes(opts.maxBytes)}` },
    ]);
  }
  return bytes;
}

/** A JSON object body, or `{}` when there is none, checked against the route's schema (400 naming the field). */
export function optionalJsonBody<S extends z.ZodType>(event: HttpEvent, schema: S, opts: { what: string; maxBytes: number }): z.output<S> {
  const raw = event.body ?? '';
  let input: unknown = {};
  if (raw.trim() !== '') {
    const text = readBody(event, { mediaTypes: ['application/json'], maxBytes: opts.maxBytes, what: opts.what });
    try {
      input = JSON.parse(text);
    } catch (error) {
      const detail = (error as Error).message;
      throw new HttpError(400, `${opts.what} is not valid JSON (${detail}): fix the syntax and send it again.`, [
        { field: '(body)', message: `is not valid JSON: ${detail}` },
      ]);
    }
    refuseTooDeep(text, opts.what);
    refuseRepeatedKeys(text, opts.what);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new HttpError(400, `${opts.what} was not accepted: ${describeIssues(issues)}.`, issues);
  }
  return parsed.data;
}

const PATH_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** An id from the path (`name`), or 400 saying it is not a `what` id. */
export function pathId(event: HttpEvent, name: string, what: string): string {
  const value = event.pathParameters?.[name] ?? '';
  if (!PATH_ID.test(value))
    throw new HttpError(400, `"${value}" is not a ${what} id: use the id crossgen gave you (letters, digits, - and _).`, [
      { field: name, message: 'is not a valid id' },
    ]);
  return value;
}

/** `what` names the body for the caller: "A participant", "The program". */
export function parseJsonBody(text: string, what = 'The request body'): unknown {
  if (text.trim() === '')
    throw new HttpError(400, `${what} is missing: the request body is empty. Send it as a JSON object.`, [{ field: '(body)', message: 'is empty' }]);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    throw new HttpError(400, `The request body is not valid JSON (${detail}): fix the syntax and send it again.`, [
      { field: '(body)', message: `is not valid JSON: ${detail}` },
    ]);
  }
  refuseTooDeep(text, what);
  refuseRepeatedKeys(text, what);
  return body;
}

/**
 * Nesting deeper than any real body is refused before anything walks it: the repeated-key check
 * and the schema recurse, and thousands of levels would exhaust the stack (a 500, QA attack).
 */
function refuseTooDeep(text: string, what: string): void {
  const depth = jsonDepth(text);
  if (depth <= MAX_JSON_DEPTH) return;
  throw new HttpError(400, `${what} nests objects and arrays ${depth} levels deep, more than the limit of ${MAX_JSON_DEPTH}: send a flatter body.`, [
    { field: '(body)', message: `nests more than ${MAX_JSON_DEPTH} levels deep` },
  ]);
}

/** A field given twice would be read as its last value in silence, so which one was meant is unclear: 400 naming each (QA attack6). */
function refuseRepeatedKeys(text: string, what: string): void {
  const repeated = repeatedKeys(text);
  if (repeated.length === 0) return;
  throw new HttpError(
    400,
    `${what} names ${repeated.length === 1 ? 'a field' : 'fields'} more than once (${repeated.join(', ')}): send each field once.`,
    repeated.map((field) => ({ field, message: 'appears more than once: send it once' })),
  );
}

const MAX_ERROR_CHARS = 1000;
function clipMessage(message: string): string {
  return message.length <= MAX_ERROR_CHARS ? message : `${message.slice(0, MAX_ERROR_CHARS - 1)}\u2026`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Known failures become the response the caller needs; anything else is a 500 that says nothing internal. */
export function toResponse(error: unknown): HttpResult {
  // Bounded whatever built them: an error answer never grows with the input.
  const answer = (status: number, e: { message: string; issues: readonly FieldIssue[] }) =>
    json(status, { error: clipMessage(e.message), issues: boundIssues(e.issues) });
  if (error instanceof HttpError) return answer(error.statusCode, error);
  if (error instanceof IntakeRejected || error instanceof CsvFileRejected) return answer(400, error);
  if (error instanceof EnrolmentConflict) return answer(409, error);
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 404) return json(404, { error: 'There is nothing at this address: check the method and path.', issues: [] });
  // Error names only: messages from libraries might echo input, which can be personal data.
  logger.error('request failed', { errorName: (error as Error)?.name });
  return json(500, {
    error: 'Something went wrong on our side; nothing was stored. Try again in a minute, and tell the program admin if it keeps happening.',
    issues: [],
  });
}

/**
 * Middy middleware: turns errors into HTTP responses (see toResponse) and counts responses by
 * status class, so that a dashboard shows refused input next to server errors.
 */
export function httpErrors(metrics: Metrics): middy.MiddlewareObj<HttpEvent, HttpResult> {
  // Middy takes a value returned by a middleware as the response: these return nothing.
  const count = (response: HttpResult | null | undefined): void => {
    metrics.addMetric(`Http${Math.floor((response?.statusCode ?? 200) / 100)}xx`, MetricUnit.Count, 1);
  };
  return {
    after: (request) => {
      count(request.response);
    },
    onError: (request) => {
      request.response = toResponse(request.error);
      count(request.response);
    },
  };
}

/**
 * People reach protected routes with a Cognito token, and only members of the `hr` group may act
 * (the JWT authorizer checks the token, not the group). HTTP API hands a list claim over as text,
 * "[hr admins]". Systems come through the IAM authorizer, which vouches for them. Anything else is
 * refused (fail closed): a protected route reached without claims means a misconfigured
 * authorizer, not a guest. Routes listed in `publicRoutes` ("GET /intake") have no authorizer and
 * pass; they must not serve data. The local cloud hands its routes a local admin's claims
 * (local/http-api.ts), so it takes this same path.
 */
export function requireHrGroup(group = 'hr', publicRoutes: readonly string[] = []): middy.MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: (request) => {
      const event = request.event;
      const context = event.requestContext as { routeKey?: string; authorizer?: { iam?: unknown; jwt?: { claims?: Record<string, unknown> } } } | undefined;
      const routeKey = event.routeKey ?? context?.routeKey;
      if (routeKey && publicRoutes.includes(routeKey)) return;
      if (context?.authorizer?.iam) return;
      const claims = context?.authorizer?.jwt?.claims;
      if (!claims) {
        throw new HttpError(
          403,
          'This address needs a signed-in HR account or a signed system request, and this request carries neither: sign in (or sign the request with AWS credentials) and try again.',
        );
      }
      const raw = claims['cognito:groups'];
      const groups = Array.isArray(raw)
        ? raw.map(String)
        : String(raw ?? '')
            .replace(/^\[|\]$/g, '')
            .split(/[\s,]+/)
            .filter(Boolean);
      if (!groups.includes(group)) {
        throw new HttpError(
          403,
          `Your account is not in the "${group}" group, which enrols participants and runs programs: ask an administrator of the user pool to add you.`,
        );
      }
    },
  };
}

/**
 * Every HTTP API handler wears the same middleware: tracing, the logger's Lambda context, metrics,
 * errors turned into responses, and (for routes HR people reach with a Cognito token) the `hr`
 * group check.
 */
export function httpApiHandler(
  router: (event: HttpEvent, context: Context) => Promise<HttpResult>,
  opts: { hrGroup?: boolean; publicRoutes?: readonly string[] } = {},
) {
  const handler = middy<HttpEvent, HttpResult>(router)
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .use(httpErrors(metrics));
  return opts.hrGroup ? handler.use(requireHrGroup('hr', opts.publicRoutes)) : handler;
}
