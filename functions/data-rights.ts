import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeEvent } from 'aws-lambda';
import { createMailer, type Mailer } from './adapters/mailer';
import { pairingsOf } from './adapters/pairings';
import { collectParticipantData } from './adapters/participant-data';
import { getParticipant, otherProgramNames } from './adapters/participants';
import { getProgram, programNames } from './adapters/programs';
import { issueStandingAddress } from './adapters/reply-tokens';
import { dataErased, dataExport, participantAudience, recipientNow, type ProgramContext } from './domain/emails';
import { isErased } from './domain/erasure';
import { inboundEvents } from './domain/events';
import { participantExport } from './domain/participant-export';
import { describeIssues, toFieldIssues } from './domain/validation';
import { eraseParticipant } from './lifecycle/erasure';
import { whatErasureEnds } from './lifecycle/erasure-ends';
import { runningPartnerNames } from './lifecycle/running-partners';
import { requireEnv } from './shared/config';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';

type DataRightsType = 'ParticipantDataRequested' | 'ParticipantErasureRequested';

let mailer: Mailer | undefined;

/**
 * A participant's confirmed DATA or ERASE reply (docs/replies.md, Data rights), or the same asked
 * by an HR system: DATA emails them the export (docs/admin-api.md) as a JSON attachment; ERASE
 * erases them (functions/lifecycle/erasure.ts) and sends one last email to confirm it, to the
 * address read before the erasure. Safe to run twice: a second erasure finds it done and sends
 * nothing, and two at once (a double click on the confirm link) join one erasure, whose email only
 * the one that wrote its audit entry sends (answered `erased`); a second DATA sends the copy again.
 */
export const handler = eventHandler('data-rights', async (event: EventBridgeEvent<DataRightsType, unknown>): Promise<{ outcome: string }> => {
  const type = event['detail-type'];
  const schema = inboundEvents[type];
  if (!schema) throw new Error(`${type} is not a data-rights event: check the rule's event pattern.`);
  const parsed = schema.safeParse(event.detail);
  if (!parsed.success) throw new Error(`${type} event ${event.id} was rejected: ${describeIssues(toFieldIssues(parsed.error))}`);
  const { participantId } = parsed.data as { participantId: string };

  const participant = await getParticipant(participantId);
  // An id nobody was ever enrolled under is a mistake the sender must see (the admin API answers 404
  // for it): rejected, so it lands in the dead letters, never taken for a request done (QA events3).
  if (!participant) throw new Error(`${type} event ${event.id} names participant ${participantId}, who is not enrolled: check the id (it starts with "pt_").`);
  // An erased person: a repeat of a request already met (their tombstone holds nothing to send or erase).
  if (isErased(participant)) {
    logger.info('data rights: nothing held', { type, participantId });
    return { outcome: 'nothing-held' };
  }
  const program = await getProgram(participant.programId);
  const context: ProgramContext = { name: program?.name ?? 'the program', admin: { name: 'the program team', email: program?.admins[0] ?? '' } };
  // Someone who left or withdrew asks for their data too: their footer offers only what still works.
  // With several pairings running, the footer's REMATCH names the partners, as every email's does.
  const to = recipientNow(
    { name: participant.name, timeZone: participant.timeZone },
    participant.status,
    participant.rematchAttempts,
    await runningPartnerNames(participant),
    participant.mailStoppedAt,
  );
  const tags = { programId: participant.programId.replace(/[^A-Za-z0-9_-]/g, '-') };
  mailer ??= createMailer({ from: requireEnv('MAIL_FROM') });

  if (type === 'ParticipantDataRequested') {
    const enrolments = (await collectParticipantData(participantId)) ?? [];
    const exported = participantExport(participantId, enrolments, new Date());
    const otherPrograms = await programNames(enrolments.map((e) => e.participant.programId).filter((id) => id !== participant.programId));
    // Like every email to a participant, it carries their standing address (STOP, PAUSE, END), their
    // private concern form in the footer, and a footer that offers what their pairings call for now.
    const standing = await issueStandingAddress({ programId: participant.programId, participantId, email: participant.email });
    const reader = participantAudience(participantId, await pairingsOf(participantId));
    await mailer.send({
      to: participant.email,
      ...(standing ? { replyTo: standing.replyAddress, headers: standing.headers } : {}),
      email: dataExport({
        to,
        program: standing ? { ...context, concernUrl: standing.concernUrl } : context,
        reader,
        exportJson: JSON.stringify(exported, null, 2),
        filename: `${participantId}.json`,
        otherPrograms,
      }),
      tags,
    });
    metrics.addMetric('ParticipantDataSent', MetricUnit.Count, 1);
    logger.info('data rights: export sent', { participantId, enrolments: enrolments.length });
    return { outcome: 'export-sent' };
  }

  const address = participant.email;
  // Read before the erasure, which covers every enrolment under the address and deletes the index.
  const otherPrograms = address ? await otherProgramNames(participant) : [];
  // The pairings it ends, as they stand before it: its last email speaks of a pairing and a partner only then.
  const ends = await whatErasureEnds(participant);
  const result = await eraseParticipant(participantId, {
    requestedBy: 'participant',
    ...(process.env.INBOUND_BUCKET ? { bucket: process.env.INBOUND_BUCKET } : {}),
  });
  if (result?.status !== 'erased') return { outcome: 'already-erased' };
  // The one email after an erasure: its confirmation, with no reply address and nothing stored.
  await mailer.send({ to: address, email: dataErased({ to: { timeZone: to.timeZone }, program: context, otherPrograms, ends }), tags });
  metrics.addMetric('ParticipantErased', MetricUnit.Count, 1);
  logger.info('data rights: erased', { erasureId: result.erasureId });
  return { outcome: 'erased' };
});
