import { ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { csvFile, csvRow } from '../fixtures/intake/csv-rows';
import { intakeInput } from '../fixtures/intake/participants';
import { clearFaults, faultsInjected, injectFaults, quotaReport, resetQuotas, setQuotas } from './faults';
import { lifecycleHarness } from './harness';

/**
 * CSV imports as jobs on the local cloud (the real ImportParticipants state machine), the
 * confirmation's outbox under SES failures, and the one paced sender against SES's send rate.
 */

const cloud = inject('cloud');
const base = cloud.baseUrl;

interface Job {
  importId: string;
  status: 'enrolling' | 'confirming' | 'completed' | 'failed';
  total: number;
  done: number;
  pending: number;
  enrolled: number;
  alreadyEnrolled: number;
  refused: number;
  confirmations: { sent: number; pending: number };
  message: string;
  rows: { line: number; status: string; participantId?: string; issues?: { column: string; message: string }[] }[];
}

async function postImport(csv: string, programId: string) {
  const res = await fetch(`${base}/participants/import?programId=${programId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  return { status: res.status, location: res.headers.get('location'), body: (await res.json()) as Record<string, any> };
}

const readJob = async (location: string) => (await (await fetch(`${base}${location}`)).json()) as Job;

/** Waits (bounded by the test's timeout, never measured) until the job is in one of `statuses`. */
async function jobIn(location: string, statuses: Job['status'][]): Promise<Job> {
  for (;;) {
    const job = await readJob(location);
    if (statuses.includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const emailsTo = async (addresses: Set<string>) =>
  ((await (await fetch(`${base}/local/emails`)).json()) as { to: string[]; sentAt: string; subject: string }[]).filter((e) =>
    e.to.some((t) => addresses.has(t)),
  );

/** The keys of every S3 object (any bucket) under imports/<importId>: the stored file while the job runs. */
async function importFiles(importId: string): Promise<string[]> {
  const health = (await (await fetch(`${base}/health`)).json()) as { endpoints: { s3: string } };
  const s3 = new S3Client({
    endpoint: health.endpoints.s3,
    region: cloud.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    forcePathStyle: true,
  });
  try {
    const keys: string[] = [];
    for (const bucket of (await s3.send(new ListBucketsCommand({}))).Buckets ?? []) {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket.Name!, Prefix: `imports/${importId}` }));
      keys.push(...(page.Contents ?? []).map((o) => `${bucket.Name}/${o.Key}`));
    }
    return keys;
  } finally {
    s3.destroy();
  }
}

afterEach(async () => {
  await clearFaults(base);
  await resetQuotas(base);
});

describe('POST /participants/import as a job', () => {
  it('answers 202 at once, enrols a few hundred rows with per-row results, and confirms each new participant once at or under the send rate', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const n = 200;
    const email = (i: number) => `imp-${h.tag}-${i}@example.com`;
    const rows = Array.from({ length: n }, (_, i) => csvRow(10_000 + i, { email: email(i), employeeId: `IMP${h.tag}${i}` }));
    // Refused rows: an unknown time zone, a row of two cells, a second address for an employee id.
    rows[10] = csvRow(20_010, { email: email(10), employeeId: `IMP${h.tag}10`, timeZone: 'Mars/Olympus' });
    rows[20] = `Ada,${email(20)}`;
    rows[30] = csvRow(20_030, { email: `other-${h.tag}@example.com`, employeeId: `IMP${h.tag}29` });
    await resetQuotas(base);
    const limit = (await quotaReport(base)).settings.sesMaxSendRate;

    const posted = await postImport(csvFile(rows), programId);
    expect(posted.status).toBe(202);
    expect(posted.location).toBe(`/participants/import/${posted.body.importId}`);
    expect(posted.body).toMatchObject({ status: 'enrolling', total: n, location: posted.location });
    expect(posted.body.message).toMatch(/no participant is stored yet/);
    const early = await readJob(posted.location!);
    expect(early.total).toBe(n);
    expect(early.done + early.pending).toBe(n);
    // Stored before the answer: the job's steps read it from S3.
    if (early.status === 'enrolling') expect(await importFiles(posted.body.importId)).toHaveLength(1);

    const rowsDone = await jobIn(posted.location!, ['confirming', 'completed', 'failed']);
    expect(rowsDone).toMatchObject({ total: n, done: n, pending: 0, enrolled: n - 3, alreadyEnrolled: 0, refused: 3 });
    expect(rowsDone.rows).toHaveLength(n);
    expect(rowsDone.rows.filter((r) => r.status === 'refused')).toEqual([
      { line: 12, status: 'refused', issues: [{ column: 'timeZone', message: expect.stringContaining('IANA time zone') }] },
      { line: 22, status: 'refused', issues: [{ column: '(row)', message: expect.stringContaining('has 2 cells') }] },
      { line: 32, status: 'refused', issues: [{ column: 'employeeId', message: expect.stringContaining('under another email') }] },
    ]);
    expect(rowsDone.message).toMatch(`${n - 3} participants enrolled, 0 rows already enrolled (left unchanged), 3 rows refused and not stored`);

    const done = await jobIn(posted.location!, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(done.confirmations).toEqual({ sent: n - 3, pending: 0 });
    // The file, a row per person, is deleted with the job's end: an erasure later finds none of them in it.
    expect(await importFiles(posted.body.importId)).toEqual([]);
    // Every new participant got exactly one confirmation; the refused rows none.
    const addresses = new Set(Array.from({ length: n }, (_, i) => email(i)));
    const mail = await emailsTo(addresses);
    const perAddress = new Map<string, number>();
    for (const m of mail) for (const to of m.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect(mail).toHaveLength(n - 3);
    expect([...perAddress.values()].every((count) => count === 1)).toBe(true);
    expect(perAddress.has(email(10)) || perAddress.has(email(20))).toBe(false);
    // The sender kept to SES's rate. The sender's slots are 72 ms apart (14 in any 1,000 ms), but
    // the mailbox stamps the whole second it received each message: on a busy machine one send
    // slowed on its way (more than 8 ms) lands in the next second beside that second's own 14.
    // So: no second holds more than one send over the quota, the sends span at least as many
    // seconds as the quota needs for them, and SES's own bucket throttled none (below).
    const perSecond = new Map<string, number>();
    for (const m of mail) perSecond.set(m.sentAt, (perSecond.get(m.sentAt) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(limit + 1);
    const seconds = mail.map((m) => Date.parse(m.sentAt) / 1000);
    expect(Math.max(...seconds) - Math.min(...seconds) + 1).toBeGreaterThanOrEqual(Math.ceil((n - 3) / limit));
    expect(perSecond.size).toBeGreaterThanOrEqual(Math.ceil((n - 3) / limit));
    const quotas = await quotaReport(base);
    expect(quotas.ses.throttled).toBe(0);

    // The same file again: nothing new is stored or sent.
    const again = await postImport(csvFile(rows), programId);
    const repeat = await jobIn(again.location!, ['completed', 'failed']);
    // Nothing sent by this import (QA cli2: it counted the first import's confirmations as its own).
    expect(repeat).toMatchObject({ status: 'completed', enrolled: 0, alreadyEnrolled: n - 3, refused: 3, confirmations: { sent: 0, pending: 0 } });
    expect(repeat.message).toContain('0 confirmations sent (none a second time to those already enrolled)');
    expect(repeat.rows.filter((r) => r.participantId).map((r) => r.participantId)).toEqual(
      rowsDone.rows.filter((r) => r.participantId).map((r) => r.participantId),
    );
    expect(await emailsTo(addresses)).toHaveLength(n - 3);
  });

  it('a person named twice in one file is enrolled once, confirmed once, and counted once', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const email = (i: number) => `twice-${h.tag}-${i}@example.com`;
    const twice = csvRow(30_000, { email: email(0), employeeId: `TW${h.tag}0` });
    const posted = await postImport(csvFile([twice, csvRow(30_001, { email: email(1), employeeId: `TW${h.tag}1` }), twice]), programId);
    expect(posted.status).toBe(202);
    const done = await jobIn(posted.location!, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', enrolled: 2, alreadyEnrolled: 1, refused: 0, confirmations: { sent: 2, pending: 0 } });
    expect(done.message).toContain('2 confirmations sent (none a second time to those already enrolled)');
    expect(await emailsTo(new Set([email(0), email(1)]))).toHaveLength(2);
  });

  it('retries a confirmation SES failed to send later, and sends it once', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const email = (i: number) => `retry-${h.tag}-${i}@example.com`;
    const unlucky = email(1);
    // Every attempt of the first try fails (the SDK's 3 attempts included).
    await injectFaults(base, [{ service: 'ses', kind: 'fail', count: 3, recipient: unlucky }]);
    const posted = await postImport(csvFile([0, 1, 2].map((i) => csvRow(30_000 + i, { email: email(i), employeeId: `RT${h.tag}${i}` }))), programId);
    expect(posted.status).toBe(202);
    const rowsDone = await jobIn(posted.location!, ['confirming', 'completed', 'failed']);
    expect(rowsDone).toMatchObject({ done: 3, enrolled: 3 });
    // The chunk's step failed after storing what it sent: 2 sent, 1 pending until the retry.
    await h.idle();
    expect(await faultsInjected(base)).toBe(3);
    const waiting = await readJob(posted.location!);
    expect(waiting).toMatchObject({ status: 'confirming', confirmations: { sent: 2, pending: 1 } });
    expect(await emailsTo(new Set([unlucky]))).toHaveLength(0);

    // Step Functions retries the step a simulated minute later: the pending one goes, the others are not sent again.
    await h.advance('PT2M');
    const done = await jobIn(posted.location!, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', confirmations: { sent: 3, pending: 0 } });
    for (const i of [0, 1, 2]) expect(await emailsTo(new Set([email(i)]))).toHaveLength(1);
  });
});

describe('confirmations an import left pending', () => {
  it('are reported as they stand now: once the sweep has sent them, the finished job says sent, not "pending when the import ended" (QA imports)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const email = (i: number) => `left-${h.tag}-${i}@example.com`;
    const unlucky = email(1);
    // Every try of the import's step fails for one person (SES down for them through every retry).
    await injectFaults(base, [{ service: 'ses', kind: 'fail', count: 100, recipient: unlucky }]);
    const posted = await postImport(csvFile([0, 1, 2].map((i) => csvRow(31_000 + i, { email: email(i), employeeId: `LP${h.tag}${i}` }))), programId);
    expect(posted.status).toBe(202);
    await h.until(async () => (await readJob(posted.location!)).status === 'completed', 'PT5M', 12);
    expect(await readJob(posted.location!)).toMatchObject({ status: 'completed', confirmations: { sent: 2, pending: 1 } });
    await clearFaults(base);
    await h.advance('PT11M');
    const schedules = (await (await fetch(`${base}/local/schedules`)).json()) as { name: string }[];
    const rule = schedules.find((r) => r.name.startsWith('ConfirmationSweepSchedule'))!;
    expect((await fetch(`${base}/local/schedules/${rule.name}`, { method: 'POST' })).status).toBe(200);
    expect(await emailsTo(new Set([unlucky]))).toHaveLength(1);
    expect(await readJob(posted.location!)).toMatchObject({ status: 'completed', confirmations: { sent: 3, pending: 0 } });
  });
});

describe('an import Step Functions cannot start', () => {
  it('answers 503 saying nothing was stored, and the job says which rows were not tried', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    // One StartExecution in the bucket, refilled once in ~3 hours: the second import is throttled on every attempt.
    await setQuotas(base, { startExecutionBurst: 1, startExecutionRefillPerSecond: 0.0001 });
    const file = (i: number) => csvFile([csvRow(40_000 + i, { email: `start-${h.tag}-${i}@example.com`, employeeId: `ST${h.tag}${i}` })]);
    expect((await postImport(file(0), programId)).status).toBe(202);
    const refused = await postImport(file(1), programId);
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/could not be started, so no participant was stored: send the same file again/);
    const job = await readJob(`/participants/import/${refused.body.importId}`);
    expect(job).toMatchObject({ status: 'failed', total: 1, done: 0, pending: 1, enrolled: 0 });
    expect(job.message).toMatch(/1 row was not tried and nothing of it was stored/);
    // No step will read the refused file: it is not kept.
    expect(await importFiles(refused.body.importId)).toEqual([]);
    expect(await emailsTo(new Set([`start-${h.tag}-1@example.com`]))).toHaveLength(0);
    await h.idle();
  });
});

describe('an import whose job record cannot be written (QA imports)', () => {
  afterEach(async () => {
    await clearFaults(base);
  });

  it('answers 503 saying nothing was stored, and keeps no copy of the file (an erasure never looks in import files)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const address = `jobless-${h.tag}@example.com`;
    // DynamoDB throttles the job's write past the SDK's retries.
    await injectFaults(base, [{ service: 'dynamodb', kind: 'throttle', count: 10, operation: 'PutItem', keyPrefix: 'IMPORT#' }]);
    const refused = await postImport(csvFile([csvRow(41_000, { email: address, employeeId: `JL${h.tag}` })]), programId);
    await clearFaults(base);
    expect(refused.status, JSON.stringify(refused.body)).toBe(503);
    expect(refused.body.message).toMatch(/no participant was stored: send the same file again/);
    expect(await importFiles(refused.body.importId)).toEqual([]);
    await h.idle();
    expect(await emailsTo(new Set([address]))).toHaveLength(0);
  });

  it('goes on when the write happened but its answer was lost: 202, and the row is enrolled once', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const address = `lost-answer-${h.tag}@example.com`;
    await injectFaults(base, [{ service: 'dynamodb', kind: 'responseLost', count: 1, operation: 'PutItem', keyPrefix: 'IMPORT#' }]);
    const accepted = await postImport(csvFile([csvRow(41_001, { email: address, employeeId: `LA${h.tag}` })]), programId);
    await clearFaults(base);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const job = await jobIn(accepted.location!, ['completed', 'failed']);
    expect(job).toMatchObject({ status: 'completed', total: 1, enrolled: 1 });
    await h.idle();
    expect(await emailsTo(new Set([address]))).toHaveLength(1);
  });
});

describe('POST /participants: the confirmation is never lost and never sent twice', () => {
  it('answers 503 "stored, confirmation pending" when SES fails after the participant is stored; the same request again sends it once', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const address = `lost-${h.tag}@example.com`;
    const body = JSON.stringify(intakeInput({ programId, email: address, employeeId: `LOST${h.tag}` }));
    const post = async () => {
      const res = await fetch(`${base}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    await injectFaults(base, [{ service: 'ses', kind: 'fail', count: 3, recipient: address }]);
    const first = await post();
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ participantId: expect.stringMatching(/^pt_/), stored: true, confirmation: 'pending' });
    expect(first.body.message).toMatch(
      /is enrolled, but the confirmation email could not be sent yet: it is tried again automatically within 30 minutes .*or send the same request again to send it now/,
    );
    expect((await fetch(`${base}/participants/${first.body.participantId}`)).status).toBe(200);
    expect(await emailsTo(new Set([address]))).toHaveLength(0);

    const retry = await post();
    expect(retry.status).toBe(200);
    expect(retry.body.participantId).toBe(first.body.participantId);
    const third = await post();
    expect(third.status).toBe(200);
    const mail = await emailsTo(new Set([address]));
    expect(mail.map((m) => m.subject)).toEqual([expect.stringMatching(/^You are enrolled/)]);
  });
});

