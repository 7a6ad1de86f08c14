import { describe, expect, it } from 'vitest';
import {
  CHUNK_ROWS,
  chunkConfirmationIds,
  chunkCount,
  chunkEntries,
  enrolChunk,
  entriesBefore,
  firstLines,
  importEntries,
  importReport,
  stillPendingIds,
  withConfirmationsNow,
  type ChunkRecord,
  type ImportJobRecord,
} from '../../../functions/domain/import-job';
import { parseIntakeCsv } from '../../../functions/domain/intake-csv';
import { csvFile, csvRow } from '../../fixtures/intake/csv-rows';
import { EnrolmentConflict, type IntakePorts } from '../../../functions/domain/intake';
import type { Participant } from '../../../functions/domain/participant';
import { programSchema } from '../../../functions/domain/program';

const pilot = programSchema.parse({ programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['hr@example.com'] });

/**
 * A store that knows people by address, as the email markers do: the first answers stored win.
 * `before` holds people stored before the file; `enrolledBy` marks whom a job stored.
 */
function addressStore(opts: { before?: [string, { participantId: string; goals: string }][]; enrolledBy?: string } = {}) {
  const people = new Map(opts.before ?? []);
  const ports: IntakePorts = {
    getProgram: async () => pilot,
    enrolParticipant: async (intake) => {
      const key = intake.email.toLowerCase();
      const found = people.get(key);
      if (found && found.goals !== intake.goals) throw new EnrolmentConflict('pilot', found.participantId);
      if (!found) people.set(key, { participantId: `pt_${people.size + 1}`, goals: intake.goals });
      const participant = { participantId: people.get(key)!.participantId, status: 'enrolled', ...(opts.enrolledBy ? { enrolledBy: opts.enrolledBy } : {}) };
      return { participant: participant as unknown as Participant, created: !found };
    },
    confirm: async () => undefined,
  };
  return { people, ports };
}

const job = (over: Partial<ImportJobRecord> = {}): ImportJobRecord => ({
  importId: 'imp_aaaaaaaaaaaaaaaaaaaa',
  programId: 'pilot',
  total: 4,
  chunks: 1,
  createdAt: '2026-11-28T09:00:00.000Z',
  ...over,
});

