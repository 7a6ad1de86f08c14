import { appendControl, getPairing, isTerminal, pairingIdsOf } from '../adapters/pairings';
import { updateParticipantStatus } from '../adapters/participants';
import { sendTaskAnswer } from '../adapters/workflow-callbacks';
import type { ControlRequest } from '../domain/pairing/model';
import type { Participant, ParticipantStatus } from '../domain/participant';

const GONE: readonly ParticipantStatus[] = ['left', 'withdrawn', 'suppressed'];

/**
 * Records a control request on a running pairing and wakes its execution, so that it acts within
 * the minute (not at its next scheduled step). Requests are appended, never overwritten: the step
 * folds them by priority (end and departure over pause over resume). False when already ended.
 */
export async function requestControl(pairingId: string, control: ControlRequest): Promise<boolean> {
  const out = await appendControl(pairingId, control);
  if (!out) return false;
  // A stale token (the execution is mid-step) is fine: the step's park sees the new version.
  if (out.wakeToken) await sendTaskAnswer(out.wakeToken, { woken: control.kind });
  return true;
}

/**
 * Someone leaves the program (left the company, STOP, or their address cannot take our email):
 * their status changes once, and every pairing of theirs still running ends now, which tells the
 * partner kindly and requests a rematch for them. Returns how many pairings were asked; repeating
 * the call changes nothing.
 */
export async function departParticipant(
  participant: Participant,
  status: 'left' | 'withdrawn' | 'suppressed',
  _reason: string,
  requestedAt: string,
): Promise<{ statusChanged: boolean; pairings: number }> {
  const statusChanged = !GONE.includes(participant.status);
  if (statusChanged) await updateParticipantStatus(participant.participantId, participant.version, status);
  let pairings = 0;
  for (const pairingId of await pairingIdsOf(participant.participantId)) {
    const pairing = await getPairing(pairingId);
    if (!pairing || isTerminal(pairing.status)) continue;
    if (await requestControl(pairingId, { kind: 'left', requestedAt, participantId: participant.participantId, reason: status })) pairings++;
  }
  return { statusChanged, pairings };
}
