import { getPairing, isTerminal, pairingIdsOf, requestControl } from '../adapters/pairings';
import { updateParticipantStatus } from '../adapters/participants';
import type { Participant, ParticipantStatus } from '../domain/participant';

const GONE: readonly ParticipantStatus[] = ['left', 'withdrawn', 'suppressed'];

/**
 * Someone leaves the program (left the company, STOP, or their address cannot take our email):
 * their status changes once, and every pairing of theirs still running is asked to end at its
 * next step, which tells the partner kindly and requests a rematch for them. Returns how many
 * pairings were asked; repeating the call changes nothing.
 */
export async function departParticipant(
  participant: Participant,
  status: 'left' | 'withdrawn' | 'suppressed',
  reason: string,
  requestedAt: string,
): Promise<{ statusChanged: boolean; pairings: number }> {
  const statusChanged = !GONE.includes(participant.status);
  if (statusChanged) await updateParticipantStatus(participant.participantId, participant.version, status);
  let pairings = 0;
  for (const pairingId of await pairingIdsOf(participant.participantId)) {
    const pairing = await getPairing(pairingId);
    if (!pairing || isTerminal(pairing.status)) continue;
    if (await requestControl(pairingId, { kind: 'left', requestedAt, participantId: participant.participantId, reason })) pairings++;
  }
  return { statusChanged, pairings };
}
