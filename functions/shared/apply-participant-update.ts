import type { z } from 'zod';
import { isTerminal, listPairings } from '../adapters/pairings';
import {
  EmailTaken,
  addressSuppression,
  enrolmentsOfSamePerson,
  getParticipantIn,
  listParticipants,
  ParticipantVersionConflict,
  updateParticipantProfile,
} from '../adapters/participants';
import { getProgram } from '../adapters/programs';
import { reportingLinesElsewhere } from '../adapters/reporting-elsewhere';
import { isErased } from '../domain/erasure';
import type { participantChanges } from '../domain/events';
import { decideParticipantUpdate, type ParticipantUpdate, type UpdateDecision } from '../domain/participant-update';
import type { ChangeEndsPorts } from '../domain/update-ends';
import { emailKey, type Participant } from '../domain/participant';
import { describeIssues, type FieldIssue } from '../domain/validation';
import { requestControl } from '../lifecycle/departure';
import { wakeWhenHoursMove } from '../lifecycle/wake';
import { logger } from './powertools';

/**
 * How HR changes a participant, whichever way the change arrives: a ParticipantUpdated event
 * (functions/participant-updated.ts) or `PATCH /participants/{id}` (functions/participants-api.ts).
 * One path, so the two cannot drift: the decision is functions/domain/participant-update.ts; this
 * stores it at the participant's version, carries the person's facts to their other enrolments,
 * and ends the pairings the change rules out through control requests. Safe to run twice.
 */

/** Someone else changed the participant between our read and our write this many times: give up (retried by the caller). */
const ATTEMPTS = 3;

/** The fields a change may name (the same for the event and the API). */
export type ParticipantChanges = { -readonly [K in keyof typeof participantChanges]?: z.output<(typeof participantChanges)[K]> };

/**
 * The change cannot be applied, and retrying changes nothing: `invalid` (the decision's issues: a
 * person as their own manager, a suppressed address), `address-taken` (another participant of the
 * program has the address), `not-enrolled` (the participant is gone).
 */
export class UpdateRefused extends Error {
  override readonly name = 'UpdateRefused';
  constructor(
    readonly kind: 'invalid' | 'address-taken' | 'not-enrolled',
    readonly issues: readonly FieldIssue[],
    reason = describeIssues([...issues]),
  ) {
    super(reason);
  }
}

export interface AppliedUpdate {
  /** The fields of the named enrolment whose value changed (empty when the change repeats). */
  readonly changed: string[];
  readonly pairingsEnded: number;
  readonly otherEnrolments: number;
}

/**
 * Applies `fields` to `found` (the enrolment named) and to `alsoNamed` (more enrolments the
 * caller named, e.g. under one employee id: they take every field); the same person's enrolments
 * in other programs take the facts that are the person's (personFacts). `at`: when HR made the
 * change (the event's time; now for the API). `log`: what identifies the request in logs (ids only).
 */
export async function applyParticipantUpdate(
  found: Participant,
  alsoNamed: readonly Participant[],
  fields: ParticipantChanges,
  opts: { at: string | undefined; log: Record<string, string> },
): Promise<AppliedUpdate> {
  const update: ParticipantUpdate = { ...fields, participantId: found.participantId };
  const decision = await storeUpdate(found, update, opts);
  logStale(decision, found.participantId, opts.log);

  // A manager, a department, an address is the person's, not one enrolment's: the same person's
  // enrolments in other programs take it too, so no pairing there is left inside a reporting line.
  const sameProgram = new Set(alsoNamed.map((p) => p.participantId));
  const others = [...alsoNamed, ...(await otherEnrolmentsOfPerson(found, update)).filter((p) => !sameProgram.has(p.participantId))];
  const ends = [...decision.end];
  for (const other of others) {
    try {
      // An enrolment the caller named takes the whole update; another of the same person, what is the person's.
      const carried = sameProgram.has(other.participantId) ? fields : personFacts(update);
      const theirs = await storeUpdate(other, { ...carried, participantId: other.participantId }, opts);
      logStale(theirs, other.participantId, opts.log);
      ends.push(...theirs.end);
    } catch (error) {
      // The named enrolment took the update; another that cannot (it left meanwhile) keeps its own.
      if (!(error instanceof UpdateRefused)) throw error;
      logger.warn('participant update not carried to another enrolment', { participantId: other.participantId, ...opts.log });
    }
  }
  const requestedAt = new Date().toISOString();
  let pairingsEnded = 0;
  for (const { pairingId, reason } of ends) {
    if (await requestControl(pairingId, { kind: 'end', requestedAt, reason })) pairingsEnded++;
  }
  // Another time zone or other hours: the person's running pairings plan their series and questions again now.
  await wakeWhenHoursMove([found, ...others], fields);
  return { changed: Object.keys(decision.changes), pairingsEnded, otherEnrolments: others.length };
}

/**
 * An older change is no mistake to show HR (events arrive out of order, an archive replay resends
 * them, docs/lifecycle.md "Out of order"): what it would undo is kept, and the log says so; it is
 * not refused, as a departure older than the enrolment is not.
 */
function logStale(decision: Extract<UpdateDecision, { ok: true }>, participantId: string, log: Record<string, string>): void {
  if (decision.olderThanEnrolment)
    logger.info('participant update older than the enrolment: nothing changed', { participantId, stale: decision.stale, olderThanEnrolment: true, ...log });
  else if (decision.stale.length > 0) logger.info('participant update: fields a later event set were kept', { participantId, stale: decision.stale, ...log });
}

