import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, type CommandIo } from './usage';

export const USAGE = 'Usage: crossgen local [--port 4100] [--smtp-port 2525] [--data .crossgen | --in-memory] [--speed 1] [--quiet] [--ses-max-send-rate 14]';

/** `crossgen local`: the whole of crossgen on this machine until a signal stops it. */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4100' },
      data: { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      speed: { type: 'string', default: '1' },
      'smtp-port': { type: 'string', default: '2525' },
      quiet: { type: 'boolean', default: false },
      'ses-max-send-rate': { type: 'string' },
    },
  });
  const port = Number(values.port);
  const speed = Number(values.speed);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}".`);
  // 0 holds the clock: simulated time moves only when POST /local/clock moves it (tests, scripts).
  if (!(values.speed.trim() !== '' && Number.isFinite(speed) && speed >= 0))
    throw new UsageError(`--speed must be a number of simulated seconds per second, 0 or more (0 holds the clock), not "${values.speed}".`);
  // Both given, one would be dropped without a word: a script that added --data to --in-memory
  // would believe its data kept.
  if (values['in-memory'] && values.data !== undefined)
    throw new UsageError(`--data and --in-memory exclude each other: choose one (--data ${values.data} keeps the data there, --in-memory keeps nothing).`);
  const dataDir = values['in-memory'] ? undefined : (values.data ?? '.crossgen');
  const smtpPort = Number(values['smtp-port']);
  if (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65535) throw new UsageError(`--smtp-port must be a port number, not "${values['smtp-port']}".`);
  const rate = values['ses-max-send-rate'] === undefined ? undefined : Number(values['ses-max-send-rate']);
  if (rate !== undefined && !(rate > 0))
    throw new UsageError(`--ses-max-send-rate must be a positive number of messages per second, not "${values['ses-max-send-rate']}".`);
  if (dataDir !== undefined) makeDataDir(dataDir);
  // Loaded only to run: `crossgen local --help` needs neither the CDK nor an emulator.
  const { startLocalCloud } = await import('../cloud');
  const cloud = await startLocalCloud({
    port,
    dataDir,
    speed,
    smtpPort,
    ...(rate === undefined ? {} : { quotas: { sesMaxSendRate: rate } }),
    log: values.quiet ? undefined : (l) => io.stderr(`[crossgen] ${l}\n`),
  });
  io.stdout(`crossgen local cloud ready in ${(cloud.startupMs / 1000).toFixed(1)} s: console at ${cloud.url}/ (replies by SMTP to ${cloud.endpoints.smtp})\n`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    io.stderr(`[crossgen] ${signal}: stopping the local cloud\n`);
    await cloud.stop();
    process.exit(0);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => void shutdown(s));
  return new Promise<number>(() => undefined); // runs until a signal
}

/** Creates the --data directory now, so that a path that cannot be one is refused by the flag's name. */
function makeDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`--data names a file, not a directory: "${dir}". Pass a directory (it is created if missing).`);
    if (code === 'ENOTDIR') throw new UsageError(`--data names a path under a file, not a directory: "${dir}". Pass a directory (it is created if missing).`);
    throw new UsageError(`--data "${dir}" cannot be made a directory (${code ?? (e as Error).message}): pass a directory you can write to.`);
  }
}
