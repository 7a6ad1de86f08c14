import { describe, expect, inject, it } from 'vitest';
import { run as eraseCommand } from '../../local/commands/erase';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * QA hr8, HR on the HTTP API: one 400 names every bad field (docs/admin-api.md: "400 naming each
 * field"), and a malformed id is a 400, not a 404 ("there is no participant").
 */

type ApiError = { error: string; issues: { field: string; message: string }[] };
const cloud = inject('cloud');

describe('every bad field in one answer (QA hr8)', () => {
  it('PATCH /participants/{id}: unknown fields and the checks against the stored participant together', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const karl = await h.enrol({
      programId,
      role: 'mentee',
      email: `karl.meyer-${h.tag}@example.com`,
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
    });
    const body = { emial: 'x', manager: { email: karl.email }, topicsOffered: ['strategy', 'quantum'], capacity: 2, role: 'mentor' };
    const res = await call<ApiError>('PATCH', `/participants/${karl.participantId}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.issues.map((i) => i.field)).toEqual(['emial', 'manager.email', 'topicsOffered.1', 'capacity', 'role']);
    expect(res.body.error).toMatch(/^The change was not accepted: emial is not a known field; manager\.email is the participant's own email/);
  });

  it('POST /pairings/{id}/pause: a day that does not exist and a reason that is no code together', async () => {
    const h = lifecycleHarness();
    const { pairingId } = await h.pair({ waitForIntroductions: false });
    const res = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, { until: '2026-13-01', reason: 'holiday' });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.issues).toEqual([
      { field: 'until', message: 'is not a calendar date' },
      { field: 'reason', message: 'must be one of: leave, workload, circumstances-changed, other' },
    ]);
  });

  it('POST /participants/{id}/erase: 400 for a malformed id, and `crossgen erase` says so with exit 1', async () => {
    const res = await call<ApiError>('POST', '/participants/not-an-id/erase');
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.issues).toEqual([{ field: 'id', message: 'is not a valid id' }]);
    const err: string[] = [];
    expect(await eraseCommand(['not-an-id', '--url', cloud.baseUrl], { stdout: () => undefined, stderr: (s) => err.push(s) })).toBe(1);
    expect(err.join('')).toMatch(/refused \(400\): "not-an-id" is not a participant id/);
  });
});
