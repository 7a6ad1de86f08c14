import { DescribeExecutionCommand, GetExecutionHistoryCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { lifecycleHarness, type Harness } from './harness';

type Person = { participantId: string; email: string };

const cloud = inject('cloud');
const ddb = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: cloud.dynamoEndpoint, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
);
let busName = '';

beforeAll(async () => {
  // The bus is named by CloudFormation: read it from the app, as the local cloud does.
  const [{ synthesizeApp, TemplateResolver }, { rulesFromTemplate }] = await Promise.all([import('../../local/synth'), import('../../local/eventbridge/bus')]);
  const app = await synthesizeApp({ region: cloud.region });
  const resolver = new TemplateResolver(app);
  const rules = Object.values(app.templates).flatMap((t) => rulesFromTemplate(t, (i) => String(resolver.resolve(i))));
  busName = rules.find((r) => JSON.stringify(r.pattern).includes('"MatchingRequested"'))!.eventBusName;
});

async function putEvent(h: Harness, detailType: string, detail: unknown, source = 'crossgen.admin'): Promise<void> {
  const res = await fetch(cloud.baseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
    body: JSON.stringify({ Entries: [{ EventBusName: busName, Source: source, DetailType: detailType, Detail: JSON.stringify(detail) }] }),
  });
  const out = (await res.json()) as { FailedEntryCount?: number };
  expect(res.ok && !out.FailedEntryCount, JSON.stringify(out)).toBe(true);
  await h.idle();
}

const get = async <T>(path: string): Promise<T> => (await fetch(`${cloud.baseUrl}${path}`)).json() as Promise<T>;

/** The answer link (`/r/<token>`) an email carries. */
function answerLinkIn(email: { text: string }): string {
  const link = /https?:\/\/\S+?\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(email.text)?.[0];
  expect(link, email.text).toBeDefined();
  return link!;
}

/** Presses the confirm button of an answer page, as the browser sends it. */
const pressConfirm = (link: string) => fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });

/**
 * Two mentors (one place each) and three mentees: A suits X (AI tools), B suits Y (social media),
 * and Z wants what nobody offers at a time nobody is free, so Z is the one left waiting.
 */
async function cohort(h: Harness, programId: string) {
  const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
  const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
  const A = await enrol({ role: 'mentor', name: 'Ana Mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'], goals: 'Coach a leader on AI tools' });
  const B = await enrol({
    role: 'mentor',
    name: 'Ben Mentor',
    topicsOffered: ['social-media'],
    topicsWanted: ['strategy'],
    goals: 'Show a leader short video and social media',
    department: 'Marketing',
  });
  const X = await enrol({
    role: 'mentee',
    name: 'Xena Senior',
    topicsOffered: ['strategy'],
    topicsWanted: ['ai-tools'],
    goals: 'Learn AI tools for my team',
    department: 'Operations',
  });
  const Y = await enrol({
    role: 'mentee',
    name: 'Yuri Senior',
    topicsOffered: ['strategy'],
    topicsWanted: ['social-media'],
    goals: 'Understand social media and short video',
    department: 'Sales',
  });
  const Z = await enrol({
    role: 'mentee',
    name: 'Zoe Senior',
    topicsWanted: ['sustainability'],
    goals: 'Purpose driven procurement',
    availability: [{ day: 'sat', start: '14:00', end: '15:00' }],
    department: 'Legal',
  });
  return { A, B, X, Y, Z };
}

