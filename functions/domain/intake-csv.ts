import { parse, type CsvError } from 'csv-parse/sync';
import type { FieldIssue } from './validation';

/**
 * CSV import of participants: one header row, then one participant per row. List cells hold
 * several values separated by ";" (topics, interests, availability, languages, doNotPairWith).
 * Pure: turns the file into intake inputs and reports per line; storing is `enrolChunk` in import-job.ts.
 */

export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface CsvColumn {
  readonly name: string;
  readonly required: boolean;
  readonly example: string;
}

/** The columns HR may use, in the order of the sample file (docs/data-model.md, "CSV import", documents them). */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'name', required: true, example: 'Ada Lovelace' },
  { name: 'email', required: true, example: 'ada@example.com' },
  { name: 'employeeId', required: false, example: 'E1001' },
  { name: 'role', required: true, example: 'mentor' },
  { name: 'jobTitle', required: false, example: 'Graduate analyst' },
  { name: 'department', required: true, example: 'Finance' },
  { name: 'location', required: true, example: 'London' },
  { name: 'timeZone', required: true, example: 'Europe/London' },
  { name: 'managerEmail', required: false, example: 'boss@example.com' },
  { name: 'managerEmployeeId', required: false, example: 'E0042' },
  { name: 'managerName', required: false, example: 'Grace Hopper' },
  { name: 'topicsOffered', required: false, example: 'ai-tools;social-media' },
  { name: 'topicsWanted', required: true, example: 'strategy;leadership' },
  { name: 'interests', required: false, example: 'climbing;jazz' },
  { name: 'availability', required: true, example: 'mon 09:00-11:00;wed 14:00-15:30' },
  { name: 'meetingPreference', required: false, example: 'video' },
  { name: 'languages', required: true, example: 'en;fr' },
  { name: 'communicationStyle', required: false, example: 'direct' },
  { name: 'goals', required: true, example: 'Help a leader get fluent with AI tools' },
  { name: 'capacity', required: false, example: '1' },
  { name: 'doNotPairWith', required: false, example: 'someone@example.com' },
  { name: 'consentDataProcessing', required: true, example: 'yes' },
  { name: 'consentShareProgressWithManager', required: true, example: 'no' },
];

const LIST_COLUMNS = new Set(['topicsOffered', 'topicsWanted', 'interests', 'availability', 'languages', 'doNotPairWith']);

/** A problem with one row: the line it starts on in the file, the column and what is wrong. */
export interface RowIssue {
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

export interface CsvIntakeRow {
  readonly line: number;
  /** The row as an intake input, ready for the one intake path. */
  readonly input: Record<string, unknown>;
  /** Cells that could not even be read (e.g. consent "maybe"); the intake path reports the rest. */
  readonly issues: RowIssue[];
}

/** The file as a whole cannot be imported (header, size, unreadable quoting). */
export class CsvFileRejected extends Error {
  override readonly name = 'CsvFileRejected';
  constructor(
    readonly issues: FieldIssue[],
    summary: string,
  ) {
    super(summary);
  }
}

export interface ParsedCsv {
  readonly rows: CsvIntakeRow[];
  /** Rows the CSV reader had to skip (stray quotes, wrong number of cells). */
  readonly unreadable: RowIssue[];
}

const SAVE_AS_UTF8 =
  'save it as UTF-8 and import it again (Excel: File > Save As > "CSV UTF-8 (Comma delimited)"; Google Sheets: File > Download > Comma-separated values; Numbers: Export To > CSV, Text Encoding Unicode (UTF-8))';

/**
 * The bytes of an uploaded file as text, refusing anything but UTF-8: a spreadsheet saved as
 * UTF-16 or in a legacy code page (Latin-1, Windows-1252) would otherwise be stored with
 * replacement characters or NULs in every name.
 */
export function decodeCsv(bytes: Uint8Array): string {
  const refuse = (what: string) => {
    throw new CsvFileRejected([{ field: '(file)', message: `${what}; ${SAVE_AS_UTF8}` }], `The CSV file ${what}: ${SAVE_AS_UTF8}.`);
  };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) refuse('is saved as UTF-16 (Unicode text), not UTF-8');
  // UTF-16 without a byte-order mark puts a NUL next to every ASCII letter.
  if (bytes.includes(0)) refuse('contains NUL bytes, so it is not UTF-8 text (perhaps UTF-16 or a spreadsheet file rather than CSV)');
  // A gateway may already have decoded the body and put U+FFFD where bytes were not UTF-8: judge the text as well.
  const text = new TextDecoder('utf-8').decode(bytes);
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const line = text.slice(0, bad).split('\n').length;
    refuse(`is not UTF-8: line ${line} has bytes of another encoding (perhaps Latin-1 or Windows-1252, which spreadsheets use by default)`);
  }
  return text;
}