describe('import jobs', () => {
  it('counts every line of the file, read or not, in line order, and chunks it', () => {
    const parsed = parseIntakeCsv(csvFile([csvRow(1), 'Ada,ada@example.com', csvRow(3)]), 'pilot');
    const entries = importEntries(parsed);
    expect(entries.map((e) => [e.line, e.row ? 'row' : 'unreadable'])).toEqual([
      [2, 'row'],
      [3, 'unreadable'],
      [4, 'row'],
    ]);
    expect(chunkCount(0)).toBe(0);
    expect(chunkCount(CHUNK_ROWS)).toBe(1);
    expect(chunkCount(10_000)).toBe(Math.ceil(10_000 / CHUNK_ROWS));
    const many = Array.from({ length: CHUNK_ROWS + 3 }, (_, i) => ({ line: i + 2 }));
    expect(chunkEntries(many, 0)).toHaveLength(CHUNK_ROWS);
    expect(chunkEntries(many, 1).map((e) => e.line)).toEqual([CHUNK_ROWS + 2, CHUNK_ROWS + 3, CHUNK_ROWS + 4]);
  });

  it('reports progress while rows are enrolled, and says what was and was not stored', () => {
    const chunk: ChunkRecord = {
      chunk: 0,
      rows: [
        { line: 3, status: 'refused', issues: [{ column: 'timeZone', message: 'must be an IANA time zone' }] },
        { line: 2, status: 'enrolled', participantId: 'pt_a' },
      ],
    };
    const report = importReport(job(), [chunk]);
    expect(report).toMatchObject({ status: 'enrolling', total: 4, done: 2, pending: 2, enrolled: 1, alreadyEnrolled: 0, refused: 1 });
    expect(report.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(report.confirmations).toEqual({ sent: 0, pending: 1 });
    expect(report.message).toBe('So far 1 participant enrolled, 0 rows already enrolled (left unchanged), 1 row refused and not stored; 2 rows still to do.');
  });

  it('is confirming once every row is done, completed when the workflow ended, and failed with the rows not tried', () => {
    const chunks: ChunkRecord[] = [
      {
        chunk: 0,
        rows: [
          { line: 2, status: 'enrolled', participantId: 'pt_a' },
          { line: 3, status: 'alreadyEnrolled', participantId: 'pt_b' },
          { line: 4, status: 'enrolled', participantId: 'pt_c' },
          { line: 5, status: 'refused', issues: [] },
        ],
        confirmations: { sent: 2, pending: 1 },
      },
    ];
    expect(importReport(job(), chunks)).toMatchObject({ status: 'confirming', done: 4, pending: 0, confirmations: { sent: 2, pending: 1 } });
    const completed = importReport(job({ finishedAt: '2026-11-28T09:05:00.000Z' }), chunks);
    expect(completed.status).toBe('completed');
    expect(completed.message).toMatch(
      /^Every row is done: 2 participants enrolled, 1 row already enrolled .*2 confirmations sent \(none a second time to those already enrolled\), 1 confirmation not sent yet \(they are tried again automatically every 15 minutes, or at once when the same file is imported again\)/,
    );
    // Every confirmation sent: no retry note about none (QA hradmin6 read "0 confirmations not sent yet (they are tried again…)").
    const allSent = importReport(job({ finishedAt: '2026-11-28T09:05:00.000Z' }), [{ ...chunks[0]!, confirmations: { sent: 3, pending: 0 } }]);
    expect(allSent.message).toMatch(/3 confirmations sent \(none a second time to those already enrolled\), none left to send\.$/);
    const failed = importReport(job({ total: 10, failure: 'States.TaskFailed' }), chunks);
    expect(failed).toMatchObject({ status: 'failed', pending: 6 });
    expect(failed.message).toMatch(/6 rows were not tried and nothing of them was stored\. Import the same file again/);
  });
});

describe('an import retried after a crash', () => {
  const program = programSchema.parse({ programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['hr@example.com'] });
  // Person 1 was enrolled by the crashed attempt of this job, person 3 long before it, person 4 by
  // another import running at the same time; line 4 names person 1 again.
  const enrolledBy: Record<string, string | undefined> = {
    'person1@example.com': 'imp_this',
    'person3@example.com': undefined,
    'person4@example.com': 'imp_other',
  };
  const ports: IntakePorts = {
    getProgram: async () => program,
    enrolParticipant: async (intake) => ({
      participant: {
        participantId: `pt_${intake.email}`,
        ...(enrolledBy[intake.email] ? { enrolledBy: enrolledBy[intake.email] } : {}),
      } as unknown as Participant,
      created: !(intake.email in enrolledBy),
    }),
    confirm: async () => undefined,
  };

  it("counts the people the crashed attempt enrolled as this job's, not as already enrolled; a repeat, an older person and one another import stored stay already enrolled", async () => {
    const entries = importEntries(parseIntakeCsv(csvFile([csvRow(1), csvRow(2), csvRow(1), csvRow(3), csvRow(4)]), 'pilot'));
    expect([...firstLines(entries)]).toEqual([2, 3, 5, 6]);
    const rows = await enrolChunk(entries, program, ports, { importId: 'imp_this', firstLines: firstLines(entries) });
    expect(rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'enrolled'],
      [3, 'enrolled'],
      [4, 'alreadyEnrolled'],
      [5, 'alreadyEnrolled'],
      [6, 'alreadyEnrolled'],
    ]);
    // Without the job's start (as before), the crashed attempt's person reads as already enrolled.
    expect((await enrolChunk(entries, program, ports)).find((r) => r.line === 2)!.status).toBe('alreadyEnrolled');
  });
});

