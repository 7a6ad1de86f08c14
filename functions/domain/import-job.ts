import {
  differingAnswersRemedy,
  EnrolmentConflict,
  enrol,
  IntakeRejected,
  issuesOf,
  notMatchedBecause,
  validateIntake,
  withProgramCache,
  type IntakePorts,
} from './intake';
import { CONFIRMATION_SWEEP_MINUTES } from './confirmation-retry';
import { joinAnd } from './emails/format';
import { rowIssue, type CsvIntakeRow, type ParsedCsv, type RowIssue } from './intake-csv';
import { emailKey, employeeIdKey, type ParticipantStatus } from './participant';
import type { Program } from './program';
import type { FieldIssue } from './validation';

/**
 * A CSV import as a job (docs/admin-api.md, "Import jobs"): the file is stored and answered at
 * once; its rows are enrolled in chunks by the ImportParticipants workflow and each chunk's
 * per-row results are stored; the confirmations go out afterwards through the paced sender. Pure:
 * chunking, one chunk's enrolment through the ports, and the report built from what is stored.
 */

/** Rows a chunk enrols in one function call: ~1 s of DynamoDB work, a result item far below 400 KB. */
export const CHUNK_ROWS = 250;

/** One line of the file to import: a row to enrol, or a row that could not be read. */
export interface ImportEntry {
  readonly line: number;
  readonly row?: CsvIntakeRow;
  readonly unreadable?: RowIssue;
}

export type RowStatus = 'enrolled' | 'alreadyEnrolled' | 'refused';

/**
 * What happened to one row; `issues` name the column and what to correct. `participantStatus`:
 * on an `alreadyEnrolled` row whose person matching no longer offers (they withdrew, left, ...),
 * so that HR is not left believing them active.
 */
export interface RowResult {
  readonly line: number;
  readonly status: RowStatus;
  readonly participantId?: string;
  readonly participantStatus?: ParticipantStatus;
  readonly issues?: { column: string; message: string }[];
}

/** Every row of the file in line order, read or not: what the job's `total` counts. */
export function importEntries(parsed: ParsedCsv): ImportEntry[] {
  const entries: ImportEntry[] = [
    ...parsed.rows.map((row) => ({ line: row.line, row })),
    ...parsed.unreadable.map((unreadable) => ({ line: unreadable.line, unreadable })),
  ];
  return entries.sort((a, b) => a.line - b.line);
}

export function chunkCount(total: number): number {
  return Math.ceil(total / CHUNK_ROWS);
}

export function chunkEntries(entries: readonly ImportEntry[], chunk: number): ImportEntry[] {
  return entries.slice(chunk * CHUNK_ROWS, (chunk + 1) * CHUNK_ROWS);
}

/** Rows stored at once within a chunk; each costs one read and one transaction. */
const ROW_CONCURRENCY = 8;

const withoutLine = (i: RowIssue) => ({ column: i.column, message: i.message });

/**
 * An intake issue of a CSV row, in the file's terms: the consent columns say yes or no, while the
 * intake's messages speak JSON (true, false). A cell that is not yes or no was reported already
 * (intake-csv.ts, "must be yes or no"); what reaches here is an empty cell or a refused "no".
 */
function csvRowIssue(row: CsvIntakeRow, issue: FieldIssue): RowIssue {
  const consent = (row.input.consent ?? {}) as Record<string, unknown>;
  if (issue.field === 'consent.dataProcessing') {
    const given = consent.dataProcessing === false ? 'says no' : 'is empty';
    return {
      line: row.line,
      column: 'consentDataProcessing',
      message: `${given}, but must be yes: the program cannot run without the participant's consent to the use of their data; enrol only people who gave it`,
    };
  }
  if (issue.field === 'consent.shareProgressWithManager' && consent.shareProgressWithManager === undefined) {
    return {
      line: row.line,
      column: 'consentShareProgressWithManager',
      message: 'is empty: write yes or no (whether the participant agrees that their manager sees how their pairing goes)',
    };
  }
  return rowIssue(row.line, issue);
}

