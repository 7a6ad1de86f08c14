import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The local cloud as a user meets it: `crossgen local` started in a fresh process (templates
 * from the synth cache, DynamoDB Local's JVM and all), timed until it prints its console URL and
 * answers /health; then the resident memory of its whole process tree, read from /proc.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ProcessMemory {
  readonly pid: number;
  readonly command: string;
  readonly rssMb: number;
}

export interface ColdStart {
  readonly readyMs: number;
  /** What the cloud itself reports (from its first line of code to ready). */
  readonly reportedMs: number;
  readonly memory: ProcessMemory[];
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

function commandOf(pid: number): string {
  return fs
    .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    .split('\0')
    .filter(Boolean)
    .map((a) => path.basename(a))
    .slice(0, 3)
    .join(' ');
}

/** A process and all its descendants (children listed by the kernel per thread). */
export function processTree(root: number): number[] {
  const out: number[] = [];
  const visit = (pid: number) => {
    out.push(pid);
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children = '';
      try {
        children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      } catch {
        continue; // the thread ended meanwhile
      }
      for (const child of children ? children.split(/\s+/).map(Number) : []) visit(child);
    }
  };
  visit(root);
  return out;
}

export function memoryOfTree(root: number): ProcessMemory[] {
  return processTree(root).flatMap((pid) => {
    try {
      return [{ pid, command: commandOf(pid), rssMb: rssMb(pid) }];
    } catch {
      return []; // exited meanwhile
    }
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(force);
}

/**
 * One start of `crossgen local` in a new process on free ports, in memory; the process is stopped
 * after. `synthCache: false` makes it synthesize the CDK app as on a first run after a change.
 */
export async function coldStart(opts: { synthCache?: boolean } = {}): Promise<ColdStart> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'local', 'crossgen.mjs'), 'local', '--port', '0', '--smtp-port', '0', '--in-memory', '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', ...(opts.synthCache === false ? { CROSSGEN_SYNTH_CACHE: 'off' } : {}) },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  try {
    const { url, reportedMs } = await new Promise<{ url: string; reportedMs: number }>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /ready in ([\d.]+) s: console at (http:\/\/[^\s/]+)/.exec(out);
        if (m) resolve({ url: m[2]!, reportedMs: Number(m[1]) * 1000 });
      });
      child.once('exit', (code) => reject(new Error(`crossgen local exited with ${code} before it was ready.\n${stderr}`)));
    });
    const health = await fetch(`${url}/health`);
    if (!health.ok) throw new Error(`The local cloud said it was ready but /health answered ${health.status}.`);
    const readyMs = performance.now() - t0;
    return { readyMs, reportedMs, memory: memoryOfTree(child.pid!) };
  } finally {
    await stopChild(child);
  }
}

/** Resident memory of a bare Node process, the reference the local cloud's node process is compared with. */
export async function bareNodeRssMb(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'process.stdout.write("up\\n"); setInterval(() => {}, 1000)'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    await new Promise((resolve) => child.stdout?.once('data', resolve));
    return rssMb(child.pid!);
  } finally {
    await stopChild(child);
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * A parallel CPU load: one busy process per core, as when the test suite or another build runs
 * beside the local cloud. Returns the function that stops it.
 */
export function startCpuLoad(processes = os.availableParallelism()): () => Promise<void> {
  const children = Array.from({ length: processes }, () => spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random())'], { stdio: 'ignore' }));
  return async () => {
    await Promise.all(children.map((c) => stopChild(c)));
  };
}
