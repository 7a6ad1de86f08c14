import { describe, expect, it } from 'vitest';
import type { Participant } from '../../../functions/domain/participant';
import { enrolmentsOfPerson, isSamePerson } from '../../../functions/domain/same-person';

const enrolment = (participantId: string, programId: string, email: string, employeeId?: string, extra: Record<string, unknown> = {}) =>
  ({ participantId, programId, email, ...(employeeId !== undefined ? { employeeId } : {}), status: 'paired', version: 1, ...extra }) as unknown as Participant;

describe('isSamePerson (who has left every program when HR says they left)', () => {
  it('the same employee id is the same person, whatever the letter case or the address', () => {
    expect(isSamePerson({ email: 'alice@example.com', employeeId: 'E1001' }, { email: 'alice@example.com', employeeId: 'e1001 ' })).toBe(true);
    expect(isSamePerson({ email: 'alice@example.com', employeeId: 'E1001' }, { email: 'a.smith@example.com', employeeId: 'E1001' })).toBe(true);
  });

  it('two employee ids that differ are two people, even under one address (a shared mailbox)', () => {
    expect(isSamePerson({ email: 'team@example.com', employeeId: 'E1' }, { email: 'team@example.com', employeeId: 'E2' })).toBe(false);
  });

  it('without an employee id on both sides, the address decides, compared as its marker compares it', () => {
    expect(isSamePerson({ email: 'Alice@Example.com ' }, { email: 'alice@example.com', employeeId: 'E1001' })).toBe(true);
    expect(isSamePerson({ email: 'alice@example.com', employeeId: 'E1001' }, { email: 'ALICE@example.com' })).toBe(true);
    expect(isSamePerson({ email: 'alice@example.com', employeeId: '  ' }, { email: 'alice@example.com', employeeId: 'E9' })).toBe(true);
    expect(isSamePerson({ email: 'alice@example.com' }, { email: 'bob@example.com' })).toBe(false);
    expect(isSamePerson({ email: ' ' }, { email: '' })).toBe(false);
  });
});

describe('enrolmentsOfPerson', () => {
  const alpha = enrolment('pt_a', 'alpha', 'alice@example.com', 'E1001');

  it('keeps the named enrolment first and every other one of the same person once, in any program', () => {
    const beta = enrolment('pt_b', 'beta', 'ALICE@example.com', 'E1001');
    const gamma = enrolment('pt_c', 'gamma', 'alice.new@example.com', 'e1001');
    const delta = enrolment('pt_d', 'delta', 'alice@example.com');
    const found = [beta, gamma, beta, delta];
    expect(enrolmentsOfPerson(alpha, found).map((p) => p.participantId)).toEqual(['pt_a', 'pt_b', 'pt_c', 'pt_d']);
  });

  it('leaves out another employee under the same address, and anyone else', () => {
    const namesake = enrolment('pt_x', 'beta', 'alice@example.com', 'E2002');
    const other = enrolment('pt_y', 'beta', 'bob@example.com');
    expect(enrolmentsOfPerson(alpha, [namesake, other]).map((p) => p.participantId)).toEqual(['pt_a']);
  });

  it('prefers the copy read in the program (fresher) over the one named, and keeps the named one when not found', () => {
    const fresher = enrolment('pt_a', 'alpha', 'alice@example.com', 'E1001', { version: 3 });
    expect(enrolmentsOfPerson(alpha, [fresher])).toEqual([fresher]);
    expect(enrolmentsOfPerson(alpha, [])).toEqual([alpha]);
  });

  it('leaves out an erased enrolment: erasure has already ended what it had', () => {
    const erased = enrolment('pt_e', 'beta', 'alice@example.com', 'E1001', {
      erasure: { erasureId: 'er_1', startedAt: '2027-01-01T00:00:00Z', enrolments: [] },
    });
    expect(enrolmentsOfPerson(alpha, [erased]).map((p) => p.participantId)).toEqual(['pt_a']);
  });
});
