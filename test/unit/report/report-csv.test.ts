import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from '../../../functions/domain/csv';
import { programSchema } from '../../../functions/domain/program';
import { programReport, type ReportParticipant } from '../../../functions/domain/report';
import { reportCsv } from '../../../functions/domain/report-csv';

describe('CSV cells', () => {
  it('neutralises text a spreadsheet would run as a formula, and leaves numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+44 20 7946 0000')).toBe("'+44 20 7946 0000");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe(`"'\tcmd"`);
    // Where a spreadsheet splits at ";" or tabs, the formula after one stays inside the quoted cell.
    expect(csvCell(';=1+1;')).toBe(`";'=1+1;"`);
    expect(csvCell('Sales;=2+2;')).toBe(`"Sales;'=2+2;"`);
    expect(csvCell('Sales\t=2+2')).toBe(`"Sales\t'=2+2"`);
    expect(csvCell('Sales; EMEA')).toBe('"Sales; EMEA"');
    // Read by a spreadsheet that splits at ";" (ignoring our quotes, mid-field), no cell starts a formula.
    const line = ['Ops', csvCell('Sales;=2+2;'), csvCell(';@SUM(3;4);')].join(',');
    for (const cell of line.split(';')) expect(cell, line).not.toMatch(/^[=+\-@]/);
    expect(csvCell(-20)).toBe('-20');
    expect(csvCell('Sales, EMEA')).toBe('"Sales, EMEA"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell('Zoë')).toBe('Zoë');
  });

  it('writes a UTF-8 document with a byte-order mark and CRLF line ends', () => {
    expect(csvDocument(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });
});

describe('report as CSV', () => {
  it('holds the same figures as the JSON, one a row, withheld ones marked, formula-like names neutralised', () => {
    const program = programSchema.parse({
      programId: 'q3',
      name: '=Q3 cohort',
      startDate: '2027-01-04',
      admins: ['hr@example.com'],
      objectives: ['@everyone fluent'],
    });
    const participants: ReportParticipant[] = [];
    const pairings = [];
    for (let i = 0; i < 6; i++) {
      participants.push(
        { participantId: `m${i}`, role: 'mentor', status: 'paired', department: '+Growth' },
        { participantId: `s${i}`, role: 'mentee', status: 'paired', department: i === 0 ? 'Legal' : 'Board' },
      );
      pairings.push({
        pairing: {
          pairingId: `pr_${i}`,
          mentorId: `m${i}`,
          menteeId: `s${i}`,
          status: 'active' as const,
          acceptedAt: '2027-01-10T09:00:00Z',
          checkInsHeld: 1,
          checkInsMissed: 0,
          missedInRow: i === 0 ? 2 : 0,
        },
        checkIns: [{ at: '2027-02-10T09:00:00Z', met: true, mentor: { answered: true, rating: 4 }, mentee: { answered: true, rating: 4 } }],
        reviews: [{ participantId: `m${i}`, at: '2027-03-10T09:00:00Z', recommend: 3, topics: [] }],
      });
    }
    const report = programReport({ program, participants, pairings, now: new Date('2027-03-31T00:00:00Z') });
    const text = reportCsv(report);
    expect(text.startsWith('\uFEFFsection,group,measure,value\r\n')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as { section: string; group: string; measure: string; value: string }[];
    const cell = (section: string, group: string, measure: string) =>
      rows.find((r) => r.section === section && r.group === group && r.measure === measure)?.value;

    expect(cell('program', '', 'name')).toBe("'=Q3 cohort");
    expect(cell('program', '', 'objective.1')).toBe("'@everyone fluent");
    expect(cell('engagement', '', 'averageCheckInRating')).toBe(String(report.engagement.averageCheckInRating));
    expect(cell('satisfaction', '', 'netPromoterScore')).toBe('-100');
    expect(cell('participants', '', 'byStatus.paired')).toBe('12');
    expect(cell('by department', "'+Growth", 'averageCheckInRating')).toBe('4');
    expect(cell('by department', 'Legal', '(all)')).toBe('withheld: fewer than 5 people');
    // Board (5) would give Legal (1) away: the 12 people's figures minus +Growth's and Board's. Withheld as the JSON has it.
    expect(cell('by department', 'Board', '(all)')).toBe('withheld: fewer than 5 people could be worked out by difference');
    expect(report.breakdown.byDepartment.find((g) => g.group === 'Board')).toEqual({
      group: 'Board',
      label: 'Board',
      withheld: true,
      reason: 'fewer than 5 people could be worked out by difference',
    });
    expect(cell('by department', 'Board', 'people')).toBeUndefined();
    expect(cell('by department', "'+Growth", 'people')).toBe('6');
    expect(cell('by department', "'+Growth", '(all)')).toBeUndefined();
    expect(cell('trend', '2027-02', 'checkInsHeld')).toBe('6');
    expect(cell('trend', '2027-01', 'checkInsHeld')).toBe('');
    expect(cell('at risk', 'pr_0', 'reason.missed-check-ins')).toBe('The pair missed 2 check-ins in a row.');
    // No cell a spreadsheet would evaluate.
    for (const r of rows) for (const v of Object.values(r)) expect(v, JSON.stringify(r)).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
    // Every figure of the JSON's sections has its row.
    for (const measure of ['attendanceRate', 'answerRate', 'checkInsHeld', 'checkInRatings']) expect(cell('engagement', '', measure), measure).toBeDefined();
  });
});