describe('people named on rows of two chunks', () => {
  const program = pilot;
  it('lets the earlier row win even when the later chunk runs first: the later row is already enrolled, or refused for other answers', async () => {
    const rows = Array.from({ length: CHUNK_ROWS + 2 }, (_, i) => csvRow(i));
    rows[CHUNK_ROWS - 2] = csvRow(9001);
    rows[CHUNK_ROWS - 1] = csvRow(9002, { goals: 'The earlier row' });
    rows[CHUNK_ROWS] = csvRow(9002, { goals: 'The later row' });
    rows[CHUNK_ROWS + 1] = csvRow(9001);
    const entries = importEntries(parseIntakeCsv(csvFile(rows), 'pilot'));
    const { people, ports } = addressStore({ enrolledBy: 'imp_this' });
    const resume = (chunk: number) => ({ importId: 'imp_this', firstLines: firstLines(entries), earlier: entriesBefore(entries, chunk) });
    const second = await enrolChunk(chunkEntries(entries, 1), program, ports, resume(1));
    const first = await enrolChunk(chunkEntries(entries, 0), program, ports, resume(0));
    expect(people.get('person9002@example.com')?.goals).toBe('The earlier row');
    expect(second.map((r) => [r.line, r.status, r.issues?.[0]?.column])).toEqual([
      [CHUNK_ROWS + 2, 'refused', 'email'],
      [CHUNK_ROWS + 3, 'alreadyEnrolled', undefined],
    ]);
    // The refusal names the earlier line of the file whose answers were kept (QA newcomer4).
    expect(second[0]!.issues![0]!.message).toMatch(
      new RegExp(
        `^has the same email as line ${CHUNK_ROWS + 1}, compared without letter case, with other answers: line ${CHUNK_ROWS + 1}'s answers were kept \\(participant pt_\\d+\\)\\. `,
      ),
    );
    expect(first.slice(-2).map((r) => [r.line, r.status])).toEqual([
      [CHUNK_ROWS, 'enrolled'],
      [CHUNK_ROWS + 1, 'enrolled'],
    ]);
    const chunks: ChunkRecord[] = [
      { chunk: 0, rows: first },
      { chunk: 1, rows: second },
    ];
    const report = importReport(job({ total: CHUNK_ROWS + 2, chunks: 2 }), chunks);
    expect(report).toMatchObject({ enrolled: CHUNK_ROWS, alreadyEnrolled: 1, refused: 1 });
    expect(report.enrolled).toBe(people.size);
    // One confirmation per person: the person of both chunks is the first chunk's.
    expect(chunkConfirmationIds(chunks, 0)).toHaveLength(CHUNK_ROWS);
    expect(chunkConfirmationIds(chunks, 1)).toEqual([]);
  });
});

describe('two rows of one chunk naming one person with other answers', () => {
  it('refuses the later by the earlier line, whose answers were kept; a person enrolled before the file is still "already enrolled"', async () => {
    const program = pilot;
    const { ports } = addressStore({ before: [['person7@example.com', { participantId: 'pt_before', goals: 'Stored before' }]] });
    const file = csvFile([csvRow(5, { goals: 'First answers' }), csvRow(6), csvRow(5, { goals: 'Second answers' }), csvRow(7, { goals: 'Other' })]);
    const rows = await enrolChunk(importEntries(parseIntakeCsv(file, 'pilot')), program, ports);
    expect(rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'enrolled'],
      [3, 'enrolled'],
      [4, 'refused'],
      [5, 'refused'],
    ]);
    expect(rows[2]!.issues).toEqual([
      {
        column: 'email',
        message: expect.stringMatching(/^has the same email as line 2, compared without letter case, with other answers: line 2's answers were kept/),
      },
    ]);
    expect(rows[3]!.issues).toEqual([
      { column: 'email', message: expect.stringContaining('is already enrolled in program "pilot" (as participant pt_before') },
    ]);
  });
});

