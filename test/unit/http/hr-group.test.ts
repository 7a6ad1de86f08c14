import { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpErrors, json, requireHrGroup, type HttpEvent, type HttpResult } from '../../../functions/shared/http';

const handler = middy<HttpEvent, HttpResult>(async () => json(200, { ok: true }))
  .use(httpErrors(new Metrics({ namespace: 'test', serviceName: 'test' })))
  .use(requireHrGroup());
const call = (authorizer?: unknown) => handler({ requestContext: { http: { method: 'POST', path: '/participants' }, ...(authorizer ? { authorizer } : {}) } } as unknown as HttpEvent, {} as Context);

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

  it('leaves systems (IAM) and unauthorised routes to their own checks', async () => {
    expect((await call({ iam: { accessKey: 'AKIA', userArn: 'arn:aws:iam::1:user/hris' } })).statusCode).toBe(200);
    expect((await call()).statusCode).toBe(200);
  });
});
