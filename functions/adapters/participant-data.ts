import type { ExportEnrolment, OutboxRecord } from '../domain/participant-export';
import type { Participant } from '../domain/participant';
import { PAIRING_KEYS } from '../domain/pairing/model';
import { getPairing, listAudit, listChildren, pairingIdsOf } from './pairings';
import { getParticipant, sameAddressEnrolments } from './participants';
import { listWaitlist } from './waitlist';
import { listConcerns } from './concerns';

/**
 * Every item held about the person behind `participantId`, in every program they are enrolled in
 * under the same address: profile, waitlist entries, pairings with their check-ins, reviews,
 * audit and the emails they decided. Undefined when there is no such participant.
 */
export async function collectParticipantData(participantId: string): Promise<ExportEnrolment[] | undefined> {
  const participant = await getParticipant(participantId);
  if (!participant) return undefined;
  // The address index is eventually consistent: the asked-for enrolment is always included.
  // The same person's other enrolments under the address: not a colleague who shares the mailbox.
  const others = await sameAddressEnrolments(participant);
  return Promise.all([participant, ...others].map(enrolmentData));
}

async function enrolmentData(participant: Participant): Promise<ExportEnrolment> {
  const [pairingIds, waitlist, concerns] = await Promise.all([
    pairingIdsOf(participant.participantId),
    listWaitlist(participant.programId),
    listConcerns(participant.programId),
  ]);
  const pairings = [];
  for (const pairingId of pairingIds) {
    const pairing = await getPairing(pairingId);
    if (!pairing) continue;
    const [checkIns, reviews, skills, feedback, audit, fitChecks, outbox] = await Promise.all([
      listChildren<Record<string, unknown>>(pairingId, 'CHECKIN#'),
      listChildren<Record<string, unknown> & { participantId?: string }>(pairingId, 'REVIEW#'),
      listChildren<Record<string, unknown> & { participantId?: string }>(pairingId, 'SKILLS#'),
      listChildren<Record<string, unknown> & { participantId?: string }>(pairingId, 'FEEDBACK#'),
      listAudit(pairingId),
      listChildren<Record<string, unknown>>(pairingId, 'FIT#'),
      // The emails the pairing decided, for either member or the admins: the export lists the person's own.
      listChildren<OutboxRecord>(pairingId, PAIRING_KEYS.outbox('email:')),
    ]);
    pairings.push({
      pairing: pairing as unknown as ExportEnrolment['pairings'][number]['pairing'],
      checkIns,
      // Self-ratings per topic are the person's own answers too; program feedback apart (an admin's download leaves it out).
      reviews: [...reviews, ...skills],
      feedback,
      audit: audit as unknown as Record<string, unknown>[],
      fitChecks,
      outbox,
    });
  }
  return {
    participant,
    pairings,
    waitlist: waitlist.filter((w) => w.participantId === participant.participantId) as unknown as Record<string, unknown>[],
    concerns: concerns.filter((c) => c.participantId === participant.participantId) as unknown as Record<string, unknown>[],
  };
}
