import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isProgramId, PROGRAM_ID_RULE } from '../../functions/domain/program-id';
import { type CommandIo, DEFAULT_URL } from './usage';

export const USAGE = 'Usage: crossgen import <file.csv|file.json> [--program pilot] [--url http://127.0.0.1:4100]';

/** Entries of a JSON import stored at once, like the server's CSV import. */
const JSON_CONCURRENCY = 4;

/**
 * One enrolled entry of a JSON import. `confirmation: 'pending'`: the participant is stored but
 * the confirmation email could not be sent yet (503 `stored: true`); crossgen sends it later by
 * itself, and `message` (the server's) says when. `created` is absent when the server did not say.
 */
export interface JsonEnrolledEntry {
  readonly index: number;
  readonly participantId: string;
  readonly created?: boolean;
  readonly confirmation?: 'pending';
  readonly message?: string;
}

/** The report of a JSON import: the CSV import's shape, with array indexes instead of lines. */
export interface JsonImportReport {
  readonly rows: number;
  readonly created: number;
  readonly alreadyEnrolled: number;
  readonly enrolled: JsonEnrolledEntry[];
  readonly rejected: { index: number; field: string; message: string }[];
  readonly confirmations: { sent: number; pending: number };
  readonly message: string;
}

class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

/** How the CSV import's progress is shown (stderr): a bar redrawn in place on a terminal, else a line per change. */
export interface ImportProgressOptions {
  /** @default process.stderr.isTTY */
  readonly tty?: boolean;
  /** Between two reads of the job's progress. @default 500 */
  readonly pollMs?: number;
  /** The terminal's width: a bar that wrapped would start a new line at each redraw. @default process.stderr.columns */
  readonly columns?: number;
}

/**
 * `crossgen import <file>`: enrols the participants of a CSV file (the server's import job,
 * POST /participants/import, followed at its address until every row is done) or of a JSON array
 * (one POST /participants each) into a running local cloud or any crossgen HTTP API, and prints
 * the per-row report as JSON. Exit 0 when every row was enrolled, 1 when some were rejected, the
 * job failed or the whole file was refused (an empty one too), 2 on bad usage or when nothing
 * answers at the URL.
 */
export async function run(args: string[], io: CommandIo, progress: ImportProgressOptions = {}): Promise<number> {
  try {
    const { file, programId, url } = parse(args);
    const report = file.toLowerCase().endsWith('.csv') ? await importCsv(file, programId, url, io, progress) : await importJson(file, programId, url);
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    // Said to the person too, not only in the report: these people are enrolled, nothing to redo.
    if (!('status' in report) && report.confirmations.pending > 0) io.stderr(`${report.message}\n`);
    return report.rejected.length > 0 || ('status' in report && report.status === 'failed') ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(e.showUsage ? `${e.message}\n${USAGE}\n` : `${e.message}\n`);
      return 2;
    }
    if (e instanceof RejectedFile) {
      io.stdout(`${JSON.stringify(e.body, null, 2)}\n`);
      io.stderr(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function parse(args: string[]): { file: string; programId: string; url: string } {
  const { positionals, values } = (() => {
    try {
      return parseArgs({
        args,
        allowPositionals: true,
        options: { program: { type: 'string', default: 'pilot' }, url: { type: 'string', default: DEFAULT_URL } },
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  })();
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'Name the file to import, e.g. crossgen import participants.csv.' : `Give one file only (got ${positionals.join(', ')}).`,
    );
  }
  const file = positionals[0]!;
  if (!/\.(csv|json)$/i.test(file))
    throw new UsageError(
      `${path.basename(file)} is neither a .csv nor a .json file; export the participants as CSV (see the intake form's columns) or as a JSON array.`,
    );
  if (!isProgramId(values.program)) throw new UsageError(`--program must be a program id (${PROGRAM_ID_RULE}), not "${values.program}".`);
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new UsageError(`--url must be an address such as ${DEFAULT_URL}, not "${values.url}".`);
  }
  return { file, programId: values.program, url: url.origin + url.pathname.replace(/\/$/, '') };
}

async function readText(file: string): Promise<string> {
  return (await readBytes(file)).toString('utf8');
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`The file ${file} ${code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`}.`);
  }
}

/** The whole file was refused (unknown program, unreadable header): nothing was imported. */
class RejectedFile extends Error {
  constructor(
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}

async function send(url: string, init: RequestInit): Promise<{ status: number; body: any }> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new UsageError(
      `Nothing answers at ${new URL(url).origin}: start the local cloud with \`npm start\` or pass the address of a running one with --url.`,
      false,
    );
  }
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    throw new Error(`${new URL(url).origin} answered ${res.status} with something that is not JSON; is --url the address of a crossgen API?`);
  }
}

