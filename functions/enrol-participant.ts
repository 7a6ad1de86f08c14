import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeEvent } from 'aws-lambda';
import { createMailer } from './adapters/mailer';
import { enrolParticipant, erasedEnrolmentsByEmployeeId } from './adapters/participants';
import { getProgram } from './adapters/programs';
import { dispatchConfirmation } from './adapters/confirmations';
import { confirmByEmail, enrol, EnrolmentConflict, IntakeRejected, type IntakePorts } from './domain/intake';
import { RefusedAfterErasure, refusedAfterErasure } from './domain/erased-hr-events';
import type { ParticipantIntake } from './domain/participant';
import { requireEnv } from './shared/config';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';
import { issueStandingAddress } from './adapters/reply-tokens';
import { afterEnrolment } from './lifecycle/after-enrolment';

/**
 * EventBridge target for `ParticipantEnrolled` (HRIS and other systems): the detail is an intake
 * and takes the same path as the HTTP API. A confirmation that could not be sent throws
 * (ConfirmationNotSent): Lambda's retry finds the participant stored and sends the still pending
 * confirmation, once. A bad detail throws with the fields named, so that after
 * Lambda's retries the event lands in the dead-letter queue with its reason (on-failure destination).
 * Confirmations that stay pending after all that are sent by functions/confirmation-sweep.ts.
 * The event's `time` is when HR enrolled the person (`enrolledAt`): a leave dated after it applies
 * whenever either arrives. One for an employee id whose person was erased, dated at or before the
 * erasure (a late delivery, an archive replay), enrols nobody and emails nobody: rejected with the
 * erasure's date (domain/erased-hr-events.ts); one dated after it enrols them as a new person.
 */

let ports: IntakePorts | undefined;
function intakePorts(): IntakePorts {
  ports ??= {
    getProgram,
    enrolParticipant,
    confirm: confirmByEmail(createMailer({ from: requireEnv('MAIL_FROM') }), (who) => issueStandingAddress(who), dispatchConfirmation),
    // A new person can close a reporting line between a running pair: it ends as after a manager change.
    afterEnrolment,
  };
  return ports;
}

async function enrolFromEvent(event: EventBridgeEvent<string, unknown>): Promise<{ participantId: string; created: boolean }> {
  if (event['detail-type'] !== 'ParticipantEnrolled') {
    throw new Error(`This function enrols participants from ParticipantEnrolled events, not ${event['detail-type']}: check the rule's event pattern.`);
  }
  try {
    // The event's time goes with it: HR's enrolment from before the person left is no re-hire (domain/rejoin.ts).
    const ports = {
      ...intakePorts(),
      enrolParticipant: async (intake: ParticipantIntake) => {
        await refuseIfErasedSince(intake, event.time);
        return enrolParticipant(intake, 1, undefined, event.time);
      },
    };
    const { participant, created } = await enrol(event.detail, ports);
    logger.info(created ? 'participant enrolled' : 'participant already enrolled', {
      participantId: participant.participantId,
      programId: participant.programId,
      eventId: event.id,
    });
    metrics.addMetric(created ? 'ParticipantEnrolled' : 'ParticipantAlreadyEnrolled', MetricUnit.Count, 1);
    return { participantId: participant.participantId, created };
  } catch (error) {
    if (error instanceof IntakeRejected || error instanceof EnrolmentConflict) {
      // Field names only: the values may be personal data.
      logger.warn('ParticipantEnrolled event rejected', { eventId: event.id, fields: error.issues.map((i) => i.field) });
      metrics.addMetric('EnrolmentEventRejected', MetricUnit.Count, 1);
      throw new Error(`ParticipantEnrolled event ${event.id} was rejected: ${error.message}`);
    }
    if (error instanceof RefusedAfterErasure) {
      logger.warn('ParticipantEnrolled event rejected: the person was erased after it', { eventId: event.id });
      metrics.addMetric('EnrolmentEventRejected', MetricUnit.Count, 1);
      throw new Error(`ParticipantEnrolled event ${event.id} was rejected: ${error.message}`);
    }
    throw error;
  }
}

/** Before anything is written: an enrolment from before the person's erasure is refused (nothing stored, nothing sent). */
async function refuseIfErasedSince(intake: ParticipantIntake, eventAt: string | undefined): Promise<void> {
  if (intake.employeeId === undefined) return;
  const erased = await erasedEnrolmentsByEmployeeId(intake.employeeId);
  const refusal = refusedAfterErasure({ event: 'ParticipantEnrolled', erased, eventAt, namedBy: { employeeId: true }, now: new Date() });
  if (refusal) throw new RefusedAfterErasure(refusal);
}

export const handler = eventHandler('enrol-participant', enrolFromEvent);
