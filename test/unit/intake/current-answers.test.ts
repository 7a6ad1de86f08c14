import { describe, expect, it } from 'vitest';
import { givesCurrentAnswers, participantIntakeSchema, type Participant } from '../../../functions/domain/participant';
import { intakeInput } from '../../fixtures/intake/participants';

const intake = (overrides = {}) => participantIntakeSchema.parse(intakeInput(overrides));
/** A participant as stored after an HR update moved them to Marketing, with the bookkeeping an intake never has. */
const stored = {
  ...intake({ employeeId: 'E1' }),
  department: 'Marketing',
  participantId: 'pt_aaaaaaaaaaaaaaaaaaaa',
  status: 'left',
  formerNames: ['Ada Byron'],
  fieldUpdatedAt: { department: '2026-11-01T00:00:00.000Z' },
  rematchAttempts: 2,
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  version: 3,
} as Participant;

describe('the answers a participant holds now', () => {
  it('are those of their enrolment with every update since, the address without letter case', () => {
    expect(givesCurrentAnswers(intake({ employeeId: 'E1', department: 'Marketing', email: 'ADA@example.com' }), stored)).toBe(true);
    expect(givesCurrentAnswers(intake({ employeeId: 'E1' }), stored)).toBe(false);
    expect(givesCurrentAnswers(intake({ employeeId: 'E1', department: 'Marketing', goals: 'Something else' }), stored)).toBe(false);
  });

  it('are the same whichever Unicode form the name is typed in, also against a name stored decomposed (QA)', () => {
    const nfc = { ...stored, name: 'José Núñez' };
    const again = intake({ employeeId: 'E1', department: 'Marketing', name: 'José Núñez'.normalize('NFD') });
    expect(givesCurrentAnswers(again, nfc)).toBe(true);
    expect(givesCurrentAnswers(again, { ...stored, name: 'José Núñez'.normalize('NFD') })).toBe(true);
    expect(givesCurrentAnswers(again, { ...stored, name: 'Jose Nunez' })).toBe(false);
  });

  it('leave the address out for a re-hire known by their employee id', () => {
    const moved = intake({ employeeId: 'E1', department: 'Marketing', email: 'ada.new@example.com' });
    expect(givesCurrentAnswers(moved, stored)).toBe(false);
    expect(givesCurrentAnswers(moved, stored, { exceptEmail: true })).toBe(true);
  });
});
