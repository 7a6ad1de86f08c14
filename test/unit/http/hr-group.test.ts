import { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpErrors, json, requireHrGroup, type HttpEvent, type HttpResult } from '../../../functions/shared/http';

const handler = middy<HttpEvent, HttpResult>(async () => json(200, { ok: true }))
  .use(httpErrors(new Metrics({ namespace: 'test', serviceName: 'test' })))
  .use(requireHrGroup('hr', ['GET /intake']));
const call = (authorizer?: unknown, routeKey = 'POST /participants') =>
  handler(
    {
      routeKey,
      requestContext: { routeKey, http: { method: routeKey.split(' ')[0], path: routeKey.split(' ')[1] }, ...(authorizer ? { authorizer } : {}) },
    } as unknown as HttpEvent,
    {} as Context,
  );

describe('protected routes: people must be in the hr group', () => {
  it('lets hr members through, whatever form the groups claim takes', async () => {
    for (const groups of ['[hr]', '[admins hr]', 'hr', ['hr', 'x']]) {
      expect((await call({ jwt: { claims: { 'cognito:groups': groups }, scopes: [] } })).statusCode, JSON.stringify(groups)).toBe(200);
    }
  });

  it('refuses a signed-in person outside the group with 403 and says what to do', async () => {
    for (const groups of ['[admins]', '[hrx]', undefined]) {
      const res = await call({ jwt: { claims: groups === undefined ? { sub: 'u' } : { 'cognito:groups': groups }, scopes: [] } });
      expect(res.statusCode, String(groups)).toBe(403);
      expect(JSON.parse(String(res.body)).error).toMatch(/not in the "hr" group/);
    }
  });

  it('lets systems signed by IAM through', async () => {
    expect((await call({ iam: { accessKey: 'AKIA', userArn: 'arn:aws:iam::1:user/hris' } })).statusCode).toBe(200);
  });

  it('fails closed: a protected route reached with no claims and no IAM identity is refused with 403', async () => {
    for (const authorizer of [undefined, {}, { jwt: {} }, { jwt: { scopes: [] } }]) {
      const res = await call(authorizer);
      expect(res.statusCode, JSON.stringify(authorizer)).toBe(403);
      expect(JSON.parse(String(res.body)).error).toMatch(/needs a signed-in HR account or a signed system request/);
    }
  });

  it('lets only the routes named public through without claims', async () => {
    expect((await call(undefined, 'GET /intake')).statusCode).toBe(200);
    expect((await call(undefined, 'GET /participants/{id}')).statusCode).toBe(403);
  });
});
