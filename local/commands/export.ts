import { parseArgs } from 'node:util';

import { apiBaseUrl, type CommandIo, DEFAULT_URL, printParticipantRoute, UsageError, withArgs } from './usage';

export const USAGE = 'Usage: crossgen export --participant <id> [--url http://127.0.0.1:4100]';

/**
 * `crossgen export --participant <id>`: prints everything crossgen holds about that person
 * (GET /participants/{id}/export) as JSON, from a running local cloud or any crossgen HTTP API.
 * Exit 0 on success, 1 when the API refused, 2 on bad usage or when nothing answers at the URL.
 */
export function run(args: string[], io: CommandIo): Promise<number> {
  return withArgs(
    io,
    USAGE,
    () => parse(args),
    ({ participantId, url }) => printParticipantRoute(io, { url, participantId, route: 'export', method: 'GET', what: 'export' }),
  );
}

function parse(args: string[]): { participantId: string; url: string } {
  const options = { participant: { type: 'string' }, url: { type: 'string', default: DEFAULT_URL } } as const;
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>['values'];
  try {
    ({ values } = parseArgs({ args, options }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!values.participant) throw new UsageError('Name the participant with --participant, e.g. crossgen export --participant pt_abc...');
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(values.participant))
    throw new UsageError(`--participant must be a participant id such as pt_..., not "${values.participant}".`);
  return { participantId: values.participant, url: apiBaseUrl(values.url) };
}