/** The keys that make two rows the same person: their address and their employee id. */
function rowKeys(row: CsvIntakeRow): string[] {
  return [
    typeof row.input.email === 'string' ? `email:${emailKey(row.input.email)}` : undefined,
    typeof row.input.employeeId === 'string' ? `employee:${employeeIdKey(row.input.employeeId)}` : undefined,
  ].filter((k): k is string => k !== undefined);
}

/**
 * A row that names the person an earlier row of the same file enrolled, with other answers: the
 * earlier row's answers were kept, and the refusal says so by its line (not "already enrolled",
 * which reads as an enrolment from before the file, nor an HR-system event to send).
 */
/** The confirmations still to send, named only when there are some (QA hradmin6: "0 confirmations not sent yet (they are tried again…)"). */
function confirmationsLeft(status: ImportStatus, pending: number): string {
  if (pending === 0) return status === 'completed' ? ', none left to send' : '';
  return status === 'completed'
    ? `, ${plural(pending, 'confirmation')} not sent yet (they are tried again automatically every ${CONFIRMATION_SWEEP_MINUTES} minutes, or at once when the same file is imported again)`
    : `, ${plural(pending, 'confirmation')} still to send`;
}

function repeatIssue(row: CsvIntakeRow, line: number, conflict: EnrolmentConflict): RowIssue {
  const answers = conflict.answers !== undefined && conflict.answers.differing.length > 0 ? conflict.answers : undefined;
  const message =
    conflict.field === 'email' && answers
      ? `has the same email as line ${line}, compared without letter case, with other answers: line ${line}'s answers were kept (participant ${conflict.existingParticipantId}). ` +
        `This row differs in ${joinAnd(answers.differing)}: ${differingAnswersRemedy(conflict.existingParticipantId ?? '', answers)}`
      : conflict.field === 'email'
        ? `has the same email as line ${line}, compared without letter case, with other answers: line ${line}'s answers were kept (participant ${conflict.existingParticipantId}). ` +
          `One person is enrolled once: if this row's answers are the right ones, send them with PATCH /participants/${conflict.existingParticipantId}`
        : // "Is enrolled", not "was enrolled": on a second import of the file, line X was already enrolled (QA hr8).
          `has the same employee id as line ${line}, compared without letter case, under another email: line ${line} is enrolled as participant ${conflict.existingParticipantId}. ` +
          `One person is enrolled once: correct the employee id on one of the two rows, or, if their email changed, send the new one with PATCH /participants/${conflict.existingParticipantId}`;
  return { line: row.line, column: conflict.field, message };
}

/** The lines of a file that name their person for the first time in it (a later row is a repeat). */
export function firstLines(entries: readonly ImportEntry[]): Set<number> {
  const seen = new Set<string>();
  const out = new Set<number>();
  for (const entry of entries) {
    if (!entry.row) continue;
    const keys = rowKeys(entry.row);
    if (!keys.some((k) => seen.has(k))) out.add(entry.line);
    for (const k of keys) seen.add(k);
  }
  return out;
}

/**
 * What the job did before a crash counts as the job's: a row whose person the job itself enrolled
 * in an attempt that stopped before the chunk's results were stored (stored by this job, its
 * `enrolledBy`, and named first on that row of the file) is `enrolled`, not "already enrolled". A
 * person another import or the form stored meanwhile, even the same minute, is "already enrolled".
 */
export interface EnrolledBefore {
  readonly importId: string;
  readonly firstLines: ReadonlySet<number>;
  /**
   * The file's entries before this chunk. Chunks run side by side, so a row naming a person of an
   * earlier chunk's row enrols that row first (a repeat if it is stored already, the same
   * participant either way), and so meets its marker as a repeat: the earlier row wins.
   */
  readonly earlier?: readonly ImportEntry[];
}

