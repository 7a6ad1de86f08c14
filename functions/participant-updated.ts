import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeEvent } from 'aws-lambda';
import { isTerminal, listPairings } from './adapters/pairings';
import {
  EmailTaken,
  getParticipant,
  getParticipantIn,
  addressSuppression,
  listParticipants,
  ParticipantVersionConflict,
  enrolmentsOfSamePerson,
  participantsByEmployeeId,
  updateParticipantProfile,
} from './adapters/participants';
import { getProgram } from './adapters/programs';
import { isErased, liveFirst } from './domain/erasure';
import { inboundEvents } from './domain/events';
import { decideParticipantUpdate, type ParticipantUpdate, type UpdateDecision } from './domain/participant-update';
import { emailKey, type Participant } from './domain/participant';
import { futureDatedIssue } from './domain/rejoin';
import { describeIssues, toFieldIssues } from './domain/validation';
import { requestControl } from './lifecycle/departure';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';

/** Someone else changed the participant between our read and our write this many times: give up (Lambda retries). */
const ATTEMPTS = 3;

/**
 * EventBridge target for `ParticipantUpdated` (HRIS): stores the changed profile with the
 * participant's version, then ends every running pairing the change makes one the program would
 * never have made (a reporting line, or the department rule) through a control request, which the
 * lifecycle acts on within the minute: both people are told kindly and offered a new partner.
 * A new address brings back someone whose old address was suppressed (a hard bounce or a complaint)
 * unless it is suppressed too: enrolled again, with a new confirmation (docs/mail-feedback.md).
 * An update older than what set a field (a later update, the enrolment, a return) leaves it as it
 * is, logged, not refused. The decision is functions/domain/participant-update.ts. An invalid event throws with its reason:
 * after Lambda's retries it lands in the dead-letter queue. Safe to run twice.
 */
export const handler = eventHandler(
  'participant-updated',
  async (event: EventBridgeEvent<string, unknown>): Promise<{ changed: string[]; pairingsEnded: number }> => {
    if (event['detail-type'] !== 'ParticipantUpdated') {
      throw new Error(`This function applies ParticipantUpdated events, not ${event['detail-type']}: check the rule's event pattern.`);
    }
    const parsed = inboundEvents.ParticipantUpdated.safeParse(event.detail);
    if (!parsed.success) throw rejected(event.id, describeIssues(toFieldIssues(parsed.error)));
    const { employeeId: _byEmployee, ...fields } = parsed.data;

    // Named by crossgen's id, or by the HR system's employee id: then every enrolment under it.
    const { found, alsoNamed } = await namedEnrolments(event.id, parsed.data);
    const update: ParticipantUpdate = { ...fields, participantId: found.participantId };
    // An erased person stays erased: an HR system's late update must not write a name back.
    if (isErased(found)) {
      logger.info('participant update ignored: erased', { participantId: found.participantId, eventId: event.id });
      return { changed: [], pairingsEnded: 0 };
    }
    const at = event.time && !Number.isNaN(Date.parse(event.time)) ? new Date(event.time).toISOString() : undefined;
    const ahead = futureDatedIssue(at, new Date());
    if (ahead) throw rejected(event.id, ahead);
    const decision = await storeUpdate(event.id, found, update, at);
    logStale(decision, found.participantId, event.id);

    // A manager, a department, an address is the person's, not one enrolment's: the same person's
    // enrolments in other programs take it too, so no pairing there is left inside a reporting line.
    const sameProgram = new Set(alsoNamed.map((p) => p.participantId));
    const others = [...alsoNamed, ...(await otherEnrolmentsOfPerson(found, update)).filter((p) => !sameProgram.has(p.participantId))];
    const ends = [...decision.end];
    for (const other of others) {
      try {
        // An enrolment the employee id names takes the whole update; another of the same person, what is the person's.
        const carried = sameProgram.has(other.participantId) ? fields : personFacts(update);
        const theirs = await storeUpdate(event.id, other, { ...carried, participantId: other.participantId }, at);
        logStale(theirs, other.participantId, event.id);
        ends.push(...theirs.end);
      } catch (error) {
        // The named enrolment took the update; another that cannot (it left meanwhile) keeps its own.
        if (!(error instanceof UpdateRejected)) throw error;
        logger.warn('participant update not carried to another enrolment', { participantId: other.participantId, eventId: event.id });
      }
    }
    const requestedAt = new Date().toISOString();
    let pairingsEnded = 0;
    for (const { pairingId, reason } of ends) {
      if (await requestControl(pairingId, { kind: 'end', requestedAt, reason })) pairingsEnded++;
    }
    const changed = Object.keys(decision.changes);
    // Field names and ids only: the values are personal data.
    logger.info('participant updated', { participantId: update.participantId, changed, pairingsEnded, otherEnrolments: others.length, eventId: event.id });
    metrics.addMetric('ParticipantUpdated', MetricUnit.Count, 1);
    return { changed, pairingsEnded };
  },
);

/**
 * An older event is no mistake to show HR (events arrive out of order, an archive replay resends
 * them, docs/lifecycle.md "Out of order"): what it would undo is kept, and the log says so; it is
 * not dead-lettered, as a departure older than the enrolment is not.
 */
