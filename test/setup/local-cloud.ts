import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

export interface CloudInfo {
  readonly baseUrl: string;
  readonly dynamoEndpoint: string;
  readonly sesEndpoint: string;
  readonly tableName: string;
  readonly region: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cloud: CloudInfo;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let child: ChildProcess | undefined;
/**
 * A bound, not a measure: ready in ~3 s at rest from the synth cache, but a first start after a
 * change to lib/ synthesizes, and a machine running a second suite beside this one is slow.
 */
const START_LIMIT_S = 240;

/**
 * Starts the local cloud once per test run, exactly as `npm start` does (`crossgen local`), in
 * memory, on a free port, and hands its endpoints to every test file.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // CROSSGEN_CLOUD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the cloud process.
  const nodeArgs = (process.env.CROSSGEN_CLOUD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  child = spawn(
    process.execPath,
    [...nodeArgs, path.join(ROOT, 'local', 'crossgen.mjs'), 'local', '--port', '0', '--smtp-port', '0', '--in-memory', '--quiet'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR' },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-8000);
    if (process.env.CROSSGEN_TEST_VERBOSE) process.stderr.write(d);
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The local cloud did not start within ${START_LIMIT_S} s.\n${stderr}`)), START_LIMIT_S * 1000);
    child!.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /console at (http:\/\/[^\s/]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child!.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The local cloud exited with ${code} before it was ready.\n${stderr}`));
    });
  });
  // CROSSGEN_TEST_CLOCK_ADVANCE (an ISO-8601 duration, e.g. P2DT13H) starts the suite at another
  // simulated day and hour: the tests must not depend on the weekday or the hour they run at.
  const advance = process.env.CROSSGEN_TEST_CLOCK_ADVANCE;
  if (advance) {
    const res = await fetch(`${baseUrl}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance }) });
    if (!res.ok) throw new Error(`CROSSGEN_TEST_CLOCK_ADVANCE=${advance} was refused: ${res.status} ${await res.text()}`);
  }
  const health = (await (await fetch(`${baseUrl}/health`)).json()) as { endpoints: { dynamodb: string; sesv2: string }; tableName: string; region: string };
  project.provide('cloud', {
    baseUrl,
    dynamoEndpoint: health.endpoints.dynamodb,
    sesEndpoint: health.endpoints.sesv2,
    tableName: health.tableName,
    region: health.region,
  });
  return async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}
