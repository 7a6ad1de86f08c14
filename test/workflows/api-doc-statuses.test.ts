import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConcern } from '../../functions/adapters/concerns';
import { call, useCloudTable } from './api-gateway';

/** Answers the admin API documents (docs/admin-api.md) where QA apidocs found others (#4, #5, #6). */

type ApiError = { error: string; issues: { field: string; message: string }[] };
const hex = () => randomBytes(4).toString('hex');

beforeAll(() => useCloudTable());

describe('programs API', () => {
  it('PATCH of an unknown program without a version is 404, not 428', async () => {
    const res = await call<ApiError>('PATCH', `/programs/nope-${hex()}`, { name: 'x' });
    expect(res.status).toBe(404);
    expect(res.body.issues).toEqual([{ field: 'programId', message: 'is not a known program' }]);
  });

  it('a new program has its digest day filled in, and a change of it is reported as digest.day', async () => {
    const programId = `pd-${hex()}`;
    const created = await call('POST', '/programs', { programId, name: 'D', startDate: '2027-01-04', admins: ['hr@example.com'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.digest).toEqual({ day: 'mon' });
    const patched = await call('PATCH', `/programs/${programId}`, { digest: { day: 'fri' } }, { 'if-match': '"1"' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.changes).toEqual([{ field: 'digest.day', appliesTo: 'reports-only' }]);
    expect(patched.body.program.digest).toEqual({ day: 'fri' });
  });
});

describe('concerns API', () => {
  it('an action with no body (and so no Content-Type) is 400 naming action, not 415; the case is unchanged', async () => {
    const now = new Date();
    const { concern } = await createConcern({
      concernId: `cn_${hex()}${hex()}`,
      programId: `pc-${hex()}`,
      participantId: `pt_${hex()}${hex()}`,
      role: 'mentee',
      text: 'My partner never shows up.',
      exit: false,
      channel: 'email',
      state: 'open',
      raisedAt: now.toISOString(),
      escalateAt: new Date(now.getTime() + 2 * 86_400_000).toISOString(),
      version: 1,
    });
    const res = await call<ApiError>('POST', `/concerns/${concern.concernId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.issues.map((i) => i.field)).toEqual(['action']);
    expect((await call('GET', `/concerns/${concern.concernId}`)).body.state).toBe('open');
  });
});
