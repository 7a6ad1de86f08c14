import { describe, expect, it } from 'vitest';
import { CsvFileRejected, parseIntakeCsv } from '../../../functions/domain/intake-csv';
import { csvFile, csvRow, HEADER } from '../../fixtures/intake/csv-rows';

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

/** Rows 1..count (file lines 2..count+1), with `overrides` by row number. */
function file(count: number, overrides: Record<number, Record<string, string>>, newline = '\n'): string {
  return csvFile(
    Array.from({ length: count }, (_, i) => csvRow(i + 1, overrides[i + 1])),
    newline,
  );
}

/** Every data line of a file is either read as a row or reported, by its own line. */
function accountedLines(text: string): number[] {
  const { rows, unreadable } = parse(text);
  return [...rows.map((r) => r.line), ...unreadable.map((u) => u.line)].sort((a, b) => a - b);
}

describe('parseIntakeCsv: a quote that starts a cell and is not closed on its line', () => {
  it('refuses the whole file, naming the line and column where the quote opened, when a later quoted cell would close it', () => {
    // Row 3 (line 4) has a stray opening quote; row 8 (line 9) has an ordinary quoted cell.
    const text = file(20, { 3: { goals: '"Grow, and learn' }, 8: { location: '"Porto, PT"' } }, '\r\n');
    const error = rejection(text);
    expect(error.issues).toEqual([
      {
        field: '(file)',
        message: expect.stringContaining(
          'the quote that starts the goals cell on line 4 is not closed on that line, so lines 4 to 9 would be read as one cell',
        ),
      },
    ]);
    expect(error.message).toMatch(/^The CSV file cannot be read: .*put the whole cell in double quotes and double every quote inside it/);
  });

  it('refuses the whole file when the next quote in the file happens to close the cell, as the lines it swallows read as rows', () => {
    // A cell ending with an inch sign (`12"`) is a valid closing quote: rows 4-7 would be one goals cell.
    const error = rejection(file(20, { 3: { goals: '"Grow' }, 8: { goals: 'A 12"' } }));
    expect(error.issues[0]!.message).toContain(
      'the quote that starts the goals cell on line 4 is closed only on line 9, so lines 4 to 9 would be read as one cell, though 6 of them read as whole rows (lines 4, 5, 6, 7, 8, …)',
    );
    // Closed on the very next line, in the same column, the two rows merge into one of the right width.
    expect(rejection(file(5, { 2: { location: '"Leeds' }, 3: { location: 'Bradford"' } })).issues[0]!.message).toContain(
      'the quote that starts the location cell on line 3 is closed only on line 4, so lines 3 to 4 would be read as one cell, though 2 of them read as whole rows (lines 3, 4)',
    );
  });

  it('refuses a quote closed on its own line by a quote followed by other text, naming the column', () => {
    expect(rejection(file(5, { 2: { name: '"Rock"Johnson' } })).issues[0]!.message).toContain(
      'the quote that starts the name cell on line 3 is not closed as a quoted cell must be, by a quote followed by a comma or the end of the line',
    );
    expect(rejection(file(5, { 2: { name: '"Rock" Johnson' } })).issues[0]!.message).toContain(
      'the name cell on line 3 is not closed as a quoted cell must be',
    );
  });

  it('names the cell by number when the quote is in the header', () => {
    const error = rejection(`${HEADER.replace('role,', '"role,')}\n${csvRow(1)}\n`);
    expect(error.issues[0]!.message).toContain('the quote that starts cell 4 on line 1 is not closed before the end of the file');
  });

  it('says first what is wrong with the header, when the quote comes after it', () => {
    const text = `${HEADER.replace('goals', 'favouriteColour')}\n${csvRow(1, { location: '"Leeds' })}\n${csvRow(2)}\n`;
    expect(rejection(text).issues).toEqual(expect.arrayContaining([{ field: 'favouriteColour', message: expect.stringContaining('not a known column') }]));
  });

  it('reads CR-only files (old Mac) with the same line numbers', () => {
    const text = file(20, { 3: { goals: '"Grow' }, 8: { location: '"Porto, PT"' } }, '\r');
    expect(rejection(text).issues[0]!.message).toContain('the goals cell on line 4 is not closed on that line, so lines 4 to 9');
  });
});

describe('parseIntakeCsv: a quote that is never closed', () => {
  it('names the line and column where the quote opened, not the last line of the file', () => {
    const error = rejection(file(20, { 5: { goals: '"Learn from each other' } }));
    expect(error.issues).toEqual([
      {
        field: '(file)',
        message: expect.stringContaining(
          'the quote that starts the goals cell on line 6 is not closed before the end of the file, so the rest of the file would be read as that one cell',
        ),
      },
    ]);
    expect(error.message).not.toContain('line 21');
  });
});

describe('parseIntakeCsv: quotes that are not stray', () => {
  it('keeps line breaks inside quoted cells, with commas on either side, and every line accounted for', () => {
    const text = file(
      6,
      {
        2: { goals: '"Learn, grow, teach,\nand meet people, often"', location: '"12 High St,\nLeeds"' },
        4: { goals: '"one\n\ntwo ""quoted"""' },
        5: { location: '"Porto, PT"' },
      },
      '\r\n',
    );
    const { rows, unreadable } = parse(text);
    expect(unreadable).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 6, 7, 10, 11]);
    expect(rows[1]!.input).toMatchObject({ goals: 'Learn, grow, teach,\nand meet people, often', location: '12 High St,\nLeeds' });
    expect(rows[3]!.input.goals).toBe('one\n\ntwo "quoted"');
  });

  it('leaves a quote inside a cell to its own row, reading every other line', () => {
    const text = file(8, { 3: { name: 'Dwayne "Rock" Johnson' }, 5: { goals: 'Use a 5" screen' }, 7: { location: '"Porto, PT"' } });
    expect(accountedLines(text)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(parse(text).unreadable.map((u) => [u.line, u.column])).toEqual([
      [4, 'name'],
      [6, 'goals'],
    ]);
  });

  it('accepts a quoted cell with spaces around it', () => {
    const { rows } = parse(file(2, { 1: { location: '  "Porto, PT"  ' } }));
    expect(rows.map((r) => r.input.location)).toEqual(['Porto, PT', 'London']);
  });
});
