import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeEvent } from 'aws-lambda';
import { erasedEnrolmentsByEmployeeId, getParticipant, participantsByEmployeeId } from './adapters/participants';
import { refusedAfterErasure } from './domain/erased-hr-events';
import { isErased, liveFirst } from './domain/erasure';
import { inboundEvents } from './domain/events';
import { updateEventRefusal } from './domain/fixed-fields';
import type { Participant } from './domain/participant';
import { futureDatedIssue } from './domain/rejoin';
import { loadChangeEnds, type PairingEnd } from './domain/update-ends';
import { applyParticipantUpdate, changeEndsPorts, UpdateRefused } from './shared/apply-participant-update';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';

/**
 * EventBridge target for `ParticipantUpdated` (HRIS): stores the changed profile with the
 * participant's version, then ends every running pairing the change makes one the program would
 * never have made (a reporting line, or the department rule) through a control request, which the
 * lifecycle acts on within the minute: both people are told kindly and offered a new partner.
 * A new address brings back someone whose old address was suppressed (a hard bounce or a complaint)
 * unless it is suppressed too: enrolled again, with a new confirmation (docs/mail-feedback.md).
 * An update older than what set a field (a later update, the enrolment, a return) leaves it as it
 * is, logged, not refused. The decision is functions/domain/participant-update.ts, applied by
 * shared/apply-participant-update.ts (as `PATCH /participants/{id}` applies it). An invalid event
 * throws with its reason: after Lambda's retries it lands in the dead-letter queue. So does one
 * naming a person who was erased (by their tombstone's id, or an employee id only a tombstone
 * had): nothing is written, and the reason says when they were erased (domain/erased-hr-events.ts).
 * Unlike `PATCH /participants/{id}`, which asks HR to confirm a change that ends pairings, an HR
 * system's event has nobody to ask: it goes ahead, and its outcome (the result and the log line)
 * names each pairing it ends, by id, program and reason (domain/update-ends.ts); the admins'
 * weekly digest then lists each of them with the reason in neutral words (docs/emails.md).
 * Safe to run twice.
 */
export const handler = eventHandler(
  'participant-updated',
  async (event: EventBridgeEvent<string, unknown>): Promise<{ changed: string[]; pairingsEnded: PairingEnd[] }> => {
    if (event['detail-type'] !== 'ParticipantUpdated') {
      throw new Error(`This function applies ParticipantUpdated events, not ${event['detail-type']}: check the rule's event pattern.`);
    }
    const parsed = inboundEvents.ParticipantUpdated.safeParse(event.detail);
    if (!parsed.success) throw rejected(event.id, updateEventRefusal(event.detail, parsed.error));
    const { employeeId: _byEmployee, participantId: _byId, ...fields } = parsed.data;

    const at = event.time && !Number.isNaN(Date.parse(event.time)) ? new Date(event.time).toISOString() : undefined;
    // Named by crossgen's id, or by the HR system's employee id: then every enrolment under it.
    const { found, alsoNamed } = await namedEnrolments(event.id, parsed.data, at);
    // An erased person stays erased: an HR system's late update must not write a name back.
    if (isErased(found)) {
      logger.info('participant update rejected: erased', { participantId: found.participantId, eventId: event.id });
      const namedBy = parsed.data.participantId !== undefined ? { participantId: found.participantId } : { employeeId: true as const };
      throw rejected(event.id, refusedAfterErasure({ event: 'ParticipantUpdated', erased: [found], eventAt: at, namedBy, now: new Date() })!);
    }
    const ahead = futureDatedIssue(at, new Date());
    if (ahead) throw rejected(event.id, ahead);
    let applied: Awaited<ReturnType<typeof applyParticipantUpdate>>;
    let ends: PairingEnd[] = [];
    try {
      // Decided on the records the update reads, before it writes them: the pairings it ends.
      ends = [...(await loadChangeEnds(found, alsoNamed, fields, at, changeEndsPorts)).ends];
      applied = await applyParticipantUpdate(found, alsoNamed, fields, { at, log: { eventId: event.id } });
    } catch (error) {
      if (error instanceof UpdateRefused) throw rejected(event.id, error.message);
      throw error;
    }
    const { changed, pairingsEnded: endRequests, otherEnrolments } = applied;
    // Field names and ids only: the values are personal data.
    logger.info('participant updated', { participantId: found.participantId, changed, pairingsEnded: ends, endRequests, otherEnrolments, eventId: event.id });
    metrics.addMetric('ParticipantUpdated', MetricUnit.Count, 1);
    return { changed, pairingsEnded: ends };
  },
);

/**
 * The enrolment an update names, and, named by employee id, the others under it (erased ones left
 * out, unless nothing else is left: then the erased one, for which the update is rejected). An id
 * nobody is enrolled under is rejected with that reason, or, when the person who had it was erased
 * (their tombstone keeps its digest), with that one.
 */
async function namedEnrolments(
  eventId: string,
  ref: { participantId?: string; employeeId?: string },
  at: string | undefined,
): Promise<{ found: Participant; alsoNamed: Participant[] }> {
  if (ref.participantId !== undefined) {
    const found = await getParticipant(ref.participantId);
    if (!found) throw rejected(eventId, `participantId names ${ref.participantId}, who is not enrolled: check the id (it starts with "pt_").`);
    return { found, alsoNamed: [] };
  }
  const all = liveFirst(await participantsByEmployeeId(ref.employeeId!));
  if (all.length === 0) {
    const erased = await erasedEnrolmentsByEmployeeId(ref.employeeId!);
    const refusal = refusedAfterErasure({ event: 'ParticipantUpdated', erased, eventAt: at, namedBy: { employeeId: true }, now: new Date() });
    if (refusal) throw rejected(eventId, refusal);
    throw rejected(
      eventId,
      'employeeId names an employee id nobody is enrolled under (the id itself is kept out of logs): check it, or enrol the person first (ParticipantEnrolled).',
    );
  }
  // An erased one first only when all are (an erasure under way): the handler rejects the update then.
  const [found, ...others] = all;
  return { found: found!, alsoNamed: others.filter((p) => !isErased(p)) };
}

/** The event cannot be applied (its reason for HR): retrying changes nothing. */
function rejected(eventId: string, reason: string): Error {
  metrics.addMetric('ParticipantUpdateRejected', MetricUnit.Count, 1);
  return new Error(`ParticipantUpdated event ${eventId} was rejected: ${reason}`);
}
