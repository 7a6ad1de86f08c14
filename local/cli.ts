import { parseArgs } from 'node:util';
import { startLocalCloud } from './cloud';

type Command = (args: string[]) => Promise<number>;

const io = { stdout: (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`), stderr: (s: string) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`) };

const USAGE = `crossgen: reverse-mentoring workflows on AWS, and the local cloud to try them.

  crossgen local [--port 4100] [--smtp-port 2525] [--data .crossgen | --in-memory] [--speed 1]
                [--ses-max-send-rate 14]
  crossgen demo [--participants 40] [--seed 1] [--url http://127.0.0.1:4100]
  crossgen import <file.csv|file.json> [--program pilot] [--url ...]
  crossgen match <cohort.json> [--table]
  crossgen assign <scores.json>
  crossgen reply <message.eml> [--purpose check-in]
  crossgen report --program <id> [--format json|csv] [--url http://127.0.0.1:4100]
  crossgen export --participant <id> [--url http://127.0.0.1:4100]
  crossgen rotate-key [--url http://127.0.0.1:4100 | --aws] [--secret-id <arn>] [--grace-days 60] [--force]
`;

const local: Command = async (args) => {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string', default: '4100' }, data: { type: 'string' }, 'in-memory': { type: 'boolean', default: false }, speed: { type: 'string', default: '1' }, 'smtp-port': { type: 'string', default: '2525' }, 'ses-max-send-rate': { type: 'string' }, quiet: { type: 'boolean', default: false } },
  });
  const port = Number(values.port);
  const speed = Number(values.speed);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}".`);
  if (!(speed > 0)) throw new UsageError(`--speed must be a positive number of simulated seconds per second, not "${values.speed}".`);
  const dataDir = values['in-memory'] ? undefined : (values.data ?? '.crossgen');
  const smtpPort = Number(values['smtp-port']);
  if (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65535) throw new UsageError(`--smtp-port must be a port number, not "${values['smtp-port']}".`);
  const rate = values['ses-max-send-rate'] === undefined ? undefined : Number(values['ses-max-send-rate']);
  if (rate !== undefined && !(rate > 0)) throw new UsageError(`--ses-max-send-rate must be a positive number of messages per second, not "${values['ses-max-send-rate']}".`);
  const cloud = await startLocalCloud({ port, dataDir, speed, smtpPort, ...(rate === undefined ? {} : { quotas: { sesMaxSendRate: rate } }), log: values.quiet ? undefined : (l) => io.stderr(`[crossgen] ${l}`) });
  io.stdout(`crossgen local cloud ready in ${(cloud.startupMs / 1000).toFixed(1)} s: console at ${cloud.url}/ (replies by SMTP to ${cloud.endpoints.smtp})`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    io.stderr(`[crossgen] ${signal}: stopping the local cloud`);
    await cloud.stop();
    process.exit(0);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => void shutdown(s));
  return new Promise<number>(() => undefined); // runs until a signal
};

class UsageError extends Error {}

const lazy = (file: string): Command => async (args) => {
  const mod = (await import(file)) as { run: (a: string[], o: typeof io) => Promise<number> };
  return mod.run(args, io);
};

const COMMANDS: Record<string, Command> = {
  local,
  demo: lazy('./commands/demo'),
  import: lazy('./commands/import'),
  match: lazy('./commands/match'),
  assign: lazy('./commands/assign'),
  reply: lazy('./commands/reply'),
  report: lazy('./commands/report'),
  export: lazy('./commands/export'),
  'rotate-key': lazy('./commands/rotate-key'),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (e) {
    const err = e as Error;
    io.stderr(err instanceof UsageError || err.name === 'TypeError' && /parseArgs|option/i.test(err.message) ? `${err.message}\n\n${USAGE}` : `crossgen ${name}: ${err.message}`);
    return 2;
  }
}
