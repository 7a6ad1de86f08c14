import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { publish } from './adapters/events';
import { markAddressSuppressed, participantsByEmail } from './adapters/participants';
import { departParticipant } from './lifecycle/departure';
import { describeIssues, toFieldIssues } from './domain/validation';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';

/**
 * What SES tells us about our email (configuration set -> default bus, source `aws.ses`): a hard
 * bounce or a spam complaint means the address must get no more email from the program. Everyone
 * enrolled under it is suppressed (status `suppressed`, `ParticipantSuppressed`), and their running
 * pairings end at the next step with the partner told kindly and rematched. The address itself is
 * remembered as suppressed (a hashed marker), whoever it belongs to: a participant's manager is no
 * participant, and their manager note must not go to it either. Soft bounces and "not spam"
 * feedback change nothing. Addresses never reach a log line (docs/mail-feedback.md).
 */

const recipients = z
  .array(z.object({ emailAddress: z.string().min(3).max(320) }))
  .min(1)
  .max(50);

const sesEventSchema = z.discriminatedUnion('eventType', [
  z.object({
    eventType: z.literal('Bounce'),
    bounce: z.object({ bounceType: z.string().min(1), bounceSubType: z.string().optional(), bouncedRecipients: recipients }),
    mail: z.object({ messageId: z.string().optional() }).optional(),
  }),
  z.object({
    eventType: z.literal('Complaint'),
    complaint: z.object({ complaintFeedbackType: z.string().optional(), complainedRecipients: recipients }),
    mail: z.object({ messageId: z.string().optional() }).optional(),
  }),
]);

export type MailFeedbackDetailType = 'Email Bounced' | 'Email Complaint Received';

export interface MailFeedbackResult {
  readonly outcome: 'suppressed' | 'ignored';
  /** Why it was ignored (a soft bounce, "not spam"), for the invocation record. */
  readonly why?: string;
  readonly participants: number;
  readonly pairings: number;
}

export const handler = eventHandler('mail-feedback', async (event: EventBridgeEvent<MailFeedbackDetailType, unknown>): Promise<MailFeedbackResult> => {
  const parsed = sesEventSchema.safeParse(event.detail);
  if (!parsed.success) throw new Error(`SES event ${event.id} (${event['detail-type']}) was rejected: ${describeIssues(toFieldIssues(parsed.error))}`);
  const detail = parsed.data;

  let addresses: string[];
  let reason: 'email-bounced' | 'email-complaint';
  if (detail.eventType === 'Bounce') {
    if (detail.bounce.bounceType !== 'Permanent') {
      metrics.addMetric('SoftBounceIgnored', MetricUnit.Count, 1);
      return { outcome: 'ignored', why: `a ${detail.bounce.bounceType} bounce is not a reason to stop writing`, participants: 0, pairings: 0 };
    }
    addresses = detail.bounce.bouncedRecipients.map((r) => r.emailAddress);
    reason = 'email-bounced';
  } else {
    if (detail.complaint.complaintFeedbackType === 'not-spam') {
      return { outcome: 'ignored', why: 'the feedback says the message is not spam', participants: 0, pairings: 0 };
    }
    addresses = detail.complaint.complainedRecipients.map((r) => r.emailAddress);
    reason = 'email-complaint';
  }

  const requestedAt = new Date().toISOString();
  let participants = 0;
  let pairings = 0;
  for (const address of new Set(addresses.map((a) => a.trim()))) {
    // First, so that a retry after a failure below finds the address marked all the same.
    await markAddressSuppressed(address, reason, requestedAt);
    for (const participant of await participantsByEmail(address)) {
      const out = await departParticipant(participant, 'suppressed', reason, requestedAt);
      pairings += out.pairings;
      if (!out.statusChanged) continue;
      participants++;
      await publish({ type: 'ParticipantSuppressed', detail: { participantId: participant.participantId, reason } });
      logger.info('participant suppressed', { participantId: participant.participantId, programId: participant.programId, reason, pairings: out.pairings });
    }
  }
  metrics.addMetric(reason === 'email-bounced' ? 'HardBounce' : 'Complaint', MetricUnit.Count, 1);
  if (participants === 0)
    logger.info('mail feedback for no enrolled participant: the address is remembered as suppressed', { reason, recipients: addresses.length });
  return { outcome: 'suppressed', participants, pairings };
});