describe('the intake form when the confirmation email cannot be sent yet', () => {
  it("says the person is enrolled and the email follows, as a page without JavaScript and as the script's answer with it", async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const form = (email: string) =>
      new URLSearchParams({
        programId,
        name: 'Grace Pending',
        email,
        role: 'mentee',
        department: 'Operations',
        location: 'London',
        timeZone: 'Europe/London',
        'availability-0-day': 'tue',
        'availability-0-start': '10:00',
        'availability-0-end': '11:00',
        goals: 'Learn AI tools',
        'consent-dataProcessing': 'yes',
        'consent-shareProgressWithManager': 'no',
        topicsWanted: 'ai-tools',
        languages: 'en',
      }).toString();
    const page = `nojs-${h.tag}@example.com`;
    const script = `script-${h.tag}@example.com`;
    await injectFaults(base, [
      { service: 'ses', kind: 'fail', count: 3, recipient: page },
      { service: 'ses', kind: 'fail', count: 3, recipient: script },
    ]);
    const post = (email: string, accept: string) =>
      fetch(`${base}/participants`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept }, body: form(email) });
    const html = await post(page, 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(html.status).toBe(202);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await html.text();
    expect(text).toContain('<h1>Grace Pending is enrolled</h1>');
    expect(text).toContain(`The confirmation email to ${page} could not be sent yet: it is sent automatically within 30 minutes`);
    const json = await post(script, 'application/json');
    expect(json.status).toBe(202);
    expect(await json.json()).toMatchObject({
      participantId: expect.stringMatching(/^pt_/),
      created: true,
      stored: true,
      confirmationEmail: 'pending',
      confirmation: { heading: 'Grace Pending is enrolled', paragraphs: expect.arrayContaining([expect.stringContaining('could not be sent yet')]) },
    });
    await clearFaults(base);
  });
});