/** The file's entries before a chunk (`EnrolledBefore.earlier`). */
export function entriesBefore(entries: readonly ImportEntry[], chunk: number): ImportEntry[] {
  return entries.slice(0, chunk * CHUNK_ROWS);
}

/**
 * Enrols one chunk through the one intake path, without sending confirmations (`ports.confirm`
 * is the caller's: the job sends them afterwards, paced). Rows that repeat an address or an
 * employee id of an earlier row of the file wait for it, so that they meet its stored marker:
 * within the chunk by going after it, across chunks by enrolling that earlier row first.
 */
export async function enrolChunk(entries: readonly ImportEntry[], program: Program, ports: IntakePorts, before?: EnrolledBefore): Promise<RowResult[]> {
  const cached = withProgramCache(ports);
  const results: RowResult[] = [];
  /** Who each row of the file stored or found (the person its answers are), by line. */
  const storedBy = new Map<number, string>();
  /** Every earlier row of the file, in this chunk or before it, by key: what a repeat names. */
  const fileRowsByKey = new Map<string, CsvIntakeRow[]>();
  const earlierByKey = new Map<string, CsvIntakeRow[]>();
  for (const entry of before?.earlier ?? []) {
    if (!entry.row || entry.row.issues.length > 0) continue;
    for (const k of rowKeys(entry.row)) earlierByKey.set(k, [...(earlierByKey.get(k) ?? []), entry.row]);
  }
  // The earlier rows are the other chunk's results: enrolled here only so that they come first.
  const enrolEarlier = async (row: CsvIntakeRow) => {
    const rows = [...new Set(rowKeys(row).flatMap((k) => earlierByKey.get(k) ?? []))].sort((a, b) => a.line - b.line);
    for (const earlier of rows) {
      try {
        storedBy.set(earlier.line, (await enrol(earlier.input, cached)).participant.participantId);
      } catch (error) {
        if (!(error instanceof IntakeRejected) && !(error instanceof EnrolmentConflict)) throw error;
      }
    }
  };
  const enrolRow = async (row: CsvIntakeRow) => {
    if (row.issues.length > 0) {
      // Report the unreadable cells and whatever else is wrong with the row, in one go.
      const badColumns = new Set(row.issues.map((i) => i.column));
      const others = issuesOf(() => validateIntake(row.input, program))
        .map((i) => csvRowIssue(row, i))
        .filter((i) => !badColumns.has(i.column));
      results.push({ line: row.line, status: 'refused', issues: [...row.issues, ...others].map(withoutLine) });
      return;
    }
    try {
      await enrolEarlier(row);
      const { participant, created } = await enrol(row.input, cached);
      storedBy.set(row.line, participant.participantId);
      const ours = created || (before?.firstLines.has(row.line) === true && (participant as { enrolledBy?: string }).enrolledBy === before.importId);
      const notMatched = !ours && notMatchedBecause(participant.status) !== undefined;
      results.push({
        line: row.line,
        status: ours ? 'enrolled' : 'alreadyEnrolled',
        participantId: participant.participantId,
        ...(notMatched ? { participantStatus: participant.status } : {}),
      });
    } catch (error) {
      if (!(error instanceof IntakeRejected) && !(error instanceof EnrolmentConflict)) throw error;
      const repeated = error instanceof EnrolmentConflict ? repeatedLine(row, error) : undefined;
      const issues =
        repeated === undefined || !(error instanceof EnrolmentConflict)
          ? error.issues.map((i) => withoutLine(csvRowIssue(row, i)))
          : [withoutLine(repeatIssue(row, repeated, error))];
      results.push({ line: row.line, status: 'refused', issues });
    }
  };
  /** The earlier line of the file whose answers the conflicting person holds, if this row repeats one. */
  const repeatedLine = (row: CsvIntakeRow, conflict: EnrolmentConflict): number | undefined => {
    if (conflict.why !== undefined || conflict.existingParticipantId === undefined) return undefined;
    const key = conflict.field === 'email' ? rowKeys(row).find((k) => k.startsWith('email:')) : rowKeys(row).find((k) => k.startsWith('employee:'));
    const earlier = (fileRowsByKey.get(key ?? '') ?? []).filter((r) => r.line < row.line && storedBy.get(r.line) === conflict.existingParticipantId);
    return earlier[0]?.line;
  };

  for (const entry of [...(before?.earlier ?? []), ...entries]) {
    if (!entry.row) continue;
    for (const k of rowKeys(entry.row)) fileRowsByKey.set(k, [...(fileRowsByKey.get(k) ?? []), entry.row]);
  }
  const seen = new Set<string>();
  const firsts: CsvIntakeRow[] = [];
  const repeats: CsvIntakeRow[] = [];
  for (const entry of entries) {
    if (entry.unreadable) {
      results.push({ line: entry.line, status: 'refused', issues: [withoutLine(entry.unreadable)] });
      continue;
    }
    const row = entry.row!;
    const keys = rowKeys(row);
    if (keys.some((k) => seen.has(k))) repeats.push(row);
    else firsts.push(row);
    for (const k of keys) seen.add(k);
  }
  for (let i = 0; i < firsts.length; i += ROW_CONCURRENCY) await Promise.all(firsts.slice(i, i + ROW_CONCURRENCY).map(enrolRow));
  for (const row of repeats) await enrolRow(row);
  return results.sort((a, b) => a.line - b.line);
}

