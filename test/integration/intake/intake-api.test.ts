import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getParticipant, markAddressSuppressed, updateParticipantStatus } from '../../../functions/adapters/participants';
import { putProgram } from '../../../functions/adapters/programs';
import { canonicalJson } from '../../../functions/domain/canonical-json';
import { participantIntakeSchema } from '../../../functions/domain/participant';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
import { CHUNK_ROWS } from '../../../functions/domain/import-job';
import { handler as importStep } from '../../../functions/import-participants';
import { handler } from '../../../functions/intake-api';
import { csvFile, csvRow, HEADER } from '../../fixtures/intake/csv-rows';
import { intakeInput } from '../../fixtures/intake/participants';
import { BAD_JSON } from './bad-inputs';
import { startIntakeCloud, type IntakeCloud } from './dynamo-local';
import { httpEvent, lambdaContext } from './lambda-events';

let cloud: IntakeCloud;
beforeAll(async () => {
  cloud = await startIntakeCloud();
  await putProgram(programSchema.parse(DEFAULT_PROGRAM_INPUT));
});
afterAll(async () => cloud?.stop());

interface Response {
  status: number;
  headers: Record<string, string>;
  body: any;
  text: string;
}

async function call(method: string, path: string, opts: Parameters<typeof httpEvent>[2] = {}): Promise<Response> {
  const result = (await handler(httpEvent(method, path, opts), lambdaContext())) as APIGatewayProxyStructuredResultV2;
  const text = result.body ?? '';
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return { status: result.statusCode ?? 200, headers, text, body: headers['content-type']?.startsWith('application/json') ? JSON.parse(text) : undefined };
}
const postJson = (body: unknown) => call('POST', '/participants', { body: JSON.stringify(body), contentType: 'application/json' });

/**
 * An import as a client sees it: POST (202 and the job's address, or the whole file refused), the
 * ImportParticipants steps in the state machine's order, then GET of the job, given here in the
 * CLI's report shape (lines and columns).
 */
/** The import steps run in ImportParticipants' function, whose timeout is 10 minutes (lib/constructs/import-participants.ts). */
const stepContext = () => ({ ...lambdaContext('ImportParticipants'), getRemainingTimeInMillis: () => 600_000 });

async function importCsv(csv: string | Buffer, programId = 'pilot', contentType = 'text/csv'): Promise<Response> {
  const posted = await call('POST', `/participants/import${programId ? `?programId=${programId}` : ''}`, { body: csv, contentType });
  if (posted.status !== 202) return posted;
  expect(posted.headers.location).toBe(`/participants/import/${posted.body.importId}`);
  const job = cloud.startedImports().find((s) => s.importId === posted.body.importId)!;
  expect(job).toEqual({ importId: posted.body.importId, programId, chunks: expect.any(Array) });
  for (const chunk of job.chunks) await importStep({ step: 'enrol', importId: job.importId, chunk }, stepContext());
  for (const chunk of job.chunks) await importStep({ step: 'confirm', importId: job.importId, chunk }, stepContext());
  await importStep({ step: 'finish', importId: job.importId }, stepContext());
  const read = await call('GET', posted.headers.location!);
  expect(read.body).toMatchObject({ status: 'completed', total: posted.body.total, done: posted.body.total, pending: 0 });
  type Row = { line: number; status: string; participantId?: string; issues?: { column: string; message: string }[] };
  const rows = read.body.rows as Row[];
  return {
    ...posted,
    body: {
      rows: read.body.total,
      created: read.body.enrolled,
      alreadyEnrolled: read.body.alreadyEnrolled,
      enrolled: rows.flatMap((r) => (r.participantId ? [{ line: r.line, participantId: r.participantId, created: r.status === 'enrolled' }] : [])),
      rejected: rows.flatMap((r) => (r.issues ?? []).map((i) => ({ line: r.line, ...i }))),
      confirmations: read.body.confirmations,
      job: read.body,
    },
  };
}
/** The table without the import jobs' own records (IMPORT#): what an import stored or left alone. */
const storedData = async () => (await cloud.scanTable()).filter((i) => !String(i.PK).startsWith('IMPORT#'));

