import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { progressText, run } from '../../local/commands/import';
import { intakeInput } from '../fixtures/intake/participants';
import { clearFaults, injectFaults } from '../workflows/faults';
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

  // util-linux `script` (Debian's essential bsdutils) gives the command a terminal, as a person's shell does.
  it('redraws the bar in place on a real terminal: carriage returns, one newline at the end', async () => {
    const file = path.join(dir, 'terminal.csv');
    fs.writeFileSync(file, [HEADER, row(`tty1.${run_}@example.com`), row(`tty2.${run_}@example.com`)].join('\n'));
    const cli = path.join(import.meta.dirname, '../../local/crossgen.mjs');
    const command = `'${process.execPath}' '${cli}' import '${file}' --url ${cloud.baseUrl} > '${file}.report.json'`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let terminal = '';
    child.stdout.on('data', (c: Buffer) => (terminal += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(`${file}.report.json`, 'utf8'))).toMatchObject({ rows: 2, created: 2 });
    // The terminal turns the one "\n" into "\r\n"; every bar before it starts with "\r".
    expect(terminal.startsWith('\r[')).toBe(true);
    expect(terminal.match(/\n/g)).toHaveLength(1);
    expect(terminal.endsWith(`\r${progressText({ total: 2, done: 2, enrolled: 2, alreadyEnrolled: 0, refused: 0 }, true)}\r\n`)).toBe(true);
  });

  it('cuts the bar to the width of the terminal, which would otherwise wrap it onto a new line at each redraw', () => {
    const job = { total: 10000, done: 4000, enrolled: 3990, alreadyEnrolled: 0, refused: 10 };
    expect(progressText(job, true, 80)).toHaveLength(79);
    expect(progressText(job, true, 200)).toBe(progressText(job, true));
    expect(progressText(job, false, 40)).toBe('4000/10000 rows done: 3990 enrolled, 0 already enrolled, 10 refused');
  });

  it('reports a JSON entry stored without its confirmation email as enrolled with the confirmation pending, not rejected (exit 0)', async () => {
    const late = `late.${run_}@example.com`;
    // Every send to that address fails, past the SDK's and the mailer's retries: POST /participants answers 503 stored.
    await injectFaults(cloud.baseUrl, [{ service: 'ses', kind: 'fail', recipient: late, count: 50 }]);
    try {
      const { code, report, stderr } = await importFile(
        'pending.json',
        JSON.stringify([intakeInput({ email: `prompt.${run_}@example.com` }), intakeInput({ email: late })]),
      );
      expect(report.rejected).toEqual([]);
      expect(report.enrolled).toEqual([
        { index: 0, participantId: expect.stringMatching(/^pt_/), created: true },
        {
          index: 1,
          participantId: expect.stringMatching(/^pt_/),
          confirmation: 'pending',
          message: expect.stringMatching(/is enrolled, but the confirmation email could not be sent yet: it is tried again automatically/),
        },
      ]);
      expect(report).toMatchObject({ rows: 2, created: 1, confirmations: { sent: 1, pending: 1 } });
      expect(report.message).toMatch(
        /^Every entry is done: 1 participant enrolled, 0 entries already enrolled \(left unchanged\), 1 entry stored \(new or not: the server did not say\), 0 entries rejected and not stored\. 1 confirmation sent\. 1 participant is enrolled but not yet sent/,
      );
      expect(stderr).toBe(`${report.message}\n`);
      expect(code).toBe(0);
      const stored = await cloud.get<{ participantId: string; email: string }[]>('/local/participants?programId=pilot');
      expect(stored.find((p) => p.email === late)?.participantId).toBe(report.enrolled[1].participantId);
    } finally {
      await clearFaults(cloud.baseUrl);
    }
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
    // Nobody new and no email: said so, not "2 of 2 entries enrolled" (QA cli2).
    expect(again.report).toMatchObject({ rows: 2, created: 0, alreadyEnrolled: 2, confirmations: { sent: 0, pending: 0 } });
    expect(again.report.message).toMatch(/^Every entry is done: 0 participants enrolled, 2 entries already enrolled \(left unchanged\), 0 entries rejected/);
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