export function parseIntakeCsv(text: string, programId: string): ParsedCsv {
  const unreadable: RowIssue[] = [];
  let unterminated: CsvError | undefined;
  let records: { record: string[]; info: { lines: number } }[] = [];
  // Quoted cells may hold CRLF, which csv-parse counts as two lines: normalise so line numbers hold.
  const normalised = text.replace(/\r\n/g, '\n');
  try {
    records = parse(normalised, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      // Cell counts are checked below, so that a line of empty cells is skipped rather than reported.
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (error?.code === 'CSV_QUOTE_NOT_CLOSED') unterminated = error;
        else if (error) unreadable.push(describeCsvError(error));
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    unterminated = error as CsvError;
  }
  const [header, ...body] = records.filter(({ record }) => record.some((cell) => cell !== ''));
  // Checked before any row is trusted: after a quote that opens a cell and is not closed as a quoted
  // cell must be, csv-parse reads on to the next quote anywhere in the file and skips all of it as
  // one record, or takes the rest of the file as one cell (docs/data-model.md, "CSV import").
  const stray = findStrayQuote(normalised.replace(/^\uFEFF/, ''));
  // The header is read right only when the quote comes after it: then a wrong header is said first.
  if (stray && !(header && stray.line > header.info.lines)) refuseStrayQuote(stray, `cell ${stray.cell + 1}`);
  // A safety net: findStrayQuote refuses every unclosed quote first, naming the line where it opened.
  const refuseUnterminated = () => {
    if (!unterminated) return;
    const line = Number(unterminated.lines);
    throw new CsvFileRejected(
      [{ field: '(file)', message: `cannot be read: a quoted cell is not closed by line ${line}; check that every quoted cell ends with a quote` }],
      `The CSV file cannot be read: a quoted cell is not closed by line ${line}. Check that every quoted cell ends with a quote.`,
    );
  };
  if (!header) {
    refuseUnterminated();
    throw new CsvFileRejected(
      [{ field: '(file)', message: 'is empty: it needs a header row and one row per participant' }],
      'The CSV file is empty: add a header row and one row per participant.',
    );
  }
  // A header line the reader skipped (a stray quote) would make the first participant the header:
  // refuse it by its own line, never echoing that person's cells as column names.
  const headerLine = header.info.lines - lineBreaks(header.record);
  const skippedHeader = unreadable.find((issue) => issue.line < headerLine);
  if (skippedHeader) {
    const where = skippedHeader.column === '(row)' ? '' : ` (${skippedHeader.column})`;
    const message = `cannot be read: its header, line ${skippedHeader.line}, has a stray quote${where}; column names need no quotes: remove it and import the file again`;
    throw new CsvFileRejected([{ field: '(file)', message }], `The CSV file ${message}.`);
  }
  // Spreadsheets export formatted but empty columns to the right as empty cells: they are not columns.
  const width = lastNonEmpty(header.record) + 1;
  const columns = readHeader(header.record.slice(0, width));
  if (stray) refuseStrayQuote(stray, cellName(columns[stray.cell], stray.cell));
  refuseUnterminated();
  if (body.length === 0 && unreadable.length === 0) {
    throw new CsvFileRejected(
      [{ field: '(file)', message: 'has a header row but no participants: add one row per participant under the header' }],
      'The CSV file has a header row but no participants: add one row per participant under the header and import it again.',
    );
  }
  // csv-parse reports a stray quote once per quote, with the cell's index: one issue per row, by column name.
  const strays = new Map<number, RowIssue>();
  for (const issue of unreadable.splice(0)) {
    const index = /^cell (\d+)$/.exec(issue.column);
    const column = index ? (columns[Number(index[1]) - 1] ?? issue.column) : issue.column;
    strays.set(issue.line, { ...issue, column });
  }
  unreadable.push(...strays.values());
  const bodyRows = body.map(({ record: cells, info }) => {
    const record = cells.length > width && lastNonEmpty(cells) < width ? cells.slice(0, width) : cells;
    // info.lines is the row's last line; a quoted cell may span several lines.
    return { record, line: info.lines - lineBreaks(record) };
  });
  let lines: string[] | undefined;
  const fileLines = () => {
    lines ??= normalised.split(LINE_BREAK);
    return lines;
  };
  for (const row of bodyRows) checkMultiLineCells(row, columns, fileLines);
  if (bodyRows.length + unreadable.length > MAX_IMPORT_ROWS) {
    const count = bodyRows.length + unreadable.length;
    throw new CsvFileRejected(
      [{ field: '(file)', message: `has ${count} rows; import at most ${MAX_IMPORT_ROWS} at a time by splitting the file` }],
      `The CSV file has ${count} rows, more than ${MAX_IMPORT_ROWS}: split it and import each part.`,
    );
  }
  const rows: CsvIntakeRow[] = [];
  for (const { record, line } of bodyRows) {
    if (record.length !== columns.length) {
      unreadable.push({
        line,
        column: '(row)',
        message: `has ${record.length} cells but the header has ${columns.length} columns; put cells that contain a comma in double quotes`,
      });
    } else {
      rows.push(rowToInput(record, columns, line, programId));
    }
  }
  unreadable.sort((a, b) => a.line - b.line);
  return { rows, unreadable };
}

const LINE_BREAK = /\r|\n/;

function lineBreaks(cells: readonly string[]): number {
  return cells.reduce((n, cell) => n + (cell.match(/\r|\n/g)?.length ?? 0), 0);
}

const STRAY_QUOTE_ADVICE =
  'if that quote is part of the text, put the whole cell in double quotes and double every quote inside it ("say ""hi"""), otherwise remove it; then import the file again';

function refuseFile(what: string): never {
  const message = `cannot be read: ${what}; ${STRAY_QUOTE_ADVICE}`;
  throw new CsvFileRejected([{ field: '(file)', message }], `The CSV file ${message}.`);
}

function refuseStrayQuote(stray: StrayQuote, cell: string): never {
  const opened = `the quote that starts ${cell} on line ${stray.line}`;
  refuseFile(
    stray.closedOn === undefined
      ? `${opened} is not closed before the end of the file, so the rest of the file would be read as that one cell`
      : stray.closedOn === stray.line
        ? `${opened} is not closed as a quoted cell must be, by a quote followed by a comma or the end of the line`
        : `${opened} is not closed on that line, so lines ${stray.line} to ${stray.closedOn} would be read as one cell`,
  );
}

const cellName = (column: string | undefined, index: number) => (column === undefined ? `cell ${index + 1}` : `the ${column} cell`);

/** A quote that starts a cell and does not end it; `closedOn` is the line of the quote that would end it, if any. */
interface StrayQuote {
  readonly line: number;
  /** The cell's index in its row. */
  readonly cell: number;
  readonly closedOn?: number;
}

const isBlank = (c: string | undefined) => c !== undefined && c !== '\n' && c !== '\r' && /\s/.test(c);

/**
 * The first quote that starts a cell (spaces before it aside, as csv-parse trims them) and is not
 * ended by a single quote followed by a comma, the end of the line or of the file. Quotes inside a
 * cell that did not start with one are csv-parse's to report, by row: they open nothing. Lines are
 * counted as csv-parse counts them: every CR and every LF, inside quotes or not.
 */
function findStrayQuote(text: string): StrayQuote | undefined {
  let line = 1;
  let cell = 0;
  let cellStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      line++;
      cell = 0;
      cellStart = true;
    } else if (c === ',') {
      cell++;
      cellStart = true;
    } else if (c === '"' && cellStart) {
      const opened = { line, cell };
      let end = i + 1;
      for (; end < text.length; end++) {
        if (text[end] === '\n' || text[end] === '\r') line++;
        else if (text[end] === '"' && text[end + 1] === '"') end++;
        else if (text[end] === '"') break;
      }
      if (end >= text.length) return opened;
      let next = end + 1;
      while (isBlank(text[next])) next++;
      if (next < text.length && !/[,\r\n]/.test(text[next]!)) return { ...opened, closedOn: line };
      i = end;
      cellStart = false;
    } else if (!isBlank(c)) {
      cellStart = false;
    }
  }
  return undefined;
}

