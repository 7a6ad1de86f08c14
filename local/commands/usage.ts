/** Where a command writes: the CLI passes the process's streams, tests pass collectors. */
export interface CommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/**
 * A mistake in how the command was called: the CLI prints it with the usage text. Told by its
 * name, never by `instanceof`: `crossgen local` and `crossgen demo` are loaded from source through
 * tsx, so theirs is another copy of this class than the bundled CLI's.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Whether `e` is a UsageError, whichever copy of this module made it. */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof Error && e.name === 'UsageError';
}

/**
 * Runs a command whose arguments `parse` reads: a mistake in them is printed with the usage text
 * (exit 2), anything else is `act`'s to answer.
 */
export async function withArgs<T>(io: CommandIo, usage: string, parse: () => T, act: (parsed: T) => Promise<number>): Promise<number> {
  let parsed: T;
  try {
    parsed = parse();
  } catch (e) {
    if (!isUsageError(e)) throw e;
    io.stderr(`${e.message}\n${usage}\n`);
    return 2;
  }
  return act(parsed);
}

/** Where `npm start` serves the local cloud: the default of every command that calls an API. */
export const DEFAULT_URL = 'http://127.0.0.1:4100';

/**
 * Calls one route of a crossgen HTTP API and prints its answer (exit 0): JSON re-indented, or the
 * text as it came with `asText`. Says why it was refused (exit 1) or that nothing answers at the
 * URL (exit 2, as every command says it: a script tells "no cloud" from "no such participant").
 * `refused` names what was asked for, e.g. `The report of "pilot"`.
 */
export async function printApiAnswer(
  io: CommandIo,
  call: { url: string; path: string; method: 'GET' | 'POST'; refused: string; asText?: boolean },
): Promise<number> {
  let res: Response;
  try {
    res = await fetch(`${call.url}${call.path}`, { method: call.method });
  } catch (e) {
    io.stderr(`Could not reach ${call.url} (${(e as Error).message}): start the local cloud with \`npm start\`, or give the API's address with --url.\n`);
    return 2;
  }
  // Text is printed as it came: `res.text()` would drop a CSV's byte-order mark, which tells a
  // spreadsheet the file is UTF-8.
  const text = new TextDecoder('utf-8', { ignoreBOM: call.asText === true }).decode(await res.arrayBuffer());
  if (!res.ok) {
    let message = text;
    try {
      // The HTTP API's refusals say `error`, the local API's `message` (docs/local.md).
      const body = JSON.parse(text) as { error?: unknown; message?: unknown };
      message = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : text;
    } catch {
      // not JSON: show it as it came
    }
    io.stderr(`${call.refused} was refused (${res.status}): ${message}\n`);
    return 1;
  }
  io.stdout(call.asText ? text : `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  return 0;
}

/** One participant route (`crossgen export` and `crossgen erase`): see printApiAnswer. */
export function printParticipantRoute(
  io: CommandIo,
  call: { url: string; participantId: string; route: 'export' | 'erase'; method: 'GET' | 'POST'; what: string },
): Promise<number> {
  return printApiAnswer(io, {
    url: call.url,
    path: `/participants/${encodeURIComponent(call.participantId)}/${call.route}`,
    method: call.method,
    refused: `The ${call.what} of "${call.participantId}"`,
  });
}

/** `--url` as the base of the API's routes (no trailing slash), or a usage error. */
export function apiBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url must be an address such as ${DEFAULT_URL}, not "${raw}".`);
  }
  return url.origin + url.pathname.replace(/\/$/, '');
}
