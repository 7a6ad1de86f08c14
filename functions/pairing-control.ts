import type { EventBridgeEvent } from 'aws-lambda';
import { getPairing, isTerminal, listPairings, pairingsOf } from './adapters/pairings';
import {
  erasedEnrolmentsByEmployeeId,
  getParticipant,
  getParticipantIn,
  ParticipantVersionConflict,
  participantsByEmployeeId,
  recordMailStopped,
} from './adapters/participants';
import { type ControlEventVerdict, controlEventDate, controlEventVerdict } from './domain/control-events';
import { refusedAfterErasure } from './domain/erased-hr-events';
import { isErased, liveFirst } from './domain/erasure';
import { inboundEvents, outboundEvents } from './domain/events';
import { END_REASONS, type ControlRequest } from './domain/pairing/model';
import { latestToday, pauseBeforeStart, pauseBeyondEnd, pauseBeyondEndProblem } from './domain/pairing/controls';
import { getProgram } from './adapters/programs';
import { whatStopDoes, type Participant } from './domain/participant';
import { departureIsOlder, futureDatedIssue } from './domain/rejoin';
import { describeIssues, toFieldIssues } from './domain/validation';
import { departParticipant, leaveOrganisation, requestControl } from './lifecycle/departure';
import { wakePairings } from './lifecycle/wake';
import { eventHandler } from './shared/event-handler';
import { logger } from './shared/powertools';

/** How many pairings were asked; for a departure from the organisation, how many enrolments left too. */
type Handled = { pairings: number; enrolments?: number };

type ControlType = 'PairingPauseRequested' | 'PairingResumeRequested' | 'PairingEndRequested' | 'ParticipantLeft' | 'ParticipantWithdrew' | 'ProgramChanged';

/**
 * Pause, resume, early end, withdrawal and "left the company" arrive as events (admin API, HR,
 * replies). Each is appended to the pairing and wakes its execution, which acts on it within the
 * minute; "left the company" concerns every enrolment of the person, in every program. Invalid
 * events throw with the reason: Lambda retries them, then they land in the dead-letter queue. So
 * does a request the pairing cannot take that the admin API would answer 409 for (a pause before
 * the pairing started, a pairing that has finished, another program's pairing); one dated at or
 * before the pairing's end (a duplicate, an archive replay) is logged and dropped.
 */
