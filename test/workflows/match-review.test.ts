import { describe, expect, inject, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import type { HttpResult } from '../../functions/shared/http';
import { call, httpApiEvent, lambdaContext, useCloudTable } from './api-gateway';
import { lifecycleHarness, type Harness } from './harness';

/** Match review through the admin API (docs/admin-api.md, Match review), on the local cloud over HTTP. */

const cloud = inject('cloud');

type ApiError = { error: string; issues: { field: string; message: string }[] };
type Pair = { pairingId: string; mentorId: string; menteeId: string; score: number; reasons: string[]; tradeOffs: string[] };
type Run = { status: string; pairs: Pair[]; unmatched: { participantId: string; code: string; reason: string }[]; changes?: Record<string, unknown>[] };

const get = async <T>(path: string): Promise<T> => (await fetch(`${cloud.baseUrl}${path}`)).json() as Promise<T>;

/**
 * Three mentors and three mentees, all free on Monday mornings: A (AI tools) suits X, B (social
 * media) suits Y, C (sustainability) suits V. W reports to A, so A and W may never be paired.
 */
async function cohort(h: Harness, programId: string) {
  const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
  const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
  const A = await enrol({ role: 'mentor', name: 'Ana Mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'], department: 'Data' });
  const B = await enrol({ role: 'mentor', name: 'Ben Mentor', topicsOffered: ['social-media'], topicsWanted: ['strategy'], department: 'Marketing' });
  const C = await enrol({ role: 'mentor', name: 'Cai Mentor', topicsOffered: ['sustainability'], topicsWanted: ['strategy'], department: 'Facilities' });
  const X = await enrol({ role: 'mentee', name: 'Xena Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Operations' });
  const Y = await enrol({ role: 'mentee', name: 'Yuri Senior', topicsOffered: ['strategy'], topicsWanted: ['social-media'], department: 'Sales' });
  const V = await enrol({ role: 'mentee', name: 'Vera Senior', topicsOffered: ['strategy'], topicsWanted: ['sustainability'], department: 'Legal' });
  return { A, B, C, X, Y, V, enrol };
}

