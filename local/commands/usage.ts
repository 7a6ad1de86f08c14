/** Where a command writes: the CLI passes the process's streams, tests pass collectors. */
export interface CommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** A mistake in how the command was called: the CLI prints it with the usage text. */
export class UsageError extends Error {}

/** Where `npm start` serves the local cloud: the default of every command that calls an API. */
export const DEFAULT_URL = 'http://127.0.0.1:4100';
