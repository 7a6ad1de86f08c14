import { parseArgs } from 'node:util';

import { type CommandIo, DEFAULT_URL, UsageError } from './usage';

const USAGE = 'Usage: crossgen erase <participantId> [--url http://127.0.0.1:4100]';

/**
 * `crossgen erase <participantId>`: erases that person (POST /participants/{id}/erase) and prints
 * what was erased, from a running local cloud or any crossgen HTTP API. Exit 0 when erased (or
 * erased before), 1 when the API refused, 2 on bad usage.
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  let participantId: string;
  let url: string;
  try {
    ({ participantId, url } = parse(args));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  let res: Response;
  try {
    res = await fetch(`${url}/participants/${encodeURIComponent(participantId)}/erase`, { method: 'POST' });
  } catch (e) {
    io.stderr(`Could not reach ${url} (${(e as Error).message}): start the local cloud with \`npm start\`, or give the API's address with --url.\n`);
    return 1;
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {
      // not JSON: show it as it came
    }
    io.stderr(`The erasure of "${participantId}" was refused (${res.status}): ${message}\n`);
    return 1;
  }
  io.stdout(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  return 0;
}

function parse(args: string[]): { participantId: string; url: string } {
  const options = { url: { type: 'string', default: DEFAULT_URL } } as const;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [participantId, ...extra] = parsed.positionals;
  if (!participantId) throw new UsageError('Name the participant to erase, e.g. crossgen erase pt_abc...');
  if (extra.length > 0) throw new UsageError(`Erase one participant at a time; "${extra.join(' ')}" is more than that.`);
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(participantId)) throw new UsageError(`The participant must be an id such as pt_..., not "${participantId}".`);
  let url: URL;
  try {
    url = new URL(parsed.values.url);
  } catch {
    throw new UsageError(`--url must be an address such as ${DEFAULT_URL}, not "${parsed.values.url}".`);
  }
  return { participantId, url: url.origin + url.pathname.replace(/\/$/, '') };
}
