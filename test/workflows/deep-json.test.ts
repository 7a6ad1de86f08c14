import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * QA: a 16 KB body nested 8,000 deep answered 500 (the stack ran out walking it). Past 32 levels
 * (docs/admin-api.md, "Errors") it is a 400 on (body), and nothing is stored.
 */

type ApiError = { error: string; issues: { field: string; message: string }[] };
const deep = (n: number) => `{"name":${'['.repeat(n)}${']'.repeat(n)}}`;

describe('a JSON body nested thousands deep', () => {
  it('POST /programs and PATCH /participants/{id} answer 400 naming (body), never 500', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const ada = await h.enrol({ programId, role: 'mentee', email: `ada.deep-${h.tag}@example.com` });
    for (const [method, path] of [
      ['POST', '/programs'],
      ['PATCH', `/participants/${ada.participantId}`],
    ] as const) {
      const res = await call<ApiError>(method, path, deep(8000));
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.issues).toEqual([{ field: '(body)', message: 'nests more than 32 levels deep' }]);
      expect(res.body.error).toMatch(/nests objects and arrays 8001 levels deep, more than the limit of 32: send a flatter body\.$/);
    }
    const after = await call<{ name: unknown }>('GET', `/participants/${ada.participantId}`);
    expect(after.status).toBe(200);
    expect(typeof after.body.name).toBe('string');
  });
});