describe('a re-import naming someone matching no longer offers', () => {
  const program = programSchema.parse({ programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['hr@example.com'] });
  const statuses: Record<string, Participant['status']> = {
    'person1@example.com': 'withdrawn',
    'person2@example.com': 'paired',
    'person3@example.com': 'left',
  };
  const ports: IntakePorts = {
    getProgram: async () => program,
    enrolParticipant: async (intake) => ({
      participant: { participantId: `pt_${intake.email}`, status: statuses[intake.email] } as unknown as Participant,
      created: false,
    }),
    confirm: async () => undefined,
  };

  it('says on the row and in the message that they withdrew or left, and leaves them as they are', async () => {
    const entries = importEntries(parseIntakeCsv(csvFile([csvRow(1), csvRow(2), csvRow(3)]), 'pilot'));
    const rows = await enrolChunk(entries, program, ports);
    expect(rows).toEqual([
      { line: 2, status: 'alreadyEnrolled', participantId: 'pt_person1@example.com', participantStatus: 'withdrawn' },
      { line: 3, status: 'alreadyEnrolled', participantId: 'pt_person2@example.com' },
      { line: 4, status: 'alreadyEnrolled', participantId: 'pt_person3@example.com', participantStatus: 'left' },
    ]);
    const report = importReport(job({ total: 3, finishedAt: '2026-11-28T09:05:00.000Z' }), [{ chunk: 0, rows, confirmations: { sent: 0, pending: 0 } }]);
    expect(report.message).toContain(
      "3 rows already enrolled (left unchanged; 2 of them are not matched any more (1 withdrawn, 1 left): see each row's participantStatus)",
    );
  });
});

describe('a refused row in the terms of the file', () => {
  const program = programSchema.parse({ programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['hr@example.com'] });
  const ports: IntakePorts = {
    getProgram: async () => program,
    enrolParticipant: async (intake) => ({ participant: { participantId: `pt_${intake.email}`, status: 'enrolled' } as unknown as Participant, created: true }),
    confirm: async () => undefined,
  };

  it('says yes or no for the consent columns, never true or false, whether the cell is empty, no or not a yes or no', async () => {
    const file = csvFile([
      csvRow(1, { consentShareProgressWithManager: '' }),
      csvRow(2, { consentDataProcessing: 'no' }),
      csvRow(3, { consentDataProcessing: '' }),
      csvRow(4, { consentShareProgressWithManager: 'maybe' }),
      csvRow(5, { consentDataProcessing: 'n', goals: '' }),
    ]);
    const rows = await enrolChunk(importEntries(parseIntakeCsv(file, 'pilot')), program, ports);
    const messages = rows.flatMap((r) => (r.issues ?? []).map((i) => `${r.line} ${i.column}: ${i.message}`));
    expect(rows.map((r) => r.status)).toEqual(['refused', 'refused', 'refused', 'refused', 'refused']);
    for (const message of messages) expect(message).not.toMatch(/\btrue\b|\bfalse\b/);
    expect(messages).toEqual([
      expect.stringMatching(/^2 consentShareProgressWithManager: is empty: write yes or no/),
      expect.stringMatching(/^3 consentDataProcessing: says no, but must be yes: the program cannot run without/),
      expect.stringMatching(/^4 consentDataProcessing: is empty, but must be yes/),
      '5 consentShareProgressWithManager: "maybe" must be yes or no',
      '6 goals: is required',
      expect.stringMatching(/^6 consentDataProcessing: says no, but must be yes/),
    ]);
  });
});

describe('confirmations a finished import left pending, as they stand now', () => {
  const row = (line: number, participantId: string) => ({ line, status: 'enrolled' as const, participantId });
  const chunks: ChunkRecord[] = [
    { chunk: 0, rows: [row(1, 'pt_a'), row(2, 'pt_b')], confirmations: { sent: 1, pending: 1 } },
    { chunk: 1, rows: [row(3, 'pt_c'), row(4, 'pt_a')], confirmations: { sent: 1, pending: 0 } },
  ];

  it('reads only the chunks with some pending, each person once', () => {
    expect(stillPendingIds(chunks)).toEqual(['pt_a', 'pt_b']);
  });

  it('counts one sent since as sent, one cancelled since as neither, and leaves settled chunks alone', () => {
    const now = withConfirmationsNow(
      chunks,
      new Map([
        ['pt_a', 'sent'],
        ['pt_b', 'cancelled'],
      ]),
    );
    expect(now.map((c) => c.confirmations)).toEqual([
      { sent: 1, pending: 0 },
      { sent: 1, pending: 0 },
    ]);
    expect(
      withConfirmationsNow(
        chunks,
        new Map([
          ['pt_a', 'sent'],
          ['pt_b', 'sending'],
        ]),
      )[0]!.confirmations,
    ).toEqual({ sent: 1, pending: 1 });
  });
});