describe('pending confirmations are swept', () => {
  const sweep = async () => {
    const schedules = (await (await fetch(`${base}/local/schedules`)).json()) as { name: string; expression: string }[];
    const rule = schedules.find((s) => s.name.startsWith('ConfirmationSweepSchedule'));
    expect(rule?.expression).toBe('rate(15 minutes)');
    const fired = await fetch(`${base}/local/schedules/${rule!.name}`, { method: 'POST' });
    expect(fired.status).toBe(200);
  };

  it('sends a confirmation no one asked for again within the 30 minutes the answer promised, once, and nothing to an erased person', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const address = `swept-${h.tag}@example.com`;
    const gone = `gone-${h.tag}@example.com`;
    const enrolOne = async (email: string, employeeId: string) => {
      const res = await fetch(`${base}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(intakeInput({ programId, email, employeeId })),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    await injectFaults(base, [
      { service: 'ses', kind: 'fail', count: 3, recipient: address },
      { service: 'ses', kind: 'fail', count: 3, recipient: gone },
    ]);
    const first = await enrolOne(address, `SWEPT${h.tag}`);
    expect(first.status).toBe(503);
    const erased = await enrolOne(gone, `GONE${h.tag}`);
    expect(erased.status).toBe(503);
    const failedAt = (await h.now()).getTime();
    await clearFaults(base);
    const erasure = await fetch(`${base}/participants/${erased.body.participantId}/erase`, { method: 'POST' });
    expect(erasure.status).toBeLessThan(300);

    // A sweep right after the failure leaves it alone: the request that failed may still be retried by its sender.
    await sweep();
    expect(await emailsTo(new Set([address]))).toHaveLength(0);

    // Within the 30 minutes the answer promised, a sweep sends it: once, however many sweeps run.
    await h.advance('PT11M');
    await sweep();
    await sweep();
    const sent = await emailsTo(new Set([address]));
    expect(sent.map((m) => m.subject)).toEqual([expect.stringMatching(/^You are enrolled/)]);
    expect(Date.parse(sent[0]!.sentAt) - failedAt).toBeLessThanOrEqual(30 * 60_000);
    // The erased person is sent nothing, now or later.
    await h.advance('PT30M');
    await sweep();
    expect(await emailsTo(new Set([gone]))).toHaveLength(0);

    // The same request again finds it sent: 200, and no second email.
    const again = await enrolOne(address, `SWEPT${h.tag}`);
    expect(again.status).toBe(200);
    expect(await emailsTo(new Set([address]))).toHaveLength(1);
  });
});