function logStale(decision: Extract<UpdateDecision, { ok: true }>, participantId: string, eventId: string): void {
  if (decision.olderThanEnrolment)
    logger.info('participant update older than the enrolment: nothing changed', { participantId, stale: decision.stale, olderThanEnrolment: true, eventId });
  else if (decision.stale.length > 0) logger.info('participant update: fields a later event set were kept', { participantId, stale: decision.stale, eventId });
}

/**
 * The facts of an update that belong to the person in every program: who they are and where they
 * are reached (name, address, time zone), their manager and department. An address changed in one
 * program only would leave the others mailing an old mailbox, and the person, no longer found by
 * it, would stay in them when they leave the organisation (QA events3). Languages, availability
 * and capacity may differ between programs: they stay with the enrolment named.
 */
const PERSON_FACTS = ['name', 'email', 'timeZone', 'manager', 'department'] as const;
function personFacts(update: ParticipantUpdate): Pick<ParticipantUpdate, (typeof PERSON_FACTS)[number]> {
  return Object.fromEntries(PERSON_FACTS.filter((f) => update[f] !== undefined).map((f) => [f, update[f]]));
}

/**
 * The enrolment an update names, and, named by employee id, the others under it (erased ones left
 * out, unless nothing else is left: then the erased one, which the update leaves alone). An id
 * nobody is enrolled under is rejected with that reason.
 */
async function namedEnrolments(
  eventId: string,
  ref: { participantId?: string; employeeId?: string },
): Promise<{ found: Participant; alsoNamed: Participant[] }> {
  if (ref.participantId !== undefined) {
    const found = await getParticipant(ref.participantId);
    if (!found) throw rejected(eventId, `participantId names ${ref.participantId}, who is not enrolled: check the id (it starts with "pt_").`);
    return { found, alsoNamed: [] };
  }
  const all = liveFirst(await participantsByEmployeeId(ref.employeeId!));
  if (all.length === 0)
    throw rejected(
      eventId,
      'employeeId names an employee id nobody is enrolled under (the id itself is kept out of logs): check it, or enrol the person first (ParticipantEnrolled).',
    );
  // An erased one first only when all are: the update then leaves them alone (the handler's check).
  const [found, ...others] = all;
  return { found: found!, alsoNamed: others.filter((p) => !isErased(p)) };
}

/**
 * The same person's other enrolments (other programs; the same employee id, else the same address:
 * same-person.ts), when the update changes a fact of the person's (personFacts); none otherwise.
 */
async function otherEnrolmentsOfPerson(person: Participant, update: ParticipantUpdate): Promise<Participant[]> {
  if (Object.keys(personFacts(update)).length === 0) return [];
  return (await enrolmentsOfSamePerson(person)).filter((p) => p.participantId !== person.participantId && p.programId !== person.programId && !isErased(p));
}

/** Decides on the participant as stored and writes it at that version; decides again after a conflict. */
async function storeUpdate(
  eventId: string,
  found: Participant,
  update: ParticipantUpdate,
  at: string | undefined,
): Promise<Extract<UpdateDecision, { ok: true }>> {
  const program = await getProgram(found.programId);
  if (!program) throw new Error(`Program ${found.programId} of participant ${found.participantId} does not exist.`);
  for (let attempt = 1; ; attempt++) {
    const [participant, cohort, pairings] = await Promise.all([
      getParticipantIn(found.programId, found.participantId),
      listParticipants(found.programId),
      listPairings(found.programId),
    ]);
    if (!participant) throw rejected(eventId, `participantId names ${found.participantId}, who is not enrolled.`);
    // A new address that bounced or complained: a suppressed person does not come back under it,
    // and anyone still taking part is not moved to it (participant-update.ts).
    const suppression =
      update.email !== undefined && emailKey(update.email) !== emailKey(participant.email) ? await addressSuppression(update.email) : undefined;
    const decision = decideParticipantUpdate({
      participant,
      update,
      cohort,
      running: pairings.filter((p) => !isTerminal(p.status)),
      rules: program.matching.rules,
      ...(at ? { at } : {}),
      newAddressSuppressed: suppression !== undefined,
      ...(suppression ? { newAddressSuppression: suppression } : {}),
    });
    if (!decision.ok) {
      logger.warn('ParticipantUpdated event rejected', { eventId, fields: decision.issues.map((i) => i.field) });
      throw rejected(eventId, describeIssues(decision.issues));
    }
    if (Object.keys(decision.writes).length === 0) return decision;
    try {
      await updateParticipantProfile(participant, decision.writes, { comesBack: decision.comesBack === true });
      if (decision.comesBack)
        logger.info('participant enrolled again under a new address: the old one was suppressed', { participantId: participant.participantId, eventId });
      else if (participant.status === 'suppressed' && decision.changes.email !== undefined)
        logger.info('participant stays suppressed: the new address was suppressed too', { participantId: participant.participantId, eventId });
      return decision;
    } catch (error) {
      // Another person of the program has that address: a mistake for HR to see, not to retry.
      if (error instanceof EmailTaken) throw rejected(eventId, error.message);
      if (!(error instanceof ParticipantVersionConflict) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** The event cannot be applied (its reason for HR): retrying changes nothing. */
class UpdateRejected extends Error {}

function rejected(eventId: string, reason: string): Error {
  metrics.addMetric('ParticipantUpdateRejected', MetricUnit.Count, 1);
  return new UpdateRejected(`ParticipantUpdated event ${eventId} was rejected: ${reason}`);
}