describe('POST /participants', () => {
  it('enrols a participant (201), confirms by email once, and answers a repeat with 200 and the same participant', async () => {
    const created = await postJson(intakeInput());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ participantId: expect.stringMatching(/^pt_/), email: 'ada@example.com', status: 'enrolled', capacity: 1 });
    const mails = await cloud.mails();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ destination: { to: ['ada@example.com'] }, subject: 'You are enrolled in Reverse mentoring pilot' });
    expect(mails[0]!.body.text).toMatch(/Reply STOP/);
    // The contact is named as in every other email (QA).
    expect((mails[0]!.body.text ?? '').replace(/\s+/g, ' ')).toMatch(/write to the program team at /);
    expect(mails[0]!.body.text).not.toMatch(/the program admin at/);

    const repeat = await postJson(intakeInput());
    expect(repeat.status).toBe(200);
    expect(repeat.body.participantId).toBe(created.body.participantId);
    expect(await cloud.mails()).toHaveLength(1);
  });

  it('answers the same person in another letter case as a repeat (200, same participant, no email), also in a CSV row and for a marker stored before', async () => {
    const first = await postJson(intakeInput());
    const mails = (await cloud.mails()).length;
    const capitals = await postJson(intakeInput({ email: 'ADA@Example.COM' }));
    expect(capitals.status).toBe(200);
    expect(capitals.body.participantId).toBe(first.body.participantId);
    const imported = await importCsv(csvFile([csvRow(601), csvRow(601, { email: 'PERSON601@Example.COM' })]));
    expect(imported.body).toMatchObject({ created: 1, alreadyEnrolled: 1, rejected: [] });
    // A marker written before digests read the address without letter case holds the typed address's digest.
    const typed = await postJson(intakeInput({ email: 'Grace.Hopper@Example.com' }));
    const markerKey = (i: Record<string, unknown>) => i.type === 'EmailMarker' && i.participantId === typed.body.participantId;
    const marker = (await cloud.scanTable()).find(markerKey)!;
    const legacy = createHash('sha256')
      .update(canonicalJson(participantIntakeSchema.parse(intakeInput({ email: 'Grace.Hopper@Example.com' }))))
      .digest('hex');
    await cloud.db.send(new PutCommand({ TableName: cloud.tableName, Item: { ...marker, intakeDigest: legacy } }));
    for (const email of ['Grace.Hopper@Example.com', 'grace.hopper@example.com']) {
      const again = await postJson(intakeInput({ email }));
      expect(again.status, email).toBe(200);
      expect(again.body.participantId).toBe(typed.body.participantId);
    }
    expect((await postJson(intakeInput({ email: 'grace.hopper@example.com', goals: 'Other goals' }))).status).toBe(409);
    expect((await cloud.mails()).length).toBe(mails + 2);
  });

  it('answers a different intake for the same address in another letter case with 409 naming email', async () => {
    const before = await cloud.scanTable();
    const response = await postJson(intakeInput({ email: 'ADA@Example.COM', goals: 'Something else entirely' }));
    expect(response.status).toBe(409);
    expect(response.body.issues).toEqual([{ field: 'email', message: expect.stringContaining('is already enrolled in program "pilot"') }]);
    // The way to change an enrolment: the API's PATCH for that participant (QA hradmin6), or the HR system's update event.
    // It names the answers that differ (never their values) and sends them there.
    expect(response.body.issues[0].message).toMatch(
      /with different answers in goals; to change it, send it with PATCH \/participants\/pt_\w+ \(or a ParticipantUpdated event\)$/,
    );
    expect(response.body.issues[0].message.length).toBeLessThanOrEqual(300);
    expect(await cloud.scanTable()).toEqual(before);
  });

  describe(`refuses ${BAD_JSON.length} bad inputs, naming the field, and leaves the table unchanged`, () => {
    it.each(BAD_JSON)('$title -> $status $field', async (bad) => {
      const before = await cloud.scanTable();
      const body = bad.raw ?? JSON.stringify(bad.body);
      const response = await call('POST', '/participants', { body, contentType: bad.contentType ?? 'application/json' });
      expect(response.status).toBe(bad.status);
      expect(response.body.error).toMatch(/\.$/);
      expect(response.body.issues).toContainEqual({ field: bad.field, message: expect.stringMatching(bad.message) });
      expect(await cloud.scanTable()).toEqual(before);
    });
  });
});

