import { isErased } from './erasure';
import { emailKey, employeeIdKey, type Participant } from './participant';

/**
 * Which enrolments are one person of the organisation, for what concerns the person rather than
 * one program (HR's `ParticipantLeft`: someone who left the organisation has left every program).
 * Pure: functions/lifecycle/departure.ts finds the candidates (by address and by employee id,
 * across programs) and acts on what this keeps.
 */

type Identity = Pick<Participant, 'email' | 'employeeId'>;

const hasEmployeeId = (p: Identity) => p.employeeId !== undefined && p.employeeId.trim() !== '';

/**
 * The same person: the same employee id when both enrolments have one (HR's own key: two
 * colleagues who share a team mailbox are two people), else the same address, compared as the
 * address markers compare it (without letter case or surrounding spaces).
 */
export function isSamePerson(a: Identity, b: Identity): boolean {
  if (hasEmployeeId(a) && hasEmployeeId(b)) return employeeIdKey(a.employeeId!) === employeeIdKey(b.employeeId!);
  return emailKey(a.email) !== '' && emailKey(a.email) === emailKey(b.email);
}

/**
 * Every enrolment of `person` among `found` (read in every program), each once, `person`'s own
 * first. A copy in `found` wins over `person` itself (found is read consistently, `person` may
 * come from an index that lags). Erased enrolments are left out: erasure has ended what they had.
 */
export function enrolmentsOfPerson<P extends Participant>(person: P, found: readonly P[]): P[] {
  const byId = new Map<string, P>();
  const own = found.find((p) => p.participantId === person.participantId) ?? person;
  for (const p of [own, ...found]) {
    if (byId.has(p.participantId) || isErased(p)) continue;
    if (p.participantId === person.participantId || isSamePerson(person, p)) byId.set(p.participantId, p);
  }
  return [...byId.values()];
}