/**
 * A quoted cell that runs over a line break is where a stray quote hides when a later quote in the
 * file happens to close it: the rows in between would vanish into one cell. A line break HR meant (an
 * address, goals on two lines) leaves at most one of the lines the cell spans shaped like a row; a
 * stray quote leaves all of them so. Two lines that each split at commas into at least the header's
 * number of cells therefore mean a stray quote.
 */
function checkMultiLineCells(row: { record: readonly string[]; line: number }, columns: readonly string[], fileLines: () => readonly string[]): void {
  let line = row.line;
  row.record.forEach((cell, index) => {
    const breaks = cell.match(/\r|\n/g)?.length ?? 0;
    if (breaks > 0) {
      const spanned = fileLines().slice(line - 1, line + breaks);
      const rowShaped = spanned.flatMap((text, i) => (text.split(',').length >= columns.length ? [line + i] : []));
      if (rowShaped.length >= 2) {
        const listed = rowShaped.length > 5 ? `${rowShaped.slice(0, 5).join(', ')}, …` : rowShaped.join(', ');
        refuseFile(
          `the quote that starts ${cellName(columns[index], index)} on line ${line} is closed only on line ${line + breaks}, so lines ${line} to ${line + breaks} would be read as one cell, though ${rowShaped.length} of them read as whole rows (lines ${listed})`,
        );
      }
    }
    line += breaks;
  });
}

