import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/** The options a usage text names (`--quiet`, `--purpose`...). */
const flagsOf = (text: string) => new Set(text.match(/--[a-z][a-z-]*/g) ?? []);

describe('every option a command takes is in its usage, the top-level help and the README', () => {
  const top = crossgen(['--help']).stdout;
  /** A command's entry in the top-level help: its line and the lines that continue it. */
  const entryOf = (command: string) => {
    const lines = top.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`  crossgen ${command} `) || l === `  crossgen ${command}`);
    const rest = lines.slice(at + 1);
    const end = rest.findIndex((l) => !/^\s+\[/.test(l));
    return [lines[at]!, ...rest.slice(0, end === -1 ? rest.length : end)].join(' ');
  };

  it.each(COMMANDS)('%s: the top-level help names the options its own usage names', (command) => {
    const own = crossgen([command, '--help']).stdout.split('\n')[0]!;
    expect(flagsOf(entryOf(command))).toEqual(flagsOf(own));
  });

  it('names the options the commands take that were missing: demo --quiet, local --quiet, every purpose of reply', () => {
    expect(crossgen(['demo', '--help']).stdout).toContain('[--quiet]');
    expect(entryOf('demo')).toContain('[--quiet]');
    expect(entryOf('local')).toContain('[--quiet]');
    expect(entryOf('reply')).toContain('[--purpose acceptance|check-in|milestone|admin-decision|approval|fit]');
  });

  it('the README table names only options the commands take, and --quiet for local and demo', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
    const rowOf = (command: string) => readme.find((l) => l.startsWith(`| \`npx crossgen ${command} `) || l.startsWith(`| \`npx crossgen ${command}\``));
    for (const command of COMMANDS) {
      const row = rowOf(command);
      expect(row, command).toBeDefined();
      const usage = flagsOf(crossgen([command, '--help']).stdout.split('\n')[0]!);
      for (const flag of flagsOf(row!.split('` |')[0]!)) expect(usage, `${command} ${flag}`).toContain(flag);
    }
    expect(rowOf('local')).toContain('[--quiet]');
    expect(rowOf('demo')).toContain('[--quiet]');
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
