import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { describeIssues, toFieldIssues } from '../../functions/domain/validation';
import { solveAssignment } from '../../functions/domain/matching/solver';
import type { CommandIo } from './usage';

export const USAGE = 'Usage: crossgen assign <scores.json>   (the file holds {"scores": [[...], ...]}, null = forbidden pair)';

const scoresFileSchema = z
  .object({
    scores: z.array(z.array(z.number().nullable(), { message: 'must be a list of rows, each a list of numbers or null' })),
  })
  .strict()
  .superRefine((f, ctx) => {
    const width = f.scores[0]?.length ?? 0;
    f.scores.forEach((row, i) => {
      if (row.length !== width) {
        ctx.addIssue({
          code: 'custom',
          path: ['scores', i],
          message: `has ${row.length} cells but row 0 has ${width}: every row needs the same number of columns`,
        });
      }
    });
  });

/**
 * The score matrix of a file that `scoresFileSchema` accepts, read straight into a Float64Array
 * (null = NaN = forbidden); undefined for anything else. A 2,000 x 2,000 matrix is 4 million cells:
 * checking them in one loop costs a fraction of what copying them through the schema would.
 */
function matrixOf(json: unknown): { matrix: Float64Array; rows: number; cols: number } | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const keys = Object.keys(json);
  const scores = (json as { scores?: unknown }).scores;
  if (keys.length !== 1 || !Array.isArray(scores)) return undefined;
  const rows = scores.length;
  const first: unknown = scores[0];
  const cols = Array.isArray(first) ? first.length : 0;
  const matrix = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row: unknown = scores[i];
    if (!Array.isArray(row) || row.length !== cols) return undefined;
    for (let j = 0; j < cols; j++) {
      const cell: unknown = row[j];
      if (cell === null) matrix[i * cols + j] = Number.NaN;
      else if (typeof cell === 'number') matrix[i * cols + j] = cell;
      else return undefined;
    }
  }
  return { matrix, rows, cols };
}

/**
 * Reads a JSON file for a command; on failure writes a sentence saying what to fix and returns
 * undefined (the caller exits with 2).
 */
export async function readJsonInput(file: string | undefined, what: string, usage: string, io: CommandIo): Promise<unknown> {
  if (file === undefined) {
    io.stderr(`Name the ${what} file to read.\n${usage}\n`);
    return undefined;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'unknown error'})`;
    io.stderr(`The file ${file} ${why}; pass the path of a ${what} JSON file.\n${usage}\n`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    io.stderr(`The file ${file} is not valid JSON (${(error as Error).message}); fix it and run the command again.\n`);
    return undefined;
  }
}

/** Splits arguments into one file and boolean flags; undefined (after a message) on anything else. */
export function parseFileArgs(
  args: string[],
  flags: readonly string[],
  usage: string,
  io: CommandIo,
): { file?: string; flags: Set<string>; help: boolean } | undefined {
  const seen = new Set<string>();
  let file: string | undefined;
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') return { flags: seen, help: true };
    if (arg.startsWith('-')) {
      if (!flags.includes(arg)) {
        io.stderr(`The option ${arg} is not known.\n${usage}\n`);
        return undefined;
      }
      seen.add(arg);
    } else if (file === undefined) file = arg;
    else {
      io.stderr(`Give one file only (got "${file}" and "${arg}").\n${usage}\n`);
      return undefined;
    }
  }
  return { file, flags: seen, help: false };
}

/**
 * `crossgen assign <scores.json>`: the maximum-total assignment of rows to columns, each used at
 * most once, with as many pairs as the forbidden (null) cells allow. Exit 0, or 2 on bad input.
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const parsed = parseFileArgs(args, [], USAGE, io);
  if (!parsed) return 2;
  if (parsed.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const json = await readJsonInput(parsed.file, 'scores', USAGE, io);
  if (json === undefined) return 2;
  const read = matrixOf(json);
  if (!read) {
    // Only a file the fast reader refuses goes through the schema, which says what is wrong.
    const input = scoresFileSchema.safeParse(json);
    const issues = input.success ? 'it is not a list of rows of numbers or null' : describeIssues(toFieldIssues(input.error));
    io.stderr(`${parsed.file} is not a valid score matrix: ${issues}. Fix it and run crossgen assign again.\n`);
    return 2;
  }
  const { matrix, rows, cols } = read;
  const result = solveAssignment(matrix, rows, cols);
  const pairs: [number, number][] = [];
  result.rowToCol.forEach((j, i) => {
    if (j >= 0) pairs.push([i, j]);
  });
  io.stdout(`${JSON.stringify({ pairs, total: result.total })}\n`);
  return 0;
}
