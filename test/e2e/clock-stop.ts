import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A local cloud under --data in a process of its own, stopped in the middle of a clock advance
 * right after a timer fired: by a kill -9, or by Ctrl-C as `crossgen local` takes it. The stop
 * comes from the fired timer's own work, so it lands at that very moment on every run, however
 * busy the machine (no race with real time). `test/e2e/restart-clock.test.ts` runs it.
 */

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(HERE), '..', '..');

/** Where the clock is set before the advance, the timer whose work is cut, and the next one (QA restart8's moments). */
export const MOMENTS = {
  start: Date.parse('2027-05-25T12:00:00Z'),
  fired: Date.parse('2027-06-05T23:00:00Z'),
  next: Date.parse('2027-06-06T23:00:00Z'),
} as const;
/** The advance asked for: 14 days from `start`, past both timers. */
export const ADVANCE = 'P14D';

export type StopKind = 'kill' | 'interrupt';

/** What the child reports (interrupt only: a killed child says nothing): the answer to its advance. */
export interface ChildReport {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Runs the child on `dataDir`; resolves when it has exited, with how, and its report if it made one. */
export function runStoppedCloud(
  kind: StopKind,
  dataDir: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; report?: ChildReport; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HERE, kind, dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith('{"status"'));
      resolve({ code, signal, stderr, ...(line ? { report: JSON.parse(line) as ChildReport } : {}) });
    });
  });
}

async function stopMidAdvance(kind: StopKind, dataDir: string): Promise<void> {
  const { startLocalCloud } = await import('../../local/cloud');
  const cloud = await startLocalCloud({ port: 0, smtpPort: 0, speed: 0, dataDir });
  const moveClock = (body: unknown) =>
    fetch(`${cloud.url}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const set = await moveClock({ to: new Date(MOMENTS.start).toISOString() });
  if (set.status !== 200) throw new Error(`Setting the clock answered ${set.status}: ${await set.text()}`);
  let stopped: Promise<void> | undefined;
  // As `crossgen local` takes Ctrl-C; the fired timer's work stays under way until it is taken.
  process.once('SIGINT', () => {
    stopped = cloud.stop();
    cloud.clock.end();
  });
  void cloud.clock.sleepUntil(MOMENTS.fired).then(() => {
    if (kind === 'kill') process.kill(process.pid, 'SIGKILL');
    cloud.clock.begin();
    process.kill(process.pid, 'SIGINT');
  });
  void cloud.clock.sleepUntil(MOMENTS.next);
  const answer = await moveClock({ advance: ADVANCE });
  const report: ChildReport = { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  await stopped;
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}

if (process.argv[1] === HERE) {
  const [kind, dataDir] = process.argv.slice(2);
  if ((kind !== 'kill' && kind !== 'interrupt') || !dataDir) throw new Error('Usage: node --import tsx clock-stop.ts kill|interrupt <data dir>');
  await stopMidAdvance(kind, dataDir);
}
