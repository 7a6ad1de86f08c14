import { describe, expect, inject, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';
import { cohortProgram, startMatching } from './matching-cohort';

/** The admin API (docs/admin-api.md) on the local cloud, over HTTP only. */

const cloud = inject('cloud');

type ApiError = { error: string; issues: { field: string; message: string }[] };

const dayAfter = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);

describe('admin API: matching', () => {
  it('starts a run, lands a retry with the same Idempotency-Key on that run, and reads the proposal back', async () => {
    const h = lifecycleHarness();
    const { programId } = await cohortProgram(h, ['ana', 'ben', 'xena', 'yuri']);

    const key = { 'idempotency-key': `cohort-${h.tag}` };
    const first = await startMatching(programId, key);
    const runId = first.runId;
    expect(runId).toMatch(/^run-[0-9a-f]{32}$/);
    expect(first.proposal).toBe(`/programs/${programId}/matching/${runId}`);
    const again = await call('POST', `/programs/${programId}/matching`, undefined, key);
    expect(again.status).toBe(202);
    expect(again.body.runId).toBe(runId);

    await h.idle();
    const runs = (await (await fetch(`${cloud.baseUrl}/local/executions`)).json()) as { executionArn: string }[];
    expect(runs.filter((e) => e.executionArn.endsWith(`:${runId}`))).toHaveLength(1);

    const proposal = await call('GET', `/programs/${programId}/matching/${runId}`);
    expect(proposal.status).toBe(200);
    expect(proposal.body).toMatchObject({ programId, runId, kind: 'cohort', status: 'proposed', pairCount: 2, unmatchedCount: 0 });
    const pairs = proposal.body.pairs as { score: number; reasons: string[] }[];
    expect(pairs).toHaveLength(2);
    expect(pairs[0]!.score).toBeGreaterThanOrEqual(pairs[1]!.score);
    for (const p of pairs) expect(p.reasons.length).toBeGreaterThan(0);
    expect(proposal.body.unmatched).toEqual([]);

    // The run belongs to its program: asked through another program, it does not exist.
    const elsewhere = await h.program({});
    const foreign = await call<ApiError>('GET', `/programs/${elsewhere}/matching/${runId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.issues[0]!.field).toBe('runId');

    // A different key is a different run.
    const other = await call('POST', `/programs/${programId}/matching`, undefined, { 'idempotency-key': `other-${h.tag}` });
    expect(other.body.runId).not.toBe(runId);
  });

  it('refuses an unknown program, an unknown run, a malformed key and an unexpected body, starting nothing', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const before = ((await (await fetch(`${cloud.baseUrl}/local/executions`)).json()) as unknown[]).length;

    const unknown = await call<ApiError>('POST', `/programs/no-such-program-${h.tag}/matching`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.issues).toEqual([{ field: 'programId', message: 'is not a known program' }]);

    const longKey = await call<ApiError>('POST', `/programs/${programId}/matching`, undefined, { 'idempotency-key': 'k'.repeat(129) });
    expect(longKey.status).toBe(400);
    expect(longKey.body.issues[0]!.field).toBe('(header) idempotency-key');

    const extra = await call<ApiError>('POST', `/programs/${programId}/matching`, { mentors: 3 });
    expect(extra.status).toBe(400);
    expect(extra.body.issues).toEqual([{ field: 'mentors', message: 'is not a known field' }]);

    const broken = await call<ApiError>('POST', `/programs/${programId}/matching`, '{"oops"');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatch(/not valid JSON/);

    const noReport = await call<ApiError>('GET', `/programs/no-such-program-${h.tag}/report`);
    expect(noReport.status).toBe(404);
    expect(noReport.body.issues).toEqual([{ field: 'programId', message: 'is not a known program' }]);
    const emptyReport = await call('GET', `/programs/${programId}/report`);
    expect(emptyReport.status).toBe(200);
    expect(emptyReport.body).toMatchObject({ programId, participants: { total: 0 }, pairings: { total: 0, completionRate: null } });

    const noRun = await call<ApiError>('GET', `/programs/${programId}/matching/run-${'0'.repeat(32)}`);
    expect(noRun.status).toBe(404);
    expect(noRun.body.issues[0]!.field).toBe('runId');

    expect(((await (await fetch(`${cloud.baseUrl}/local/executions`)).json()) as unknown[]).length).toBe(before);
  });
});

describe('admin API: pairings', () => {
  it('shows the admin each check-in’s answers with their notes, as the check-in email promises ("read by the program admin only")', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    const checkIn = await h.nextEmail(mentor.email, /^Check-in:/);
    expect(checkIn.text.replace(/\s+/g, ' ')).toContain('read by the program admin only');
    await h.reply(checkIn, 'YES 4 we drafted the quarterly update in a shared doc');
    await h.reply(await h.received(mentee.email, /^Check-in:/), 'NO');
    await h.idle();
    const read = await call<{ checkIns: Record<string, any>[]; reviews: unknown[] }>('GET', `/pairings/${pairingId}`);
    expect(read.status).toBe(200);
    expect(read.body.checkIns).toEqual([
      expect.objectContaining({
        met: true,
        mentor: expect.objectContaining({ rating: 4, note: 'we drafted the quarterly update in a shared doc' }),
        mentee: expect.objectContaining({ intent: 'no' }),
      }),
    ]);
    expect(read.body.reviews).toEqual([]);
  });

  it('pauses, resumes and ends a pairing; each request goes out as an event and the workflow honours it', async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId, executionArn } = await activePair(h);

    const read = await call('GET', `/pairings/${pairingId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ pairingId, status: 'active' });

    const resumeEarly = await call<ApiError>('POST', `/pairings/${pairingId}/resume`);
    expect(resumeEarly.status).toBe(409);
    expect(resumeEarly.body.error).toMatch(/not paused/);

    const until = dayAfter(await h.now(), 21);
    const pause = await call('POST', `/pairings/${pairingId}/pause`, { until, reason: 'leave' });
    expect(pause.status, JSON.stringify(pause.body)).toBe(202);
    expect(pause.body).toMatchObject({ pairingId, requested: 'pause' });
    await h.idle();
    const log = (await (await fetch(`${cloud.baseUrl}/local/events`)).json()) as { event: { 'detail-type': string; detail: Record<string, unknown> } }[];
    const sent = log.find((e) => e.event['detail-type'] === 'PairingPauseRequested' && e.event.detail.pairingId === pairingId);
    expect(sent?.event.detail).toMatchObject({ pairingId, until, reason: 'leave', channel: 'api', requestedBy: 'admin' });
    // The request acts at once: the execution is woken, not left to its next step.
    expect((await call('GET', `/pairings/${pairingId}`)).body).toMatchObject({ status: 'paused', pausedUntilDay: until });
    const received = (subject: RegExp) => async () => (await h.emailsTo(mentor.email)).some((e) => subject.test(e.subject));
    await h.until(received(/is paused until/), 'PT1H');
    // Paused already: a pause without a new date would change nothing, and says so.
    const again = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toContain(`is already paused until ${until}`);
    // The same date again would change nothing either: 409 too, and nothing is sent to the workflow.
    const same = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, { until });
    expect(same.status, JSON.stringify(same.body)).toBe(409);
    expect(same.body.error).toContain(`is already paused until that date (${until})`);
    expect(same.body.issues).toEqual([{ field: 'pairingId', message: 'is paused' }]);
    await h.idle();
    expect((await h.pairing(pairingId)).audit.map((a) => a.kind)).not.toContain('control-ignored');

    expect((await call('POST', `/pairings/${pairingId}/resume`)).status).toBe(202);
    await h.idle();
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    await h.until(received(/has resumed/), 'PT1H');

    const end = await call('POST', `/pairings/${pairingId}/end`, { reason: 'not-meeting' });
    expect(end.status).toBe(202);
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'P1D');
    const { pairing } = await h.pairing(pairingId);
    expect(pairing).toMatchObject({ status: 'ended', statusReason: 'not-meeting' });
    expect((await h.lastEmailTo(mentor.email, /has ended/)).text).toMatch(/Finding\s+time\s+to\s+meet\s+turned\s+out\s+to\s+be\s+hard/);

    const late = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, {});
    expect(late.status).toBe(409);
    expect(late.body.issues).toEqual([{ field: 'pairingId', message: 'is ended' }]);
  });

  it('books a pause for later days with from and until, refuses a from without a later until (400 naming the field), and a resume before it starts cancels it', async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId } = await activePair(h);
    const [from, until] = [dayAfter(await h.now(), 10), dayAfter(await h.now(), 20)];
    const alone = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, { from });
    expect(alone.status).toBe(400);
    expect(alone.body.issues).toEqual([{ field: 'until', message: 'is required with from' }]);
    const backwards = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, { from: until, until: from });
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues).toEqual([{ field: 'until', message: 'must be after from' }]);
    // A booking is for days to come: from today, or a day gone, would pause at once (QA apidocs).
    for (const start of [dayAfter(await h.now(), 0), dayAfter(await h.now(), -3)]) {
      const now = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, { from: start, until });
      expect(now.status, start).toBe(400);
      expect(now.body.issues).toEqual([{ field: 'from', message: 'must be after today' }]);
    }
    expect((await call('GET', `/pairings/${pairingId}`)).body).toMatchObject({ status: 'active' });
    // After the pairing's end there is nothing to pause: said now (QA booking).
    const late = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, { from: dayAfter(await h.now(), 400), until: dayAfter(await h.now(), 410) });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/comes to its end on \d{4}-\d{2}-\d{2}, before \d{4}-\d{2}-\d{2}: there is nothing to pause then/);
    const booked = await call('POST', `/pairings/${pairingId}/pause`, { from, until, reason: 'leave' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(202);
    await h.idle();
    expect((await call('GET', `/pairings/${pairingId}`)).body).toMatchObject({ status: 'active', pauseBooked: { fromDay: from, untilDay: until } });
    await h.until(async () => (await h.emailsTo(mentor.email)).some((e) => /will pause from/.test(e.subject)), 'PT1H');
    expect((await call('POST', `/pairings/${pairingId}/resume`)).status).toBe(202);
    await h.idle();
    const read = (await call<Record<string, unknown>>('GET', `/pairings/${pairingId}`)).body;
    expect(read.status).toBe('active');
    expect(read.pauseBooked).toBeUndefined();
    await h.until(async () => (await h.emailsTo(mentor.email)).some((e) => /is cancelled$/.test(e.subject)), 'PT1H');
    // Nothing booked any more: a second resume has nothing to act on.
    expect((await call<ApiError>('POST', `/pairings/${pairingId}/resume`)).status).toBe(409);
  });

  it('refuses to pause a pairing that has not started (introduced, waiting for both to accept) with 409, and records nothing', async () => {
    const h = lifecycleHarness();
    const { pairingId } = await h.pair();
    expect((await call('GET', `/pairings/${pairingId}`)).body).toMatchObject({ status: 'introduced' });
    const until = dayAfter(await h.now(), 14);
    for (const body of [{}, { until, reason: 'leave' }]) {
      const res = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.error).toBe(
        `Pairing ${pairingId} has not started yet (introduced: both must accept first), so there is nothing to pause. End it instead, or pause it once it is active.`,
      );
      expect(res.body.issues).toEqual([{ field: 'pairingId', message: 'is introduced' }]);
    }
    // A bad body is still named first.
    expect((await call<ApiError>('POST', `/pairings/${pairingId}/pause`, { until: 'soon' })).status).toBe(400);
    await h.idle();
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.controls).toBeUndefined();
    expect(audit.map((a) => a.kind)).not.toContain('control-ignored');
    const log = (await (await fetch(`${cloud.baseUrl}/local/events`)).json()) as { event: { 'detail-type': string; detail: Record<string, unknown> } }[];
    expect(log.filter((e) => e.event['detail-type'] === 'PairingPauseRequested' && e.event.detail.pairingId === pairingId)).toEqual([]);
  });

  it('answers bad requests with the field and the problem, and records nothing', async () => {
    const h = lifecycleHarness();
    const { pairingId } = await activePair(h);
    const today = (await h.now()).toISOString().slice(0, 10);
    const cases: [string, unknown, number, string][] = [
      ['pause', { until: today }, 400, 'until'],
      ['pause', { until: '2031-02-30' }, 400, 'until'],
      ['pause', { until: 'next tuesday' }, 400, 'until'],
      ['pause', { reason: 'x'.repeat(501) }, 400, 'reason'],
      // Typed text would travel in the published event: only codes are taken.
      ['pause', { reason: 'Parental leave' }, 400, 'reason'],
      ['pause', [1, 2], 400, '(body)'],
      ['end', { reason: 'bored' }, 400, 'reason'],
      ['end', { rematch: 'yes' }, 400, 'rematch'],
      ['resume', { now: true }, 400, 'now'],
    ];
    for (const [action, body, status, field] of cases) {
      const res = await call<ApiError>('POST', `/pairings/${pairingId}/${action}`, body);
      expect(res.status, `${action} ${JSON.stringify(body)}`).toBe(status);
      expect(
        res.body.issues.map((i) => i.field),
        `${action} ${JSON.stringify(body)}`,
      ).toContain(field);
    }
    const notJson = await fetch(`${cloud.baseUrl}/pairings/${pairingId}/pause`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'pause please',
    });
    expect(notJson.status).toBe(415);
    expect((await call<ApiError>('GET', `/pairings/pr_${'a'.repeat(20)}`)).status).toBe(404);
    expect((await call<ApiError>('GET', '/pairings/has%20space')).status).toBe(400);

    await h.idle();
    expect((await call('GET', `/pairings/${pairingId}`)).body.controls).toBeUndefined();
    const log = (await (await fetch(`${cloud.baseUrl}/local/events`)).json()) as { event: { 'detail-type': string; detail: Record<string, unknown> } }[];
    expect(log.filter((e) => /^Pairing(Pause|Resume|End)Requested$/.test(e.event['detail-type']) && e.event.detail.pairingId === pairingId)).toEqual([]);
  });
});
