import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';

/**
 * QA: a malformed id is a 400 naming the field on every route; only a well-formed id that names
 * nothing is a 404 (docs/admin-api.md). `GET /participants/import/{id}` and the program routes
 * other than `GET /programs/{programId}` answered 404 for ids that can never exist.
 */

type ApiError = { error: string; issues: { field: string; message: string }[] };

describe('malformed ids in the path', () => {
  it('GET /participants/import/{id}: 400 on id for <script>, %00 and 10,000 characters; 404 for a well-formed unknown one', async () => {
    for (const bad of ['%3Cscript%3E', '%00', 'a'.repeat(10_000)]) {
      const res = await call<ApiError>('GET', `/participants/import/${bad}`);
      expect(res.status, `${bad.slice(0, 20)}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(400);
      expect(res.body.issues).toEqual([{ field: 'id', message: 'is not a valid id' }]);
      expect(res.body.error).toMatch(/is not an import id: an import id is "imp_" and 20 lowercase letters and digits 2 to 7/);
    }
    const unknown = await call<ApiError>('GET', `/participants/import/imp_${'a'.repeat(20)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.issues).toEqual([{ field: 'id', message: 'is not a known import id' }]);
  });

  it('every /programs/{programId} route: 400 on programId for a malformed id, 404 for a well-formed unknown one', async () => {
    const routes = (id: string) =>
      [
        ['GET', `/programs/${id}`],
        ['GET', `/programs/${id}/report`],
        ['GET', `/programs/${id}/concerns`],
        ['GET', `/programs/${id}/concerns/cn_${'a'.repeat(20)}`],
        ['GET', `/programs/${id}/matching/run-1`],
        ['POST', `/programs/${id}/matching`],
      ] as const;
    for (const bad of ['UPPER', 'a', '-dash', 'x'.repeat(70)]) {
      for (const [method, path] of routes(bad)) {
        const res = await call<ApiError>(method, path);
        expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.issues, `${method} ${path}`).toEqual([{ field: 'programId', message: 'is not a valid program id' }]);
      }
    }
    for (const [method, path] of routes(`no-such-program-${Date.now()}`)) {
      const res = await call<ApiError>(method, path);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(404);
      expect(res.body.issues, `${method} ${path}`).toEqual([{ field: 'programId', message: 'is not a known program' }]);
    }
  });
});