function lastNonEmpty(cells: readonly string[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i] !== '') return i;
  return -1;
}

function describeCsvError(error: CsvError): RowIssue {
  const line = Number(error.lines);
  const field = typeof (error as { index?: unknown }).index === 'number' ? (error as unknown as { index: number }).index : undefined;
  return {
    line,
    column: field === undefined ? '(row)' : `cell ${field + 1}`,
    message: 'has a stray quote: put the whole cell in double quotes and double every quote inside it ("say ""hi""")',
  };
}

/** Short enough to reach HR whole with the sentence before it: an issue is clipped at 300 characters (validation.ts). */
const SAVE_WITH_COMMAS =
  'save it with commas and import it again (Excel: File > Save As > "CSV UTF-8 (Comma delimited)"; Google Sheets: File > Download > Comma-separated values)';

/**
 * Header names are matched without letter case; unknown, missing and repeated columns are all
 * named. A header whose cells are column names joined by ";" is a semicolon-separated file (what
 * Excel saves as "CSV" where the decimal separator is a comma): refused as such, not read with
 * ";" between cells, since ";" already separates the values of a list cell.
 */
function readHeader(cells: string[]): string[] {
  const known = new Map(CSV_COLUMNS.map((c) => [c.name.toLowerCase(), c.name]));
  const knownIn = (names: string[]) => names.filter((name) => known.has(name.trim().toLowerCase())).length;
  const bySemicolon = cells.flatMap((cell) => cell.split(';'));
  if (knownIn(bySemicolon) >= 2 && knownIn(bySemicolon) > 2 * knownIn(cells)) {
    const message = `is separated by semicolons (";"), not commas (its header splits into ${bySemicolon.length} column names at ";"): ${SAVE_WITH_COMMAS}`;
    throw new CsvFileRejected([{ field: '(file)', message }], `The CSV file ${message}.`);
  }
  const issues: FieldIssue[] = [];
  const columns = cells.map((cell) => {
    const name = known.get(cell.trim().toLowerCase());
    if (!name) issues.push({ field: cell, message: unknownColumn(cell) });
    return name ?? cell;
  });
  columns.forEach((name, i) => {
    if (columns.indexOf(name) !== i) issues.push({ field: name, message: 'appears more than once in the header' });
  });
  for (const column of CSV_COLUMNS) {
    if (column.required && !columns.includes(column.name)) issues.push({ field: column.name, message: 'is a required column and is missing from the header' });
  }
  if (issues.length > 0) {
    // The known columns once, in the answer's error: in each issue they would pass its 300 characters.
    const unknown = columns.some((name) => !known.has(name.trim().toLowerCase()));
    const list = unknown ? ` The known columns are: ${CSV_COLUMNS.map((c) => c.name).join(', ')}.` : '';
    throw new CsvFileRejected(issues, `The CSV header is not right: ${issues.map((i) => `"${i.field}" ${i.message}`).join('; ')}.${list}`);
  }
  return columns;
}

