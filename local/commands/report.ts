import { parseArgs } from 'node:util';

import { isProgramId, PROGRAM_ID_RULE } from '../../functions/domain/program-id';
import { apiBaseUrl, type CommandIo, DEFAULT_URL, printApiAnswer, UsageError, withArgs } from './usage';

export const USAGE = 'Usage: crossgen report --program <id> [--format json|csv] [--url http://127.0.0.1:4100]';

/**
 * `crossgen report --program <id>`: prints the program's report (GET /programs/{id}/report) from a
 * running local cloud or any crossgen HTTP API, as JSON or, with `--format csv`, as the CSV a
 * spreadsheet opens. Exit 0 on success, 1 when the API refused, 2 on bad usage or when nothing answers at the URL.
 */
export function run(args: string[], io: CommandIo): Promise<number> {
  return withArgs(
    io,
    USAGE,
    () => parse(args),
    ({ programId, format, url }) =>
      printApiAnswer(io, {
        url,
        path: `/programs/${encodeURIComponent(programId)}/report${format === 'csv' ? '?format=csv' : ''}`,
        method: 'GET',
        refused: `The report of "${programId}"`,
        asText: format === 'csv',
      }),
  );
}

function parse(args: string[]): { programId: string; format: 'json' | 'csv'; url: string } {
  const options = { program: { type: 'string' }, format: { type: 'string', default: 'json' }, url: { type: 'string', default: DEFAULT_URL } } as const;
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>['values'];
  try {
    ({ values } = parseArgs({
      args,
      options,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!values.program) throw new UsageError('Name the program with --program, e.g. crossgen report --program pilot.');
  if (!isProgramId(values.program)) throw new UsageError(`--program must be a program id (${PROGRAM_ID_RULE}), not "${values.program}".`);
  if (values.format !== 'json' && values.format !== 'csv') throw new UsageError(`--format must be json or csv, not "${values.format}".`);
  return { programId: values.program, format: values.format, url: apiBaseUrl(values.url) };
}