describe('GET /participants/{id}', () => {
  it('returns an enrolled participant, 404 for an unknown id and 400 naming the field for a malformed one', async () => {
    const { body: enrolled } = await postJson(intakeInput({ email: 'read-me@example.com' }));
    const read = await call('GET', `/participants/${enrolled.participantId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(enrolled);
    const unknown = await call('GET', '/participants/pt_aaaaaaaaaaaaaaaaaaaa');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/check the id/);
    const malformed = await call('GET', '/participants/..%2Fetc');
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues).toEqual([{ field: 'id', message: 'is not a valid id' }]);
  });
});

describe('GET /intake', () => {
  it('serves the form with a nonce-based content security policy; where HR signs in (AWS) it never lists the programs', async () => {
    const page = await call('GET', '/intake?programId=pilot', { claims: null });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(page.headers['content-security-policy'] ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(page.text).toContain(`<script nonce="${nonce}">`);
    const signIn = {
      SIGN_IN_AUTHORIZE_URL: 'https://signin.example.com/oauth2/authorize',
      SIGN_IN_TOKEN_URL: 'https://signin.example.com/oauth2/token',
      SIGN_IN_CLIENT_ID: 'client',
      SIGN_IN_REDIRECT_URI: 'https://api.example.com/intake',
    };
    Object.assign(process.env, signIn);
    try {
      const listing = await call('GET', '/intake', { claims: null });
      expect(listing.status).toBe(400);
      expect(listing.text).toMatch(/does not name a program/);
      expect(listing.text).not.toContain('Reverse mentoring pilot');
      expect(listing.text).not.toContain('programId=pilot');
    } finally {
      for (const k of Object.keys(signIn)) delete process.env[k];
    }
  });

  it('answers an id no program can have (longer than a table key allows) as it answers an unknown program, quoting it clipped', async () => {
    const long = `p${'x'.repeat(2_200)}`;
    const page = await call('GET', `/intake?programId=${long}`, { claims: null });
    expect(page.status).toBe(404);
    expect(page.text).toMatch(/There is no program &quot;px{62}…&quot;/);
    expect(page.text).not.toContain('x'.repeat(100));
    const enrol = await postJson(intakeInput({ programId: long, email: 'long-id@example.com' }));
    expect(enrol.status).toBe(400);
    expect(enrol.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'programId', message: expect.stringMatching(/must be a program id/) })]),
    );
    const imported = await importCsv('name,email\n', long);
    expect(imported.status).toBe(400);
    expect(imported.body.issues).toEqual([
      expect.objectContaining({ field: 'programId', message: expect.stringMatching(/names no known program \("px{62}…"\)/) }),
    ]);
  });

  it('refuses every protected route without claims (fail closed)', async () => {
    for (const [method, path] of [
      ['POST', '/participants'],
      ['POST', '/participants/import?programId=pilot'],
      ['GET', '/participants/pt_aaaaaaaaaaaaaaaaaaaa'],
    ] as const) {
      const res = await call(method, path, { claims: null, body: '{}', contentType: 'application/json' });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error).toMatch(/needs a signed-in HR account/);
    }
  });

  it('answers 404 with the routes it serves for an unknown path', async () => {
    const response = await call('GET', '/participants');
    expect(response.status).toBe(404);
    expect(response.body.error).toMatch(/POST \/participants/);
  });
});

describe('POST /participants/import', () => {
  const sample = readFileSync('test/fixtures/intake/sample.csv');

  it('stores every row of the sample, and a re-import (even as BOM + CRLF) changes nothing and sends nothing', async () => {
    const mailsBefore = (await cloud.mails()).length;
    const first = await importCsv(sample);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ rows: 3, created: 3, alreadyEnrolled: 0, rejected: [], confirmations: { sent: 3, pending: 0 } });
    expect((await cloud.mails()).length).toBe(mailsBefore + 3);

    const table = await storedData();
    const again = await importCsv(sample);
    expect(again.body).toMatchObject({ rows: 3, created: 0, alreadyEnrolled: 3, rejected: [] });
    expect(again.body.enrolled).toEqual(first.body.enrolled.map((e: object) => ({ ...e, created: false })));
    const windows = Buffer.from(`\ufeff${sample.toString('utf8').replace(/\n/g, '\r\n')}`);
    expect((await importCsv(windows)).body).toMatchObject({ created: 0, alreadyEnrolled: 3, rejected: [] });
    expect(await storedData()).toEqual(table);
    expect((await cloud.mails()).length).toBe(mailsBefore + 3);
  });

  it('stores the valid rows and reports each invalid one by line, column and reason', async () => {
    const csv = csvFile([
      csvRow(101),
      csvRow(102, { email: 'not-an-email' }),
      csvRow(103, { topicsWanted: 'strategy;;knitting;' }),
      csvRow(104, { name: 'Ada "the Countess" Lovelace' }),
      '',
      csvRow(105, { consentDataProcessing: 'maybe', timeZone: 'Mars/Base' }),
      csvRow(106, { availability: 'mon 09:00-11:00;tue 15:00-14:00' }),
      csvRow(107),
    ]);
    const before = await storedData();
    const response = await importCsv(csv);
    expect(response.status).toBe(202);
    expect(response.body.created).toBe(2);
    expect(response.body.enrolled.map((e: { line: number }) => e.line)).toEqual([2, 9]);
    expect(response.body.rejected).toEqual([
      { line: 3, column: 'email', message: 'must be a valid email address' },
      { line: 4, column: 'topicsWanted', message: expect.stringContaining('item 2 "knitting" is not a topic of this program') },
      { line: 5, column: 'name', message: expect.stringContaining('stray quote') },
      { line: 7, column: 'consentDataProcessing', message: '"maybe" must be yes or no' },
      { line: 7, column: 'timeZone', message: expect.stringContaining('IANA time zone') },
      { line: 8, column: 'availability', message: 'item 2 must end after it starts' },
    ]);
    // Two participants, two email markers, two employee markers, each one's standing reply address and sent confirmation.
    expect((await storedData()).length).toBe(before.length + 10);
  });

  interface BadCsvCase {
    title: string;
    csv: () => string | Buffer;
    programId?: string;
    contentType?: string;
    status: number;
    field?: string;
    message: RegExp;
    rows?: { line: number; column: string }[];
  }
  const BAD_CSV: BadCsvCase[] = [
    {
      title: 'unknown and missing columns',
      csv: () => `${HEADER.replace('email', 'e-mail').replace(',goals', '')}\n`,
      status: 400,
      field: 'e-mail',
      message: /not a known column/,
    },
    {
      title: 'missing required column',
      csv: () => `${HEADER.replace(',timeZone', '')}\n`,
      status: 400,
      field: 'timeZone',
      message: /required column and is missing/,
    },
    { title: 'no programId', csv: () => csvFile([csvRow(201)]), programId: '', status: 400, field: 'programId', message: /required as a query parameter/ },
    { title: 'unknown program', csv: () => csvFile([csvRow(202)]), programId: 'nope', status: 400, field: 'programId', message: /names no known program/ },
    {
      title: 'JSON sent to the CSV import',
      csv: () => JSON.stringify(intakeInput()),
      contentType: 'application/json',
      status: 415,
      field: '(content-type)',
      message: /text\/csv/,
    },
    { title: 'a quoted cell never closed', csv: () => csvFile([csvRow(203, { goals: '"open' })]), status: 400, field: '(file)', message: /not closed/ },
    { title: 'empty file', csv: () => '', status: 400, field: '(file)', message: /is empty/ },
    { title: 'only empty lines', csv: () => '\n\r\n\n', status: 400, field: '(file)', message: /is empty/ },
    {
      title: '10,001 rows',
      csv: () => csvFile(Array.from({ length: 10_001 }, (_, i) => csvRow(i))),
      status: 400,
      field: '(file)',
      message: /has 10001 rows; import at most 10000/,
    },
    { title: 'a file over 5 MB', csv: () => Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), status: 413, field: '(body)', message: /at most 5.0 MB/ },
    {
      title: 'stray quotes',
      csv: () => csvFile([csvRow(204, { goals: 'say "hi"' })]),
      status: 202,
      message: /stray quote/,
      rows: [{ line: 2, column: 'goals' }],
    },
    {
      title: 'semicolons where one value is expected',
      csv: () => csvFile([csvRow(205, { role: 'mentor;mentee', meetingPreference: 'video;either' })]),
      status: 202,
      message: /must be/,
      rows: [
        { line: 2, column: 'role' },
        { line: 2, column: 'meetingPreference' },
      ],
    },
    {
      title: 'a header and no participants',
      csv: () => `${HEADER},,\n,,,\n`,
      status: 400,
      field: '(file)',
      message: /header row but no participants: add one row per participant/,
    },
    {
      title: 'Latin-1 bytes',
      csv: () => Buffer.from(csvFile([csvRow(207, { name: 'René Dupont' })]), 'latin1'),
      status: 400,
      field: '(file)',
      message: /is not UTF-8: line 2 .*CSV UTF-8/,
    },
    {
      title: 'UTF-16 with a byte-order mark',
      csv: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvFile([csvRow(208)]), 'utf16le')]),
      status: 400,
      field: '(file)',
      message: /saved as UTF-16.*save it as UTF-8/,
    },
    {
      title: 'a name over two lines and a department of zero-width spaces',
      csv: () => csvFile([csvRow(209, { name: '"Ada\nLovelace"', department: '\u200b\u200b' })]),
      status: 202,
      message: /one line|only invisible/,
      rows: [
        { line: 2, column: 'name' },
        { line: 2, column: 'department' },
      ],
    },
    { title: 'a NUL byte in the file', csv: () => csvFile([csvRow(212, { name: 'Ada\u0000' })]), status: 400, field: '(file)', message: /NUL bytes/ },
    {
      title: 'a person as their own manager',
      csv: () => csvFile([csvRow(210, { managerEmail: 'PERSON210@example.com' })]),
      status: 202,
      message: /cannot be their own manager/,
      rows: [{ line: 2, column: 'managerEmail' }],
    },
    {
      title: 'an unknown language code',
      csv: () => csvFile([csvRow(211, { languages: 'en;xx' })]),
      status: 202,
      message: /item 2 "xx" is not a language code we know/,
      rows: [{ line: 2, column: 'languages' }],
    },
    {
      title: 'too few cells',
      csv: () => `${HEADER}\nAda,ada@example.com\n`,
      status: 202,
      message: /has 2 cells but the header has 23 columns/,
      rows: [{ line: 2, column: '(row)' }],
    },
    {
      title: 'an address already enrolled, in another case, with other answers',
      csv: () => csvFile([csvRow(206, { email: 'ADA.LOVELACE@example.com' })]),
      status: 202,
      message: /already enrolled/,
      rows: [{ line: 2, column: 'email' }],
    },
    {
      title: '10,000 rows that are all invalid',
      csv: () => csvFile(Array.from({ length: 10_000 }, (_, i) => csvRow(i, { timeZone: 'Nowhere/Special' }))),
      status: 202,
      message: /IANA time zone/,
      rows: Array.from({ length: 10_000 }, (_, i) => ({ line: i + 2, column: 'timeZone' })),
    },
  ];

  it('answers 404 naming the id for an unknown import id, and 400 for a malformed one', async () => {
    const unknown = await call('GET', '/participants/import/imp_aaaaaaaaaaaaaaaaaaaa');
    expect(unknown.status).toBe(404);
    expect(unknown.body.issues).toEqual([{ field: 'id', message: 'is not a known import id' }]);
    const malformed = await call('GET', '/participants/import/nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues).toEqual([{ field: 'id', message: 'is not a valid id' }]);
  });

  it('refuses a file for a program that has closed at once with 400 naming the program: no job, nothing stored', async () => {
    await putProgram(programSchema.parse({ ...DEFAULT_PROGRAM_INPUT, programId: 'closed', startDate: '2025-01-06', endDate: '2025-06-30' }));
    const before = await storedData();
    const started = cloud.startedImports().length;
    const response = await importCsv(csvFile([csvRow(701), csvRow(702)]), 'closed');
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ field: 'programId', message: expect.stringMatching(/^names a program that closed after 2025-06-30/) }]);
    expect(cloud.startedImports()).toHaveLength(started);
    expect(await storedData()).toEqual(before);
  });

  it('keeps the earlier row of a person named in two chunks, even when the later chunk is enrolled first, and counts each person once', async () => {
    const rows = Array.from({ length: CHUNK_ROWS + 2 }, (_, i) => csvRow(20_000 + i));
    rows[CHUNK_ROWS - 1] = csvRow(28_001, { goals: 'Goals of the earlier row' });
    rows[CHUNK_ROWS] = csvRow(28_001, { goals: 'Goals of the later row' });
    rows[CHUNK_ROWS + 1] = csvRow(20_000 + CHUNK_ROWS - 2);
    const posted = await call('POST', '/participants/import?programId=pilot', { body: csvFile(rows), contentType: 'text/csv' });
    expect(posted.status).toBe(202);
    for (const chunk of [1, 0]) await importStep({ step: 'enrol', importId: posted.body.importId, chunk }, stepContext());
    for (const chunk of [0, 1]) await importStep({ step: 'confirm', importId: posted.body.importId, chunk }, stepContext());
    await importStep({ step: 'finish', importId: posted.body.importId }, stepContext());
    const job = (await call('GET', posted.headers.location!)).body;
    expect(job).toMatchObject({ status: 'completed', enrolled: CHUNK_ROWS, alreadyEnrolled: 1, refused: 1, confirmations: { sent: CHUNK_ROWS, pending: 0 } });
    const byLine = (line: number) => job.rows.find((r: { line: number }) => r.line === line);
    expect(byLine(CHUNK_ROWS + 1)).toMatchObject({ status: 'enrolled' });
    expect(byLine(CHUNK_ROWS + 2)).toMatchObject({
      status: 'refused',
      issues: [
        { column: 'email', message: expect.stringContaining(`has the same email as line ${CHUNK_ROWS + 1}, compared without letter case, with other answers`) },
      ],
    });
    expect(byLine(CHUNK_ROWS + 3)).toMatchObject({ status: 'alreadyEnrolled', participantId: byLine(CHUNK_ROWS).participantId });
    const stored = await call('GET', `/participants/${byLine(CHUNK_ROWS + 1).participantId}`);
    expect(stored.body.goals).toBe('Goals of the earlier row');
  });

  it('says that someone who withdrew is enrolled but not matched, in a re-import and at the form, and leaves them withdrawn', async () => {
    const first = await importCsv(csvFile([csvRow(801), csvRow(802)]));
    const [withdrew, active] = first.body.enrolled.map((e: { participantId: string }) => e.participantId);
    const stored = await getParticipant(withdrew);
    await updateParticipantStatus(withdrew, stored!.version, 'withdrawn');
    const { job } = (await importCsv(csvFile([csvRow(801), csvRow(802)]))).body;
    expect(job.rows).toEqual([
      { line: 2, status: 'alreadyEnrolled', participantId: withdrew, participantStatus: 'withdrawn' },
      { line: 3, status: 'alreadyEnrolled', participantId: active },
    ]);
    expect(job.message).toContain(
      "2 rows already enrolled (left unchanged; 1 of them is not matched any more (1 withdrawn): see each row's participantStatus)",
    );

    const form = new URLSearchParams({
      programId: 'pilot',
      name: 'Form Person',
      email: 'form.person@example.com',
      role: 'mentee',
      department: 'Board',
      location: 'London',
      timeZone: 'Europe/London',
      'availability-0-day': 'mon',
      'availability-0-start': '09:00',
      'availability-0-end': '11:00',
      goals: 'Learn',
      'consent-dataProcessing': 'yes',
      'consent-shareProgressWithManager': 'no',
      topicsWanted: 'ai-tools',
      languages: 'en',
    }).toString();
    const postForm = () =>
      call('POST', '/participants', { body: form, contentType: 'application/x-www-form-urlencoded', headers: { accept: 'application/json' } });
    const enrolled = await postForm();
    expect(enrolled.status).toBe(201);
    const person = await getParticipant(enrolled.body.participantId);
    await updateParticipantStatus(person!.participantId, person!.version, 'withdrawn');
    const again = await postForm();
    expect(again.status).toBe(200);
    expect(again.body.confirmation.heading).toBe('Form Person was already enrolled, but is not matched any more');
    expect(again.body.confirmation.paragraphs[0]).toContain('but withdrew from the program (replied STOP)');
    expect((await getParticipant(person!.participantId))?.status).toBe('withdrawn');
  });

  it.each(BAD_CSV)('$title -> $status, no participant stored', async (bad) => {
    const before = await storedData();
    const response = await importCsv(bad.csv(), bad.programId ?? 'pilot', bad.contentType);
    expect(response.status).toBe(bad.status);
    if (bad.rows) {
      expect(response.body.created).toBe(0);
      expect(response.body.rejected.map((r: { line: number; column: string }) => ({ line: r.line, column: r.column }))).toEqual(bad.rows);
      for (const r of response.body.rejected) expect(r.message).toMatch(bad.message);
    } else {
      expect(response.body.issues).toContainEqual({ field: bad.field, message: expect.stringMatching(bad.message) });
      // Refused as a whole: no job, no file, nothing stored.
      expect(cloud.startedImports().map((i) => i.importId)).not.toContain(response.body.importId);
    }
    expect(await storedData()).toEqual(before);
  });
});

describe('intake data quality through the API', () => {
  it('enrols one employee id once: a second address for it is refused with 409 naming employeeId, in any letter case', async () => {
    const first = await postJson(intakeInput({ email: 'mary@example.com', employeeId: 'E5001' }));
    expect(first.status).toBe(201);
    const before = await cloud.scanTable();
    const second = await postJson(intakeInput({ email: 'mary.jackson@example.com', employeeId: 'e5001 ' }));
    expect(second.status).toBe(409);
    expect(second.body.issues).toEqual([
      {
        field: 'employeeId',
        message: expect.stringMatching(
          new RegExp(
            `^is already enrolled in this program under another email, compared without letter case: .* PATCH /participants/${first.body.participantId} `,
          ),
        ),
      },
    ]);
    expect(await cloud.scanTable()).toEqual(before);
    // The same person again is still a harmless repeat.
    expect((await postJson(intakeInput({ email: 'mary@example.com', employeeId: 'E5001' }))).status).toBe(200);
  });

  it('reports the second row of a file that gives one employee id two addresses, and stores the first', async () => {
    const response = await importCsv(csvFile([csvRow(301, { employeeId: 'E3000' }), csvRow(302, { employeeId: 'e3000' }), csvRow(303)]));
    expect(response.status).toBe(202);
    expect(response.body.enrolled.map((e: { line: number }) => e.line)).toEqual([2, 4]);
    expect(response.body.rejected).toEqual([
      {
        line: 3,
        column: 'employeeId',
        message: expect.stringContaining('has the same employee id as line 2, compared without letter case, under another email'),
      },
    ]);
  });

  it('reads roles and yes/no in any letter case and ignores empty columns to the right', async () => {
    const csv = [
      `${HEADER},,`,
      `${csvRow(401, { role: 'Mentor', consentDataProcessing: 'YES', consentShareProgressWithManager: 'No' })},,`,
      `${csvRow(402, { role: 'MENTEE', topicsOffered: 'strategy', topicsWanted: 'ai-tools' })},`,
    ].join('\r\n');
    const response = await importCsv(csv);
    expect(response.body).toMatchObject({ rows: 2, created: 2, rejected: [] });
    const [mentor, mentee] = await Promise.all(response.body.enrolled.map((e: { participantId: string }) => call('GET', `/participants/${e.participantId}`)));
    expect(mentor!.body).toMatchObject({ role: 'mentor', consent: { dataProcessing: true, shareProgressWithManager: false } });
    expect(mentee!.body).toMatchObject({ role: 'mentee' });
  });

  it('stores values that start like a formula as typed', async () => {
    const response = await postJson(
      intakeInput({
        email: 'formula@example.com',
        name: '=HYPERLINK("http://x.example","Ada")',
        department: '+Finance',
        location: '-London',
        jobTitle: '@analyst',
      }),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: '=HYPERLINK("http://x.example","Ada")', department: '+Finance', location: '-London', jobTitle: '@analyst' });
  });
});

describe('POST /participants from the intake form', () => {
  const formFields = (overrides: Record<string, string | string[]> = {}): string => {
    const fields: Record<string, string | string[]> = {
      programId: 'pilot',
      name: 'Katherine Johnson',
      email: 'katherine.form@example.com',
      role: 'mentee',
      department: 'Operations',
      location: 'Hampton',
      timeZone: 'America/New_York',
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools', 'social-media'],
      'availability-0-day': 'tue',
      'availability-0-start': '09:30',
      'availability-0-end': '10:30',
      'availability-1-day': '',
      languages: ['en', 'fr'],
      goals: 'Learn how my team uses AI tools',
      'consent-dataProcessing': 'yes',
      'consent-shareProgressWithManager': 'yes',
      ...overrides,
    };
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) params.append(k, value);
    return params.toString();
  };
  const FORM = 'application/x-www-form-urlencoded';
  const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
  const postForm = (body: string, headers: Record<string, string> = BROWSER) => call('POST', '/participants', { body, contentType: FORM, headers });

  it('enrols from a browser without JavaScript and answers with a page naming the person and what happens next', async () => {
    const mailsBefore = (await cloud.mails()).length;
    const response = await postForm(formFields());
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toMatch(/script-src 'nonce-/);
    expect(response.text).toContain('<h1>Katherine Johnson is enrolled</h1>');
    expect(response.text).toContain(
      'Katherine Johnson is enrolled in Reverse mentoring pilot as a mentee (senior leader). A confirmation email is on its way to katherine.form@example.com',
    );
    expect(response.text).toContain('What happens next: the program admin runs the matching');
    const id = /participant id is (pt_[a-z2-7]{20})/.exec(response.text)?.[1];
    const stored = await call('GET', `/participants/${id}`);
    expect(stored.body).toMatchObject({
      role: 'mentee',
      timeZone: 'America/New_York',
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools', 'social-media'],
      availability: [{ day: 'tue', start: '09:30', end: '10:30' }],
      languages: ['en', 'fr'],
      consent: { dataProcessing: true, shareProgressWithManager: true },
    });
    expect((await cloud.mails()).length).toBe(mailsBefore + 1);

    const again = await postForm(formFields());
    expect(again.status).toBe(200);
    expect(again.text).toContain('<h1>Katherine Johnson was already enrolled</h1>');
    expect((await cloud.mails()).length).toBe(mailsBefore + 1);
  });

  it('refuses a body that names a field twice, naming it, and stores nothing (QA attack6: a second "role" enrolled a mentee)', async () => {
    const before = await cloud.scanTable();
    const body = JSON.stringify(intakeInput({ email: 'twice.role@example.com' })).replace(/^\{/, '{"role":"mentor",');
    const response = await call('POST', '/participants', { body, contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ field: 'role', message: 'appears more than once: send it once' }]);
    expect(await cloud.scanTable()).toEqual(before);
  });

  it('answers JSON labelled as a form (curl -d) with 415 naming the content type, not a page saying the program does not exist (QA attack6)', async () => {
    const before = await cloud.scanTable();
    const response = await call('POST', '/participants', { body: JSON.stringify(intakeInput({ email: 'curl.user@example.com' })), contentType: FORM });
    expect(response.status).toBe(415);
    expect(response.body.error ?? response.body.message).toMatch(/^A participant must be sent with Content-Type: application\/json: this body is JSON/);
    expect(await cloud.scanTable()).toEqual(before);
  });

  it('shows the form again with what was typed and each problem in words, once, without field paths', async () => {
    const before = await cloud.scanTable();
    const response = await postForm(
      formFields({
        email: 'katherine@',
        // Window 1 cleared (day and times), so that the window HR meant is the second row.
        'availability-0-day': '',
        'availability-0-start': '',
        'availability-0-end': '',
        'availability-1-day': 'wed',
        'availability-1-start': '15:00',
        'availability-1-end': '14:00',
        languages: ['en'],
        'languages-other': 'xx',
        name: 'Katherine\u200b',
        'manager-email': 'KATHERINE@',
        topicsWanted: [],
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const summary = /<ul id="summary-list">(.*?)<\/ul>/s.exec(response.text)?.[1] ?? '';
    const items = [...summary.matchAll(/<li>(?:<a href="#([^"]+)">)?([^<]+)/g)].map((m) => ({ href: m[1], text: m[2] }));
    expect(items).toEqual([
      { href: 'email', text: 'Work email: Enter an email address like name@company.com.' },
      { href: 'manager-email', text: 'Manager email: Enter the manager&#39;s email address like name@company.com, or leave it empty.' },
      { href: 'topicsWanted', text: 'Topics wanted: Choose at least one topic the participant wants to learn about.' },
      { href: 'availability-1-end', text: 'Window 2: until: Choose an end time later than the start time.' },
      {
        href: 'languages-other',
        text: 'Other languages: \u201cxx\u201d is not a language code we know: write codes such as en, fr or pt-BR, separated by semicolons, or tick the language in the list.',
      },
    ]);
    expect(response.text).toContain('Correct the 5 answers below and submit again.');
    expect(response.text).not.toMatch(/availability\.\d|languages\.\d|manager\.email/);
    expect(response.text).toContain('value="Katherine\u200b"');
    expect(response.text).toContain('<option value="America/New_York" selected>');
    expect(await cloud.scanTable()).toEqual(before);
  });

  it('answers the form script in JSON with the same words, and 409 when the email is enrolled with other answers', async () => {
    const json = { accept: 'application/json' };
    const bad = await postForm(formFields({ email: 'grace.form@example.com', 'availability-0-end': '08:00' }), json);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: 'The participant was not enrolled. Correct the answer below and submit again.',
      summary: 'The participant was not enrolled. Correct the answer below and submit again.',
      issues: [{ field: 'availability-0-end', label: 'Window 1: until', message: 'Choose an end time later than the start time.' }],
    });
    const good = await postForm(formFields({ email: 'grace.form@example.com', name: 'Grace Hopper' }), json);
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ participantId: expect.stringMatching(/^pt_/), created: true, confirmation: { heading: 'Grace Hopper is enrolled' } });
    const conflict = await postForm(formFields({ email: 'grace.form@example.com', name: 'Grace B. Hopper' }), json);
    expect(conflict.status).toBe(409);
    expect(conflict.body.summary).toBe('The participant was not enrolled: the problem below says why and what to do.');
    expect(conflict.body.issues).toEqual([
      {
        field: 'email',
        label: 'Work email',
        message: expect.stringMatching(
          /^This email address is already enrolled in this program \(participant pt_[a-z2-7]{20}\) with other answers for Full name\. Nothing was changed\. This form only enrols new people: to change it, ask the program admin\./,
        ),
      },
    ]);
  });

  it('shows why an address that bounced cannot be enrolled, on the page and to the form script, and stores nothing', async () => {
    await markAddressSuppressed('bounced.form@example.com', 'email-bounced', '2026-03-12T10:00:00.000Z');
    const before = await cloud.scanTable();
    const mailsBefore = (await cloud.mails()).length;
    const message = 'This email address no longer takes our email (it bounced on 12 March 2026): enrol the person under an address that works.';
    const page = await postForm(formFields({ email: 'Bounced.Form@example.com' }));
    expect(page.status).toBe(409);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const summary = /<ul id="summary-list">(.*?)<\/ul>/s.exec(page.text)?.[1] ?? '';
    expect([...summary.matchAll(/<li>(?:<a href="#([^"]+)">)?([^<]+)/g)].map((m) => ({ href: m[1], text: m[2] }))).toEqual([
      { href: 'email', text: `Work email: ${message}` },
    ]);
    expect(page.text).toContain('value="Bounced.Form@example.com"');
    const script = await postForm(formFields({ email: 'bounced.form@example.com' }), { accept: 'application/json' });
    expect(script.status).toBe(409);
    expect(script.body.issues).toEqual([{ field: 'email', label: 'Work email', message }]);
    expect(await cloud.scanTable()).toEqual(before);
    expect((await cloud.mails()).length).toBe(mailsBefore);
  });

  it('refuses a form posted from another site and changes nothing', async () => {
    const before = await cloud.scanTable();
    for (const headers of [
      { ...BROWSER, origin: 'https://evil.example' },
      { ...BROWSER, 'sec-fetch-site': 'cross-site', origin: 'null' },
      { ...BROWSER, 'sec-fetch-site': 'same-site', origin: 'https://hr.local' },
    ]) {
      // A browser is answered with a page (QA ui8), the form's script with JSON.
      const response = await postForm(formFields({ email: 'csrf@example.com' }), headers);
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toMatch(/<h1>The form was not sent<\/h1><p>The intake form can only be sent from its own page/);
      const script = await postForm(formFields({ email: 'csrf@example.com' }), { ...headers, accept: 'application/json' });
      expect(script.status).toBe(403);
      expect(script.body.error).toMatch(/can only be sent from its own page/);
    }
    expect(
      (await postForm(formFields({ email: 'same-site@example.com' }), { ...BROWSER, origin: 'http://local', 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(201);
    // What a browser sends for our own form, whose page has a no-referrer policy.
    expect((await postForm(formFields({ email: 'own-form@example.com' }), { ...BROWSER, origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await cloud.scanTable()).filter((i) => JSON.stringify(i).includes('csrf@example.com'))).toEqual([]);
    expect(before.length).toBeGreaterThan(0);
  });
});