/** The job as stored (adapters/imports.ts). */
export interface ImportJobRecord {
  readonly importId: string;
  readonly programId: string;
  readonly total: number;
  readonly chunks: number;
  readonly createdAt: string;
  /** Set when the workflow ended: every row done and every confirmation tried. */
  readonly finishedAt?: string;
  /** Set when the workflow failed: the rows of unfinished chunks were not all tried. */
  readonly failure?: string;
}

/** One chunk's stored results and its confirmations. */
export interface ChunkRecord {
  readonly chunk: number;
  readonly rows: readonly RowResult[];
  /** Confirmations of the chunk's participants sent (now or before) and still pending. */
  readonly confirmations?: { readonly sent: number; readonly pending: number };
}

export type ImportStatus = 'enrolling' | 'confirming' | 'completed' | 'failed';

export interface ImportReport {
  readonly importId: string;
  readonly programId: string;
  /** enrolling: rows are being enrolled; confirming: every row is done, confirmations still go out; completed; failed. */
  readonly status: ImportStatus;
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly total: number;
  readonly done: number;
  readonly pending: number;
  readonly enrolled: number;
  readonly alreadyEnrolled: number;
  readonly refused: number;
  readonly confirmations: { readonly sent: number; readonly pending: number };
  /** What was and was not stored, in one sentence. */
  readonly message: string;
  /** Every row done so far, in line order. */
  readonly rows: readonly RowResult[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Already enrolled people matching no longer offers, by status: HR must not take them for active. */
function notMatchedNote(rows: readonly RowResult[]): string {
  const byStatus = new Map<ParticipantStatus, number>();
  for (const r of rows) if (r.participantStatus) byStatus.set(r.participantStatus, (byStatus.get(r.participantStatus) ?? 0) + 1);
  const n = [...byStatus.values()].reduce((a, b) => a + b, 0);
  if (n === 0) return '';
  const counts = [...byStatus].map(([status, count]) => `${count} ${status}`).join(', ');
  return `; ${n} of them ${n === 1 ? 'is' : 'are'} not matched any more (${counts}): see each row's participantStatus`;
}

/**
 * The participants whose confirmations a chunk sends and counts: those its rows name, once, less
 * those an earlier chunk's rows name (one person, one confirmation, counted once per job).
 */
export function chunkConfirmationIds(chunks: readonly ChunkRecord[], chunk: number): string[] {
  const ids = (c: ChunkRecord) => c.rows.flatMap((r) => (r.participantId ? [r.participantId] : []));
  const earlier = new Set(chunks.filter((c) => c.chunk < chunk).flatMap(ids));
  const own = chunks.find((c) => c.chunk === chunk);
  return [...new Set(own ? ids(own) : [])].filter((id) => !earlier.has(id));
}

/**
 * The participants whose confirmations the finished job left pending: those the sweep (every 15
 * minutes) or a repeated import may have sent since, to be read again before the job is reported.
 */
export function stillPendingIds(chunks: readonly ChunkRecord[]): string[] {
  return chunks.filter((c) => (c.confirmations?.pending ?? 0) > 0).flatMap((c) => chunkConfirmationIds(chunks, c.chunk));
}

/**
 * The chunks with their confirmation counts as the confirmations stand now (`statuses`, read for
 * `stillPendingIds`): one the sweep has sent since the job ended is sent, not "pending when the
 * import ended"; one cancelled since (the person left or was erased) is neither.
 */
export function withConfirmationsNow(chunks: readonly ChunkRecord[], statuses: ReadonlyMap<string, string>): ChunkRecord[] {
  return chunks.map((c) => {
    if ((c.confirmations?.pending ?? 0) === 0) return c;
    const ids = chunkConfirmationIds(chunks, c.chunk);
    const sent = ids.filter((id) => statuses.get(id) === 'sent').length;
    const pending = ids.filter((id) => statuses.get(id) === 'pending' || statuses.get(id) === 'sending').length;
    return { ...c, confirmations: { sent, pending } };
  });
}

export function importReport(job: ImportJobRecord, chunks: readonly ChunkRecord[]): ImportReport {
  const rows = chunks.flatMap((c) => c.rows).sort((a, b) => a.line - b.line);
  const count = (status: RowStatus) => rows.filter((r) => r.status === status).length;
  const enrolled = count('enrolled');
  const alreadyEnrolled = count('alreadyEnrolled');
  const refused = count('refused');
  const done = rows.length;
  const pending = Math.max(0, job.total - done);
  const sent = chunks.reduce((n, c) => n + (c.confirmations?.sent ?? 0), 0);
  const notSent = chunks.reduce((n, c) => n + (c.confirmations?.pending ?? 0), 0);
  // Until a chunk's confirmations were tried, its new participants' confirmations are pending.
  const untried = chunks.filter((c) => c.confirmations === undefined).reduce((n, c) => n + c.rows.filter((r) => r.status === 'enrolled').length, 0);
  const confirmations = { sent, pending: notSent + untried };
  const status: ImportStatus = job.failure ? 'failed' : pending > 0 ? 'enrolling' : job.finishedAt ? 'completed' : 'confirming';
  const stored = `${plural(enrolled, 'participant')} enrolled, ${plural(alreadyEnrolled, 'row')} already enrolled (left unchanged${notMatchedNote(rows)}), ${plural(refused, 'row')} refused and not stored`;
  const message =
    status === 'failed'
      ? `The import stopped: ${stored}; ${plural(pending, 'row')} ${pending === 1 ? 'was' : 'were'} not tried and nothing of ${pending === 1 ? 'it' : 'them'} was stored. Import the same file again: rows already enrolled are left unchanged.`
      : status === 'enrolling'
        ? `So far ${stored}; ${plural(pending, 'row')} still to do.`
        : `Every row is done: ${stored}. ${plural(confirmations.sent, 'confirmation')} sent${alreadyEnrolled > 0 ? ' (none a second time to those already enrolled)' : ''}${confirmationsLeft(status, confirmations.pending)}.`;
  return {
    importId: job.importId,
    programId: job.programId,
    status,
    createdAt: job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    total: job.total,
    done,
    pending,
    enrolled,
    alreadyEnrolled,
    refused,
    confirmations,
    message,
    rows,
  };
}