/** GET /participants/import/{id}: the job's progress and every row done so far. */
interface ImportJob {
  readonly importId: string;
  readonly status: 'enrolling' | 'confirming' | 'completed' | 'failed';
  readonly total: number;
  readonly done: number;
  readonly enrolled: number;
  readonly alreadyEnrolled: number;
  readonly refused: number;
  readonly confirmations: { sent: number; pending: number };
  readonly message: string;
  readonly rows: { line: number; status: string; participantId?: string; issues?: { column: string; message: string }[] }[];
}

/** The report of a CSV import: the job's outcome in the JSON import's shape, by line and column. */
export interface CsvImportReport {
  readonly importId: string;
  readonly status: ImportJob['status'];
  readonly rows: number;
  readonly created: number;
  readonly alreadyEnrolled: number;
  readonly enrolled: { line: number; participantId: string; created: boolean }[];
  readonly rejected: { line: number; column: string; message: string }[];
  readonly confirmations: { sent: number; pending: number };
  readonly message: string;
}

const BAR_WIDTH = 30;

/**
 * One progress line, or the bar (`[#####.....]`) on a terminal, cut to `columns - 1` characters
 * when the terminal's width is known: a `\r` returns only to the start of the last screen line.
 */
export function progressText(job: Pick<ImportJob, 'total' | 'done' | 'enrolled' | 'alreadyEnrolled' | 'refused'>, bar: boolean, columns?: number): string {
  const counts = `${job.done}/${job.total} rows done: ${job.enrolled} enrolled, ${job.alreadyEnrolled} already enrolled, ${job.refused} refused`;
  if (!bar) return counts;
  const filled = job.total === 0 ? BAR_WIDTH : Math.round((job.done / job.total) * BAR_WIDTH);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${counts}`;
  return columns !== undefined && columns > 1 ? line.slice(0, columns - 1) : line;
}

async function importCsv(file: string, programId: string, url: string, io: CommandIo, opts: ImportProgressOptions): Promise<CsvImportReport> {
  // The bytes as they are: the server refuses a file that is not UTF-8 and says how to save it.
  const csv = await readBytes(file);
  const { status, body } = await send(`${url}/participants/import?programId=${encodeURIComponent(programId)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: new Uint8Array(csv),
  });
  if (status !== 202) throw await refusedCsv(body, status);
  const tty = opts.tty ?? process.stderr.isTTY === true;
  const pollMs = opts.pollMs ?? 500;
  const columns = opts.columns ?? (tty ? process.stderr.columns : undefined);
  const location = `${url}${String(body.location)}`;
  let job: ImportJob;
  let shown = '';
  for (;;) {
    const read = await send(location, { method: 'GET' });
    if (read.status !== 200) throw new Error(`Reading the import at ${location} answered ${read.status}: ${read.body?.message ?? 'no message'}`);
    job = read.body as ImportJob;
    const line = progressText(job, tty, columns);
    if (line !== shown) {
      // On a terminal the bar is redrawn over itself; its one newline comes when the job is done.
      io.stderr(tty ? `\r${line}` : `${job.importId}: ${line}\n`);
      shown = line;
    }
    if (job.status !== 'enrolling') break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  if (tty) io.stderr('\n');
  return {
    importId: job.importId,
    status: job.status,
    rows: job.total,
    created: job.enrolled,
    alreadyEnrolled: job.alreadyEnrolled,
    enrolled: job.rows.flatMap((r) => (r.participantId ? [{ line: r.line, participantId: r.participantId, created: r.status === 'enrolled' }] : [])),
    rejected: job.rows.flatMap((r) => (r.status === 'refused' ? (r.issues ?? []).map((i) => ({ line: r.line, column: i.column, message: i.message })) : [])),
    confirmations: job.confirmations,
    message: job.message,
  };
}