export const handler = eventHandler('pairing-control', async (event: EventBridgeEvent<ControlType, unknown>): Promise<Handled> => {
  const type = event['detail-type'];
  if (type === 'ProgramChanged') return wakeProgram(event);
  const schema = inboundEvents[type];
  if (!schema) throw new Error(`${type} is not a control event this function handles.`);
  const parsed = schema.safeParse(event.detail);
  if (!parsed.success) throw new Error(`${type} event ${event.id} was rejected: ${describeIssues(toFieldIssues(parsed.error))}`);
  const d = parsed.data as Record<string, string | undefined>;
  const requestedAt = new Date().toISOString();
  const until = d.until ?? d.pauseUntil;
  const from = d.from ?? d.pauseFrom;
  // As the admin API answers 400: a pause until a past day is a mistake to show, not a one-day
  // pause. Only a day that has begun nowhere on Earth counts here: the reply reader has checked the
  // writer's own day already ("until 5 February" on the evening of the 4th in Los Angeles is ahead).
  if (type === 'PairingPauseRequested' && until !== undefined && until <= latestToday(new Date(requestedAt)))
    throw new Error(`${type} event ${event.id} was rejected: until must be a day after today (${latestToday(new Date(requestedAt))}), not ${until}`);
  // A booked pause names the day it ends after the day it starts (a start today or past starts now).
  if (type === 'PairingPauseRequested' && from !== undefined && (until === undefined || until <= from))
    throw new Error(`${type} event ${event.id} was rejected: a pause from ${from} needs an until day after it${until ? `, not ${until}` : ''}`);
  logger.info('control request', { type, pairingId: d.pairingId, participantId: d.participantId });

  if (type === 'ParticipantLeft' || type === 'ParticipantWithdrew') {
    // Named by crossgen's id, or (ParticipantLeft) by the HR system's employee id: any enrolment under
    // it stands for the person, whose every enrolment leaves (leaveOrganisation finds them all).
    const participant = d.participantId !== undefined ? await getParticipant(d.participantId) : await anyEnrolmentOf(d.employeeId!);
    // When the sender says it happened: a departure from before a re-hire (a late delivery, an
    // archive replay) does not make the person leave again (domain/rejoin.ts, departureIsOlder).
    const eventAt = event.time && !Number.isNaN(Date.parse(event.time)) ? new Date(event.time).toISOString() : undefined;
    // Someone erased has nothing left to leave: HR is told so, not asked to enrol them (domain/erased-hr-events.ts).
    if (type === 'ParticipantLeft' && (participant === undefined || isErased(participant))) {
      const erased = participant ? [participant] : d.employeeId !== undefined ? await erasedEnrolmentsByEmployeeId(d.employeeId) : [];
      const namedBy = d.participantId !== undefined ? { participantId: d.participantId } : { employeeId: true as const };
      const refusal = refusedAfterErasure({ event: type, erased, eventAt, namedBy, now: new Date(requestedAt) });
      if (refusal) throw new Error(`${type} event ${event.id} was rejected: ${refusal}`);
    }
    if (!participant)
      throw new Error(
        d.participantId !== undefined
          ? `${type} event ${event.id} names participant ${d.participantId}, who is not enrolled.`
          : `${type} event ${event.id} names an employeeId nobody is enrolled under (the id itself is kept out of logs): check it.`,
      );
    const ahead = futureDatedIssue(eventAt, new Date(requestedAt));
    if (ahead) throw new Error(`${type} event ${event.id} was rejected: ${ahead}`);
    // STOP is a choice about one program; leaving the organisation is leaving every program.
    if (type === 'ParticipantWithdrew') return stop(participant, requestedAt, eventAt, event.id);
    const { enrolments, pairings, older } = await leaveOrganisation(participant, requestedAt, eventAt);
    logger.info('participant left the organisation', {
      participantId: participant.participantId,
      enrolments,
      pairings,
      olderThanEnrolment: older,
      eventId: event.id,
    });
    return { pairings, enrolments };
  }
  const control: ControlRequest =
    type === 'PairingPauseRequested'
      ? { kind: 'pause', requestedAt, ...(until ? { until } : {}), ...(from ? { from } : {}), ...(d.participantId ? { participantId: d.participantId } : {}) }
      : type === 'PairingResumeRequested'
        ? { kind: 'resume', requestedAt }
        : // Who asked, when a member did (END or REMATCH by reply): never taken for the admins' decision (decide.ts, decidedByRequest).
          { kind: 'end', requestedAt, reason: endReasonCode(d.reason, d.participantId), ...(d.participantId ? { participantId: d.participantId } : {}) };
  const missing = () => new Error(`${type} event ${event.id} names pairing ${d.pairingId}, which does not exist: check the pairing id.`);
  const pairing = await getPairing(d.pairingId!);
  if (!pairing) throw missing();
  // Refused when it names another program than the pairing's, or when it was asked after the
  // pairing finished (the admin API's 409); dropped when asked at or before the end: a duplicate,
  // a replay, or the very request that ended it (domain/control-events.ts).
  const datedAt = controlEventDate(event.time, new Date(requestedAt));
  const verdict = controlEventVerdict({ pairing, programId: d.programId, datedAt });
  if (verdict.outcome !== 'take') return notTaken(verdict, event.id, type, d.pairingId!);
  if (control.kind === 'pause') {
    // A pairing not started yet would only drop the pause (an audit line, nobody told): refused
    // here with the admin API's reason, so the sender sees it in the dead letters (QA events5). It
    // is never a replay: a pairing that started does not go back to its introduction.
    const refusal = pauseBeforeStart(pairing);
    if (refusal) {
      logger.warn('control request rejected: the pairing has not started', { type, pairingId: d.pairingId, status: pairing.status, eventId: event.id });
      throw new Error(`${type} event ${event.id} was rejected: ${refusal}`);
    }
    // As the admin API answers 400: a pause past the program's end (or the pairing's, when later)
    // from an HR system is refused here, where the sender sees it. One by reply (it names the
    // person) goes to the pairing, which tells that person why nothing was paused (decide.ts).
    const program = until !== undefined && d.participantId === undefined ? await getProgram(pairing.programId) : undefined;
    const beyond = program && until !== undefined ? pauseBeyondEnd(until, program, pairing) : undefined;
    if (beyond && until !== undefined) {
      logger.warn('control request rejected: the pause runs past the end', { type, pairingId: d.pairingId, eventId: event.id });
      throw new Error(`${type} event ${event.id} was rejected: ${pauseBeyondEndProblem(pairing.pairingId, until, beyond)}`);
    }
  }
  if (await requestControl(d.pairingId!, control)) return { pairings: 1 };
  // Not appended: the pairing finished (or went) since it was read. Decided again as it is now: a
  // request that crossed the end is dropped; one that does not exist any more is the sender's to see.
  const now = await getPairing(d.pairingId!);
  if (!now) throw missing();
  const again = controlEventVerdict({ pairing: now, programId: d.programId, datedAt });
  if (again.outcome !== 'take') return notTaken(again, event.id, type, d.pairingId!);
  // Running, yet the request was not recorded: thrown, so that Lambda delivers it again.
  throw new Error(`${type} event ${event.id} could not be recorded on pairing ${d.pairingId}: it is retried.`);
});

