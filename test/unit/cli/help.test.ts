import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processIo } from '../../../local/cli';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const COMMANDS = ['local', 'demo', 'import', 'match', 'assign', 'reply', 'report', 'export', 'erase', 'rotate-key'];

// As a user runs it: the built CLI, in a process of its own.
function crossgen(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'local', 'crossgen.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('crossgen <command> --help', () => {
  it.each(COMMANDS)('%s --help prints the usage of that command and exits 0', (command) => {
    const out = crossgen([command, '--help']);
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(new RegExp(`^Usage: crossgen ${command}( |$)`, 'm'));
    expect(out.status).toBe(0);
  });

  it('takes -h too, and --help among other options, even where a required option is missing', () => {
    for (const args of [
      ['report', '-h'],
      ['import', 'people.csv', '--program', 'pilot', '--help'],
      ['export', '--url', 'http://127.0.0.1:1', '-h'],
    ]) {
      const out = crossgen(args);
      expect(out.stdout).toMatch(new RegExp(`^Usage: crossgen ${args[0]} `));
      expect(out.status).toBe(0);
    }
  });

  it('leaves a --help after -- to the command, as one of its operands', () => {
    const out = crossgen(['import', '--', '--help']);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/^--help is neither a \.csv nor a \.json file/);
  });
});

describe('crossgen local --speed', () => {
  it.each(['-1', 'fast', ''])('refuses %j, saying 0 holds the clock, before starting anything', (speed) => {
    const out = crossgen(['local', `--speed=${speed}`, '--in-memory']);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`--speed must be a number of simulated seconds per second, 0 or more (0 holds the clock), not "${speed}".`);
  });
});

describe('the streams the CLI writes to', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes what a command gives them as it is, so that a progress bar can be redrawn in place with \\r', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    processIo.stderr('\r[###...] 1/2 rows done');
    processIo.stderr('\r[######] 2/2 rows done');
    processIo.stderr('\n');
    expect(write.mock.calls.map((c) => c[0])).toEqual(['\r[###...] 1/2 rows done', '\r[######] 2/2 rows done', '\n']);
  });
});
