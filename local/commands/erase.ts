import { parseArgs } from 'node:util';

import { apiBaseUrl, type CommandIo, DEFAULT_URL, printParticipantRoute, UsageError, withArgs } from './usage';

export const USAGE = 'Usage: crossgen erase <participantId> [--url http://127.0.0.1:4100]';

/**
 * `crossgen erase <participantId>`: erases that person (POST /participants/{id}/erase) and prints
 * what was erased, from a running local cloud or any crossgen HTTP API. Exit 0 when erased (or
 * erased before), 1 when the API refused, 2 on bad usage or when nothing answers at the URL.
 */
export function run(args: string[], io: CommandIo): Promise<number> {
  return withArgs(
    io,
    USAGE,
    () => parse(args),
    ({ participantId, url }) => printParticipantRoute(io, { url, participantId, route: 'erase', method: 'POST', what: 'erasure' }),
  );
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
  return { participantId, url: apiBaseUrl(parsed.values.url) };
}
