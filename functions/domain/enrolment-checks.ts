import { isErased } from './erasure';
import type { EndReason } from './pairing/model';
import { emailKey, employeeIdKey, type Participant, type ParticipantIntake, type ParticipantStatus } from './participant';
import { inOneReportingLine, type RunningPairing } from './participant-update';

/**
 * What a new enrolment means beyond the person enrolled (docs/lifecycle.md, "When someone is
 * enrolled"). Pure: the adapters read the cohort, the running pairings and the employee id's other
 * enrolments, and act on what these decide.
 */

/** A running pairing a new enrolment puts in one reporting line: it ends as a manager change ends it. */
export interface EndAfterEnrolment {
  readonly pairingId: string;
  readonly reason: Extract<EndReason, 'reporting-line-changed'>;
}

/**
 * The running pairings of a program that are within one reporting line once `enrolled` are in the
 * cohort. A new person can close a line between two others: the mentor's manager field names an
 * address nobody held, and the person enrolled under it reports to the mentee (QA events3). The
 * lines are built as a manager change builds them (participant-update.ts): from everyone the
 * program holds, whatever their status, tombstones included. `enrolled` are merged into `cohort`
 * by id (the cohort may have been read before their write shows). Every running pairing is checked,
 * not only theirs; the answer follows the data, not what changed, so deciding twice ends the same
 * pairings, and a pairing that has ended is no longer running.
 */
export function pairingsInOneLineAfterEnrolment(input: {
  readonly enrolled: readonly Participant[];
  readonly cohort: readonly Participant[];
  readonly running: readonly RunningPairing[];
}): EndAfterEnrolment[] {
  if (input.running.length === 0) return [];
  const newIds = new Set(input.enrolled.map((p) => p.participantId));
  return inOneReportingLine([...input.cohort.filter((p) => !newIds.has(p.participantId)), ...input.enrolled], input.running);
}

/**
 * Who may hold an employee id in another program under another address without blocking a new
 * enrolment: someone who left (a re-hire comes back under a new address) or whose address was
 * suppressed (they come back under a working one: docs/mail-feedback.md, "Coming back").
 */
const MAY_COME_BACK_ELSEWHERE: readonly ParticipantStatus[] = ['left', 'suppressed'];

/**
 * Whether a new enrolment must be refused because its employee id is already held in another
 * program under a different address, and by whom (undefined: go on). One employee id is one
 * person (same-person.ts, isSamePerson: the id wins over the address), so two people given one id
 * by mistake would act for each other: a reply of one ends the other's pairing, a departure of one
 * removes the other (QA attacker3). Within one program the employee marker already refuses it;
 * this is the same rule across programs. Never refused for: the same address in any letter case
 * (the same person joining another program), a holder who left or was suppressed (coming back),
 * an erased enrolment (a tombstone), an enrolment of the same program (its own rules apply).
 */
export function employeeIdHeldElsewhere(
  intake: Pick<ParticipantIntake, 'programId' | 'email' | 'employeeId'>,
  holders: readonly Participant[],
): Participant | undefined {
  if (intake.employeeId === undefined || employeeIdKey(intake.employeeId) === '') return undefined;
  const id = employeeIdKey(intake.employeeId);
  const address = emailKey(intake.email);
  return holders.find(
    (h) =>
      h.programId !== intake.programId &&
      !isErased(h) &&
      h.employeeId !== undefined &&
      employeeIdKey(h.employeeId) === id &&
      emailKey(h.email) !== address &&
      !MAY_COME_BACK_ELSEWHERE.includes(h.status),
  );
}

/**
 * Why the enrolment is refused (field `employeeId`), in words HR reads, and what to do: the same
 * person at a new address has that address given to their other enrolment first, by the route HR
 * uses (the API and the import: PATCH /participants/{id}; an HR system: its ParticipantUpdated
 * event; QA hr8: HR on the API was sent to an event only); anyone else has their employee id
 * corrected. Names the holder by program and participant id, never by address (the employee id is
 * compared without letter case or surrounding spaces).
 */
export function employeeIdElsewhereMessage(holder: Pick<Participant, 'programId' | 'participantId'>): string {
  // Short enough to reach HR whole, for the longest program id: an issue's message is clipped at 300 characters (validation.ts).
  return (
    `is already enrolled in program "${holder.programId}" under another email: one employee id is one person. ` +
    `If they moved address, send it first with PATCH /participants/${holder.participantId} (or a ParticipantUpdated event); else correct the employee id`
  );
}
