import { describe, expect, inject, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { call } from './api-gateway';
import { lifecycleHarness, type Harness } from './harness';

/** A review change sent again through the admin API (docs/admin-api.md, Match review) is answered as made, not stored twice. */

inject('cloud');

type ApiError = { error: string; issues: { field: string; message: string }[] };
type Pair = { pairingId: string; mentorId: string; menteeId: string };
type Change = { action: string; added: string[]; removed: string[]; reexplained: string[]; unchanged?: boolean };
type Run = { status: string; reviewVersion?: number; pairs: Pair[]; unmatched: { participantId: string; code: string }[]; changes?: Change[] };
type Answer = Run & { change: Change };

/** A suits X, B suits Y, C suits V: three pairs proposed. */
async function cohort(h: Harness, programId: string) {
  const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
  const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
  const A = await enrol({ role: 'mentor', name: 'Ana Mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'], department: 'Data' });
  const B = await enrol({ role: 'mentor', name: 'Ben Mentor', topicsOffered: ['social-media'], topicsWanted: ['strategy'], department: 'Marketing' });
  const C = await enrol({ role: 'mentor', name: 'Cai Mentor', topicsOffered: ['sustainability'], topicsWanted: ['strategy'], department: 'Facilities' });
  const X = await enrol({ role: 'mentee', name: 'Xena Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Operations' });
  const Y = await enrol({ role: 'mentee', name: 'Yuri Senior', topicsOffered: ['strategy'], topicsWanted: ['social-media'], department: 'Sales' });
  const V = await enrol({ role: 'mentee', name: 'Vera Senior', topicsOffered: ['strategy'], topicsWanted: ['sustainability'], department: 'Legal' });
  return { A, B, C, X, Y, V };
}

describe('match review changes sent again', () => {
  it('a repeated reject, swap, force or forbid answers 200 with the run as it stands, without a new reviewVersion or audit entry', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { A, B, C, X, V } = await cohort(h, programId);
    const started = await call('POST', `/programs/${programId}/matching`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.runId as string;
    await h.idle();
    const base = `/programs/${programId}/matching/${runId}`;
    const run = (await call<Run>('GET', base)).body;
    expect(run.status).toBe('proposed');
    const idOf = (r: Run, mentor: { participantId: string }) => r.pairs.find((p) => p.mentorId === mentor.participantId)!.pairingId;

    /** Sends the change twice: the first moves the version on, the second answers the same run and stores nothing. */
    const twice = async (path: string, body: unknown, version: number): Promise<Answer> => {
      const once = await call<Answer>('POST', path, body);
      expect(once.status, JSON.stringify(once.body)).toBe(200);
      expect(once.body.reviewVersion).toBe(version);
      expect(once.body.change.unchanged).toBeUndefined();
      const again = await call<Answer>('POST', path, body);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body.reviewVersion).toBe(version);
      expect(again.body.change).toMatchObject({ action: once.body.change.action, added: [], removed: [], reexplained: [], unchanged: true });
      expect(again.body.pairs).toEqual(once.body.pairs);
      // The same people, in the stored order rather than the solver's.
      const byId = (u: { participantId: string }[]) => [...u].sort((x, y) => x.participantId.localeCompare(y.participantId));
      expect(byId(again.body.unmatched)).toEqual(byId(once.body.unmatched));
      expect(again.body.changes).toHaveLength(version);
      return once.body;
    };

    await twice(`${base}/swap`, { pairIds: [idOf(run, A), idOf(run, B)] }, 1);
    await twice(`${base}/forbid`, { mentorId: C.participantId, menteeId: X.participantId }, 2);
    const forced = await twice(`${base}/force`, { mentorId: C.participantId, menteeId: V.participantId }, 3);
    const rejected = await twice(`${base}/pairs/${idOf(forced, A)}/reject`, undefined, 4);
    expect(rejected.unmatched.map((u) => u.code)).toEqual(['rejected-in-review', 'rejected-in-review']);

    // An id the run never proposed is still a wrong id.
    const never = await call<ApiError>('POST', `${base}/pairs/pr_NEVERPROPOSED/reject`);
    expect(never.status).toBe(404);
    expect(never.body.issues).toEqual([{ field: 'pairingId', message: 'is not a pair of this proposal' }]);

    const stored = (await call<Run>('GET', base)).body;
    expect(stored.reviewVersion).toBe(4);
    expect(stored.changes!.map((c) => c.action)).toEqual(['swap', 'forbid', 'force', 'reject']);
  });
});
