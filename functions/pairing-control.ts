import type { EventBridgeEvent } from 'aws-lambda';
import { getPairing } from './adapters/pairings';
import { getParticipant } from './adapters/participants';
import { inboundEvents } from './domain/events';
import { END_REASONS, type ControlRequest } from './domain/pairing/model';
import { pauseDayHasPassed } from './domain/pairing/controls';
import { describeIssues, toFieldIssues } from './domain/validation';
import { departParticipant, requestControl } from './lifecycle/departure';
import { eventHandler } from './shared/event-handler';
import { logger } from './shared/powertools';

type ControlType = 'PairingPauseRequested' | 'PairingResumeRequested' | 'PairingEndRequested' | 'ParticipantLeft' | 'ParticipantWithdrew';

/**
 * Pause, resume, early end, withdrawal and "left the company" arrive as events (admin API, HR,
 * replies). Each is appended to the pairing and wakes its execution, which acts on it within the
 * minute. Invalid events throw with the reason: Lambda retries them, then they land in the
 * dead-letter queue.
 */
export const handler = eventHandler('pairing-control', async (event: EventBridgeEvent<ControlType, unknown>): Promise<{ pairings: number }> => {
  const type = event['detail-type'];
  const schema = inboundEvents[type];
  if (!schema) throw new Error(`${type} is not a control event this function handles.`);
  const parsed = schema.safeParse(event.detail);
  if (!parsed.success) throw new Error(`${type} event ${event.id} was rejected: ${describeIssues(toFieldIssues(parsed.error))}`);
  const d = parsed.data as Record<string, string | undefined>;
  const requestedAt = new Date().toISOString();
  const until = d.until ?? d.pauseUntil;
  // As the admin API answers 400: a pause until today or a past day is a mistake to show, not a one-day pause.
  if (type === 'PairingPauseRequested' && until !== undefined && pauseDayHasPassed(until, new Date(requestedAt)))
    throw new Error(`${type} event ${event.id} was rejected: until must be a day after today (${requestedAt.slice(0, 10)}), not ${until}`);
  logger.info('control request', { type, pairingId: d.pairingId, participantId: d.participantId });

  if (type === 'ParticipantLeft' || type === 'ParticipantWithdrew') {
    const participant = await getParticipant(d.participantId!);
    if (!participant) throw new Error(`${type} event ${event.id} names participant ${d.participantId}, who is not enrolled.`);
    const left = type === 'ParticipantLeft';
    const { pairings } = await departParticipant(participant, left ? 'left' : 'withdrawn', left ? 'left the company' : 'withdrew', requestedAt);
    return { pairings };
  }
  const control: ControlRequest =
    type === 'PairingPauseRequested'
      ? { kind: 'pause', requestedAt, ...(until ? { until } : {}) }
      : type === 'PairingResumeRequested'
        ? { kind: 'resume', requestedAt }
        : { kind: 'end', requestedAt, reason: endReasonCode(d.reason, d.participantId) };
  if (await requestControl(d.pairingId!, control)) return { pairings: 1 };
  // Not appended: a pairing that has ended takes no request (a replay changes nothing), but one
  // that does not exist is a mistake the sender must see: rejected, so it lands in the dead letters.
  if (!(await getPairing(d.pairingId!))) throw new Error(`${type} event ${event.id} names pairing ${d.pairingId}, which does not exist: check the pairing id.`);
  logger.info('control request ignored: the pairing has ended', { type, pairingId: d.pairingId });
  return { pairings: 0 };
});

/**
 * The end reasons the workflow knows (the admin API and replies send one of them). A request
 * without one is a participant's END when it names who sent it (replies do); anything else, such
 * as an HR system's free text ("Department reorganisation"), ends the pairing because circumstances
 * changed: telling both "one of you asked to end it" would leave each suspecting the other.
 */
function endReasonCode(reason: string | undefined, participantId: string | undefined): string {
  if (reason && (END_REASONS as readonly string[]).includes(reason)) return reason;
  return reason === undefined && participantId !== undefined ? 'participant-request' : 'circumstances-changed';
}