/** "time_zone", "Time Zone" and "timezone" are timeZone: a header written another way is named with the column it means. */
function unknownColumn(cell: string): string {
  const loose = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const meant = CSV_COLUMNS.find((c) => loose(c.name) === loose(cell) && loose(cell) !== '');
  return meant ? `is not a known column: did you mean "${meant.name}"?` : 'is not a known column (the known columns are listed in the error)';
}

/** Columns whose values are words from a fixed list: "Mentor", "VIDEO" and "Direct" are what people type. */
const CHOICE_COLUMNS = new Set(['role', 'meetingPreference', 'communicationStyle']);

const splitList = (cell: string) =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function yesNo(cell: string): boolean | undefined {
  const value = cell.trim().toLowerCase();
  if (['yes', 'y', 'true'].includes(value)) return true;
  if (['no', 'n', 'false'].includes(value)) return false;
  return undefined;
}

function rowToInput(record: string[], columns: string[], line: number, programId: string): CsvIntakeRow {
  const cells = new Map<string, string>();
  columns.forEach((name, i) => {
    const cell = record[i] ?? '';
    if (cell !== '') cells.set(name, cell);
  });
  const issues: RowIssue[] = [];
  const input: Record<string, unknown> = { programId };
  for (const [name, cell] of cells) {
    if (name.startsWith('manager') || name.startsWith('consent')) continue;
    if (name === 'availability') {
      input.availability = splitList(cell).map((entry, i) => {
        const m = /^([a-z]+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/i.exec(entry);
        if (!m) {
          issues.push({ line, column: name, message: `item ${i + 1} "${entry}" must look like "mon 09:00-11:00" (day, then start-end in 24-hour time)` });
          return entry;
        }
        return { day: m[1]!.toLowerCase(), start: m[2]!.padStart(5, '0'), end: m[3]!.padStart(5, '0') };
      });
    } else if (name === 'capacity') {
      if (/^\d+$/.test(cell)) input.capacity = Number(cell);
      else issues.push({ line, column: name, message: `"${cell}" must be a whole number such as 1 or 2` });
    } else {
      input[name] = LIST_COLUMNS.has(name) ? splitList(cell) : CHOICE_COLUMNS.has(name) ? cell.toLowerCase() : cell;
    }
  }
  const manager = { email: cells.get('managerEmail'), employeeId: cells.get('managerEmployeeId'), name: cells.get('managerName') };
  if (Object.values(manager).some((v) => v !== undefined)) input.manager = JSON.parse(JSON.stringify(manager));
  const consent: Record<string, boolean | undefined> = {};
  for (const [column, key] of [
    ['consentDataProcessing', 'dataProcessing'],
    ['consentShareProgressWithManager', 'shareProgressWithManager'],
  ] as const) {
    const cell = cells.get(column);
    if (cell === undefined) continue;
    const value = yesNo(cell);
    if (value === undefined) issues.push({ line, column, message: `"${cell}" must be yes or no` });
    else consent[key] = value;
  }
  input.consent = consent;
  return { line, input, issues };
}

/** The CSV column an intake field comes from, e.g. "availability.1.end" -> "availability". */
export function columnOf(field: string): string {
  const [head, sub] = field.split('.');
  if (head === 'manager') return sub === 'employeeId' ? 'managerEmployeeId' : sub === 'name' ? 'managerName' : 'managerEmail';
  if (head === 'consent') return sub === 'shareProgressWithManager' ? 'consentShareProgressWithManager' : 'consentDataProcessing';
  if (head === '(body)') return '(row)';
  return head ?? field;
}

/** Turns an intake issue into a row issue, naming the item of a list cell. */
export function rowIssue(line: number, issue: FieldIssue): RowIssue {
  const column = columnOf(issue.field);
  const index = issue.field.split('.')[1];
  const item = LIST_COLUMNS.has(column) && index !== undefined && /^\d+$/.test(index) ? `item ${Number(index) + 1} ` : '';
  return { line, column, message: `${item}${issue.message}` };
}