function helpers(h: Harness, programId: string) {
  const pairings = () => get<{ pairingId: string; mentorId: string; menteeId: string; status: string }[]>(`/local/pairings?programId=${programId}`);
  const participants = () => get<{ participantId: string; status: string }[]>(`/local/participants?programId=${programId}`);
  const statusOf = async (p: Person) => (await participants()).find((x) => x.participantId === p.participantId)?.status;
  const executions = () => get<{ executionArn: string; status: string }[]>('/local/executions');
  const executionsNamed = async (name: string) => (await executions()).filter((e) => e.executionArn.endsWith(`:${name}`));
  /** This program's CohortMatching runs, oldest first. */
  const runs = async () => {
    const mine: { executionArn: string; status: string; input: Record<string, unknown> }[] = [];
    for (const e of await executions()) {
      if (!/:execution:CohortMatching/.test(e.executionArn)) continue;
      const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
      const input = JSON.parse(d.input ?? '{}') as Record<string, unknown>;
      if (input.programId === programId) mine.push({ ...e, status: d.status!, input });
    }
    return mine;
  };
  const events = async (type: string) =>
    (await get<{ event: { 'detail-type': string; detail: Record<string, unknown> } }[]>('/local/events'))
      .filter((e) => e.event['detail-type'] === type && e.event.detail.programId === programId)
      .map((e) => e.event.detail);
  const waitlist = async () =>
    ((
      await ddb.send(
        new QueryCommand({
          TableName: cloud.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :w)',
          ExpressionAttributeValues: { ':pk': `PROGRAM#${programId}`, ':w': 'WAITLIST#' },
        }),
      )
    ).Items ?? []) as { participantId: string; code: string; reason: string }[];
  const approvals = () =>
    h.emailsTo(h.admin).then((all) => all.filter((e) => /^Approve matching for Test cohort/.test(e.subject) && e.text.includes(programId)));
  const intros = (p: Person) => h.emailsTo(p.email).then((all) => all.filter((e) => /reverse-mentoring partner/.test(e.subject)));
  const pairOf = async (mentor: Person, mentee: Person) =>
    (await pairings()).find((p) => p.mentorId === mentor.participantId && p.menteeId === mentee.participantId);
  return { pairings, statusOf, executionsNamed, runs, events, waitlist, approvals, intros, pairOf };
}

/** A program with two admins, its cohort, and the approval request each admin got. */
async function askedTwoAdmins() {
  const h = lifecycleHarness();
  const second = `second-${h.admin}`;
  const programId = await h.program({ admins: [h.admin, second] });
  const { A, X } = await cohort(h, programId);
  const c = helpers(h, programId);
  await putEvent(h, 'MatchingRequested', { programId });
  const [first] = await c.approvals();
  const [other] = (await h.emailsTo(second)).filter((e) => /^Approve matching for Test cohort/.test(e.subject));
  return { h, second, A, X, c, first, other };
}

/**
 * A run proposes Ana with Xena; `change` happens (HR, a departure) before the admin's APPROVE; the
 * run then finishes, and Ana and Xena are not paired.
 */
async function changedBeforeApproval(change: (h: Harness, people: Awaited<ReturnType<typeof cohort>>) => Promise<void>) {
  const h = lifecycleHarness();
  const programId = await h.program({});
  const people = await cohort(h, programId);
  const { A, X } = people;
  const c = helpers(h, programId);
  await putEvent(h, 'MatchingRequested', { programId, requestedBy: h.admin });
  const [approval] = await c.approvals();
  expect(approval?.text.replace(/\s+/g, ' ')).toContain('Ana Mentor (mentor) with Xena Senior (mentee)');
  await change(h, people);
  await h.reply(approval!, 'APPROVE');
  await h.until(async () => (await c.runs())[0]?.status !== 'RUNNING', 'PT1H');
  expect(await c.pairOf(A, X)).toBeUndefined();
  return { h, programId, c, A, X };
}

