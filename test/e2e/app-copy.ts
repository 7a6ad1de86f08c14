import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A copy of the CDK app and the local cloud in a temporary directory, so that a test can change
 * the copy's lib/ and run the copy's local cloud, leaving the working tree alone.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// NodejsFunction looks for the lock file to find the project root, so it travels with package.json.
const COPIED = ['bin', 'lib', 'functions', 'local', 'cdk.json', 'package.json', 'package-lock.json', 'tsconfig.json'];

export interface AppCopy {
  readonly dir: string;
  /** Replaces `anchor` (which must occur exactly once) in a file of the copy. */
  edit(file: string, anchor: string | RegExp, replace: (found: string) => string): void;
  read(file: string): string;
  /** Starts the copy's `crossgen local` on a free port; resolves with its base URL once ready. */
  startLocalCloud(): Promise<string>;
  remove(): Promise<void>;
}

export function copyApp(): AppCopy {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-copy-'));
  for (const entry of COPIED) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  let child: ChildProcess | undefined;
  let stderr = '';

  return {
    dir,
    read: (file) => fs.readFileSync(path.join(dir, file), 'utf8'),
    edit(file, anchor, replace) {
      const full = path.join(dir, file);
      const text = fs.readFileSync(full, 'utf8');
      const matches = typeof anchor === 'string' ? text.split(anchor).length - 1 : [...text.matchAll(new RegExp(anchor, 'g'))].length;
      if (matches !== 1)
        throw new Error(
          `${file} has ${matches} places matching ${String(anchor)}; the test needs exactly one: update the test's anchor to the file's new shape.`,
        );
      fs.writeFileSync(
        full,
        text.replace(anchor, (found) => replace(found)),
      );
    },
    startLocalCloud() {
      child = spawn(process.execPath, [path.join(dir, 'local', 'crossgen.mjs'), 'local', '--port', '0', '--smtp-port', '0', '--in-memory', '--quiet'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
      });
      child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
      return new Promise<string>((resolve, reject) => {
        let out = '';
        child!.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /console at (http:\/\/[^\s/]+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child!.once('exit', (code) => reject(new Error(`The copy's local cloud exited with ${code} before it was ready.\n${stderr}`)));
      });
    },
    async remove() {
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child!.once('exit', r));
        child.kill('SIGTERM');
        const force = setTimeout(() => child?.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(force);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