async function proposed(h: Harness, programId: string): Promise<{ runId: string; run: Run }> {
  const started = await call('POST', `/programs/${programId}/matching`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const runId = started.body.runId as string;
  await h.idle();
  const run = await call<Run>('GET', `/programs/${programId}/matching/${runId}`);
  expect(run.body.status).toBe('proposed');
  return { runId, run: run.body };
}

const pairKey = (p: { mentorId: string; menteeId: string }) => `${p.mentorId}/${p.menteeId}`;

describe('match review through the admin API', () => {
  it('refuses to approve a run that needed no approval: one that proposed no pairs is not "approved"', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const started = await call('POST', `/programs/${programId}/matching`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.runId as string;
    await h.idle();
    expect((await call<Run>('GET', `/programs/${programId}/matching/${runId}`)).body.status).toBe('completed');
    const approved = await call<ApiError>('POST', `/programs/${programId}/matching/${runId}/approve`);
    expect(approved.status).toBe(409);
    expect(approved.body.error).toBe(`Matching run ${runId} needed no approval: it proposed no pairs.`);
    expect(approved.body.issues).toEqual([{ field: 'runId', message: 'needed no approval' }]);
  });

  it('swaps, forbids, forces and rejects pairs, recomputes explanations, records who did it, and starts the reviewed pairs once approved', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { A, B, C, X, Y, V } = await cohort(h, programId);
    const { runId, run } = await proposed(h, programId);
    const base = `/programs/${programId}/matching/${runId}`;
    expect(run.pairs.map(pairKey).sort()).toEqual(
      [
        pairKey({ mentorId: A.participantId, menteeId: X.participantId }),
        pairKey({ mentorId: B.participantId, menteeId: Y.participantId }),
        pairKey({ mentorId: C.participantId, menteeId: V.participantId }),
      ].sort(),
    );
    const idOf = (r: Run, mentor: { participantId: string }) => r.pairs.find((p) => p.mentorId === mentor.participantId)!.pairingId;

    // Swap: A takes Y and B takes X; the new pairs are explained again and weaker than before.
    const swap = await call<Run & { change: Record<string, unknown> }>('POST', `${base}/swap`, { pairIds: [idOf(run, A), idOf(run, B)] });
    expect(swap.status, JSON.stringify(swap.body)).toBe(200);
    const afterSwap = swap.body.pairs.map(pairKey);
    expect(afterSwap).toContain(pairKey({ mentorId: A.participantId, menteeId: Y.participantId }));
    expect(afterSwap).toContain(pairKey({ mentorId: B.participantId, menteeId: X.participantId }));
    const ay = swap.body.pairs.find((p) => p.mentorId === A.participantId)!;
    expect(ay.tradeOffs.join(' ')).toMatch(/Yuri Senior's best possible score was \d+ with another mentor/);
    expect(swap.body.change).toMatchObject({ action: 'swap', by: 'admin@localhost', removed: expect.arrayContaining([idOf(run, A), idOf(run, B)]) });
    expect((swap.body.change.added as string[]).length).toBe(2);

    // Forbid the swapped A x Y: re-solved without it (A and X go back together; the swap of B x X gives way).
    const forbid = await call<Run>('POST', `${base}/forbid`, { mentorId: A.participantId, menteeId: Y.participantId });
    expect(forbid.status, JSON.stringify(forbid.body)).toBe(200);
    expect(forbid.body.pairs.map(pairKey)).not.toContain(pairKey({ mentorId: A.participantId, menteeId: Y.participantId }));
    expect(forbid.body.pairs.map(pairKey)).toContain(pairKey({ mentorId: B.participantId, menteeId: X.participantId }));

    // Force C x Y: kept, everyone else re-solved around it.
    const force = await call<Run>('POST', `${base}/force`, { mentorId: C.participantId, menteeId: Y.participantId });
    expect(force.status, JSON.stringify(force.body)).toBe(200);
    expect(force.body.pairs.map(pairKey)).toContain(pairKey({ mentorId: C.participantId, menteeId: Y.participantId }));

    // Reject the forced pair: both wait, with the reason.
    const cy = force.body.pairs.find((p) => p.mentorId === C.participantId)!;
    const reject = await call<Run>('POST', `${base}/pairs/${cy.pairingId}/reject`);
    expect(reject.status, JSON.stringify(reject.body)).toBe(200);
    expect(reject.body.pairs.map((p) => p.pairingId)).not.toContain(cy.pairingId);
    expect(reject.body.unmatched).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ participantId: C.participantId, code: 'rejected-in-review' }),
        expect.objectContaining({ participantId: Y.participantId, code: 'rejected-in-review' }),
      ]),
    );

    // The stored proposal is what the answers said, with the audit of every change.
    const stored = (await call<Run>('GET', base)).body;
    expect(stored.pairs.map(pairKey).sort()).toEqual(reject.body.pairs.map(pairKey).sort());
    expect(stored.changes!.map((c) => c.action)).toEqual(['swap', 'forbid', 'force', 'reject']);
    expect(Object.keys(stored)).not.toContain('approvalQuestions');
    for (const c of stored.changes!) expect(c).toMatchObject({ by: 'admin@localhost', at: expect.stringMatching(/^\d{4}-/) });

    // Approve (twice: the second changes nothing), then the reviewed pairs start and the rejected wait.
    const approved = await call('POST', `${base}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ programId, runId, status: 'approved', approvedBy: 'admin@localhost' });
    const again = await call('POST', `${base}/approve`);
    expect(again.status).toBe(200);
    expect(again.body.approvedAt).toBe(approved.body.approvedAt);
    await h.idle();
    const pairings = await get<{ pairingId: string; mentorId: string; menteeId: string }[]>(`/local/pairings?programId=${programId}`);
    expect(pairings.map(pairKey).sort()).toEqual(stored.pairs.map(pairKey).sort());
    const waiting = await get<{ participantId: string; status: string }[]>(`/local/participants?programId=${programId}`);
    expect(waiting.find((p) => p.participantId === Y.participantId)?.status).toBe('waitlisted');

    // Once approved the proposal cannot change.
    const late = await call<ApiError>('POST', `${base}/forbid`, { mentorId: B.participantId, menteeId: X.participantId });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/already approved/);

    // The next run looks for a better partner for the rejected people, as their email promised: never each other again.
    const started = await call('POST', `/programs/${programId}/matching`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await h.idle();
    const next = (await call<Run>('GET', `/programs/${programId}/matching/${started.body.runId}`)).body;
    expect(next.pairs.map(pairKey)).not.toContain(pairKey({ mentorId: C.participantId, menteeId: Y.participantId }));
    expect(next.unmatched.map((u) => u.participantId)).toEqual(expect.arrayContaining([C.participantId, Y.participantId]));
  });

  it('refuses a forced pair inside one reporting line with 409 and the reason, and bad bodies with 400 naming the field', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { A, X, enrol } = await cohort(h, programId);
    const W = await enrol({
      role: 'mentee',
      name: 'Wes Senior',
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
      department: 'People',
      manager: { email: A.email },
    });
    const { runId, run } = await proposed(h, programId);
    const base = `/programs/${programId}/matching/${runId}`;

    const chain = await call<ApiError>('POST', `${base}/force`, { mentorId: A.participantId, menteeId: W.participantId });
    expect(chain.status).toBe(409);
    expect(chain.body.error).toMatch(/Ana Mentor and Wes Senior cannot be paired: they are in the same reporting line/);
    expect(chain.body.issues).toEqual([{ field: 'menteeId', message: 'breaks the hard rules: reportingChain' }]);

    const badType = await call<ApiError>('POST', `${base}/force`, { mentorId: 5, menteeId: X.participantId });
    expect(badType.status).toBe(400);
    expect(badType.body.issues[0]!.field).toBe('mentorId');
    const missing = await call<ApiError>('POST', `${base}/forbid`, { mentorId: A.participantId });
    expect(missing.status).toBe(400);
    expect(missing.body.issues[0]!.field).toBe('menteeId');
    const oneId = await call<ApiError>('POST', `${base}/swap`, { pairIds: [run.pairs[0]!.pairingId] });
    expect(oneId.status).toBe(400);
    expect(oneId.body.issues[0]!.field).toMatch(/^pairIds/);
    const extra = await call<ApiError>('POST', `${base}/approve`, { now: true });
    expect(extra.status).toBe(400);
    expect(extra.body.issues).toEqual([{ field: 'now', message: 'is not a known field' }]);
    const unknownPair = await call<ApiError>('POST', `${base}/pairs/pr_nosuchpair/reject`);
    expect(unknownPair.status).toBe(404);
    expect(unknownPair.body.issues[0]!.field).toBe('pairingId');
    const unknownPerson = await call<ApiError>('POST', `${base}/force`, { mentorId: 'nobody', menteeId: X.participantId });
    expect(unknownPerson.status).toBe(404);
    expect(unknownPerson.body.issues[0]!.field).toBe('mentorId');

    // Wrong program: the run is not found there; an unknown program is not found at all.
    const elsewhere = await h.program({});
    for (const [path, body] of [
      ['approve', undefined],
      [`pairs/${run.pairs[0]!.pairingId}/reject`, undefined],
      ['swap', { pairIds: [run.pairs[0]!.pairingId, run.pairs[1]!.pairingId] }],
      ['force', { mentorId: A.participantId, menteeId: X.participantId }],
      ['forbid', { mentorId: A.participantId, menteeId: X.participantId }],
    ] as const) {
      const foreign = await call<ApiError>('POST', `/programs/${elsewhere}/matching/${runId}/${path}`, body);
      expect(foreign.status, path).toBe(404);
      expect(foreign.body.issues[0]!.field).toBe('runId');
      const none = await call<ApiError>('POST', `/programs/no-such-${h.tag}/matching/${runId}/${path}`, body);
      expect(none.status, path).toBe(404);
      expect(none.body.issues[0]!.field).toBe('programId');
    }
    // Nothing above changed the proposal.
    expect((await call<Run>('GET', base)).body.changes).toBeUndefined();
  });

  it('refuses people outside the hr group with 403 on every review route (handler as API Gateway calls it)', async () => {
    useCloudTable();
    process.env.COHORT_MATCHING_ARN = 'arn:aws:states:eu-west-1:000000000000:stateMachine:CohortMatching';
    const { handler } = await import('../../functions/match-review-api');
    const context = lambdaContext('MatchReviewApi');
    const base = '/programs/pilot/matching/run-1';
    for (const [path, body] of [
      [`${base}/approve`, undefined],
      [`${base}/pairs/pr_1/reject`, undefined],
      [`${base}/swap`, { pairIds: ['pr_1', 'pr_2'] }],
      [`${base}/force`, { mentorId: 'a', menteeId: 'b' }],
      [`${base}/forbid`, { mentorId: 'a', menteeId: 'b' }],
    ] as const) {
      const res = (await handler(httpApiEvent({ method: 'POST', path, body, groups: '[managers]' }), context)) as HttpResult;
      expect(res.statusCode, path).toBe(403);
      expect(JSON.parse(String(res.body)).error).toMatch(/not in the "hr" group/);
    }
  });

  it('answers 409 while a run has no proposal yet and its execution still runs (handler as API Gateway calls it)', async () => {
    // A run is "still solving" when its execution runs and no proposal is stored under its id.
    // Solving finishes within one local step, so a running PairingLifecycle execution (its input
    // names the program too) stands in for a solving run here: the handler reads the execution
    // by the state machine ARN it is configured with.
    const h = lifecycleHarness();
    const { programId, pairingId } = await h.pair({ waitForIntroductions: false });
    const machines = await get<{ name: string; stateMachine: string }[]>('/local/state-machines');
    useCloudTable();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SFN: cloud.baseUrl,
      COHORT_MATCHING_ARN: machines.find((m) => m.name.startsWith('PairingLifecycle'))!.stateMachine,
    });
    const { handler } = await import('../../functions/match-review-api');
    const path = `/programs/${programId}/matching/${pairingId}/approve`;
    const event = httpApiEvent({ method: 'POST', path, groups: '[hr]', email: 'hr@example.com' });
    const res = (await handler(event, lambdaContext('MatchReviewApi'))) as HttpResult;
    expect(res.statusCode, String(res.body)).toBe(409);
    expect(JSON.parse(String(res.body))).toMatchObject({
      error: expect.stringMatching(/is still solving/),
      issues: [{ field: 'runId', message: 'is still solving' }],
    });
  });

  /** A takes X, Uma waits; X declines, so the rematch of A with Uma waits for the admins' approval. */
  async function rematchAwaitingApproval() {
    const h = lifecycleHarness();
    const programId = await h.program({ rematch: { needsApproval: true } });
    const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
    const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
    const A = await enrol({ role: 'mentor', name: 'Ana Mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'], department: 'Data' });
    await enrol({ role: 'mentee', name: 'Xena Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Operations' });
    await enrol({ role: 'mentee', name: 'Uma Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Sales' });
    const { runId, run } = await proposed(h, programId);
    expect(run.pairs).toHaveLength(1);
    expect((await call('POST', `/programs/${programId}/matching/${runId}/approve`)).status).toBe(200);
    await h.idle();
    const first = run.pairs[0]!;
    const waiting = run.unmatched[0]!.participantId;
    const emailOf = async (id: string) =>
      (await get<{ participantId: string; email: string }[]>(`/local/participants?programId=${programId}`)).find((p) => p.participantId === id)!.email;
    const intro = async (email: string) => (await h.emailsTo(email)).find((e) => /^Meet /.test(e.subject));
    const mentee = await emailOf(first.menteeId);
    await h.until(async () => (await intro(A.email)) !== undefined && (await intro(mentee)) !== undefined, 'PT1H');
    await h.reply((await intro(A.email))!, 'YES');
    await h.reply((await intro(mentee))!, 'NO, I am changing roles');
    await h.idle();

    // The rematch of A with the waiting mentee is proposed and asked for, not started.
    const approvals = () => h.emailsTo(h.admin).then((all) => all.filter((e) => /^Approve matching for/.test(e.subject)));
    await h.until(async () => (await approvals()).length === 2, 'PT1H', 24);
    const pairings = () => get<{ mentorId: string; menteeId: string }[]>(`/local/pairings?programId=${programId}`);
    expect((await pairings()).some((p) => p.menteeId === waiting)).toBe(false);
    const latest = (await approvals()).sort((a, b) => a.sentAt.localeCompare(b.sentAt))[1]!;
    const rematchRunId = /matching\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(latest.text.replace(/\s+/g, ''))?.[1];
    expect(rematchRunId).toBeDefined();
    const rematch = await call<Run & { kind: string }>('GET', `/programs/${programId}/matching/${rematchRunId}`);
    expect(rematch.body).toMatchObject({ kind: 'rematch', status: 'proposed' });
    expect(rematch.body.pairs.map(pairKey)).toEqual([pairKey({ mentorId: A.participantId, menteeId: waiting })]);
    return { h, programId, A, waiting, pairings, latest, rematchRunId: rematchRunId! };
  }

  it('a program can make rematches wait for approval too: the rematch proposes and asks, and starts only once approved', async () => {
    const { h, programId, A, waiting, pairings, rematchRunId } = await rematchAwaitingApproval();
    expect((await call('POST', `/programs/${programId}/matching/${rematchRunId}/approve`)).status).toBe(200);
    await h.idle();
    expect((await pairings()).some((p) => p.mentorId === A.participantId && p.menteeId === waiting)).toBe(true);
  });

  it('a rematch the admins reject does not leave its mentor waiting in silence: she is waitlisted and told, first in line', async () => {
    const { h, programId, A, pairings, latest, rematchRunId } = await rematchAwaitingApproval();
    const status = async (id: string) =>
      (await get<{ participantId: string; status: string }[]>(`/local/participants?programId=${programId}`)).find((p) => p.participantId === id)!.status;
    expect(await status(A.participantId)).toBe('awaiting-rematch');
    await h.reply(latest, 'REJECT');
    await h.idle();
    expect((await call('GET', `/programs/${programId}/matching/${rematchRunId}`)).body.status).toBe('not-approved');
    expect((await pairings()).filter((p) => p.mentorId === A.participantId)).toHaveLength(1);
    expect(await status(A.participantId)).toBe('waitlisted');
    const told = await h.received(A.email, /waitlist/i);
    expect(told.text.replace(/\s+/g, ' ')).toContain(
      'the new pair we proposed for you was not approved by the program team, so you wait for the next matching round',
    );
    const log = await get<{ event: { 'detail-type': string; detail: Record<string, unknown> } }[]>('/local/events');
    expect(
      log.filter((e) => e.event['detail-type'] === 'ParticipantWaitlisted' && e.event.detail.participantId === A.participantId).map((e) => e.event.detail),
    ).toEqual([{ programId, participantId: A.participantId, code: 'rematch-not-approved' }]);
  });
});
