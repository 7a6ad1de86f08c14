import { describe, expect, inject, it } from 'vitest';
import type { HttpResult } from '../../functions/shared/http';
import { run as exportCommand } from '../../local/commands/export';
import { call, httpApiEvent, lambdaContext, useCloudTable } from './api-gateway';
import { lifecycleHarness } from './harness';

/** GET /participants/{id}/export and `crossgen export` (docs/admin-api.md, Data rights), on the local cloud. */

const cloud = inject('cloud');
type ApiError = { error: string; issues: { field: string; message: string }[] };

describe('data rights: export', () => {
  it('exports everything held about a person, in every program under their address, with their own answers only', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, programId } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'yes');
    const elsewhere = await h.program({});
    const second = await h.enrol({
      programId: elsewhere,
      role: 'mentor',
      email: mentor.email,
      name: `Mia Mentor${h.tag}`,
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
    });
    await h.until(async () => (await call('GET', `/pairings/${pairingId}`)).body.checkInsMissed >= 1, 'P1D');
    await h.idle();

    const res = await call('GET', `/participants/${mentor.participantId}/export`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${mentor.participantId}.json"`);
    const data = res.body;
    expect(data.participantId).toBe(mentor.participantId);
    expect(data.notHeld.length).toBeGreaterThan(0);
    const byProgram = new Map((data.enrolments as Record<string, any>[]).map((e) => [e.programId, e]));
    expect([...byProgram.keys()].sort()).toEqual([programId, elsewhere].sort());

    const main = byProgram.get(programId)!;
    expect(main.profile).toMatchObject({ participantId: mentor.participantId, email: mentor.email, role: 'mentor', name: `Mia Mentor${h.tag}` });
    expect(main.profile.intakeDigest).toBeUndefined();
    expect(main.pairings).toHaveLength(1);
    const pairing = main.pairings[0];
    expect(pairing).toMatchObject({
      pairingId,
      role: 'mentor',
      partnerId: mentee.participantId,
      pairing: { pairingId, programId, checkInsMissed: expect.any(Number) },
    });
    expect(pairing.checkIns.length).toBeGreaterThanOrEqual(1);
    for (const c of pairing.checkIns) {
      expect(c).toHaveProperty('answer');
      expect(c).not.toHaveProperty('mentor');
      expect(c).not.toHaveProperty('mentee');
    }
    expect(pairing.audit.map((a: { kind: string }) => a.kind)).toContain('check-in-missed');
    // The emails the pairing sent them (QA safe7): each one they really got, by its message id, and none of the partner's.
    const listed = pairing.emails as { template: string; status: string; sentAt?: string; messageId?: string }[];
    expect(listed.filter((e) => e.template === 'introduction')).toEqual([expect.objectContaining({ status: 'sent', sentAt: expect.any(String) })]);
    expect(listed.map((e) => e.template)).toContain('checkInRequest');
    const got = new Set((await h.emailsTo(mentor.email)).map((e) => e.messageId));
    const partners = new Set((await h.emailsTo(mentee.email)).map((e) => e.messageId));
    const sent = listed.filter((e) => e.status === 'sent');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const e of sent) {
      expect(got.has(e.messageId!), JSON.stringify(e)).toBe(true);
      expect(partners.has(e.messageId!), JSON.stringify(e)).toBe(false);
    }
    expect(JSON.stringify(listed)).not.toMatch(/input|Sam Senior/);
    expect(byProgram.get(elsewhere)).toMatchObject({ participantId: second.participantId, pairings: [] });

    // The partner's data is the partner's: their id only.
    const text = JSON.stringify(data);
    expect(text).not.toContain(mentee.email);
    expect(text).not.toContain(`Sam Senior${h.tag}`);

    // The CLI prints the same.
    const out: string[] = [];
    expect(
      await exportCommand(['--participant', mentor.participantId, '--url', cloud.baseUrl], { stdout: (s) => out.push(s), stderr: (s) => out.push(s) }),
    ).toBe(0);
    const printed = JSON.parse(out.join(''));
    expect({ ...printed, exportedAt: undefined }).toEqual({ ...data, exportedAt: undefined });
  });

  it('includes their own answer to the question still open, which is kept on the pairing until it closes', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'yes');
    await h.reply(await h.nextEmail(mentor.email, /^Check-in:/), 'YES 4 we tried three AI tools for her team');
    await h.idle();
    const open = async (id: string) => {
      const res = await call('GET', `/participants/${id}/export`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.enrolments[0].pairings[0].openQuestion;
    };
    expect(await open(mentor.participantId)).toMatchObject({
      kind: 'check-in',
      closesAt: expect.any(String),
      answer: { rating: 4, note: expect.stringContaining('three AI tools') },
    });
    const theirs = await open(mentee.participantId);
    expect(theirs).toMatchObject({ kind: 'check-in', answer: null });
    expect(JSON.stringify(theirs)).not.toContain('three AI tools');
  });

  it('refuses an unknown or malformed participant id; the CLI says what went wrong', async () => {
    const unknown = await call<ApiError>('GET', `/participants/pt_${'a'.repeat(20)}/export`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.issues).toEqual([{ field: 'id', message: 'is not a known participant' }]);
    expect((await call<ApiError>('GET', '/participants/has%20space/export')).status).toBe(400);
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (s: string) => err.push(s) };
    expect(await exportCommand(['--url', cloud.baseUrl], io)).toBe(2);
    expect(await exportCommand(['--participant', `pt_${'b'.repeat(20)}`, '--url', cloud.baseUrl], io)).toBe(1);
    expect(err.join('')).toMatch(/refused \(404\): There is no participant/);
  });

  it('refuses a signed-in person outside the hr group (handler as API Gateway calls it)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { participantId } = await h.enrol({ programId, role: 'mentor' });
    useCloudTable();
    const { handler } = await import('../../functions/admin-api');
    const context = lambdaContext('AdminApi');
    const path = `/participants/${participantId}/export`;
    const event = (groups: string) =>
      httpApiEvent({ method: 'GET', path, routeKey: 'GET /participants/{id}/export', pathParameters: { id: participantId }, groups });
    const refused = (await handler(event('[managers]'), context)) as HttpResult;
    expect(refused.statusCode).toBe(403);
    expect(String(refused.body)).not.toContain('@example.com');
    const allowed = (await handler(event('[hr]'), context)) as HttpResult;
    expect(allowed.statusCode).toBe(200);
    expect(JSON.parse(String(allowed.body)).enrolments[0].participantId).toBe(participantId);
  });
});
