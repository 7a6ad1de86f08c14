import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Harness } from '../workflows/harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `crossgen local --data <dir>` on a fixed port, as a newcomer runs it (npm start keeps data), for
 * the tests that stop a local cloud and start it again. `ready` gives its base URL. `speed` 0
 * stops the clock between the test's own moves (`--speed 0`): what a task stamps and the emails it
 * then sends carry the same simulated moment, however long the sending takes on a busy machine.
 * A first start in an empty `dataDir` honours CROSSGEN_TEST_CLOCK_ADVANCE as the suite's shared
 * clouds do (test/setup/local-cloud.ts); a restart goes on from the clock it kept.
 */
export function startCloud(dataDir: string, port: number, opts: { speed?: number } = {}): { child: ChildProcess; ready: Promise<string> } {
  const fresh = !fs.existsSync(dataDir) || fs.readdirSync(dataDir).length === 0;
  const speed = opts.speed === undefined ? [] : ['--speed', String(opts.speed)];
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'local', 'crossgen.mjs'), 'local', '--port', String(port), '--smtp-port', '0', '--data', dataDir, '--quiet', ...speed],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' } },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /console at (http:\/\/[^\s/]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code, signal) => reject(new Error(`The local cloud exited (${code ?? signal}) before it was ready.\n${stderr}`)));
  });
  const advance = process.env.CROSSGEN_TEST_CLOCK_ADVANCE;
  if (!fresh || !advance) return { child, ready };
  const moved = ready.then(async (baseUrl) => {
    const res = await fetch(`${baseUrl}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance }) });
    if (!res.ok) throw new Error(`CROSSGEN_TEST_CLOCK_ADVANCE=${advance} was refused: ${res.status} ${await res.text()}`);
    return baseUrl;
  });
  return { child, ready: moved };
}

/** Sends `signal` to the cloud and waits until it has exited (at once if it already has). */
export async function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await done;
}

/** A program with its own admin, a mentor and a mentee who want each other's topics, and its matching run. */
export type Cohort = { admin: string; programId: string; people: { email: string }[]; runId: string };

/** One such cohort per name, each with a matching run started through the HTTP API (202). */
export async function startCohorts(h: Harness, baseUrl: string, names: readonly string[]): Promise<Cohort[]> {
  const cohorts: Cohort[] = [];
  for (const name of names) {
    const admin = `admin-${name}-${h.tag}@example.com`;
    const programId = await h.program({ admins: [admin] });
    const people = [
      await h.enrol({ programId, role: 'mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] }),
      await h.enrol({ programId, role: 'mentee', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], timeZone: 'Europe/Berlin' }),
    ];
    const res = await fetch(`${baseUrl}/programs/${programId}/matching`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const body = (await res.json()) as { runId?: string };
    expect(res.status, JSON.stringify(body)).toBe(202);
    cohorts.push({ admin, programId, people, runId: body.runId as string });
  }
  return cohorts;
}
