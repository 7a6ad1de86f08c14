import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness, type Harness } from './harness';

/**
 * QA hrops5 on the admin API (docs/admin-api.md), on the local cloud over HTTP: an end with a
 * no-blame reason and a rematch, a retried program change, a pause into a year after the program,
 * and review changes refused without saying what is wrong.
 */

const cloud = inject('cloud');

type ApiError = { error: string; issues: { field: string; message: string }[] };
type BusEvent = { event: { 'detail-type': string; detail: Record<string, unknown> } };

const dayAfter = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
const requests = async (type: string, pairingId: string) =>
  ((await (await fetch(`${cloud.baseUrl}/local/events`)).json()) as BusEvent[]).filter(
    (e) => e.event['detail-type'] === type && e.event.detail.pairingId === pairingId,
  );

describe('admin API: an end with a reason and a rematch', () => {
  it('refuses rematch with a reason both would not be told (400 naming reason, nothing sent); rematch alone ends as the program team’s decision and looks for new partners', async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId, executionArn } = await activePair(h);

    const both = await call<ApiError>('POST', `/pairings/${pairingId}/end`, { reason: 'circumstances-changed', rematch: true });
    expect(both.status, JSON.stringify(both.body)).toBe(400);
    expect(both.body.issues).toEqual([{ field: 'reason', message: 'cannot be given with rematch: leave it out (or send admin-decision)' }]);
    expect(both.body.error).toContain('To rematch, leave reason out (or send "admin-decision"); to end with "circumstances-changed", leave rematch out');
    await h.idle();
    expect(await requests('PairingEndRequested', pairingId)).toEqual([]);
    expect((await call('GET', `/pairings/${pairingId}`)).body).toMatchObject({ status: 'active' });

    const rematch = await call('POST', `/pairings/${pairingId}/end`, { rematch: true });
    expect(rematch.status, JSON.stringify(rematch.body)).toBe(202);
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'P1D');
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'admin-rematch' });
    // What both are told is what happened: the program team's decision, and a new partner looked for.
    await h.until(async () => (await h.emailsTo(mentor.email)).some((e) => /has ended/.test(e.subject)), 'PT12H');
    const text = (await h.lastEmailTo(mentor.email, /has ended/)).text.replace(/\s+/g, ' ');
    expect(text).toContain('The program team decided to close it');
    expect(text).toContain('We are looking for a new partner for you');
  });
});

