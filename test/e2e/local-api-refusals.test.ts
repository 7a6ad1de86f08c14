import { describe, expect, it } from 'vitest';
import { localCloud } from './local-cloud-client';

/**
 * The local API refuses what it cannot carry out with 400 naming the field, instead of answering
 * 200 having done nothing (docs/local.md, The local API; QA apidocs #7). Nothing here moves the
 * clock: other files share this cloud.
 */

const cloud = localCloud();
type Refusal = { message: string; issues: { field: string; message: string }[] };
const clockNow = async () => (await cloud.get<{ now: string }>('/local/clock')).now;

describe('the local API refuses impossible requests', () => {
  it('POST /local/clock to a time before now: 400 naming to, and the clock stays where it was', async () => {
    const before = Date.parse(await clockNow());
    const res = await cloud.post('/local/clock', { to: '2020-01-01T00:00:00Z' });
    const body = (await res.json()) as Refusal;
    expect({ status: res.status, fields: body.issues?.map((i) => i.field) }).toEqual({ status: 400, fields: ['to'] });
    expect(body.message).toMatch(/only moves forward/);
    expect(Date.parse(await clockNow())).toBeGreaterThanOrEqual(before);
  });

  it('POST /local/clock with an unknown field: 400 naming it, and nothing is done', async () => {
    const res = await cloud.post('/local/clock', { advance: 'PT0S', extra: 1 });
    const body = (await res.json()) as Refusal;
    expect({ status: res.status, fields: body.issues?.map((i) => i.field) }).toEqual({ status: 400, fields: ['extra'] });
  });

  it('GET /local/emails?since= that is not a time: 400 naming since, not the whole mailbox', async () => {
    const res = await fetch(`${cloud.baseUrl}/local/emails?since=not-a-time`);
    const body = (await res.json()) as Refusal;
    expect({ status: res.status, fields: body.issues?.map((i) => i.field) }).toEqual({ status: 400, fields: ['since'] });
    const since = await clockNow();
    const fresh = await fetch(`${cloud.baseUrl}/local/emails?since=${encodeURIComponent(since)}`);
    expect(fresh.status).toBe(200);
    expect(Array.isArray(await fresh.json())).toBe(true);
  });
});
