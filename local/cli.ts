import { type CommandIo, isUsageError } from './commands/usage';

/**
 * The `crossgen` command. Each command is loaded when it is called, so that `--help`, `assign`,
 * `match`, `reply` and `import` load neither the CDK nor the emulators. local/crossgen.mjs runs
 * this file bundled by esbuild (local/build-cli.mjs, at install time).
 */

/** A command: its run, and its usage line, printed for `crossgen <command> --help`. */
type Command = { run: (args: string[], io: CommandIo) => Promise<number>; USAGE: string };

/**
 * The process's streams, written exactly as given: a command ends its own lines, so that
 * `crossgen import` can redraw its progress bar in place with `\r` on a terminal.
 */
export const processIo: CommandIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

const USAGE = `crossgen: reverse-mentoring workflows on AWS, and the local cloud to try them.

  crossgen local [--port 4100] [--smtp-port 2525] [--data .crossgen | --in-memory] [--speed 1]
                [--quiet] [--ses-max-send-rate 14]
  crossgen demo [--participants 40] [--seed 1] [--url http://127.0.0.1:4100] [--quiet]
  crossgen import <file.csv|file.json> [--program pilot] [--url ...]
  crossgen match <cohort.json> [--table]
  crossgen assign <scores.json>
  crossgen reply <message.eml> [--purpose acceptance|check-in|milestone|admin-decision|approval|fit]
  crossgen report --program <id> [--format json|csv] [--url http://127.0.0.1:4100]
  crossgen export --participant <id> [--url http://127.0.0.1:4100]
  crossgen erase <participantId> [--url http://127.0.0.1:4100]
  crossgen rotate-key [--url http://127.0.0.1:4100 | --aws] [--secret-id <arn>] [--grace-days 60] [--force]
`;

/**
 * Commands that run the local cloud execute our Lambda handlers from their TypeScript entries,
 * the files the CDK app bundles for AWS: they are loaded from source, through tsx, never bundled
 * into the CLI. (Under tsx or vitest, this file is itself the source and tsx is already there.)
 */
async function fromSource(name: string): Promise<Command> {
  const here = import.meta.url;
  const isSource = here.endsWith('.ts');
  if (!isSource) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  return (await import(new URL(`${isSource ? './' : '../../local/'}commands/${name}.ts`, here).href)) as Command;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  local: () => fromSource('local'),
  demo: () => fromSource('demo'),
  import: () => import('./commands/import'),
  match: () => import('./commands/match'),
  assign: () => import('./commands/assign'),
  reply: () => import('./commands/reply'),
  report: () => import('./commands/report'),
  export: () => import('./commands/export'),
  erase: () => import('./commands/erase'),
  'rotate-key': () => import('./commands/rotate-key'),
};

/** `--help` or `-h` before any `--` (after it, arguments are the command's operands as written). */
function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

export async function main(argv: string[]): Promise<number> {
  const io = processIo;
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    const command = await load();
    // Whatever else the command line says: a person asking how to call a command gets its usage.
    if (asksForHelp(rest)) {
      io.stdout(`${command.USAGE}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    const err = e as Error;
    const usage = isUsageError(err) || (err.name === 'TypeError' && /parseArgs|option/i.test(err.message));
    io.stderr(usage ? `${err.message}\n\n${USAGE}` : `crossgen ${name}: ${err.message}\n`);
    return 2;
  }
}
