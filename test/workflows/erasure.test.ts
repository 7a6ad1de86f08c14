import { createHash } from 'node:crypto';
import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import type { HttpResult } from '../../functions/shared/http';
import { run as eraseCommand } from '../../local/commands/erase';
import { csvFile, csvRow } from '../fixtures/intake/csv-rows';
import { call, httpApiEvent, lambdaContext, useCloudTable } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * POST /participants/{id}/erase and `crossgen erase` (docs/admin-api.md, Data rights), on the
 * local cloud: after an erasure, nothing we store holds the person's address or name.
 */

const cloud = inject('cloud');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
type ApiError = { error: string; issues: { field: string; message: string }[] };

/**
 * Every place the local cloud stores something, as text to search: each item of each DynamoDB
 * table, each object of each S3 bucket, the event log, and the input and history of every
 * execution. The mailbox is left out: it is SES's record of what was sent, which on AWS is not ours
 * to keep or erase (docs/local.md).
 */
async function everythingStored(): Promise<{ where: string; text: string }[]> {
  const health = (await (await fetch(`${cloud.baseUrl}/health`)).json()) as { endpoints: { s3: string } };
  const found: { where: string; text: string }[] = [];
  await fetch(`${cloud.baseUrl}/local/idle`, { method: 'POST' });

  const db = new DynamoDBClient({ endpoint: cloud.dynamoEndpoint, region: cloud.region, credentials });
  for (const table of (await db.send(new ListTablesCommand({}))).TableNames ?? []) {
    let start: Record<string, any> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        const plain = unmarshall(item);
        found.push({ where: `dynamodb ${table} ${plain.PK} ${plain.SK}`, text: JSON.stringify(plain, (_k, v) => (v instanceof Set ? [...v] : v)) });
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  db.destroy();

  const s3 = new S3Client({
    endpoint: health.endpoints.s3,
    region: cloud.region,
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  for (const bucket of (await s3.send(new ListBucketsCommand({}))).Buckets ?? []) {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket.Name!, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        try {
          const got = await s3.send(new GetObjectCommand({ Bucket: bucket.Name!, Key: object.Key! }));
          found.push({ where: `s3 ${bucket.Name}/${object.Key}`, text: await got.Body!.transformToString('utf8') });
        } catch (error) {
          // Deleted since it was listed (an import job of another test ending): not stored any more.
          const still = await s3.send(new ListObjectsV2Command({ Bucket: bucket.Name!, Prefix: object.Key! }));
          if (still.Contents?.some((o) => o.Key === object.Key)) throw error;
        }
      }
      token = page.NextContinuationToken;
    } while (token);
  }
  s3.destroy();

  found.push({ where: 'event log', text: await (await fetch(`${cloud.baseUrl}/local/events`)).text() });

  const h = lifecycleHarness();
  const executions = (await (await fetch(`${cloud.baseUrl}/local/executions`)).json()) as { executionArn: string }[];
  for (const { executionArn } of executions) {
    const described = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    found.push({ where: `execution ${executionArn} input and output`, text: `${described.input ?? ''}\n${described.output ?? ''}` });
    found.push({ where: `execution ${executionArn} history`, text: JSON.stringify(await h.history(executionArn)) });
  }
  return found;
}

/** Imports a one-row CSV file as HR would; the job has ended when the local cloud is idle again. */
async function imported(programId: string, row: string): Promise<{ participantId: string }> {
  const posted = await fetch(`${cloud.baseUrl}/participants/import?programId=${programId}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: csvFile([row]),
  });
  expect(posted.status).toBe(202);
  await fetch(`${cloud.baseUrl}/local/idle`, { method: 'POST' });
  const job = (await (await fetch(`${cloud.baseUrl}${posted.headers.get('location')}`)).json()) as { status: string; rows: { participantId?: string }[] };
  expect(job.status).toBe('completed');
  return { participantId: job.rows[0]!.participantId! };
}

/** Where each needle occurs, case-insensitively (an address may come back in another case). */
function occurrences(stored: { where: string; text: string }[], needles: string[]): string[] {
  return stored.flatMap(({ where, text }) => needles.filter((n) => text.toLowerCase().includes(n.toLowerCase())).map((n) => `"${n}" in ${where}`));
}

describe('data rights: erasure', () => {
  it('erases a person after a pairing with replies and notes: their partner is told and rematched, and no store holds their address or name', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, programId } = await h.pair();
    const mentorName = `Mia Mentor${h.tag}`;
    // The same person in a second program, under the same address, imported from a CSV file: erased
    // too, and the file that named them is not kept.
    const elsewhere = await h.program({});
    const second = await imported(elsewhere, csvRow(1, { email: mentor.email, name: mentorName, employeeId: `ER${h.tag}` }));

    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'Yes, happy to! Note: I am free on Tuesdays.');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'YES');
    const checkInMentor = await h.received(mentor.email, /^Check-in:/, 'PT6H');
    const checkInMentee = await h.received(mentee.email, /^Check-in:/, 'PT6H');
    await h.reply(checkInMentor, `Yes 4 - we worked on prompts; my own address is ${mentor.email}`);
    // Partners write first names (emails greet and name them so); "Miami" is not a name.
    await h.reply(checkInMentee, `Yes 5 - ${mentorName} showed me three AI tools; Mia is great, see you in Miami`);
    await h.until(async () => (await h.pairing(pairingId)).checkIns.length >= 1, 'PT6H');
    const before = await h.pairing(pairingId);
    expect(JSON.stringify(before.checkIns)).toContain(mentorName);
    // A private concern of theirs, and someone in another program whose manager they are.
    await h.reply(await h.lastEmailTo(mentor.email, /^Check-in:/), 'CONCERN: my health makes evening sessions hard, please keep this private');
    const concern = ((await call('GET', `/programs/${programId}/concerns`)).body.concerns as { concernId: string; text?: string }[])[0]!;
    expect(concern.text).toContain('my health');
    const reportsToThem = await h.enrol({
      programId: elsewhere,
      role: 'mentee',
      manager: { email: mentor.email, name: mentorName },
      consent: { dataProcessing: true, shareProgressWithManager: true },
    });
    // HR renames them afterwards: what was written before still names them by the old name.
    const renamed = `Mia Renamed${h.tag}`;
    await h.putEvent('ParticipantUpdated', { participantId: mentor.participantId, name: renamed });
    expect(occurrences(await everythingStored(), [mentor.email, mentorName, renamed]).length).toBeGreaterThan(0);
    const mailsToThem = (await h.emailsTo(mentor.email)).length;

    const erased = await call('POST', `/participants/${mentor.participantId}/erase`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toMatchObject({ participantId: mentor.participantId, status: 'erased', erasureId: expect.stringMatching(/^er_[0-9a-f]{24}$/) });
    // Markers: the address in each program, and the employee id the imported row carries.
    expect(erased.body.counts).toMatchObject({ enrolments: 2, pairingsEnded: 1, markersDeleted: 3, replyTokensDeleted: expect.any(Number) });
    expect(erased.body.counts.rawMessagesDeleted).toBeGreaterThanOrEqual(3);

    // Their pairing ends as a departure would: the partner is told kindly (without the name) and rematched.
    const told = await h.received(mentee.email, /has left the program/, 'PT1H');
    expect(told.subject).toBe('Your partner has left the program');
    await h.idle();
    const after = await h.pairing(pairingId);
    expect(after.pairing).toMatchObject({ status: 'ended', statusReason: 'participant-withdrew' });
    expect(await h.events(pairingId)).toContain('RematchRequested');
    // Anonymous aggregates stay: the check-in still counts, with both ratings, without the erased person's note.
    expect(after.checkIns).toHaveLength(before.checkIns.length);
    expect(after.checkIns[0]).toMatchObject({ met: true, mentor: { rating: 4 }, mentee: { rating: 5 } });
    expect(after.checkIns[0].mentor.note).toBeUndefined();
    expect(after.checkIns[0].mentee.note).toBe('[removed] showed me three AI tools; [removed] is great, see you in Miami');
    // Their concern keeps no word of theirs and is closed; nobody manages anyone through their address.
    const closed = (await call('GET', `/concerns/${concern.concernId}`)).body;
    expect(closed).toMatchObject({ state: 'resolved', erased: true });
    expect(closed.text).toBeUndefined();
    const elsewherePeople = (await (await fetch(`${cloud.baseUrl}/local/participants?programId=${elsewhere}`)).json()) as Record<string, any>[];
    expect(elsewherePeople.find((p) => p.participantId === reportsToThem.participantId)!.manager).toBeUndefined();
    expect(erased.body.counts).toMatchObject({ concernsScrubbed: 1, managerReferencesCleared: 1 });

    // Time passes: nothing is sent to them again, nothing re-creates their data.
    await h.advance('P14D');
    await h.idle();
    expect(await h.emailsTo(mentor.email)).toHaveLength(mailsToThem);
    // The HR system's own ParticipantUpdated carried the new name onto the bus: its archive keeps the
    // event as sent until it expires (docs/security.md); nothing of ours holds it.
    const leaks = occurrences(
      (await everythingStored()).map((s) => (s.where === 'event log' ? { ...s, text: s.text.replaceAll(`"name":"${renamed}"`, '') } : s)),
      [mentor.email, mentorName, renamed],
    );
    expect(leaks).toEqual([]);

    // Only the tombstone remains: role and status for the report, nothing that says who.
    const participants = (await (await fetch(`${cloud.baseUrl}/local/participants?programId=${programId}`)).json()) as Record<string, any>[];
    const tombstone = participants.find((p) => p.participantId === mentor.participantId)!;
    expect(tombstone).toMatchObject({ role: 'mentor', status: 'withdrawn', name: '', email: '', erasure: { erasureId: erased.body.erasureId } });
    expect(tombstone.erasure.pending).toBeUndefined();
    const report = (await (await fetch(`${cloud.baseUrl}/programs/${programId}/report`)).json()) as Record<string, any>;
    expect(report.participants).toMatchObject({ total: 2, mentors: 1, mentees: 1 });
    expect(report.engagement.checkInsHeld).toBe(1);

    // Asking again changes nothing and answers with the same erasure, through the CLI too.
    const again = await call('POST', `/participants/${second.participantId}/erase`);
    expect(again.body).toMatchObject({ status: 'already-erased', erasureId: erased.body.erasureId, counts: erased.body.counts });
    const out: string[] = [];
    expect(await eraseCommand([mentor.participantId, '--url', cloud.baseUrl], { stdout: (s) => out.push(s), stderr: (s) => out.push(s) })).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ status: 'already-erased', erasureId: erased.body.erasureId });

    // The audit entry holds an id, times and counts: no participant id, name or address.
    const audit = (await everythingStored()).filter((s) => s.where.includes(`ERASURE#${erased.body.erasureId}`));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.text).not.toContain(mentor.participantId);
    expect(audit[0]!.text).not.toContain('@');
  });

  it('erases and exports only the person, not a colleague under another employee id who shares the mailbox (QA multiprog3)', async () => {
    const h = lifecycleHarness();
    const shared = `team${h.tag}@example.com`;
    const alpha = await h.program({});
    const beta = await h.program({});
    const zoe = await h.enrol({ programId: alpha, role: 'mentor', name: 'Zoe Shared', email: shared, employeeId: `E-ZOE${h.tag}` });
    const yan = await h.enrol({ programId: beta, role: 'mentee', name: 'Yan Shared', email: shared, employeeId: `E-YAN${h.tag}` });
    const exported = await call('GET', `/participants/${zoe.participantId}/export`);
    expect(exported.status).toBe(200);
    expect(JSON.stringify(exported.body)).not.toContain(yan.participantId);
    expect(JSON.stringify(exported.body)).not.toContain('Yan Shared');
    const erased = await call('POST', `/participants/${zoe.participantId}/erase`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.counts).toMatchObject({ enrolments: 1 });
    const stillYan = (await call('GET', `/participants/${yan.participantId}`)).body;
    expect(stillYan).toMatchObject({ name: 'Yan Shared', email: shared, status: 'enrolled' });
  });

  it('leaves the manager reference to an address HR replaced once someone else holds it (QA verify22)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const old = `recycled${h.tag}@example.com`;
    const ximena = await h.enrol({ programId, role: 'mentee', name: 'Ximena Moved', email: old });
    await h.putEvent('ParticipantUpdated', { participantId: ximena.participantId, email: `x.moved${h.tag}@example.com` });
    // The old address goes to a colleague, Quentin; Rita reports to him there.
    const elsewhere = await h.program({});
    await h.enrol({ programId: elsewhere, role: 'mentor', name: 'Quentin Next', email: old });
    const rita = await h.enrol({ programId: elsewhere, role: 'mentee', name: 'Rita Report', manager: { email: old, name: 'Quentin Next' } });
    const erased = await call('POST', `/participants/${ximena.participantId}/erase`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.counts).toMatchObject({ managerReferencesCleared: 0 });
    expect((await call('GET', `/participants/${rita.participantId}`)).body.manager).toMatchObject({ email: old });
  });

  it('finds an address HR replaced: the mail sent from it and a manager reference to it are gone too (QA privacy3)', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee } = await h.pair();
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'YES\nGOALS:\n1. Share the heron method');
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'YES');
    const oldAddress = mentee.email;
    const elsewhere = await h.program({});
    const reportsToThem = await h.enrol({
      programId: elsewhere,
      role: 'mentee',
      manager: { email: oldAddress, name: 'Ximena Heron' },
      consent: { dataProcessing: true, shareProgressWithManager: true },
    });
    const newAddress = `x.new${h.tag}@example.com`;
    await h.putEvent('ParticipantUpdated', { participantId: mentee.participantId, email: newAddress });
    const moved = (await call('GET', `/participants/${mentee.participantId}`)).body;
    expect(moved).toMatchObject({ email: newAddress, formerEmails: [oldAddress] });
    expect(occurrences(await everythingStored(), ['heron method']).some((o) => o.includes(' in s3 '))).toBe(true);

    const erased = await call('POST', `/participants/${mentee.participantId}/erase`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.counts).toMatchObject({ managerReferencesCleared: 1 });
    const elsewherePeople = (await (await fetch(`${cloud.baseUrl}/local/participants?programId=${elsewhere}`)).json()) as Record<string, any>[];
    expect(elsewherePeople.find((p) => p.participantId === reportsToThem.participantId)!.manager).toBeUndefined();
    // The raw reply from the old address is deleted with the rest; no store holds either address.
    const leaks = occurrences(
      (await everythingStored()).map((s) => (s.where === 'event log' ? { ...s, text: s.text.replaceAll(`"email":"${newAddress}"`, '') } : s)),
      [oldAddress, newAddress, 'heron method'],
    );
    expect(leaks).toEqual([]);
  });

  it('removes a name however the partner wrote it: decomposed, in Chinese without spaces, in Arabic after a joined preposition (QA)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const cases = [
      // Enrolled decomposed (as macOS may send it): stored composed; the partner's note holds both forms.
      {
        name: 'José Núñez'.normalize('NFD'),
        note: `${'José'.normalize('NFD')} showed me AI notes. Thanks José Núñez`,
        left: '[removed] showed me AI notes. Thanks [removed]',
      },
      { name: '王芳', note: '我和王芳一起讨论了AI工具。王芳很有耐心', left: '我和[removed]一起讨论了AI工具。[removed]很有耐心' },
      { name: 'محمد بن سلمان', note: 'تحدثت مع محمد عن الذكاء الاصطناعي وشكرا لمحمد', left: 'تحدثت مع [removed] عن الذكاء الاصطناعي وشكرا ل[removed]' },
    ];
    const pairs = [];
    for (const c of cases) {
      const mentor = await h.enrol({ programId, role: 'mentor', name: c.name, topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
      pairs.push({ ...c, ...(await h.pair({ programId, mentor })) });
    }
    const stored = (await (await fetch(`${cloud.baseUrl}/local/participants?programId=${programId}`)).json()) as { name: string }[];
    expect(stored.map((p) => p.name)).toContain('José Núñez');
    for (const p of pairs) {
      await h.reply(await h.lastEmailTo(p.mentor.email, /^Meet /), 'YES');
      await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'YES');
    }
    for (const p of pairs) await h.reply(await h.received(p.mentee.email, /^Check-in:/, 'PT6H'), `Yes 4 - ${p.note}`);
    for (const p of pairs) {
      await h.until(async () => (await h.pairing(p.pairingId)).checkIns.length >= 1, 'PT6H');
      const erased = await call('POST', `/participants/${p.mentor.participantId}/erase`);
      expect(erased.body.status).toBe('erased');
      expect((await h.pairing(p.pairingId)).checkIns[0].mentee.note).toBe(p.left);
      const partnerExport = (await call('GET', `/participants/${p.mentee.participantId}/export`)).body;
      expect(JSON.stringify(partnerExport).normalize('NFC')).not.toContain(p.name.normalize('NFC').split(' ')[0]);
    }
  });

  it('deletes their end-of-program KEEP/CHANGE answers and the words of their goals: gone from the report, the export and every store (QA)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { durationMonths: 1 } });
    const { mentor, mentee, pairingId, executionArn } = await h.pair({ programId });
    const [keep, goal] = [`the check-ins, said zebra${h.tag}`, `Run one meeting async ${h.tag}`];
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'YES');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), `YES\nGOALS:\n1. ${goal}`);
    const answer = (email: { to: string[]; subject: string; text: string }) => {
      if (/^Check-in/.test(email.subject)) return 'YES 4';
      if (!email.text.includes('The program itself')) return /review/i.test(email.subject) ? 'PROGRESS 4, RECOMMEND 9' : undefined;
      const theirs = email.to.includes(mentee.email);
      return ['PROGRESS 4, RECOMMEND 9', 'Goal 1: 4', `KEEP: ${theirs ? keep : 'the walks'}`, 'CHANGE: more topics'].join('\n');
    };
    for (let day = 0; day < 60 && (await h.execution(executionArn)).status === 'RUNNING'; day++) {
      await h.answerAll([mentor.email, mentee.email], answer);
      await h.advance('P1D');
    }
    const report = async () => (await call('GET', `/programs/${programId}/report`)).body as { programFeedback: { people: number } };
    // /local/pairings/{id} lists the FEEDBACK# and SKILLS# records too.
    type Records = { feedback: { participantId: string }[]; skills: { participantId: string; goals?: unknown[] }[] };
    const records = async () => (await h.pairing(pairingId)) as unknown as Records;
    expect((await records()).feedback).toHaveLength(2);
    expect((await report()).programFeedback.people).toBe(2);
    expect(occurrences(await everythingStored(), [keep, goal]).length).toBeGreaterThan(0);
    // Held, but not in an admin's download: the review promised admins read it only grouped (QA finale).
    const adminExport = (await call('GET', `/participants/${mentee.participantId}/export`)).body as { withheld?: string[] };
    expect(JSON.stringify(adminExport)).not.toContain(keep);
    expect(adminExport.withheld?.[0]).toMatch(/^Program feedback/);

    const erased = await call('POST', `/participants/${mentee.participantId}/erase`);
    expect(erased.body.status).toBe('erased');
    const after = await records();
    expect(after.feedback.map((f) => f.participantId)).toEqual([mentor.participantId]);
    expect((await report()).programFeedback.people).toBe(1);
    // Their self-ratings still count, by number: the goal's progress stays without its words.
    const theirSkills = after.skills.filter((s) => s.participantId === mentee.participantId);
    expect(theirSkills.flatMap((s) => s.goals ?? [])).toContainEqual({ progress: 4 });
    expect(JSON.stringify((await call('GET', `/participants/${mentee.participantId}/export`)).body)).not.toContain(keep);
    expect(occurrences(await everythingStored(), [keep, goal])).toEqual([]);
    // Twice is safe: nothing left to change, the same answer.
    expect((await call('POST', `/participants/${mentee.participantId}/erase`)).body).toMatchObject({ status: 'already-erased', counts: erased.body.counts });
  });

  it('cancels the goals email held for the partner’s morning: the partner never gets their goals, and no outbox item keeps them (QA)', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    const goals = [`Understand zeppelin budgeting ${h.tag}`, `Lead a marmalade workshop ${h.tag}`];
    // A weekday evening (20:00 UTC): the goals confirmation waits for each reader's morning.
    const now = await h.now();
    const evening = new Date(now);
    evening.setUTCHours(20, 0, 0, 0);
    while (evening <= now || [0, 6].includes(evening.getUTCDay())) evening.setUTCDate(evening.getUTCDate() + 1);
    await fetch(`${cloud.baseUrl}/local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: evening.toISOString() }),
    });
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), `YES\nGOALS:\n1. ${goals[0]}\n2. ${goals[1]}`);
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'YES\nGOALS:\n1. Build prompts for quarterly planning');
    const held = (await h.pairing(pairingId)).outbox.find((o) => o.key === 'email:goals-confirmed:acceptance:mentee');
    expect(held?.status).toBe('pending');
    expect(occurrences(await everythingStored(), goals).some((o) => o.includes('OUTBOX#email:goals-confirmed:acceptance:mentee'))).toBe(true);
    const mailsBefore = (await h.emailsTo(mentee.email)).length;

    const erased = await call('POST', `/participants/${mentor.participantId}/erase`);
    expect(erased.body.status).toBe('erased');
    await h.received(mentee.email, /has left the program/, 'PT1H');
    // Well past the partner's morning, when the held email was due.
    await h.advance('P2D');
    await h.idle();

    const after = (await h.emailsTo(mentee.email)).slice(mailsBefore);
    expect(after.map((e) => e.subject)).toContain('Your partner has left the program');
    for (const email of after) expect(`${email.subject}\n${email.text}\n${email.html}`, email.subject).not.toMatch(/zeppelin|marmalade|Your goals with/);
    const outbox = (await h.pairing(pairingId)).outbox.filter((o) => o.key.startsWith('email:goals-confirmed:'));
    expect(outbox.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    expect(occurrences(await everythingStored(), goals)).toEqual([]);
  });

  it('takes the digest of an erased address out of every concern case and export: the partner’s from the raiser’s case, the raiser’s from their own (QA safe7)', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, programId } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'CONCERN: my partner keeps cancelling, please keep this private');
    await h.idle();
    // What anyone who knows the address computes (echo -n address | sha256sum).
    const digestOf = (address: string) => createHash('sha256').update(address.toLowerCase()).digest('hex');
    const [mo, zoe] = [digestOf(mentor.email), digestOf(mentee.email)];
    const concern = ((await call('GET', `/programs/${programId}/concerns`)).body.concerns as { concernId: string }[])[0]!;
    // The case is kept from both of the pair, as raised.
    const inCase = (found: string[]) => found.filter((f) => f.includes(`CONCERN#${concern.concernId} #CONCERN`));
    expect(inCase(occurrences(await everythingStored(), [mo, zoe]))).toHaveLength(2);
    const exportOf = async (id: string) => JSON.stringify((await call('GET', `/participants/${id}/export`)).body);
    expect(await exportOf(mentor.participantId)).toContain(concern.concernId);
    expect(await exportOf(mentor.participantId)).not.toContain(zoe);

    const erasedZoe = await call('POST', `/participants/${mentee.participantId}/erase`);
    expect(erasedZoe.body).toMatchObject({ status: 'erased', counts: { concernsScrubbed: 1 } });
    await h.idle();
    for (const id of [mentor.participantId, mentee.participantId]) expect(await exportOf(id)).not.toContain(zoe);
    // Mo's case still keeps his own digest (he is not erased) and no longer Zoe's.
    const stored = await everythingStored();
    expect(occurrences(stored, [zoe])).toEqual([]);
    expect(inCase(occurrences(stored, [mo]))).toHaveLength(1);

    // Then Mo is erased: his own case keeps no digest (neither of them is an admin), nor does his tombstone's export show one.
    const erasedMo = await call('POST', `/participants/${mentor.participantId}/erase`);
    expect(erasedMo.body).toMatchObject({ status: 'erased', counts: { concernsScrubbed: 1 } });
    const tombstoneExport = await exportOf(mentor.participantId);
    expect(tombstoneExport).toContain(concern.concernId);
    expect(tombstoneExport).not.toContain(mo);
    expect(occurrences(await everythingStored(), [mo, zoe])).toEqual([]);
    expect((await call('GET', `/concerns/${concern.concernId}`)).body).toMatchObject({ state: 'resolved', erased: true });
  });

  it('answers 404 for an unknown participant and 400 for a malformed id; the CLI says what went wrong', async () => {
    const unknown = await call<ApiError>('POST', `/participants/pt_${'c'.repeat(20)}/erase`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.issues).toEqual([{ field: 'id', message: 'is not a known participant' }]);
    const malformed = await call<ApiError>('POST', '/participants/has%20space/erase');
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues).toEqual([{ field: 'id', message: 'is not a valid id' }]);
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (s: string) => err.push(s) };
    expect(await eraseCommand(['--url', cloud.baseUrl], io)).toBe(2);
    expect(await eraseCommand([`pt_${'d'.repeat(20)}`, '--url', cloud.baseUrl], io)).toBe(1);
    expect(err.join('')).toMatch(/refused \(404\): There is no participant/);
  });

  it('refuses a signed-in person outside the hr group, and erases for one in it (handler as API Gateway calls it)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { participantId } = await h.enrol({ programId, role: 'mentor' });
    useCloudTable();
    const { handler } = await import('../../functions/erasure-api');
    const context = lambdaContext('ErasureApi');
    const path = `/participants/${participantId}/erase`;
    const event = (groups: string) =>
      httpApiEvent({ method: 'POST', path, routeKey: 'POST /participants/{id}/erase', pathParameters: { id: participantId }, groups });
    const refused = (await handler(event('[managers]'), context)) as HttpResult;
    expect(refused.statusCode).toBe(403);
    const stillThere = (await (await fetch(`${cloud.baseUrl}/local/participants?programId=${programId}`)).json()) as { name: string }[];
    expect(stillThere[0]!.name).not.toBe('');
    const allowed = (await handler(event('[hr]'), context)) as HttpResult;
    expect(allowed.statusCode).toBe(200);
    expect(JSON.parse(String(allowed.body))).toMatchObject({ participantId, status: 'erased', counts: { enrolments: 1, pairingsEnded: 0 } });
  });
});
