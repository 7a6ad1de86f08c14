import { isErased } from '../erasure';
import type { Participant } from '../participant';
import { isSamePerson } from '../same-person';
import type { ReportingLink } from './reporting-chain';

/** Someone of the program, as the reporting lines read them (a tombstone keeps digests, not an address). */
export type LineMember = Pick<Participant, 'email' | 'manager'> & Partial<Pick<Participant, 'employeeId' | 'reportingLine'>>;

/** When an enrolment's manager was last given: HR's stamp of the field, else the enrolment itself. */
const managerGivenAt = (p: Participant) => p.fieldUpdatedAt?.manager ?? p.enrolledAt ?? p.createdAt;

/**
 * The manager links that the program's own people have on their enrolments in other programs: a
 * reporting line is a fact about the organisation, not about one program (QA: Ada reports to Grace
 * in rm-eng, where HR gave her manager; rm-sales, whose import left the column empty, must not pair
 * them either). `elsewhere`: enrolments read in other programs by the people's addresses and
 * employee ids; only those of the same person (same-person.ts: the same employee id when both have
 * one, else the same address) count, so a colleague sharing a team mailbox under another employee
 * id lends nobody their manager. Pure.
 *
 * - A member whose own record names a manager keeps it: the program's own record is what HR gave
 *   this program, and the reporting lines are a forest (one manager each, reporting-chain.ts).
 * - Otherwise the manager of their enrolment elsewhere whose manager was given last counts.
 * - The link is made under the member's own identity (their address and employee id here), never
 *   under the other enrolment's: an address that enrolment still holds may be someone else's now.
 * - Tombstones (erased people, here or elsewhere) take no part: erasure ended what they had.
 */
export function linesOfSamePeopleElsewhere(programId: string, people: readonly LineMember[], elsewhere: readonly Participant[]): ReportingLink[] {
  const others = elsewhere
    .filter((r) => r.programId !== programId && r.manager !== undefined && !isErased(r))
    .sort((a, b) => managerGivenAt(b).localeCompare(managerGivenAt(a)));
  return people.flatMap((member): ReportingLink[] => {
    if (member.manager !== undefined || member.reportingLine !== undefined || member.email.trim() === '') return [];
    const found = others.find((r) => isSamePerson(member, r));
    if (!found?.manager) return [];
    return [{ email: member.email, ...(member.employeeId ? { employeeId: member.employeeId } : {}), manager: found.manager }];
  });
}