/** An issue of a refused header that points to the list of known columns, said once in the error. */
const POINTS_TO_COLUMNS = /known columns are listed in the error/;
const COLUMNS_LEAD = 'The known columns are:';

/**
 * The CSV file refused as a whole: the server's answer on stdout, and its error on stderr, whole.
 * The server clips its error at 1000 characters (functions/shared/http.ts), mid-word; a header of
 * many unknown columns passes that, and the list of known columns, said once at the error's end
 * and pointed to by each unknown column's issue, is what is lost. Its issues come whole (each at
 * most 300 characters, at most 20 and a last one counting the rest), so a clipped error is said
 * again from them, one a line, and the known columns follow once in full, as the issues promise
 * (the CLI's own list: the same as the server's when both are one version). The report on stdout
 * carries them as `knownColumns`.
 */
async function refusedCsv(body: any, status: number): Promise<RejectedFile> {
  const error = String(body?.error ?? body?.message ?? `the server answered ${status}`);
  const issues: { field: string; message: string }[] = Array.isArray(body?.issues) ? body.issues : [];
  const clipped = error.endsWith('\u2026') && issues.length > 0;
  const lines = clipped ? [`Nothing was imported: ${leadOf(error)}:`, ...issues.map(issueLine)] : [`Nothing was imported: ${error}`];
  if (!issues.some((i) => POINTS_TO_COLUMNS.test(String(i.message)))) return new RejectedFile(body, lines.join('\n'));
  const knownColumns = (await import('../../functions/domain/intake-csv')).CSV_COLUMNS.map((c) => c.name);
  if (clipped || !error.includes(COLUMNS_LEAD)) lines.push(`${COLUMNS_LEAD} ${knownColumns.join(', ')}.`);
  return new RejectedFile({ ...body, knownColumns }, lines.join('\n'));
}

/** "The CSV header is not right: …" -> "The CSV header is not right": the error's first clause. */
function leadOf(error: string): string {
  const colon = error.indexOf(': ');
  return colon > 0 && colon <= 200 ? error.slice(0, colon) : 'the file was refused';
}

/** One issue a line: `"Full name" is not a known column …`; the last, counting those not listed, as it is. */
function issueLine(issue: { field: string; message: string }): string {
  return issue.field === '(more)' ? `- ${issue.message}` : `- "${issue.field}" ${issue.message}`;
}