/**
 * The facts of an update that belong to the person in every program: who they are and where they
 * are reached (name, address, time zone), their manager, department, job title and location. An
 * address changed in one program only would leave the others mailing an old mailbox, and the
 * person, no longer found by it, would stay in them when they leave the organisation (QA events3).
 * Languages, availability and capacity may differ between programs, and so do the answers given to
 * one program (topics from its catalogue, interests, goals, meeting preference, communication
 * style): they stay with the enrolment named.
 */
const PERSON_FACTS = ['name', 'email', 'timeZone', 'manager', 'department', 'jobTitle', 'location'] as const;
function personFacts(update: ParticipantUpdate): Pick<ParticipantUpdate, (typeof PERSON_FACTS)[number]> {
  return Object.fromEntries(PERSON_FACTS.filter((f) => update[f] !== undefined).map((f) => [f, update[f]]));
}

/**
 * The same person's other enrolments (other programs; the same employee id, else the same address:
 * same-person.ts), when the update changes a fact of the person's (personFacts); none otherwise.
 */
async function otherEnrolmentsOfPerson(person: Participant, update: ParticipantUpdate): Promise<Participant[]> {
  if (Object.keys(personFacts(update)).length === 0) return [];
  return (await enrolmentsOfSamePerson(person)).filter((p) => p.participantId !== person.participantId && p.programId !== person.programId && !isErased(p));
}

/**
 * When the update re-checks the reporting lines (a new manager or address): the lines of the
 * managers the program does not hold, from the other programs, as matching reads them
 * (reporting-elsewhere.ts, QA matching3), the update's own manager included. Without them a new
 * manager enrolled only elsewhere, whose record there names the participant's partner, left the
 * pairing running though matching forbids it.
 */
async function linesThroughOtherPrograms(participant: Participant, update: ParticipantUpdate, cohort: readonly Participant[]) {
  if (update.manager === undefined && update.email === undefined) return [];
  const updated = { email: update.email ?? participant.email, ...(update.manager ? { manager: update.manager } : {}) };
  return reportingLinesElsewhere(participant.programId, [...cohort, updated]);
}

/** Decides on the participant as stored and writes it at that version; decides again after a conflict. */
async function storeUpdate(
  found: Participant,
  update: ParticipantUpdate,
  { at, log }: { at: string | undefined; log: Record<string, string> },
): Promise<Extract<UpdateDecision, { ok: true }>> {
  const program = await getProgram(found.programId);
  if (!program) throw new Error(`Program ${found.programId} of participant ${found.participantId} does not exist.`);
  for (let attempt = 1; ; attempt++) {
    const [participant, cohort, pairings] = await Promise.all([
      getParticipantIn(found.programId, found.participantId),
      listParticipants(found.programId),
      listPairings(found.programId),
    ]);
    if (!participant)
      throw new UpdateRefused(
        'not-enrolled',
        [{ field: 'participantId', message: 'is not enrolled' }],
        `participantId names ${found.participantId}, who is not enrolled.`,
      );
    // A new address that bounced or complained: a suppressed person does not come back under it,
    // and anyone still taking part is not moved to it (participant-update.ts).
    const suppression =
      update.email !== undefined && emailKey(update.email) !== emailKey(participant.email) ? await addressSuppression(update.email) : undefined;
    const linesElsewhere = await linesThroughOtherPrograms(participant, update, cohort);
    const decision = decideParticipantUpdate({
      participant,
      update,
      cohort,
      linesElsewhere,
      running: pairings.filter((p) => !isTerminal(p.status)),
      rules: program.matching.rules,
      topics: program.topics,
      ...(at ? { at } : {}),
      newAddressSuppressed: suppression !== undefined,
      ...(suppression ? { newAddressSuppression: suppression } : {}),
    });
    if (!decision.ok) {
      logger.warn('participant update rejected', { ...log, fields: decision.issues.map((i) => i.field) });
      throw new UpdateRefused('invalid', decision.issues);
    }
    if (Object.keys(decision.writes).length === 0) return decision;
    try {
      await updateParticipantProfile(participant, decision.writes, { comesBack: decision.comesBack === true });
      if (decision.comesBack)
        logger.info('participant enrolled again under a new address: the old one was suppressed', { participantId: participant.participantId, ...log });
      else if (participant.status === 'suppressed' && decision.changes.email !== undefined)
        logger.info('participant stays suppressed: the new address was suppressed too', { participantId: participant.participantId, ...log });
      return decision;
    } catch (error) {
      // Another person of the program has that address: a mistake for HR to see, not to retry.
      if (error instanceof EmailTaken)
        throw new UpdateRefused(
          'address-taken',
          [{ field: 'email', message: `is already enrolled in this program as participant ${error.holder}` }],
          error.message,
        );
      if (!(error instanceof ParticipantVersionConflict) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** What deciding which pairings a change ends reads: the same records the update itself reads. */
export const changeEndsPorts: ChangeEndsPorts = {
  getProgram,
  getParticipantIn,
  listParticipants: (programId) => listParticipants(programId),
  listPairings,
  enrolmentsOfSamePerson,
  reportingLinesElsewhere,
  addressSuppression,
};
