import { describe, expect, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import type { HttpResult } from '../../functions/shared/http';
import { call, httpApiEvent, lambdaContext, useCloudTable } from '../workflows/api-gateway';
import { lifecycleHarness } from '../workflows/harness';

/**
 * A program admin who is also one of the people of a proposed pair does not approve the proposal
 * (docs/decisions.md, "An admin in a proposed pair does not approve it"; docs/cohort-matching.md,
 * Approval): they are told which pair they cannot approve and who can, with nothing to approve it
 * by; a reply of theirs approves nothing, nor does the admin API signed in as them; another admin,
 * or HR through the admin API, approves it. On the local cloud over HTTP and its inbound path.
 */

type Run = { status: string; pairs: { pairingId: string; mentorId: string; menteeId: string }[]; approvedAt?: string; approvedBy?: string };
const flat = (text: string) => text.replace(/\s+/g, ' ');
const CONFLICT = /^Matching for Test cohort awaits approval: you are in a proposed pair/;
const REQUEST = /^Approve matching for Test cohort/;
/**
 * Hours within which an approved run's introductions arrive: they go in the send window of a
 * working day, so an approval after Friday's window waits for Monday's (the suite's clock starts
 * at any time of the week). Two days failed whenever the approval came after Friday's window.
 */
const INTRODUCED_WITHIN = 24 * 4;

/**
 * Ada (an admin of the program, enrolled as a mentor under her address in another letter case)
 * suits Vera; Ben suits Sam. The run proposes Ada-Vera and Ben-Sam and waits for approval.
 */
async function proposed(admins: (ada: string, h: ReturnType<typeof lifecycleHarness>) => string[]) {
  const h = lifecycleHarness();
  const ada = `ada-${h.admin}`;
  const programId = await h.program({ admins: admins(ada, h) });
  const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
  const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
  const A = await enrol({
    role: 'mentor',
    name: 'Ada Admin',
    email: ada.toUpperCase(),
    topicsOffered: ['ai-tools'],
    topicsWanted: ['strategy'],
    department: 'Data',
  });
  const B = await enrol({ role: 'mentor', name: 'Ben Mentor', topicsOffered: ['social-media'], topicsWanted: ['strategy'], department: 'Marketing' });
  const V = await enrol({ role: 'mentee', name: 'Vera Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Legal' });
  const S = await enrol({ role: 'mentee', name: 'Sam Senior', topicsOffered: ['strategy'], topicsWanted: ['social-media'], department: 'Sales' });
  const started = await call('POST', `/programs/${programId}/matching`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const runId = started.body.runId as string;
  await h.idle();
  const base = `/programs/${programId}/matching/${runId}`;
  const run = async () => (await call<Run>('GET', base)).body;
  const proposal = await run();
  expect(proposal.status).toBe('proposed');
  const adaPair = proposal.pairs.find((p) => p.mentorId === A.participantId);
  expect(adaPair?.menteeId, 'Ada is proposed with Vera').toBe(V.participantId);
  expect(proposal.pairs.find((p) => p.mentorId === B.participantId)?.menteeId).toBe(S.participantId);
  const introduced = async () => (await h.emailsTo(V.email)).some((e) => /^Meet /.test(e.subject));
  return { h, ada, programId, runId, base, run, adaPair: adaPair!, introduced };
}

const APIS = {
  admin: { name: 'AdminApi', load: () => import('../../functions/admin-api') },
  review: { name: 'MatchReviewApi', load: () => import('../../functions/match-review-api') },
};

/**
 * A route (`routeKey`, its path filled in from `pathParameters`) as API Gateway calls the admin API's
 * function (`admin`) or the match-review function (`review`) for someone of the hr group signed in as `email`.
 */
async function asSignedIn(api: keyof typeof APIS, email: string, routeKey: string, pathParameters: Record<string, string>, body?: object): Promise<HttpResult> {
  useCloudTable();
  const [method, pattern] = routeKey.split(' ') as [string, string];
  const path = pattern.replace(/\{(\w+)\}/g, (_, name: string) => pathParameters[name]!);
  const event = httpApiEvent({ method, path, routeKey, pathParameters, ...(body ? { body } : {}), groups: '[hr]', email });
  const { handler } = await APIS[api].load();
  return (await handler(event, lambdaContext(APIS[api].name))) as HttpResult;
}

/** POST .../approve signed in as `email`. */
const approveAs = (programId: string, runId: string, email: string) =>
  asSignedIn('review', email, 'POST /programs/{programId}/matching/{runId}/approve', { programId, runId });

/** GET of the run signed in as `email`. */
async function readAs(programId: string, runId: string, email: string): Promise<{ pairs: Record<string, unknown>[] }> {
  const res = await asSignedIn('admin', email, 'GET /programs/{programId}/matching/{runId}', { programId, runId });
  expect(res.statusCode, String(res.body)).toBe(200);
  return JSON.parse(String(res.body)) as { pairs: Record<string, unknown>[] };
}

describe('an admin who is in a proposed pair does not approve it', () => {
  it('is told which pair and who can approve instead, with nothing to approve by; neither a reply of theirs nor the admin API as them approves; the other admin does', async () => {
    const s = await proposed((ada, h) => [ada, `bob-${h.admin}`]);
    const { h, ada } = s;
    const bob = `bob-${h.admin}`;

    // Bob is asked as before; Ada is told, once, and asked nothing.
    const bobMail = (await h.emailsTo(bob)).find((e) => REQUEST.test(e.subject));
    expect(bobMail, 'Bob is asked to approve').toBeDefined();
    const adaMails = await h.emailsTo(ada);
    expect(
      adaMails.filter((e) => REQUEST.test(e.subject)),
      'Ada is not asked to approve',
    ).toEqual([]);
    const told = adaMails.filter((e) => CONFLICT.test(e.subject));
    expect(told).toHaveLength(1);
    const text = flat(told[0]!.text);
    expect(text).toContain('Matching for Test cohort has proposed 2 pairs, and one of them is your own: you as mentor with Vera Senior (mentee).');
    expect(text).toContain(`${bob}, the program's admin in no proposed pair, has been asked to approve it`);
    expect(text, 'no link, no score of her pair').not.toMatch(/\/r\/|Score \d|Trade-offs:/);
    expect(
      told[0]!.replyTo.some((a) => a.startsWith('reply+')),
      'no reply address that answers anything',
    ).toBe(false);

    // Reading the run through the admin API, she sees who is in her pair, never its score, reasons or trade-offs.
    const asAda = await readAs(s.programId, s.runId, ada.toUpperCase());
    expect(asAda.pairs.at(-1)).toEqual({
      pairingId: s.adaPair.pairingId,
      mentorId: s.adaPair.mentorId,
      mentorName: 'Ada Admin',
      menteeId: s.adaPair.menteeId,
      menteeName: 'Vera Senior',
      yourPair: true,
    });
    expect(asAda.pairs[0], "the other pair's details stay").toMatchObject({ score: expect.any(Number), reasons: expect.any(Array) });
    const asBob = await readAs(s.programId, s.runId, bob);
    expect(
      asBob.pairs.find((p) => p.pairingId === s.adaPair.pairingId),
      'Bob sees it all',
    ).toMatchObject({ score: expect.any(Number), reasons: expect.any(Array) });

    // Nor can she change the proposal in review: rejecting the other pair would re-solve around her own.
    const benSam = (await s.run()).pairs.find((p) => p.pairingId !== s.adaPair.pairingId)!;
    const changeRefused = await asSignedIn('review', ada, 'POST /programs/{programId}/matching/{runId}/pairs/{pairingId}/reject', {
      programId: s.programId,
      runId: s.runId,
      pairingId: benSam.pairingId,
    });
    expect(changeRefused.statusCode, String(changeRefused.body)).toBe(403);
    const changeBody = JSON.parse(String(changeRefused.body)) as { error: string; issues: unknown[] };
    expect(changeBody.error).toContain(
      `is one of the people of the pair ${s.adaPair.pairingId} (mentor, with Vera Senior) in matching run ${s.runId}, so cannot change its proposal`,
    );
    expect(changeBody.issues).toEqual([{ field: 'runId', message: 'holds a pair you are in' }]);
    expect((await s.run()).pairs.map((p) => p.pairingId).sort(), 'nothing changed').toEqual([s.adaPair.pairingId, benSam.pairingId].sort());
    // Refused as hers before the change is weighed: a change the review would refuse for itself (a
    // mentee named as the mentor, 404) tells her nothing about the proposal either.
    const weighed = await asSignedIn(
      'review',
      ada,
      'POST /programs/{programId}/matching/{runId}/forbid',
      { programId: s.programId, runId: s.runId },
      {
        mentorId: benSam.menteeId,
        menteeId: benSam.menteeId,
      },
    );
    expect(weighed.statusCode, String(weighed.body)).toBe(403);
    expect((JSON.parse(String(weighed.body)) as { issues: unknown[] }).issues).toEqual([{ field: 'runId', message: 'holds a pair you are in' }]);

    // Ada answers APPROVE to Bob's copy (forwarded to her): nothing is approved.
    await h.reply(bobMail!, 'APPROVE', { from: ada });
    expect((await s.run()).approvedAt, 'her reply approves nothing').toBeUndefined();

    // Nor does the admin API signed in as her (her address in any letter case).
    const refused = await approveAs(s.programId, s.runId, ada.toUpperCase());
    expect(refused.statusCode, String(refused.body)).toBe(403);
    const body = JSON.parse(String(refused.body)) as { error: string; issues: { field: string; message: string }[] };
    expect(body.error).toContain(
      `is one of the people of the pair ${s.adaPair.pairingId} (mentor, with Vera Senior) in matching run ${s.runId}, so cannot approve it`,
    );
    expect(body.error).toContain(`It can be approved by ${bob}, the program's admin in no proposed pair`);
    expect(body.issues).toEqual([{ field: 'runId', message: 'holds a pair you are in' }]);
    const after = await s.run();
    expect(after.status).toBe('proposed');
    expect(after.approvedAt).toBeUndefined();
    expect(await s.introduced(), 'nobody introduced').toBe(false);

    // Bob's APPROVE approves the run as before.
    await h.reply(bobMail!, 'APPROVE');
    await h.until(s.introduced, 'PT1H', INTRODUCED_WITHIN);
    const approved = await s.run();
    expect(approved.approvedBy).toBe(bob);
    expect(
      (await h.emailsTo(ada)).filter((e) => CONFLICT.test(e.subject)),
      'told once',
    ).toHaveLength(1);
  });

  it('the program’s only admin is told that nobody else can approve it by email and which route still works: HR approves through the admin API', async () => {
    const s = await proposed((ada) => [ada]);
    const { h, ada } = s;
    const told = (await h.emailsTo(ada)).filter((e) => CONFLICT.test(e.subject));
    expect(told).toHaveLength(1);
    expect(flat(told[0]!.text)).toContain(
      `Test cohort has no other admin who is in no proposed pair, so nobody has been asked to approve it by email. It can still be approved through the admin API, by someone of HR who is in no proposed pair: POST /programs/${s.programId}/matching/${s.runId}/approve.`,
    );
    const refused = await approveAs(s.programId, s.runId, ada);
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(String(refused.body)).error).toContain('It can be approved only with POST');

    // HR, signed in and in no proposed pair (the local cloud's admin), approves it.
    const approved = await call<Run>('POST', `${s.base}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await h.idle();
    await h.until(s.introduced, 'PT1H', INTRODUCED_WITHIN);
    expect((await s.run()).approvedBy).toBe('admin@localhost');
  });

  it('an admin a review change puts in a pair after she was asked: her APPROVE (by link or reply) or REJECT decides nothing and asks her nothing again; she is told which pair is hers and who approves', async () => {
    const h = lifecycleHarness();
    const ada = `ada-${h.admin}`;
    const bob = `bob-${h.admin}`;
    const programId = await h.program({ admins: [ada, bob] });
    const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
    const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
    // Ada offers what neither mentee wants: the run leaves her unmatched, so she is asked to approve it.
    const A = await enrol({ role: 'mentor', name: 'Ada Admin', email: ada, topicsOffered: ['sustainability'], topicsWanted: ['strategy'], department: 'Data' });
    await enrol({ role: 'mentor', name: 'Ben Mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'], department: 'Marketing' });
    await enrol({ role: 'mentor', name: 'Cleo Mentor', topicsOffered: ['social-media'], topicsWanted: ['strategy'], department: 'Finance' });
    const V = await enrol({ role: 'mentee', name: 'Vera Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Legal' });
    await enrol({ role: 'mentee', name: 'Sam Senior', topicsOffered: ['strategy'], topicsWanted: ['social-media'], department: 'Sales' });
    const started = await call('POST', `/programs/${programId}/matching`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const base = `/programs/${programId}/matching/${started.body.runId as string}`;
    await h.idle();
    const proposal = (await call<Run>('GET', base)).body;
    expect(proposal.status).toBe('proposed');
    expect(
      proposal.pairs.some((p) => p.mentorId === A.participantId),
      'Ada is in no proposed pair',
    ).toBe(false);
    const request = (await h.emailsTo(ada)).find((e) => REQUEST.test(e.subject));
    expect(request, 'Ada is asked to approve').toBeDefined();

    // Ada cannot pair herself in review: the change names her.
    const self = await asSignedIn(
      'review',
      ada,
      'POST /programs/{programId}/matching/{runId}/force',
      { programId, runId: started.body.runId as string },
      { mentorId: A.participantId, menteeId: V.participantId },
    );
    expect(self.statusCode, String(self.body)).toBe(403);
    expect(JSON.parse(String(self.body)).issues).toEqual([{ field: 'runId', message: 'names you' }]);

    // HR keeps Ada with Vera in match review: Ada is now in a proposed pair.
    const forced = await call<Run>('POST', `${base}/force`, { mentorId: A.participantId, menteeId: V.participantId });
    expect(forced.status, JSON.stringify(forced.body)).toBe(200);

    // Her email's link says before the button that pressing it approves nothing; pressed, it approves nothing.
    const link = /https?:\/\/\S+?\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(request!.text)?.[0];
    expect(link, request!.text).toBeDefined();
    const opened = flat(await (await fetch(link!)).text());
    expect(opened).toContain('you have become one of the people of a proposed pair');
    expect(opened).toContain('Pressing the button approves nothing');
    const pressed = await fetch(link!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(pressed.status).toBe(403);
    expect(await pressed.text()).toContain('Nothing was approved: you are in a proposed pair');
    await h.idle();
    const conflicts = async () => (await h.emailsTo(ada)).filter((e) => CONFLICT.test(e.subject));
    expect(await conflicts(), 'told at once, in answer to the press (no time passes: not the reminder)').toHaveLength(1);

    const told = (await conflicts())[0]!;
    expect(flat(told.text)).toContain('one of them is your own: you as mentor with Vera Senior (mentee).');
    expect(flat(told.text)).toContain(`${bob}, the program's admin in no proposed pair, has been asked to approve it`);
    expect(
      told.replyTo.some((a) => a.startsWith('reply+')),
      'nothing to answer it by',
    ).toBe(false);

    // Her APPROVE and then her REJECT by reply decide nothing either, and tell her nothing twice.
    for (const word of ['APPROVE', 'REJECT']) {
      expect(await h.reply(request!, word), word).toMatchObject({ result: { outcomes: [{ outcome: 'not-yours' }] } });
      await h.idle();
    }
    expect(await conflicts(), 'told once for this proposal').toHaveLength(1);
    expect(
      (await h.emailsTo(ada)).filter((e) => /approve matching/i.test(e.subject)).map((e) => e.subject),
      'the changed proposal, with her own pair in it, is not sent to her to approve',
    ).toEqual([request!.subject]);
    const after = (await call<Run>('GET', base)).body;
    expect(after.status, 'her REJECT decides nothing').toBe('proposed');
    expect(after.approvedAt, 'her APPROVE approves nothing').toBeUndefined();
  });
});
