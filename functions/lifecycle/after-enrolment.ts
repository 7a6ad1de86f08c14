import { isTerminal, listPairings } from '../adapters/pairings';
import { listParticipants } from '../adapters/participants';
import { pairingsInOneLineAfterEnrolment } from '../domain/enrolment-checks';
import type { Participant } from '../domain/participant';
import { logger } from '../shared/powertools';
import { requestControl } from './departure';

/**
 * After someone is enrolled in a program (any channel: the HTTP intake and its form,
 * `ParticipantEnrolled`, once per CSV import chunk that stored someone): every running pairing of
 * the program that the people enrolled put in one reporting line ends, as after a manager change (docs/lifecycle.md, "When
 * someone is enrolled"): a control request, acted on within the minute, both told kindly and
 * rematched. The decision is domain/enrolment-checks.ts. Safe to run twice: an ended pairing is
 * not running, and a second end request on one still ending is folded into the first. Returns how
 * many pairings were asked to end.
 */
export async function endPairingsInOneLineAfterEnrolment(programId: string, enrolled: readonly Participant[] = []): Promise<number> {
  // The pairings first: with none running (a cohort still enrolling, before its matching run), there
  // is nothing to end, and the whole cohort is not read for each person enrolled (the load bench).
  const running = (await listPairings(programId)).filter((p) => !isTerminal(p.status));
  if (running.length === 0) return 0;
  const cohort = await listParticipants(programId, { consistent: true });
  const ends = pairingsInOneLineAfterEnrolment({ enrolled, cohort, running });
  const requestedAt = new Date().toISOString();
  let asked = 0;
  for (const { pairingId, reason } of ends) {
    if (await requestControl(pairingId, { kind: 'end', requestedAt, reason })) asked++;
  }
  // Ids and counts only: who reports to whom is personal data.
  if (asked > 0)
    logger.info('running pairings put in one reporting line by an enrolment end', { programId, enrolled: enrolled.map((p) => p.participantId), asked });
  return asked;
}

/** The intake's `afterEnrolment` port (functions/domain/intake.ts): the check above for the one person enrolled. */
export async function afterEnrolment(participant: Participant): Promise<void> {
  await endPairingsInOneLineAfterEnrolment(participant.programId, [participant]);
}