async function importJson(file: string, programId: string, url: string): Promise<JsonImportReport> {
  let data: unknown;
  try {
    data = JSON.parse(await readText(file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file} is not valid JSON (${(e as Error).message}); it must hold an array of participants.`);
  }
  const entries = Array.isArray(data)
    ? data
    : Array.isArray((data as { participants?: unknown })?.participants)
      ? (data as { participants: unknown[] }).participants
      : undefined;
  if (!entries) throw new UsageError(`${file} must hold an array of participants, or an object with a "participants" array.`);
  // As an empty CSV is: an empty export (an HRIS query that found nobody) is no successful import.
  if (entries.length === 0) {
    const error = `${path.basename(file)} holds no participants: put one object per participant in its array and import it again.`;
    throw new RejectedFile({ error, issues: [{ field: '(file)', message: 'holds no participants' }] }, `Nothing was imported: ${error}`);
  }

  const enrolled: JsonEnrolledEntry[] = [];
  const rejected: JsonImportReport['rejected'] = [];
  const enrolOne = async (entry: unknown, index: number) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      rejected.push({ index, field: '(entry)', message: "must be an object with the participant's fields" });
      return;
    }
    const { status, body } = await send(`${url}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ programId, ...entry }),
    });
    if (status === 200 || status === 201) enrolled.push({ index, participantId: body.participantId, created: status === 201 });
    else if (isStoredWithoutConfirmation(body)) {
      enrolled.push({
        index,
        participantId: body.participantId,
        ...(typeof body.created === 'boolean' ? { created: body.created } : {}),
        confirmation: 'pending',
        message: typeof body.message === 'string' ? body.message : PENDING_MESSAGE,
      });
    } else {
      const issues: { field: string; message: string }[] = body?.issues?.length
        ? body.issues
        : [{ field: '(entry)', message: body?.error ?? `was refused with status ${status}` }];
      rejected.push(...issues.map((i) => ({ index, field: i.field, message: i.message })));
    }
  };
  for (let i = 0; i < entries.length; i += JSON_CONCURRENCY) {
    await Promise.all(entries.slice(i, i + JSON_CONCURRENCY).map((entry, j) => enrolOne(entry, i + j)));
  }
  enrolled.sort((a, b) => a.index - b.index);
  rejected.sort((a, b) => a.index - b.index);
  const created = enrolled.filter((e) => e.created === true).length;
  const alreadyEnrolled = enrolled.filter((e) => e.created === false).length;
  // One confirmation per person, as the CSV import counts them: an entry repeated counts once.
  const pendingIds = new Set(enrolled.filter((e) => e.confirmation === 'pending').map((e) => e.participantId));
  // Sent now: those of the people this import enrolled (201). One already enrolled (200) gets none
  // a second time; one still pending from an earlier import goes out now, but 200 does not say so.
  const sentIds = new Set(enrolled.filter((e) => e.created === true && !pendingIds.has(e.participantId)).map((e) => e.participantId));
  const confirmations = { sent: sentIds.size, pending: pendingIds.size };
  return {
    rows: entries.length,
    created,
    alreadyEnrolled,
    enrolled,
    rejected,
    confirmations,
    message: jsonImportMessage({
      created,
      alreadyEnrolled,
      unknown: enrolled.length - created - alreadyEnrolled,
      rejected: new Set(rejected.map((r) => r.index)).size,
      confirmations,
    }),
  };
}

const PENDING_MESSAGE = 'Enrolled, but the confirmation email could not be sent yet: crossgen sends it automatically later.';

/**
 * POST /participants answered `{stored: true, participantId}` (503 today: the confirmation email
 * could not be sent): enrolled, its confirmation still to send, whatever the status says.
 */
function isStoredWithoutConfirmation(body: any): body is { participantId: string; message?: unknown; created?: unknown } {
  return body?.stored === true && typeof body.participantId === 'string';
}

/** The JSON import's summary, in the words of the CSV import's (functions/domain/import-job.ts). */
function jsonImportMessage(n: {
  created: number;
  alreadyEnrolled: number;
  /** Stored, but the server did not say whether new (503 `stored: true` without `created`). */
  unknown: number;
  rejected: number;
  confirmations: { sent: number; pending: number };
}): string {
  const count = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const entries = (k: number) => count(k, 'entry', 'entries');
  const stored = [
    `${count(n.created, 'participant', 'participants')} enrolled`,
    `${entries(n.alreadyEnrolled)} already enrolled (left unchanged)`,
    ...(n.unknown > 0 ? [`${entries(n.unknown)} stored (new or not: the server did not say)`] : []),
    `${entries(n.rejected)} rejected and not stored`,
  ].join(', ');
  const sent = `${count(n.confirmations.sent, 'confirmation', 'confirmations')} sent${n.alreadyEnrolled > 0 ? ', none a second time to those already enrolled' : ''}.`;
  const done = `Every entry is done: ${stored}. ${sent}`;
  const { pending } = n.confirmations;
  if (pending === 0) return done;
  return `${done} ${count(pending, 'participant is', 'participants are')} enrolled but not yet sent the confirmation email, which could not go out now: crossgen sends it automatically later (each entry's message says when), or import the same file again to send it now (nobody is enrolled twice).`;
}