/**
 * A control event the pairing does not take: refused with the reason (Lambda retries it, then it
 * lands in the dead letters), or dropped as a duplicate or replay from before the pairing's end.
 */
function notTaken(verdict: Exclude<ControlEventVerdict, { outcome: 'take' }>, eventId: string, type: ControlType, pairingId: string): Handled {
  if (verdict.outcome === 'refuse') {
    logger.warn('control request rejected', { type, pairingId, eventId });
    throw new Error(`${type} event ${eventId} was rejected: ${verdict.reason}`);
  }
  logger.info('control request ignored: dated at or before the pairing finished', { type, pairingId, eventId, finishedAt: verdict.finishedAt });
  return { pairings: 0 };
}

/** An enrolment under the employee id, one not erased first (an erased one leaves nothing to end). */
async function anyEnrolmentOf(employeeId: string): Promise<Participant | undefined> {
  return liveFirst(await participantsByEmployeeId(employeeId))[0];
}

/** How often a STOP after completion reads the person again when they changed while it was recorded. */
const STOP_ATTEMPTS = 3;

/**
 * A STOP (reply, one-click unsubscribe). From someone whose pairings have all completed it stops the
 * program's email to them and leaves them `completed`, in the report and the admin API alike: it
 * ends nothing and tells nobody, and no email answers it (none answers any STOP; domain/participant.ts,
 * whatStopDoes; docs/lifecycle.md). From anyone else it is a withdrawal. Safe to repeat: a STOP
 * recorded already changes nothing.
 */
async function stop(first: Participant, requestedAt: string, eventAt: string | undefined, eventId: string): Promise<Handled> {
  let person = first;
  for (let attempt = 1; ; attempt++) {
    const pairingRunning = (await pairingsOf(person.participantId)).some((p) => !isTerminal(p.status));
    const does = whatStopDoes(person, { pairingRunning });
    if (does === 'withdraw') {
      const out = await departParticipant(person, 'withdrawn', 'withdrew', requestedAt, eventAt);
      if (out.older) logger.info('withdrawal older than the enrolment: nothing changed', { participantId: person.participantId, eventId });
      return { pairings: out.pairings };
    }
    if (does === 'nothing' || departureIsOlder(person, eventAt)) {
      logger.info('STOP after completion: nothing changed', { participantId: person.participantId, eventId, mailStoppedAt: person.mailStoppedAt });
      return { pairings: 0 };
    }
    try {
      await recordMailStopped(person, requestedAt);
      logger.info('STOP after completion: no more email, status stays completed', { participantId: person.participantId, eventId });
      return { pairings: 0 };
    } catch (error) {
      if (!(error instanceof ParticipantVersionConflict) || attempt >= STOP_ATTEMPTS) throw error;
      // Changed meanwhile (an HR update, the same STOP delivered twice): read again and decide again.
      const now = await getParticipantIn(person.programId, person.participantId);
      if (!now) throw new Error(`ParticipantWithdrew event ${eventId} names participant ${person.participantId}, who is no longer enrolled.`);
      person = now;
    }
  }
}

/**
 * The program's schedule changed (ProgramChanged, published by the programs API): every running
 * pairing of it is touched and woken, so that each plans its next date with the new settings now
 * rather than at the date it planned with the old ones. Safe to repeat: a wake finds nothing due
 * and plans the same date again. (A participant's new time zone or hours wakes their pairings the
 * same way, from the update itself: functions/lifecycle/wake.ts, wakeWhenHoursMove.)
 */
async function wakeProgram(event: EventBridgeEvent<ControlType, unknown>): Promise<{ pairings: number }> {
  const parsed = outboundEvents.ProgramChanged.safeParse(event.detail);
  if (!parsed.success) throw new Error(`ProgramChanged event ${event.id} was rejected: ${describeIssues(toFieldIssues(parsed.error))}`);
  const { programId, fields } = parsed.data;
  const running = (await listPairings(programId)).filter((p) => !isTerminal(p.status)).map((p) => p.pairingId);
  const woken = await wakePairings(running, 'program');
  logger.info('program changed: running pairings woken', { programId, fields, pairings: woken });
  return { pairings: woken };
}

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
