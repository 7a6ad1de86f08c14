import { readFileSync } from 'node:fs';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putProgram } from '../../../functions/adapters/programs';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
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
const importCsv = (csv: string | Buffer, programId = 'pilot', contentType = 'text/csv') =>
  call('POST', `/participants/import${programId ? `?programId=${programId}` : ''}`, { body: csv, contentType });

describe('POST /participants', () => {
  it('enrols a participant (201), confirms by email once, and answers a repeat with 200 and the same participant', async () => {
    const created = await postJson(intakeInput());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ participantId: expect.stringMatching(/^pt_/), email: 'ada@example.com', status: 'enrolled', capacity: 1 });
    const mails = await cloud.mails();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ destination: { to: ['ada@example.com'] }, subject: 'You are enrolled in Reverse mentoring pilot' });
    expect(mails[0]!.body.text).toMatch(/Reply STOP/);

    const repeat = await postJson(intakeInput());
    expect(repeat.status).toBe(200);
    expect(repeat.body.participantId).toBe(created.body.participantId);
    expect(await cloud.mails()).toHaveLength(1);
  });

  it('answers a different intake for the same address in another letter case with 409 naming email', async () => {
    const before = await cloud.scanTable();
    const response = await postJson(intakeInput({ email: 'ADA@Example.COM' }));
    expect(response.status).toBe(409);
    expect(response.body.issues).toEqual([{ field: 'email', message: expect.stringContaining('is already enrolled in program "pilot"') }]);
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
  it('returns an enrolled participant and 404 for an unknown or malformed id', async () => {
    const { body: enrolled } = await postJson(intakeInput({ email: 'read-me@example.com' }));
    const read = await call('GET', `/participants/${enrolled.participantId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(enrolled);
    expect((await call('GET', '/participants/pt_aaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
    const malformed = await call('GET', '/participants/..%2Fetc');
    expect(malformed.status).toBe(404);
    expect(malformed.body.error).toMatch(/check the id/);
  });
});

describe('GET /intake', () => {
  it('serves the form to anyone, with no sign-in, a nonce-based content security policy and no program data', async () => {
    const page = await call('GET', '/intake?programId=pilot', { claims: null });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(page.headers['content-security-policy'] ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(page.text).toContain(`<script nonce="${nonce}">`);
    // The program's name and topic catalogue are read after sign-in, never served to a stranger.
    expect(page.text).not.toContain('Reverse mentoring pilot');
    for (const topic of programSchema.parse(DEFAULT_PROGRAM_INPUT).topics) expect(page.text).not.toContain(topic.label);
    const listing = await call('GET', '/intake', { claims: null });
    expect(listing.status).toBe(200);
    expect(listing.text).not.toContain('Reverse mentoring pilot');
    expect(listing.text).not.toContain('programId=pilot');
  });

  it('gives the programs, names and topics to a signed-in HR person only', async () => {
    const programs = await call('GET', '/intake/programs');
    expect(programs.status).toBe(200);
    expect(programs.body.programs).toEqual(expect.arrayContaining([expect.objectContaining({ programId: 'pilot', name: 'Reverse mentoring pilot', topics: expect.arrayContaining([expect.objectContaining({ id: 'ai-tools' })]) })]));
    expect((await call('GET', '/intake/programs', { claims: null })).status).toBe(403);
    expect((await call('GET', '/intake/programs', { claims: { sub: 'x', 'cognito:groups': '[sales]' } })).status).toBe(403);
  });

  it('refuses every protected route without claims (fail closed)', async () => {
    for (const [method, path] of [['POST', '/participants'], ['POST', '/participants/import?programId=pilot'], ['GET', '/participants/pt_aaaaaaaaaaaaaaaaaaaa']] as const) {
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
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 3, created: 3, alreadyEnrolled: 0, rejected: [] });
    expect((await cloud.mails()).length).toBe(mailsBefore + 3);

    const table = await cloud.scanTable();
    const again = await importCsv(sample);
    expect(again.body).toMatchObject({ rows: 3, created: 0, alreadyEnrolled: 3, rejected: [] });
    expect(again.body.enrolled).toEqual(first.body.enrolled.map((e: object) => ({ ...e, created: false })));
    const windows = Buffer.from(`\ufeff${sample.toString('utf8').replace(/\n/g, '\r\n')}`);
    expect((await importCsv(windows)).body).toMatchObject({ created: 0, alreadyEnrolled: 3, rejected: [] });
    expect(await cloud.scanTable()).toEqual(table);
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
    const before = await cloud.scanTable();
    const response = await importCsv(csv);
    expect(response.status).toBe(200);
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
    expect((await cloud.scanTable()).length).toBe(before.length + 4); // two participants, two email markers
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
    { title: 'unknown and missing columns', csv: () => `${HEADER.replace('email', 'e-mail').replace(',goals', '')}\n`, status: 400, field: 'e-mail', message: /not a known column/ },
    { title: 'missing required column', csv: () => `${HEADER.replace(',timeZone', '')}\n`, status: 400, field: 'timeZone', message: /required column and is missing/ },
    { title: 'no programId', csv: () => csvFile([csvRow(201)]), programId: '', status: 400, field: 'programId', message: /required as a query parameter/ },
    { title: 'unknown program', csv: () => csvFile([csvRow(202)]), programId: 'nope', status: 400, field: 'programId', message: /names no known program/ },
    { title: 'JSON sent to the CSV import', csv: () => JSON.stringify(intakeInput()), contentType: 'application/json', status: 415, field: '(content-type)', message: /text\/csv/ },
    { title: 'a quoted cell never closed', csv: () => csvFile([csvRow(203, { goals: '"open' })]), status: 400, field: '(file)', message: /not closed/ },
    { title: 'empty file', csv: () => '', status: 400, field: '(file)', message: /is empty/ },
    { title: 'only empty lines', csv: () => '\n\r\n\n', status: 400, field: '(file)', message: /is empty/ },
    { title: '10,001 rows', csv: () => csvFile(Array.from({ length: 10_001 }, (_, i) => csvRow(i))), status: 400, field: '(file)', message: /has 10001 rows; import at most 10000/ },
    { title: 'a file over 5 MB', csv: () => Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), status: 413, field: '(body)', message: /at most 5.0 MB/ },
    { title: 'stray quotes', csv: () => csvFile([csvRow(204, { goals: 'say "hi"' })]), status: 200, message: /stray quote/, rows: [{ line: 2, column: 'goals' }] },
    { title: 'semicolons where one value is expected', csv: () => csvFile([csvRow(205, { role: 'mentor;mentee', meetingPreference: 'video;either' })]), status: 200, message: /must be/, rows: [{ line: 2, column: 'role' }, { line: 2, column: 'meetingPreference' }] },
    { title: 'too few cells', csv: () => `${HEADER}\nAda,ada@example.com\n`, status: 200, message: /has 2 cells but the header has 23 columns/, rows: [{ line: 2, column: '(row)' }] },
    { title: 'an address already enrolled, in another case, with other answers', csv: () => csvFile([csvRow(206, { email: 'ADA.LOVELACE@example.com' })]), status: 200, message: /already enrolled/, rows: [{ line: 2, column: 'email' }] },
    {
      title: '10,000 rows that are all invalid',
      csv: () => csvFile(Array.from({ length: 10_000 }, (_, i) => csvRow(i, { timeZone: 'Nowhere/Special' }))),
      status: 200,
      message: /IANA time zone/,
      rows: Array.from({ length: 10_000 }, (_, i) => ({ line: i + 2, column: 'timeZone' })),
    },
  ];

  it.each(BAD_CSV)('$title -> $status, table unchanged', async (bad) => {
    const before = await cloud.scanTable();
    const response = await importCsv(bad.csv(), bad.programId ?? 'pilot', bad.contentType);
    expect(response.status).toBe(bad.status);
    if (bad.rows) {
      expect(response.body.created).toBe(0);
      expect(response.body.rejected.map((r: { line: number; column: string }) => ({ line: r.line, column: r.column }))).toEqual(bad.rows);
      for (const r of response.body.rejected) expect(r.message).toMatch(bad.message);
    } else {
      expect(response.body.issues).toContainEqual({ field: bad.field, message: expect.stringMatching(bad.message) });
    }
    expect(await cloud.scanTable()).toEqual(before);
  });
});
