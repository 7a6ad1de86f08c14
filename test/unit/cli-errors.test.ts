import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run as demo } from '../../local/commands/demo';
import { run as report } from '../../local/commands/report';

// What the CLI says when it is given what a newcomer gives it: the URL `crossgen local` prints, no
// cloud, a bad URL, a file that is not an email, a refusal of the local API.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'crossgen-cli-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** As a user runs it: the built CLI, in a process of its own. */
function crossgen(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'local', 'crossgen.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

function collector() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

/** A stand-in HTTP server that records the paths asked for and answers with `answer`. */
async function fakeApi(answer: (path: string) => { status: number; body: unknown }) {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    const { status, body } = answer(req.url ?? '');
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, paths, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('crossgen demo --url', () => {
  it('takes the URL as `crossgen local` prints it, with its trailing slash: routes are never asked for as //path', async () => {
    const api = await fakeApi((p) =>
      p === '/health' ? { status: 200, body: { status: 'ok', region: 'eu-west-1' } } : { status: 500, body: { message: 'stop here' } },
    );
    try {
      const { io } = collector();
      await expect(demo(['--url', `${api.url}/`, '--participants', '2', '--quiet'], io)).rejects.toThrow(/GET \/local\/clock answered 500/);
      expect(api.paths.slice(0, 2)).toEqual(['/health', '/health']);
      expect(api.paths.filter((p) => p.startsWith('//'))).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('refuses a --url that is no address, with its usage', async () => {
    const { out, io } = collector();
    expect(await demo(['--url', 'notaurl', '--quiet'], io)).toBe(2);
    expect(out.stderr).toMatch(/^--url must be an address such as http:\/\/127\.0\.0\.1:4100, not "notaurl"\.\nUsage: crossgen demo /);
  });
});

describe('crossgen rotate-key without a local cloud', () => {
  it('says in one line that no local cloud answers at the URL and what to do, not "connect ECONNREFUSED"', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const out = crossgen(['rotate-key', '--url', url]);
    expect(out.stderr).toBe(
      `No local cloud answers at ${url}: start one with \`npx crossgen local\`, or pass --url (or --aws to rotate the key of your AWS account).\n`,
    );
    expect(out.status).toBe(2);
  });

  it('names --url when the URL is no address, with the usage, not "Invalid URL"', () => {
    const out = crossgen(['rotate-key', '--url', 'notaurl']);
    expect(out.stderr).toMatch(/^--url must be an address such as http:\/\/127\.0\.0\.1:4100, not "notaurl"\.\nUsage: crossgen rotate-key /);
    expect(out.status).toBe(2);
  });
});

describe('crossgen reply on a file that is not an email', () => {
  const email = ['From: Jane Doe <jane.doe@example.com>', 'To: reply+abc@reply.example.com', 'Subject: Re: Check-in', '', 'YES 4 great chat', ''].join('\r\n');
  it.each([
    ['a JSON file', 'cohort.json', '{"participants": []}', /it is not an email message/],
    ['an empty file', 'empty.eml', '', /The message is empty/],
    ['bytes that are no text', 'noise.eml', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256)), /./],
  ])('prints what it read as JSON and exits 1 on %s', (_what, name, content, reason) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    const out = crossgen(['reply', file]);
    const read = JSON.parse(out.stdout) as { intent: string; reason: string };
    expect(read.intent).toBe('unclear');
    expect(read.reason).toMatch(reason);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(1);
  });

  it('exits 0 on an email, even one whose answer is unclear', () => {
    const file = path.join(dir, 'reply.eml');
    writeFileSync(file, email);
    expect(crossgen(['reply', file, '--purpose', 'check-in']).status).toBe(0);
    const unclear = path.join(dir, 'unclear.eml');
    writeFileSync(unclear, email.replace('YES 4 great chat', 'hmm'));
    const out = crossgen(['reply', unclear]);
    expect(JSON.parse(out.stdout).intent).toBe('unclear');
    expect(out.status).toBe(0);
  });

  it('says so in its help', () => {
    expect(crossgen(['reply', '--help']).stdout).toContain('1 when the\nfile is not an email message');
  });
});

describe('a refusal of the local API', () => {
  it('is printed by its `message`, not as raw JSON', async () => {
    const api = await fakeApi((p) => ({ status: 404, body: { message: `No route for GET ${p.split('?')[0]}` } }));
    try {
      const { out, io } = collector();
      expect(await report(['--program', 'pilot', '--url', `${api.url}/dev`], io)).toBe(1);
      expect(out.stderr).toBe('The report of "pilot" was refused (404): No route for GET /dev/programs/pilot/report\n');
    } finally {
      await api.close();
    }
  });
});

describe('crossgen local, loaded from source, with a bad option', () => {
  it('prints the message with the usage, as every other command does', () => {
    const out = crossgen(['local', '--port', 'abc']);
    expect(out.stderr).toMatch(/^--port must be a port number, not "abc"\.\n\ncrossgen: reverse-mentoring workflows/);
    expect(out.stderr).toContain('crossgen local [--port 4100]');
    expect(out.status).toBe(2);
  });
});
