import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run as erase } from '../../../local/commands/erase';
import { run as exportData } from '../../../local/commands/export';
import { run as importFile } from '../../../local/commands/import';
import { run as report } from '../../../local/commands/report';

// What a newcomer met trying the CLI (QA cli2): flags that silently dropped one another, a JSON
// re-import that said everyone was enrolled, exit codes a script could not tell apart.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'crossgen-newcomer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** As a user runs it: the built CLI, in a process of its own (SIGTERM stops a local cloud cleanly). */
function crossgen(args: string[], timeout = 60_000) {
  return spawnSync(process.execPath, [path.join(ROOT, 'local', 'crossgen.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout,
    killSignal: 'SIGTERM',
  });
}

function collector() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

/** A stand-in crossgen API: records the requests and answers each with `answer`. */
async function fakeApi(answer: (path: string, body: any) => { status: number; body: unknown }) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      const { status, body } = answer(req.url ?? '', text ? JSON.parse(text) : undefined);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Imports `file` into a stand-in API answering with `answer`: the exit code, the output and the requests it got. */
async function importInto(file: string, answer: Parameters<typeof fakeApi>[0]) {
  const api = await fakeApi(answer);
  try {
    const { out, io } = collector();
    const code = await importFile([file, '--url', api.url], io);
    return { code, out, requests: api.requests };
  } finally {
    await api.close();
  }
}

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const api = await fakeApi(() => ({ status: 200, body: {} }));
  await api.close();
  return api.port;
}

describe('crossgen local with flags that cannot all hold', () => {
  it('refuses --data with --in-memory (exit 2): given both, the data would silently not be kept', () => {
    const data = path.join(dir, 'kept');
    const out = crossgen(['local', '--data', data, '--in-memory', '--port', '0', '--smtp-port', '0', '--quiet'], 30_000);
    expect(out.stderr).toMatch(/^--data and --in-memory exclude each other: choose one /);
    expect(out.status).toBe(2);
    expect(existsSync(data)).toBe(false);
  });

  it.each([
    ['a file', (file: string) => file, /^--data names a file, not a directory: ".*people\.csv"\. Pass a directory/],
    ['a path under a file', (file: string) => path.join(file, 'sub'), /^--data names a path under a file, not a directory: /],
  ])('names --data when it is %s (exit 2), not "EEXIST: file already exists, mkdir"', (_what, dataOf, message) => {
    const file = path.join(dir, 'people.csv');
    writeFileSync(file, 'name,email\n');
    const out = crossgen(['local', '--data', dataOf(file), '--port', '0', '--smtp-port', '0', '--quiet']);
    expect(out.stderr).toMatch(message);
    expect(out.status).toBe(2);
  });

  it('names --port when the port is taken (exit 2), not "listen EADDRINUSE"', async () => {
    const taken = await fakeApi(() => ({ status: 200, body: {} }));
    try {
      const out = crossgen(['local', '--port', String(taken.port), '--smtp-port', '0', '--in-memory', '--quiet']);
      expect(out.stderr).toBe(`crossgen local: port ${taken.port} is taken: pass another --port, or stop what listens on 127.0.0.1:${taken.port}.\n`);
      expect(out.status).toBe(2);
    } finally {
      await taken.close();
    }
  });
});

describe('crossgen import of a JSON file', () => {
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const people = [
    { name: 'Ada Lovelace', email: 'ada@example.com' },
    { name: 'Grace Hopper', email: 'grace@example.com' },
  ];

  it('imported again, says that nobody new was enrolled and that no confirmation went out', async () => {
    // POST /participants answers 200 for someone already enrolled (201 when new): no second email.
    const { code, out } = await importInto(write('again.json', people), (_p, body) => ({
      status: 200,
      body: { participantId: `pt_${body.email.split('@')[0]}` },
    }));
    expect(code).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report).toMatchObject({ rows: 2, created: 0, alreadyEnrolled: 2, confirmations: { sent: 0, pending: 0 } });
    expect(report.message).toBe(
      'Every entry is done: 0 participants enrolled, 2 entries already enrolled (left unchanged), 0 entries rejected and not stored. 0 confirmations sent, none a second time to those already enrolled.',
    );
  });

  it('counts the new and the already enrolled apart, and the confirmations of the new only', async () => {
    const { code, out } = await importInto(write('mixed.json', [...people, { name: 'No Mail', email: 'x' }]), (_p, body) =>
      body.email === 'ada@example.com'
        ? { status: 201, body: { participantId: 'pt_ada' } }
        : body.email === 'grace@example.com'
          ? { status: 200, body: { participantId: 'pt_grace' } }
          : { status: 400, body: { error: 'refused', issues: [{ field: 'email', message: 'must be an email address' }] } },
    );
    expect(code).toBe(1);
    const report = JSON.parse(out.stdout);
    expect(report).toMatchObject({ rows: 3, created: 1, alreadyEnrolled: 1, confirmations: { sent: 1, pending: 0 } });
    expect(report.message).toBe(
      'Every entry is done: 1 participant enrolled, 1 entry already enrolled (left unchanged), 1 entry rejected and not stored. 1 confirmation sent, none a second time to those already enrolled.',
    );
  });

  it.each([
    ['an empty array', []],
    ['an empty "participants" array', { participants: [] }],
  ])('refuses %s with exit 1, as an empty CSV is, and asks nothing of the API', async (_what, content) => {
    const { code, out, requests } = await importInto(write('empty.json', content), () => ({ status: 201, body: { participantId: 'pt_x' } }));
    expect(code).toBe(1);
    expect(out.stderr).toBe('Nothing was imported: empty.json holds no participants: put one object per participant in its array and import it again.\n');
    expect(JSON.parse(out.stdout)).toMatchObject({ issues: [{ field: '(file)', message: 'holds no participants' }] });
    expect(requests).toEqual([]);
  });
});

describe('every command that calls an API, when nothing answers at --url', () => {
  it.each([
    ['report', (url: string) => report(['--program', 'pilot', '--url', url], collector().io)],
    ['export', (url: string) => exportData(['--participant', 'pt_x', '--url', url], collector().io)],
    ['erase', (url: string) => erase(['pt_x', '--url', url], collector().io)],
  ])('%s exits 2, as import, demo and rotate-key do, not 1 as for a refusal', async (_command, call) => {
    expect(await call(`http://127.0.0.1:${await closedPort()}`)).toBe(2);
  });
});

describe('the README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const flagsOf = (text: string) => new Set(text.match(/--[a-z][a-z-]*/g) ?? []);

  it.each(['local', 'demo', 'import', 'match', 'assign', 'reply', 'report', 'export', 'erase', 'rotate-key'])(
    'names every option of `crossgen %s` that its usage names',
    (command) => {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`npx crossgen ${command} `) || l.startsWith(`| \`npx crossgen ${command}\``));
      const usage = crossgen([command, '--help']).stdout.split('\n')[0]!;
      expect(flagsOf(row!.split('` |')[0]!)).toEqual(flagsOf(usage));
    },
  );

  it('names the formats of report, says where the flags of npm start go and what the exit codes mean', () => {
    expect(readme).toContain('[--format json\\|csv]');
    expect(readme).toContain('`npm start -- --port');
    expect(readme).toMatch(/exit 0 when done, 1 when the request was refused or failed[\s\S]*2 on bad usage or when no\s+cloud answers/);
  });
});
