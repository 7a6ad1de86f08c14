import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../functions/domain/csv';
import { validateIntake } from '../../../functions/domain/intake';
import { CsvFileRejected, decodeCsv, parseIntakeCsv } from '../../../functions/domain/intake-csv';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
import { csvFile, csvRow, HEADER } from '../../fixtures/intake/csv-rows';

const program = programSchema.parse(DEFAULT_PROGRAM_INPUT);
const parse = (text: string) => parseIntakeCsv(text, 'pilot');

function refusal(run: () => unknown): CsvFileRejected {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvFileRejected) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('CSV values people type', () => {
  it('reads role, meeting preference and style in any letter case, and yes/no in capitals', () => {
    const { rows } = parse(
      csvFile([
        csvRow(1, {
          role: 'Mentor',
          meetingPreference: 'VIDEO',
          communicationStyle: 'Direct',
          consentDataProcessing: 'YES',
          consentShareProgressWithManager: 'No',
        }),
      ]),
    );
    expect(rows[0]!.issues).toEqual([]);
    expect(validateIntake(rows[0]!.input, program)).toMatchObject({
      role: 'mentor',
      meetingPreference: 'video',
      communicationStyle: 'direct',
      consent: { dataProcessing: true, shareProgressWithManager: false },
    });
  });

  it('ignores empty columns a spreadsheet leaves to the right of the header and the rows', () => {
    const text = [`${HEADER},,,`, `${csvRow(1)},,,`, `${csvRow(2)},,`, csvRow(3)].join('\r\n');
    const { rows, unreadable } = parse(text);
    expect(unreadable).toEqual([]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(rows.every((r) => r.issues.length === 0)).toBe(true);
  });

  it('still reports a row with a value beyond the last column', () => {
    const { unreadable } = parse([`${HEADER},`, `${csvRow(1)},surprise`].join('\n'));
    expect(unreadable).toEqual([{ line: 2, column: '(row)', message: expect.stringContaining('has 24 cells but the header has 23 columns') }]);
  });

  it('refuses a file with a header and no participants, saying what to do', () => {
    const error = refusal(() => parse(`${HEADER}\n\n,,,\n`));
    expect(error.message).toBe('The CSV file has a header row but no participants: add one row per participant under the header and import it again.');
    expect(error.issues).toEqual([{ field: '(file)', message: expect.stringContaining('add one row per participant') }]);
  });

  it('stores values that look like formulas as typed', () => {
    const { rows } = parse(
      csvFile([
        csvRow(1, {
          name: '=HYPERLINK("http://x.example","Ada")'.replace(/"/g, '""').replace(/^/, '"').concat('"'),
          jobTitle: '+44 analyst',
          department: '-Finance',
          location: '@London',
        }),
      ]),
    );
    expect(validateIntake(rows[0]!.input, program)).toMatchObject({
      name: '=HYPERLINK("http://x.example","Ada")',
      jobTitle: '+44 analyst',
      department: '-Finance',
      location: '@London',
    });
  });
});

describe('decodeCsv', () => {
  const text = csvFile([csvRow(1, { name: 'Zoë Ødegård' })]);

  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toBe(text);
    expect(parse(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).rows[0]!.input.name).toBe('Zoë Ødegård');
  });

  it('refuses Latin-1 bytes, naming the line and how to save as UTF-8', () => {
    const error = refusal(() => decodeCsv(Buffer.from(text, 'latin1')));
    expect(error.message).toMatch(
      /^The CSV file is not UTF-8: line 2 has bytes of another encoding \(perhaps Latin-1 or Windows-1252.*CSV UTF-8 \(Comma delimited\)/,
    );
  });

  it('refuses text a gateway already decoded with replacement characters, the same way', () => {
    const decodedOnTheWay = Buffer.from(Buffer.from(text, 'latin1').toString('utf8'), 'utf8');
    expect(refusal(() => decodeCsv(decodedOnTheWay)).message).toMatch(/^The CSV file is not UTF-8: line 2 has bytes of another encoding/);
  });

  it.each([
    ['UTF-16 little-endian with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), /saved as UTF-16/],
    ['UTF-16 big-endian with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), /saved as UTF-16/],
    ['UTF-16 without a byte-order mark', Buffer.from(text, 'utf16le'), /contains NUL bytes/],
  ])('refuses %s', (_title, bytes, message) => {
    const error = refusal(() => decodeCsv(bytes));
    expect(error.message).toMatch(message);
    expect(error.message).toContain('save it as UTF-8 and import it again');
  });
});

describe('csvCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-cmd|calc', "'-cmd|calc"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', `"'\t'=1"`],
    ['Sales;=2+2;', `"Sales;'=2+2;"`],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['Ada, Countess', '"Ada, Countess"'],
    ['two\nlines', '"two\nlines"'],
    ['plain', 'plain'],
    ['-5', '-5'],
    ['3.5', '3.5'],
  ])('writes %j as %j', (value, written) => expect(csvCell(value)).toBe(written));

  it('writes numbers, booleans and missing values plainly', () => {
    expect([csvCell(-2), csvCell(true), csvCell(false), csvCell(undefined), csvCell(null), csvCell(Number.NaN)]).toEqual(['-2', 'yes', 'no', '', '', '']);
  });

  it('writes a whole file with neutralised and quoted cells and CRLF line ends', () => {
    const names = ['=1+2', '@Ada', 'Lovelace, Ada'];
    const file = toCsv(
      ['name'],
      names.map((n) => [n]),
    );
    expect(file).toBe('name\r\n\'=1+2\r\n\'@Ada\r\n"Lovelace, Ada"\r\n');
  });
});
