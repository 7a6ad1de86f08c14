import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { closeConfirmation, dispatchConfirmation, listPendingConfirmations } from './adapters/confirmations';
import { createMailer } from './adapters/mailer';
import { getParticipantIn } from './adapters/participants';
import { getProgram } from './adapters/programs';
import { issueStandingAddress } from './adapters/reply-tokens';
import { confirmationRetry } from './domain/confirmation-retry';
import { sendConfirmation } from './domain/intake';
import type { Program } from './domain/program';
import { SendBacklog } from './domain/send-rate';
import { requireEnv } from './shared/config';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';

/**
 * Every 15 minutes (an EventBridge schedule): sends the enrolment confirmations that are still
 * pending and that no one tried again, from an HTTP request that answered "stored, confirmation
 * pending" and was not repeated, an event whose retries ran out, or an import step that gave up.
 * What to do with each is functions/domain/confirmation-retry.ts; each goes through the
 * confirmation's outbox, so none is sent twice.
 */

/** At most this many confirmations a sweep: at 14 a second, about a minute of sends. */
const SWEEP_LIMIT = 1000;

let sweepMailer: ReturnType<typeof createMailer> | undefined;

async function sweepPendingConfirmations(now: Date): Promise<{ sent: number; cancelled: number; failed: number; waiting: number }> {
  sweepMailer ??= createMailer({ from: requireEnv('MAIL_FROM'), priority: 'bulk' });
  const mailer = sweepMailer;
  const counts = { sent: 0, cancelled: 0, failed: 0, waiting: 0 };
  const programs = new Map<string, Promise<Program | undefined>>();
  for (const item of await listPendingConfirmations(SWEEP_LIMIT)) {
    const person = await getParticipantIn(item.programId, item.participantId);
    const action = confirmationRetry(item, person, now);
    if (action === 'not-yet') {
      counts.waiting++;
      continue;
    }
    if (action === 'cancel' || action === 'give-up') {
      if (await closeConfirmation(item.programId, item.participantId, action === 'cancel' ? 'cancelled' : 'failed', now)) {
        if (action === 'cancel') counts.cancelled++;
        else {
          counts.failed++;
          logger.error('enrolment confirmation given up after its last try', { programId: item.programId, participantId: item.participantId });
        }
      }
      continue;
    }
    if (!programs.has(item.programId)) programs.set(item.programId, getProgram(item.programId));
    const program = await programs.get(item.programId);
    if (!person || !program) continue;
    try {
      if (
        (await dispatchConfirmation(item.programId, item.participantId, () =>
          sendConfirmation(mailer, (who) => issueStandingAddress(who), person, program),
        )) === 'sent'
      )
        counts.sent++;
    } catch (error) {
      // Still pending: the next sweep tries again. A full send queue ends this sweep.
      if (error instanceof SendBacklog) break;
      logger.warn('enrolment confirmation still not sent', {
        programId: item.programId,
        participantId: item.participantId,
        error: error instanceof Error ? error.name : 'Error',
      });
    }
  }
  logger.info('pending confirmations swept', counts);
  metrics.addMetric('ConfirmationRetried', MetricUnit.Count, counts.sent);
  if (counts.failed > 0) metrics.addMetric('ConfirmationGivenUp', MetricUnit.Count, counts.failed);
  return counts;
}

export const handler = eventHandler('confirmation-sweep', async (event: { time?: string } | undefined) => {
  // The scheduled event's time is the moment the sweep was due (a late delivery sweeps as of then).
  const scheduled = Date.parse(event?.time ?? '');
  return sweepPendingConfirmations(Number.isNaN(scheduled) ? new Date() : new Date(scheduled));
});
