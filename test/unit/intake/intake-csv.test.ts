import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateIntake } from '../../../functions/domain/intake';
import { columnOf, CsvFileRejected, MAX_IMPORT_ROWS, parseIntakeCsv, rowIssue } from '../../../functions/domain/intake-csv';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
import { MAX_MESSAGE_CHARS } from '../../../functions/domain/validation';
import { csvFile, csvRow, HEADER } from '../../fixtures/intake/csv-rows';

const program = programSchema.parse(DEFAULT_PROGRAM_INPUT);
const parse = (text: string) => parseIntakeCsv(text, 'pilot');

function rejection(text: string): CsvFileRejected {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof CsvFileRejected) return error;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('parseIntakeCsv', () => {
  it('reads the documented sample file into valid intakes', () => {
    const { rows, unreadable } = parse(readFileSync('test/fixtures/intake/sample.csv', 'utf8'));
    expect(unreadable).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    const first = validateIntake(rows[0]!.input, program);
    expect(first).toMatchObject({
      programId: 'pilot',
      email: 'ada.lovelace@example.com',
      topicsOffered: ['ai-tools', 'social-media'],
      availability: [
        { day: 'mon', start: '09:00', end: '11:00' },
        { day: 'wed', start: '14:00', end: '15:30' },
      ],
      languages: ['en', 'fr'],
      capacity: 2,
      manager: { email: 'grace@example.com', name: 'Grace Hopper' },
      consent: { dataProcessing: true, shareProgressWithManager: false },
      goals: 'Help a leader get fluent with AI tools, and learn how strategy is made',
    });
    expect(validateIntake(rows[1]!.input, program).goals).toBe('Understand how younger customers "live" on social media');
  });

  it('ignores a byte-order mark before the header', () => {
    const { rows } = parse(`\ufeff${csvFile([csvRow(1)])}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.input.name).toBe('Person 1');
  });

  it('reads CRLF files like LF files, including CRLF inside a quoted cell, and keeps line numbers', () => {
    const rows = [csvRow(1, { goals: '"first line\r\nsecond line"' }), csvRow(2)];
    const crlf = parse(csvFile(rows, '\r\n'));
    expect(crlf.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(crlf.rows[0]!.input.goals).toBe('first line\nsecond line');
    expect(crlf.rows[1]!.input).toEqual(parse(csvFile([csvRow(2)])).rows[0]!.input);
  });

  it('keeps commas and doubled quotes inside quoted cells', () => {
    const { rows } = parse(csvFile([csvRow(1, { name: '"Lovelace, Ada ""the Countess"""' })]));
    expect(rows[0]!.input.name).toBe('Lovelace, Ada "the Countess"');
  });

  it('reports a row with a stray quote by its line and still reads the other rows', () => {
    const { rows, unreadable } = parse(csvFile([csvRow(1), csvRow(2, { name: 'Ada "Countess" Lovelace' }), csvRow(3)]));
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({ line: 3, column: 'name', message: expect.stringContaining('stray quote') });
  });

  it('rejects the file when a quoted cell never ends, naming the line where it opened', () => {
    const error = rejection(csvFile([csvRow(1), csvRow(2, { goals: '"never closed' }), csvRow(3), csvRow(4)]));
    expect(error.message).toMatch(/the quote that starts the goals cell on line 3 is not closed before the end of the file/);
  });

  it('reports a row with too few cells', () => {
    const { unreadable } = parse(`${HEADER}\n${csvRow(1)}\nonly,three,cells\n`);
    expect(unreadable).toEqual([
      expect.objectContaining({ line: 3, column: '(row)', message: expect.stringContaining('has 3 cells but the header has 23 columns') }),
    ]);
  });

  it('splits list cells on semicolons, ignoring blanks, and leaves semicolons in text cells alone', () => {
    const { rows } = parse(csvFile([csvRow(1, { topicsOffered: ' ai-tools ;; social-media; ', goals: 'Learn; teach; grow' })]));
    expect(rows[0]!.input.topicsOffered).toEqual(['ai-tools', 'social-media']);
    expect(rows[0]!.input.goals).toBe('Learn; teach; grow');
  });

  it('skips empty lines and lines of empty cells without shifting line numbers', () => {
    const text = `${HEADER}\n\n${csvRow(1)}\n,,,,\n\n${csvRow(2)}\n`;
    expect(parse(text).rows.map((r) => r.line)).toEqual([3, 6]);
  });

  it('matches header names without letter case', () => {
    const { rows } = parse(`${HEADER.toUpperCase()}\n${csvRow(1)}\n`);
    expect(rows[0]!.input.email).toBe('person1@example.com');
  });

  it('rejects a wrong header, naming every unknown, missing and repeated column', () => {
    const header = `${HEADER.replace('timeZone', 'timezone_name').replace('goals', 'favouriteColour')},email`;
    const error = rejection(`${header}\n`);
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { field: 'timezone_name', message: expect.stringContaining('not a known column') },
        { field: 'favouriteColour', message: expect.stringContaining('not a known column') },
        { field: 'timeZone', message: expect.stringContaining('missing') },
        { field: 'goals', message: expect.stringContaining('missing') },
        { field: 'email', message: expect.stringContaining('more than once') },
      ]),
    );
  });

  it('refuses a semicolon-separated file as such, not as one unknown column and every required one missing', () => {
    const semicolons = (line: string) => line.replaceAll(',', ';');
    const error = rejection(`${semicolons(HEADER)}\r\n${semicolons(csvRow(1))}\r\n`);
    expect(error.issues).toEqual([{ field: '(file)', message: expect.stringContaining('is separated by semicolons (";"), not commas') }]);
    expect(error.message).toContain('Comma delimited');
    // Whole in the HTTP answer, which clips an issue at 300 characters (QA hradmin6 read "Google Sheets: Fi…").
    expect(error.issues[0]!.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    // A header with a list-like cell among commas is not taken for one.
    expect(rejection(`${HEADER},topicsOffered;interests\n${csvRow(1)}\n`).issues).toEqual([
      { field: 'topicsOffered;interests', message: expect.stringContaining('not a known column') },
    ]);
  });

  it('names an unknown column in a few words, the column it likely means, and the known columns once in the error (QA hradmin6)', () => {
    const error = rejection(`${HEADER.replace('timeZone', 'Time Zone')},favouriteColour\n${csvRow(1)},blue\n`);
    expect(error.issues).toEqual([
      { field: 'Time Zone', message: 'is not a known column: did you mean "timeZone"?' },
      { field: 'favouriteColour', message: 'is not a known column (the known columns are listed in the error)' },
      { field: 'timeZone', message: 'is a required column and is missing from the header' },
    ]);
    for (const issue of error.issues) expect(issue.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(error.message).toMatch(/The known columns are: name, email, .*timeZone/);
  });

  it('refuses a header line it cannot read by its own line, never taking the first participant for the header', () => {
    const error = rejection(`${HEADER.replace('role,', 'ro"le,')}\n${csvRow(1)}\n${csvRow(2)}\n`);
    expect(error.issues).toEqual([{ field: '(file)', message: expect.stringMatching(/its header, line 1, has a stray quote \(cell 4\)/) }]);
    expect(JSON.stringify(error.issues) + error.message).not.toMatch(/Person 1|person1@example.com/);
    // After empty lines, the header's line is named as in the file.
    expect(rejection(`\n\n${HEADER.replace('role,', 'ro"le,')}\n${csvRow(1)}\n`).issues[0]!.message).toContain('line 3');
  });

  it('rejects an empty file', () => {
    expect(rejection('').issues[0]!.message).toMatch(/empty/);
  });

  it(`accepts ${MAX_IMPORT_ROWS} rows and rejects one more`, () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => csvRow(i));
    const parsed = parse(csvFile(rows));
    expect(parsed.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(parsed.rows.at(-1)!.line).toBe(MAX_IMPORT_ROWS + 1);
    expect(rejection(csvFile([...rows, csvRow(MAX_IMPORT_ROWS)])).issues[0]!.message).toMatch(/at most 10000/);
  });

  it('reports cells it cannot read: consent that is not yes/no, a capacity that is not a number, an odd availability', () => {
    const { rows } = parse(csvFile([csvRow(1, { consentDataProcessing: 'maybe', capacity: 'two', availability: 'mon 9-11' })]));
    expect(rows[0]!.issues).toEqual([
      { line: 2, column: 'availability', message: expect.stringContaining('"mon 9-11" must look like "mon 09:00-11:00"') },
      { line: 2, column: 'capacity', message: '"two" must be a whole number such as 1 or 2' },
      { line: 2, column: 'consentDataProcessing', message: '"maybe" must be yes or no' },
    ]);
  });

  it('leaves empty optional cells out, so the schema applies its defaults', () => {
    const { rows } = parse(csvFile([csvRow(1, { capacity: '', meetingPreference: '', managerEmail: '' })]));
    const intake = validateIntake(rows[0]!.input, program);
    expect(intake.capacity).toBe(1);
    expect(intake.meetingPreference).toBe('either');
    expect(intake.manager).toBeUndefined();
  });
});

describe('rowIssue', () => {
  it('names the CSV column of a nested intake field and the item of a list cell', () => {
    expect(columnOf('manager.email')).toBe('managerEmail');
    expect(columnOf('manager')).toBe('managerEmail');
    expect(columnOf('consent.shareProgressWithManager')).toBe('consentShareProgressWithManager');
    expect(rowIssue(7, { field: 'availability.1.end', message: 'must end after it starts' })).toEqual({
      line: 7,
      column: 'availability',
      message: 'item 2 must end after it starts',
    });
    expect(rowIssue(7, { field: 'email', message: 'must be a valid email address' })).toEqual({
      line: 7,
      column: 'email',
      message: 'must be a valid email address',
    });
  });
});