describe('programs API: a retried change', () => {
  const program = (programId: string) => ({
    programId,
    name: 'Retry cohort',
    objectives: ['Leaders fluent in AI tools'],
    startDate: '2027-09-06',
    admins: ['hr-lead@example.com'],
  });

  it('answers the same change sent again with the version it was read at as done (200, changes [], the current ETag), and names a version that never existed', async () => {
    const programId = `prog-${randomBytes(4).toString('hex')}`;
    expect((await call('POST', '/programs', program(programId))).status).toBe(201);
    const change = { name: 'Retry cohort, autumn', lifecycle: { checkInCadenceDays: 21 } };

    const first = await call('PATCH', `/programs/${programId}`, change, { 'if-match': '"1"' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    expect(first.body.changes.map((c: { field: string }) => c.field)).toEqual(['lifecycle.checkInCadenceDays', 'name']);

    // The answer was lost and the client sends it again: the program is already as it asks.
    const retry = await call('PATCH', `/programs/${programId}`, change, { 'if-match': '"1"' });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.headers.get('etag')).toBe('"2"');
    expect(retry.body).toMatchObject({ program: { version: 2, name: 'Retry cohort, autumn' }, changes: [] });
    expect((await call('GET', `/programs/${programId}`)).body.version).toBe(2);

    // Another change from version 1 would overwrite version 2: still 412.
    const other = await call<ApiError>('PATCH', `/programs/${programId}`, { name: 'Winter cohort' }, { 'if-match': '"1"' });
    expect(other.status).toBe(412);
    expect(other.body.error).toContain('was changed by someone else since version 1 (it is at version 2)');

    const fresh = `prog-${randomBytes(4).toString('hex')}`;
    expect((await call('POST', '/programs', program(fresh))).status).toBe(201);
    const future = await call<ApiError>('PATCH', `/programs/${fresh}`, { name: 'Typo' }, { 'if-match': '"7"' });
    expect(future.status).toBe(412);
    expect(future.body.error).toContain('version 7 does not exist: the program is at version 1');
    expect(future.body.error).not.toContain('someone else');
    expect(future.body.issues).toEqual([{ field: '(header) if-match', message: 'is not a version of the program' }]);
    expect((await call('GET', `/programs/${fresh}`)).body).toMatchObject({ version: 1, name: 'Retry cohort' });
  });
});

describe('admin API: a pause after the program ends', () => {
  it('refuses an "until" after the program end date with 400 naming until and the end date; the end date itself is taken', async () => {
    const h = lifecycleHarness();
    const now = await h.now();
    const endDate = dayAfter(now, 200);
    const programId = await h.program({ startDate: dayAfter(now, -7), endDate, lifecycle: { durationMonths: 3 } });
    const { pairingId } = await activePair(h, programId);

    for (const until of [dayAfter(now, 200 + 365), dayAfter(now, 201)]) {
      const res = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, { until, reason: 'leave' });
      expect(res.status, until).toBe(400);
      expect(res.body.issues).toEqual([{ field: 'until', message: `must not be after the program's end date (${endDate})` }]);
      expect(res.body.error).toBe(
        `Pairing ${pairingId} cannot be paused until ${until}: the program ends on ${endDate}. Send an "until" on or before ${endDate} (check the year), or end the pairing if it cannot go on.`,
      );
    }
    await h.idle();
    expect(await requests('PairingPauseRequested', pairingId)).toEqual([]);
    expect((await call('GET', `/pairings/${pairingId}`)).body).toMatchObject({ status: 'active' });

    const last = await call('POST', `/pairings/${pairingId}/pause`, { until: endDate });
    expect(last.status, JSON.stringify(last.body)).toBe(202);
  });

  it('lets a pairing that runs past the program end date pause until its own end, and no later', async () => {
    const h = lifecycleHarness();
    const now = await h.now();
    const endDate = dayAfter(now, 20);
    const programId = await h.program({ startDate: dayAfter(now, -7), endDate, lifecycle: { durationMonths: 3 } });
    const { pairingId } = await activePair(h, programId);
    const res = await call<ApiError>('POST', `/pairings/${pairingId}/pause`, { until: dayAfter(now, 365) });
    expect(res.status).toBe(400);
    const issue = res.body.issues[0]!;
    expect(issue.field).toBe('until');
    const ends = /must not be after the pairing's end \((\d{4}-\d{2}-\d{2})\)/.exec(issue.message)?.[1];
    expect(ends, issue.message).toBeDefined();
    expect(ends! > endDate).toBe(true);
    expect(res.body.error).toContain(`it comes to its end on ${ends}, after the program's end date (${endDate})`);
    const within = await call('POST', `/pairings/${pairingId}/pause`, { until: dayAfter(now, 40) });
    expect(within.status, JSON.stringify(within.body)).toBe(202);
  });
});

async function proposal(h: Harness) {
  const programId = await h.program({});
  const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
  for (const [role, name, offered, wanted, department] of [
    ['mentor', 'Ana Mentor', 'ai-tools', 'strategy', 'Data'],
    ['mentor', 'Ben Mentor', 'social-media', 'strategy', 'Marketing'],
    ['mentee', 'Xena Senior', 'strategy', 'ai-tools', 'Operations'],
    ['mentee', 'Yuri Senior', 'strategy', 'social-media', 'Sales'],
  ] as const)
    await h.enrol({ programId, role, name, topicsOffered: [offered], topicsWanted: [wanted], department, availability: weekday });
  const started = await call('POST', `/programs/${programId}/matching`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await h.idle();
  const base = `/programs/${programId}/matching/${started.body.runId as string}`;
  const run = await call<{ status: string; pairs: { pairingId: string }[] }>('GET', base);
  expect(run.body.status).toBe('proposed');
  return { base, pairs: run.body.pairs };
}

describe('match review: refusals say what is wrong', () => {
  it('a swap naming the same pair twice is 400 "pairIds must name two different pairs", and changes nothing', async () => {
    const h = lifecycleHarness();
    const { base, pairs } = await proposal(h);
    const [a] = pairs;
    const res = await call<ApiError>('POST', `${base}/swap`, { pairIds: [a!.pairingId, a!.pairingId] });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.issues).toEqual([{ field: 'pairIds', message: 'must name two different pairs' }]);
    const after = await call<{ reviewVersion?: number; pairs: { pairingId: string }[] }>('GET', base);
    expect(after.body.reviewVersion ?? 0).toBe(0);
    expect(after.body.pairs.map((p) => p.pairingId).sort()).toEqual(pairs.map((p) => p.pairingId).sort());
    // A mentor who is not in the run: the issue says so, never "cannot be changed so".
    const unknown = await call<ApiError>('POST', `${base}/force`, { mentorId: 'pt_nobody', menteeId: 'pt_nobody2' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.issues).toEqual([{ field: 'mentorId', message: 'is not a mentor of this run' }]);
  });
});
