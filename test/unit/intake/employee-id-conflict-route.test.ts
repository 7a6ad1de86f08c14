import { describe, expect, it } from 'vitest';
import { EnrolmentConflict } from '../../../functions/domain/intake';
import { MAX_MESSAGE_CHARS } from '../../../functions/domain/validation';

/**
 * An enrolment reusing an employee id the same program holds under another email: the refusal
 * sent HR on the API (POST /participants, the import) to "send a ParticipantUpdated event" only,
 * and was clipped at MAX_MESSAGE_CHARS in the HTTP answer. It names HR's route first and the HR
 * system's event second, as the cross-program refusal does (enrolment-checks.ts).
 */

const holder = 'pt_abcdefghijklmnopqrst';

describe('an employee id enrolled in the same program under another email', () => {
  it('names PATCH /participants/{id} first, the ParticipantUpdated event second, and says what else to do', () => {
    const conflict = new EnrolmentConflict('pilot', holder, 'employeeId');
    const [issue] = conflict.issues;
    expect(issue).toEqual({
      field: 'employeeId',
      message:
        'is already enrolled in this program under another email, compared without letter case: one employee id is one person. ' +
        `If their email changed, send the new one with PATCH /participants/${holder} (or a ParticipantUpdated event); else correct the employee id`,
    });
    expect(issue!.message).not.toMatch(/send a ParticipantUpdated event/);
    expect(conflict.message).toBe(`employeeId ${issue!.message}.`);
  });

  it('reaches HR whole in an HTTP answer, whatever the program id (issues are clipped at MAX_MESSAGE_CHARS)', () => {
    for (const programId of ['pilot', 'p'.repeat(63)]) {
      expect(new EnrolmentConflict(programId, holder, 'employeeId').issues[0]!.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    }
  });

  it('one whose address bounced, enrolled again under an address that bounced too, is given a working one by PATCH or the event', () => {
    const { message } = new EnrolmentConflict('pilot', holder, 'email', 'address-suppressed').issues[0]!;
    expect(message).toMatch(
      new RegExp(
        `can come back only under a working address: enrol them under one, or give them one with PATCH /participants/${holder} \\(or a ParticipantUpdated event\\)$`,
      ),
    );
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  });
});