describe('CohortMatching on the local cloud', () => {
  it('proposes, waits for APPROVE by reply, starts one lifecycle per pair and waitlists the unmatched with the reason', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { A, B, X, Y, Z } = await cohort(h, programId);
    const c = helpers(h, programId);

    await putEvent(h, 'MatchingRequested', { programId, requestedBy: h.admin });
    const [approval] = await c.approvals();
    expect(approval, 'the admin is asked to approve').toBeDefined();
    expect(approval!.subject).toMatch(/2 pairs proposed/);
    // The admin reads the proposal itself: each pair by name with its reasons, and who waits and why.
    const proposal = approval!.text.replace(/\s+/g, ' ');
    expect(proposal).toContain('Ana Mentor (mentor) with Xena Senior (mentee)');
    expect(proposal).toContain('Ana Mentor can help Xena Senior with AI tools');
    expect(proposal).toContain('Zoe Senior (mentee)');
    expect(proposal).toContain(`GET /programs/${programId}/matching/`);
    for (const p of [A, X, Z]) expect(proposal, 'people are named, not numbered').not.toContain(p.participantId);
    expect(await c.pairings(), 'nothing starts before the approval').toEqual([]);
    expect((await c.runs())[0]!.status).toBe('RUNNING');

    // A proposal is approved whole: an approval with a change is asked again and starts nothing.
    await h.reply(approval!, 'Approved except Ana and Xena');
    const again = (await h.received(h.admin, /^Could you say that again/, 'PT1M')).text.replace(/\s+/g, ' ');
    expect(again).toContain('approved or rejected as a whole');
    expect(await c.pairings(), 'nothing starts on a partial approval').toEqual([]);
    expect((await c.runs())[0]!.status).toBe('RUNNING');

    await h.reply(approval!, 'APPROVE');
    const pairings = await c.pairings();
    expect(pairings.map((p) => [p.mentorId, p.menteeId]).sort()).toEqual(
      [
        [A.participantId, X.participantId],
        [B.participantId, Y.participantId],
      ].sort(),
    );
    for (const p of pairings) {
      const [execution] = await c.executionsNamed(p.pairingId);
      expect(execution?.status, `PairingLifecycle named ${p.pairingId}`).toBe('RUNNING');
    }
    // Introductions go out in each reader's working morning.
    await h.until(async () => (await c.intros(X)).length > 0, 'PT1H');
    expect((await c.intros(X)).length).toBe(1);
    expect(await c.intros(Z)).toEqual([]);
    // Each introduction explains the match in its reader's own words.
    await h.until(async () => (await c.intros(A)).length > 0, 'PT1H');
    expect((await c.intros(X))[0]!.text.replace(/\s+/g, ' ')).toContain('Ana can help with AI tools, which you ranked first');
    const toMentor = (await c.intros(A))[0]!.text.replace(/\s+/g, ' ');
    expect(toMentor).toContain('You can help Xena with AI tools, which Xena ranked first');
    expect(toMentor).not.toContain('which you ranked');
    expect((await c.runs())[0]!.status).toBe('SUCCEEDED');
    expect((await c.events('PairingMatched')).length).toBe(2);

    expect(await c.statusOf(Z)).toBe('waitlisted');
    expect(await c.statusOf(X)).toBe('paired');
    const [entry, ...others] = await c.waitlist();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ participantId: Z.participantId, code: 'capacity' });
    expect(entry!.reason).toMatch(/fully booked/);
    expect(await c.events('ParticipantWaitlisted')).toEqual([{ programId, participantId: Z.participantId, code: 'capacity' }]);
  });

  it("never pairs a junior with their manager's manager when the manager in between is enrolled only in another program (QA matching3)", async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const other = await h.program({});
    const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
    const wendy = `wendy${h.tag}@example.com`;
    const gina = `gina${h.tag}@example.com`;
    // Gina takes part only in the other program; her record there names Wendy as her manager.
    await h.enrol({ programId: other, role: 'mentor', name: 'Gina Between', email: gina, manager: { email: wendy }, availability: weekday });
    const finn = await h.enrol({
      programId,
      role: 'mentor',
      name: 'Finn Junior',
      manager: { email: gina },
      topicsOffered: ['ai-tools'],
      availability: weekday,
    });
    const W = await h.enrol({ programId, role: 'mentee', name: 'Wendy Senior', email: wendy, topicsWanted: ['ai-tools'], availability: weekday });
    const c = helpers(h, programId);
    await putEvent(h, 'MatchingRequested', { programId, requestedBy: h.admin });
    await h.until(async () => (await c.runs())[0]?.status !== 'RUNNING' || (await c.approvals()).length > 0, 'PT1H');
    // Finn and Wendy are the only possible pair, and they are in one reporting line: nobody is proposed.
    expect(await c.pairOf(finn, W)).toBeUndefined();
    expect((await c.approvals()).map((a) => a.text.replace(/\s+/g, ' ')).join(' ')).not.toContain('Finn Junior (mentor) with Wendy Senior (mentee)');
    await h.until(async () => (await c.waitlist()).length === 2, 'PT1H');
    expect((await c.waitlist()).map((w) => w.code).sort()).toEqual(['no-eligible-partner', 'no-eligible-partner']);
  });

  it('waitlists, with a word, the person whose proposed partner left before the approval, instead of dropping them', async () => {
    const { h, programId, c, A, X } = await changedBeforeApproval((h, { X }) => h.putEvent('ParticipantLeft', { participantId: X.participantId }));
    // The run says which proposed pair did not start, and why.
    const run = await get<{ pairs: { mentorId: string; menteeId: string; notStarted?: string }[] }>(
      `/programs/${programId}/matching/${(await c.runs())[0]!.executionArn.split(':').at(-1)}`,
    );
    expect(run.pairs.find((p) => p.menteeId === X.participantId)?.notStarted).toBe('the mentee is no longer in the program');
    expect(await c.statusOf(A)).toBe('waitlisted');
    const entry = (await c.waitlist()).find((w) => w.participantId === A.participantId);
    expect(entry?.reason).toMatch(/proposed pair could not start \(the mentee is no longer in the program\)/);
    const told = await h.received(A.email, /waitlist/i);
    // Its footer has the private concern form, as every participant email (QA).
    expect(told.text).toMatch(/\/c\/[A-Za-z0-9_.-]+/);
  });

  it('matches again, rather than waitlisting as unfit, the people whose approved pairs lost a partner to a run approved first', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const c = helpers(h, programId);
    const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
    const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, goals: 'Grow together', ...o });
    const M1 = await enrol({
      role: 'mentor',
      name: 'Mina One',
      topicsOffered: ['sustainability'],
      topicsWanted: ['strategy'],
      interests: ['golf', 'chess', 'tennis'],
    });
    const E1 = await enrol({ role: 'mentee', name: 'Ed One', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], interests: ['jazz', 'climbing'] });
    // Run 1 proposes M1-E1; before it is approved, M2 and E2 join and run 2 proposes M2-E1 and M1-E2.
    await putEvent(h, 'MatchingRequested', { programId, requestedBy: h.admin });
    const M2 = await enrol({ role: 'mentor', name: 'Max Two', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'], interests: ['jazz', 'climbing'] });
    const E2 = await enrol({
      role: 'mentee',
      name: 'Eva Two',
      topicsOffered: ['strategy'],
      topicsWanted: ['sustainability'],
      interests: ['golf', 'chess', 'tennis'],
    });
    await putEvent(h, 'MatchingRequested', { programId, requestedBy: h.admin });
    const approvals = await c.approvals();
    expect(approvals.length).toBe(2);
    expect(approvals[1]!.text.replace(/\s+/g, ' ')).toContain('Max Two (mentor) with Ed One (mentee)');
    await h.reply(approvals[0]!, 'APPROVE');
    await h.reply(approvals[1]!, 'APPROVE');
    await h.until(async () => (await c.runs()).every((r) => r.status !== 'RUNNING'), 'PT1H');

    // Run 2's pairs cannot start (E1 and M1's one place were taken by run 1): M2 and E2, free and
    // allowed together, are paired now instead of being waitlisted and told nobody fits them.
    const run2 = await get<{ pairs: { mentorId: string; menteeId: string; notStarted?: string; reasons: string[] }[] }>(
      `/programs/${programId}/matching/${(await c.runs())[1]!.executionArn.split(':').at(-1)}`,
    );
    expect(run2.pairs.filter((p) => p.notStarted).length).toBe(2);
    const added = run2.pairs.find((p) => p.mentorId === M2.participantId && p.menteeId === E2.participantId);
    expect(added?.reasons.join(' ')).toMatch(/Proposed after the approval/);
    expect(await c.pairOf(M1, E1)).toBeDefined();
    expect(await c.pairOf(M2, E2)).toBeDefined();
    for (const p of [M1, E1, M2, E2]) expect(await c.statusOf(p)).toBe('paired');
    expect(await c.waitlist()).toEqual([]);
    // Introductions go out on each person's next working morning: a weekend may come first.
    for (const p of [M2, E2]) {
      await h.until(async () => (await c.intros(p)).length > 0, 'PT6H', 24);
      expect((await h.emailsTo(p.email)).filter((e) => /waitlist/i.test(e.subject))).toEqual([]);
      expect((await c.intros(p)).length).toBe(1);
    }
  });

  it('does not start a proposed pair that HR put in one reporting line before the approval', async () => {
    // Ana now reports to Xena.
    const { h, programId, c, A, X } = await changedBeforeApproval((h, { A, X }) =>
      h.putEvent('ParticipantUpdated', { participantId: A.participantId, manager: { email: X.email } }),
    );
    const run = await get<{ pairs: { mentorId: string; menteeId: string; notStarted?: string }[] }>(
      `/programs/${programId}/matching/${(await c.runs())[0]!.executionArn.split(':').at(-1)}`,
    );
    expect(run.pairs.find((p) => p.menteeId === X.participantId)?.notStarted).toBe('the mentor and mentee are now in one reporting line');
    // The other pair starts; neither of the two is introduced to the other.
    expect((await c.pairings()).length).toBe(1);
    await h.advance('P3D');
    expect((await h.emailsTo(A.email)).filter((e) => /^Meet /.test(e.subject))).toEqual([]);
    expect((await h.emailsTo(X.email)).filter((e) => /^Meet /.test(e.subject))).toEqual([]);
    expect(await c.statusOf(A)).toBe('waitlisted');
    expect(await c.statusOf(X)).toBe('waitlisted');
  });

  it('a removed admin decides nothing, by reply or by link, while the current admins still can', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { A, X } = await cohort(h, programId);
    const c = helpers(h, programId);
    await putEvent(h, 'MatchingRequested', { programId, requestedBy: h.admin });
    const [approval] = await c.approvals();
    expect(approval).toBeDefined();
    // HR replaces the program's admin while the question is out.
    const current = (await get<{ version: number }>(`/programs/${programId}`)).version;
    const patched = await fetch(`${cloud.baseUrl}/programs/${programId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': `"${current}"` },
      body: JSON.stringify({ admins: [`new-${h.admin}`] }),
    });
    expect(patched.status).toBe(200);
    expect(JSON.stringify(await h.reply(approval!, 'APPROVE'))).toContain('not-an-admin');
    const told = await h.received(h.admin, /^Your answer was not recorded: you are no longer an admin of/);
    expect(told.text.replace(/\s+/g, ' ')).toContain("The program's current admins decide now.");
    const link = answerLinkIn(approval!);
    // Opening the link already says so: no confirm form to press.
    const opened = await fetch(link);
    expect(opened.status).toBe(403);
    const openedPage = await opened.text();
    expect(openedPage).toContain('You are no longer an admin of this program');
    expect(openedPage).not.toContain('<form');
    const clicked = await pressConfirm(link);
    expect(clicked.status).toBe(403);
    expect(await clicked.text()).toContain('You are no longer an admin of this program');
    await h.advance('PT1H');
    expect(await c.pairOf(A, X)).toBeUndefined();
    expect((await c.runs())[0]?.status).toBe('RUNNING');
    // When the reminder is due, the new admin gets the request itself, not a "Reminder" of one never sent.
    const toNew = () => h.emailsTo(`new-${h.admin}`).then((all) => all.filter((e) => /Approve matching for/.test(e.subject)));
    // The reminder goes on the 3rd working day after the ask (docs/cohort-matching.md, Working days of the approval).
    await h.until(async () => (await toNew()).length > 0, 'PT6H', 28);
    expect((await toNew()).map((e) => e.subject)).toEqual([expect.stringMatching(/^Approve matching for/)]);
    // A current admin approves through the API: the pairs start.
    const runId = (await c.runs())[0]!.executionArn.split(':').at(-1);
    const approved = await fetch(`${cloud.baseUrl}/programs/${programId}/matching/${runId}/approve`, { method: 'POST' });
    expect(approved.status).toBe(200);
    await h.until(async () => (await c.pairOf(A, X)) !== undefined, 'PT1H');
  });

  it('asks every admin of the program; the first APPROVE starts the pairs and a second changes nothing', async () => {
    const { h, A, X, c, first, other } = await askedTwoAdmins();
    expect(first, 'the first admin is asked').toBeDefined();
    expect(other, 'the second admin is asked too').toBeDefined();
    expect(other!.text.replace(/\s+/g, ' ')).toContain('Ana Mentor (mentor) with Xena Senior (mentee)');

    await h.reply(other!, 'APPROVE');
    await h.until(async () => (await c.pairOf(A, X)) !== undefined, 'PT1H');
    const before = (await c.pairings()).length;
    await h.reply(first!, 'APPROVE');
    expect((await c.pairings()).length).toBe(before);
    expect((await c.runs())[0]!.status).not.toBe('FAILED');
  });

  it('tells an admin who replies after another admin approved that it was already answered, and that the pairs are starting (QA)', async () => {
    const { h, second, A, X, c, first, other } = await askedTwoAdmins();
    await h.reply(first!, 'APPROVE');
    await h.until(async () => (await c.pairOf(A, X)) !== undefined, 'PT1H');
    await h.reply(other!, 'REJECT');
    const told = await h.received(second, /^That question has already been answered$/);
    expect(told.text.replace(/\s+/g, ' ')).toContain('by another admin of the program: the proposal was approved, and its pairs are starting.');
    expect(told.text).not.toMatch(/closed on/);
    expect(await c.pairOf(A, X)).toBeDefined();
  });

  it('never starts a pairing twice when the same proposal is requested, approved and started again', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { X, Y } = await cohort(h, programId);
    const c = helpers(h, programId);

    await putEvent(h, 'MatchingRequested', { programId });
    await putEvent(h, 'MatchingRequested', { programId });
    const approvals = await c.approvals();
    expect(approvals.length).toBe(2);
    await h.reply(approvals[0]!, 'APPROVE');
    const pairings = await c.pairings();
    expect(pairings.length).toBe(2);

    // One lifecycle has ended meanwhile (stopped by an operator): its name can never be used again,
    // and the second start must take "already exists" as done rather than fail or start another.
    const [stopped] = await c.executionsNamed(pairings[0]!.pairingId);
    await h.sfn.send(new StopExecutionCommand({ executionArn: stopped!.executionArn }));
    await h.reply(approvals[1]!, 'APPROVE');

    const runs = await c.runs();
    expect(runs.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: runs[1]!.executionArn, maxResults: 1000 }));
    const entered = (events ?? []).map((e) => e.stateEnteredEventDetails?.name);
    expect(entered.filter((n) => n === 'Already started').length).toBe(1);
    expect((await c.pairings()).length).toBe(2);
    for (const p of pairings) expect((await c.executionsNamed(p.pairingId)).length).toBe(1);
    expect((await c.events('PairingMatched')).length).toBe(2);
    // Introductions go out in each reader's working morning: the stopped pairing never sends its own.
    const running = [X, Y].find((p) => p.participantId === pairings[1]!.menteeId || p.participantId === pairings[1]!.mentorId)!;
    await h.until(async () => (await c.intros(running)).length > 0, 'PT1H');
    await h.advance('P2D');
    for (const p of [X, Y]) expect((await c.intros(p)).length).toBe(p === running ? 1 : 0);

    // Once everyone who can be paired is, a new request has nothing to propose: no approval, no start.
    await putEvent(h, 'MatchingRequested', { programId });
    const third = (await c.runs())[2]!;
    expect(third.status).toBe('SUCCEEDED');
    expect((await c.approvals()).length).toBe(2);
    expect((await c.pairings()).length).toBe(2);
  });

  it('rematches the willing person of a pair that did not start with the waiting people, leaving running pairs alone', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { A, B, X, Y, Z } = await cohort(h, programId);
    const c = helpers(h, programId);
    await putEvent(h, 'MatchingRequested', { programId });
    await h.reply((await c.approvals())[0]!, 'APPROVE');
    const ax = (await c.pairOf(A, X))!;
    const by = (await c.pairOf(B, Y))!;
    await h.until(async () => (await Promise.all([A, B, X, Y].map((p) => c.intros(p)))).every((i) => i.length > 0), 'PT1H');

    // B and Y accept; A accepts but X declines, so A-X does not start and asks for a rematch.
    for (const [person, answer] of [
      [B, 'YES'],
      [Y, 'YES'],
      [A, 'YES'],
      [X, 'NO, sorry, I am away for two months'],
    ] as const) {
      await h.reply((await c.intros(person))[0]!, answer);
    }
    // Acted on at the pairing's next step; on a busy machine that may come a simulated minute on.
    await h.until(async () => (await h.pairing(ax.pairingId)).pairing.status !== 'introduced', 'PT1M', 30);
    expect((await h.pairing(ax.pairingId)).pairing.status).toBe('not-started');
    expect((await c.events('RematchRequested')).length).toBe(1);

    const az = await c.pairOf(A, Z);
    expect(az, 'A is free again and Z was waiting: a new pair').toBeDefined();
    expect((await c.executionsNamed(az!.pairingId))[0]?.status).toBe('RUNNING');
    await h.until(async () => (await c.intros(Z)).length > 0, 'PT1H');
    expect((await c.intros(Z)).length).toBe(1);
    expect(await c.pairOf(A, X), 'the pairing that did not start stays the only A-X pairing').toMatchObject({ pairingId: ax.pairingId });
    expect((await h.pairing(by.pairingId)).pairing.status).toBe('active');
    expect((await c.pairings()).length).toBe(3);

    expect(await c.statusOf(Z)).toBe('paired');
    // X declined: a decline is final for that pairing, so X is back in the pool for a later
    // matching run, neither waitlisted nor offered to someone else by this rematch.
    expect(await c.statusOf(X)).toBe('enrolled');
    expect((await c.waitlist()).map((w) => w.participantId)).not.toContain(X.participantId);
    expect((await c.events('RematchRequested'))[0]).toMatchObject({ participantIds: [A.participantId], reason: 'not-started-declined' });
    expect((await c.approvals()).length, 'a rematch needs no second approval').toBe(1);
    const rematchRun = (await c.runs()).find((r) => r.input.previousPairingId === ax.pairingId);
    expect(rematchRun?.status).toBe('SUCCEEDED');
  });

  it("refuses a matching request that names no program, or a program that does not exist, with the reason as the run's failure", async () => {
    const h = lifecycleHarness();
    const runsWith = async (marker: string) => {
      const found: { arn: string; status: string }[] = [];
      for (const e of await get<{ executionArn: string }[]>('/local/executions')) {
        if (!/:execution:CohortMatching/.test(e.executionArn)) continue;
        const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
        if ((d.input ?? '').includes(marker)) found.push({ arn: e.executionArn, status: d.status! });
      }
      return found;
    };
    await putEvent(h, 'MatchingRequested', { program: 'pilot', requestedBy: `nameless-${h.tag}` });
    const [nameless] = await runsWith(`nameless-${h.tag}`);
    expect(nameless?.status).toBe('FAILED');
    expect(await h.failure(nameless!.arn)).toMatch(/A matching request must name its program: programId/);
    await putEvent(h, 'MatchingRequested', { programId: `no-such-${h.tag}`.toLowerCase(), requestedBy: `unknown-${h.tag}` });
    const [unknown] = await runsWith(`unknown-${h.tag}`);
    expect(unknown?.status).toBe('FAILED');
    expect(await h.failure(unknown!.arn)).toMatch(/does not exist: create it/);
  });

  it('reminds the admin once when the approval times out, then ends as not approved without starting anything', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { X } = await cohort(h, programId);
    const c = helpers(h, programId);
    await putEvent(h, 'MatchingRequested', { programId });
    expect((await c.approvals()).length).toBe(1);

    // 3 working days, then 4 more, in the program's time zone (docs/cohort-matching.md, Working days of the approval).
    const reminded = async () => (await h.emailsTo(h.admin)).filter((e) => /^Reminder: Approve matching/.test(e.subject) && e.text.includes(programId));
    await h.until(async () => (await reminded()).length > 0, 'PT6H', 28);
    await h.idle();
    expect((await reminded()).length).toBe(1);
    expect((await c.runs())[0]!.status).toBe('RUNNING');

    await h.until(async () => (await c.runs())[0]!.status !== 'RUNNING', 'PT6H', 40);
    await h.idle();
    expect((await reminded()).length).toBe(1);
    const [run] = await c.runs();
    expect(run!.status).toBe('SUCCEEDED');
    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: run!.executionArn, maxResults: 1000 }));
    const states = (events ?? []).map((e) => e.stateEnteredEventDetails?.name).filter(Boolean);
    expect(states.at(-1)).toBe('Not approved');
    expect(await c.pairings()).toEqual([]);
    expect(await c.statusOf(X), 'people stay enrolled for the next run').toBe('enrolled');
    expect(await c.waitlist()).toEqual([]);
  });

  it('takes an APPROVE to the first request after the reminder went out: the run still waits, and it starts (QA)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    await cohort(h, programId);
    const c = helpers(h, programId);
    await putEvent(h, 'MatchingRequested', { programId });
    const [first] = await c.approvals();
    // The reminder goes on the 3rd working day after the ask.
    await h.until(async () => (await h.emailsTo(h.admin)).some((e) => /^Reminder: Approve matching/.test(e.subject) && e.text.includes(programId)), 'PT6H', 28);
    await h.idle();
    expect((await h.emailsTo(h.admin)).some((e) => /^Reminder: Approve matching/.test(e.subject) && e.text.includes(programId))).toBe(true);
    const before = (await h.emailsTo(h.admin)).length;
    await h.reply(first!, 'APPROVE');
    await h.until(async () => (await c.pairings()).length > 0, 'PT1M', 10);
    expect((await h.emailsTo(h.admin)).slice(before).filter((e) => /closed|answered/.test(e.subject))).toEqual([]);
  });

  it("approves by the first request's link after the reminder went out, as its reply does; the reminder's link then says already answered (QA)", async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { A, X } = await cohort(h, programId);
    const c = helpers(h, programId);
    await putEvent(h, 'MatchingRequested', { programId });
    const [first] = await c.approvals();
    // The reminder goes on the 3rd working day after the ask.
    await h.until(async () => (await h.emailsTo(h.admin)).some((e) => /^Reminder: Approve matching/.test(e.subject) && e.text.includes(programId)), 'PT6H', 28);
    await h.idle();
    const reminder = (await h.emailsTo(h.admin)).find((e) => /^Reminder: Approve matching/.test(e.subject) && e.text.includes(programId));
    expect(reminder, 'the reminder went out').toBeDefined();
    const firstLink = answerLinkIn(first!);
    // The run still waits: the first email's link shows the question and its confirm button.
    const opened = await fetch(firstLink);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Confirm: Approve');
    const approved = await pressConfirm(firstLink);
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain('We recorded your answer');
    await h.idle();
    await h.until(async () => (await c.pairOf(A, X)) !== undefined, 'PT1M', 10);
    // Decided: the newest email's link, and the first one again, say so and record nothing more.
    for (const link of [answerLinkIn(reminder!), firstLink]) {
      const again = await fetch(link);
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('Already answered');
      expect((await pressConfirm(link)).status).toBe(409);
    }
    expect((await c.pairings()).length).toBe(2);
  });
});
