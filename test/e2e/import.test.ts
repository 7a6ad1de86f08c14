import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { progressText, run } from '../../local/commands/import';
import { intakeInput } from '../fixtures/intake/participants';
import { localCloud } from './local-cloud-client';

const cloud = localCloud();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function importFile(name: string, content: string, ...options: string[]) {
  return importWith({ tty: false }, name, content, ...options);
}

async function importWith(progress: { tty: boolean }, name: string, content: string, ...options: string[]) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  let stdout = '';
  let stderr = '';
  const code = await run(
    [file, '--url', cloud.baseUrl, ...options],
    { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) },
    { ...progress, pollMs: 50 },
  );
  return { code, stdout, stderr, report: stdout ? JSON.parse(stdout) : undefined };
}

const run_ = process.pid;
const HEADER = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/intake/sample.csv'), 'utf8').split('\n')[0]!;
const row = (email: string, timeZone = 'Europe/London') =>
  `Joan Clarke,${email},,mentor,,Data,London,${timeZone},,,,ai-tools,strategy,,mon 09:00-11:00,video,en,,Learn how the board decides,1,,yes,no`;

describe('crossgen import', () => {
  it('imports a CSV file into the local cloud and reports the rejected rows by line (exit 1)', async () => {
    const { code, report, stderr } = await importFile(
      'people.csv',
      [HEADER, row(`joan.${run_}@example.com`), row(`mary.${run_}@example.com`, 'Mars/Olympus')].join('\n'),
    );
    // Not a terminal: one progress line per change, ending with every row done.
    const lines = stderr.trim().split('\n');
    expect(lines.every((l) => /^imp_[a-z2-7]{20}: \d+\/2 rows done: /.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/: 2\/2 rows done: 1 enrolled, 0 already enrolled, 1 refused$/);
    expect(code).toBe(1);
    expect(report).toMatchObject({
      importId: expect.stringMatching(/^imp_/),
      rows: 2,
      created: 1,
      enrolled: [{ line: 2, created: true }],
      rejected: [{ line: 3, column: 'timeZone' }],
    });
    const mail = await cloud.until('the confirmation', async () => (await cloud.emails()).find((e) => e.to.includes(`joan.${run_}@example.com`)));
    expect(mail.subject).toBe('You are enrolled in Reverse mentoring pilot');
  });

  it('draws a progress bar on a terminal, redrawn in place, and exits 0 when every row was enrolled', async () => {
    const { code, report, stderr } = await importWith({ tty: true }, 'bar.csv', [HEADER, row(`bar.${run_}@example.com`)].join('\n'));
    expect(code).toBe(0);
    expect(report).toMatchObject({ rows: 1, created: 1, rejected: [] });
    expect(stderr.startsWith('\r[')).toBe(true);
    expect(stderr.endsWith(`\r${progressText({ total: 1, done: 1, enrolled: 1, alreadyEnrolled: 0, refused: 0 }, true)}\n`)).toBe(true);
    expect(progressText({ total: 4, done: 2, enrolled: 2, alreadyEnrolled: 0, refused: 0 }, true)).toBe(
      `[${'#'.repeat(15)}${'.'.repeat(15)}] 2/4 rows done: 2 enrolled, 0 already enrolled, 0 refused`,
    );
  });

  it('imports a JSON array one participant at a time; importing it again changes nothing (exit 0)', async () => {
    const people = JSON.stringify([
      intakeInput({ email: `json1.${run_}@example.com` }),
      { ...intakeInput({ email: `json2.${run_}@example.com` }), programId: undefined },
    ]);
    const first = await importFile('people.json', people);
    expect(first.code).toBe(0);
    expect(first.report).toMatchObject({ rows: 2, created: 2, alreadyEnrolled: 0, rejected: [] });
    const again = await importFile('people.json', people);
    expect(again.report).toMatchObject({ rows: 2, created: 0, alreadyEnrolled: 2 });
    expect(again.report.enrolled.map((e: { participantId: string }) => e.participantId)).toEqual(
      first.report.enrolled.map((e: { participantId: string }) => e.participantId),
    );
  });

  it('refuses bad usage with exit 2 and says what to do', async () => {
    expect((await importFile('people.txt', 'x')).code).toBe(2);
    const unknownProgram = await importFile('other.csv', [HEADER, row(`nobody.${run_}@example.com`)].join('\n'), '--program', 'no-such-program');
    expect(unknownProgram.code).toBe(1);
    expect(unknownProgram.stderr).toMatch(/Nothing was imported: .*names no known program/);
    const badJson = await importFile('broken.json', '{"participants": [');
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/is not valid JSON/);
  });
});
