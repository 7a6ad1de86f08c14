import { appendControl, getPairing, isTerminal, pairingIdsOf } from '../adapters/pairings';
import { enrolmentsOfSamePerson, updateParticipantStatus } from '../adapters/participants';
import { removeWaitlistEntry } from '../adapters/waitlist';
import { sendTaskAnswer } from '../adapters/workflow-callbacks';
import type { ControlRequest } from '../domain/pairing/model';
import type { Participant, ParticipantStatus } from '../domain/participant';
import { departureIsOlder, toTheSecond } from '../domain/rejoin';

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
 * the call changes nothing. `eventAt`, the time of the event that says they left: a departure
 * older than their enrolment as it stands (from before a re-hire, domain/rejoin.ts) changes nothing
 * (`older`).
 */
export async function departParticipant(
  participant: Participant,
  status: 'left' | 'withdrawn' | 'suppressed',
  _reason: string,
  requestedAt: string,
  eventAt?: string,
): Promise<{ statusChanged: boolean; pairings: number; older?: true }> {
  if (departureIsOlder(participant, eventAt)) return { statusChanged: false, pairings: 0, older: true };
  const statusChanged = !GONE.includes(participant.status);
  if (statusChanged) {
    const also = status === 'left' ? { leftAt: toTheSecond(eventAt !== undefined && !Number.isNaN(Date.parse(eventAt)) ? eventAt : requestedAt) } : {};
    await updateParticipantStatus(participant.participantId, participant.version, status, also);
  }
  let pairings = 0;
  for (const pairingId of await pairingIdsOf(participant.participantId)) {
    const pairing = await getPairing(pairingId);
    if (!pairing || isTerminal(pairing.status)) continue;
    if (await requestControl(pairingId, { kind: 'left', requestedAt, participantId: participant.participantId, reason: status })) pairings++;
  }
  return { statusChanged, pairings };
}

/**
 * Someone left the organisation (HR's `ParticipantLeft`, naming one of their enrolments): they have
 * left every program. Each enrolment of the same person (domain/same-person.ts: the same employee
 * id, else the same address; found as bounces and erasure find them, plus by employee id) leaves
 * as a single-program departure does (status `left`, running pairings ended with the partner told
 * kindly and rematched) and is taken off its program's waitlist. Safe to repeat: a person already
 * gone changes nothing, an ended pairing takes no request, a removed entry is removed once. An
 * enrolment that began after `eventAt` (the event's time: a re-hire enrolled again since, or
 * enrolled in another program since) is left as it is, waitlist entry included (domain/rejoin.ts).
 */
export async function leaveOrganisation(
  participant: Participant,
  requestedAt: string,
  eventAt?: string,
): Promise<{ enrolments: number; pairings: number; older: number }> {
  let enrolments = 0;
  let pairings = 0;
  let older = 0;
  for (const enrolment of await enrolmentsOfSamePerson(participant)) {
    const out = await departParticipant(enrolment, 'left', 'left the company', requestedAt, eventAt);
    if (out.older) {
      older++;
      continue;
    }
    await removeWaitlistEntry(enrolment.programId, enrolment.participantId);
    if (out.statusChanged) enrolments++;
    pairings += out.pairings;
  }
  return { enrolments, pairings, older };
}
