import { describe, expect, it } from 'vitest';
import { enrolChunk, importEntries } from '../../../functions/domain/import-job';
import { EnrolmentConflict, type IntakePorts } from '../../../functions/domain/intake';
import { parseIntakeCsv } from '../../../functions/domain/intake-csv';
import type { Participant } from '../../../functions/domain/participant';
import { programSchema } from '../../../functions/domain/program';
import { csvFile, csvRow } from '../../fixtures/intake/csv-rows';

/**
 * QA hr8, import row messages: a row repeating an earlier row's employee id under another email
 * sent HR, who import through the API, to a ParticipantUpdated event (their route is PATCH
 * /participants/{id}, as the neighbouring repeated-email message says); and on a second import of
 * the same file it said "line 2 was enrolled" of a line that import found already enrolled.
 */

const pilot = programSchema.parse({ programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['hr@example.com'] });

/** A store that knows people by address and by employee id, as the markers do: one employee id under another address is a conflict. */
function store() {
  const byEmail = new Map<string, string>();
  const byEmployee = new Map<string, string>();
  const ports: IntakePorts = {
    getProgram: async () => pilot,
    enrolParticipant: async (intake) => {
      const email = intake.email.toLowerCase();
      const employee = (intake.employeeId ?? '').toLowerCase();
      const found = byEmail.get(email);
      const holder = employee ? byEmployee.get(employee) : undefined;
      if (holder !== undefined && holder !== found) throw new EnrolmentConflict('pilot', holder, 'employeeId');
      const participantId = found ?? `pt_${byEmail.size + 1}`;
      byEmail.set(email, participantId);
      if (employee) byEmployee.set(employee, participantId);
      return { participant: { participantId, status: 'enrolled' } as unknown as Participant, created: found === undefined };
    },
    confirm: async () => undefined,
  };
  return ports;
}

describe('import: a row that repeats an earlier row’s employee id under another email (QA hr8)', () => {
  const entries = importEntries(parseIntakeCsv(csvFile([csvRow(1, { employeeId: 'E7' }), csvRow(2, { employeeId: 'e7' })]), 'pilot'));

  it('sends HR to PATCH /participants/{id}, and says line 2 is enrolled, whether this import enrolled it or found it enrolled', async () => {
    const ports = store();
    for (const run of ['first', 'again'] as const) {
      const rows = await enrolChunk(entries, pilot, ports);
      expect(rows[0], run).toMatchObject({ line: 2, status: run === 'first' ? 'enrolled' : 'alreadyEnrolled', participantId: 'pt_1' });
      expect(rows[1]!.status, run).toBe('refused');
      const message = rows[1]!.issues![0]!.message;
      expect(message, run).toBe(
        'has the same employee id as line 2, compared without letter case, under another email: line 2 is enrolled as participant pt_1. ' +
          'One person is enrolled once: correct the employee id on one of the two rows, or, if their email changed, send the new one with PATCH /participants/pt_1',
      );
      expect(message, run).not.toMatch(/ParticipantUpdated|was enrolled/);
    }
  });
});
