import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { dispatchConfirmation, type DispatchOutcome } from './adapters/confirmations';
import { deleteImportFile, endImportJob, getChunk, getImportJob, listChunks, putChunk, readImportFile, setChunkConfirmations } from './adapters/imports';
import { createMailer } from './adapters/mailer';
import { enrolParticipant, getParticipantIn } from './adapters/participants';
import { getProgram } from './adapters/programs';
import { issueStandingAddress } from './adapters/reply-tokens';
import { chunkConfirmationIds, chunkEntries, enrolChunk, entriesBefore, firstLines, importEntries, type ImportEntry } from './domain/import-job';
import { sendConfirmation } from './domain/intake';
import { parseIntakeCsv } from './domain/intake-csv';
import { endPairingsInOneLineAfterEnrolment } from './lifecycle/after-enrolment';
import { requireEnv } from './shared/config';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';

/**
 * The steps of ImportParticipants (lib/workflows/import-participants.ts): enrol one chunk of the
 * stored file, send one chunk's pending confirmations, end the job. Each step is safe to run twice:
 * a chunk's results are stored once, enrolment is idempotent, confirmations go through their outbox.
 */

const id = z.string().regex(/^imp_[a-z2-7]{20}$/);
const stepSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('enrol'), importId: id, chunk: z.int().min(0) }),
  z.object({ step: z.literal('confirm'), importId: id, chunk: z.int().min(0) }),
  z.object({ step: z.literal('finish'), importId: id }),
  z.object({ step: z.literal('fail'), importId: id, error: z.string().optional() }),
]);

/** Some confirmations of the chunk could not be sent: they stay pending and the step is retried later. */
export class ConfirmationsPending extends Error {
  override readonly name = 'ConfirmationsPending';
}

/** Sends at once within a chunk: the pacer sets the rate, this only hides each send's round trips. */
const SEND_CONCURRENCY = 4;

let mailer: ReturnType<typeof createMailer> | undefined;

/** The last file read and parsed: a warm function enrols the next chunk of the same import without parsing it again. */
let parsed: { importId: string; entries: ImportEntry[] } | undefined;

async function entriesOf(importId: string, programId: string): Promise<ImportEntry[]> {
  if (parsed?.importId !== importId) parsed = { importId, entries: importEntries(parseIntakeCsv(await readImportFile(importId), programId)) };
  return parsed.entries;
}

async function job(importId: string) {
  const found = await getImportJob(importId);
  if (!found) throw new Error(`There is no import ${importId}: the step was started for a job that was never stored.`);
  return found;
}

async function enrolStep(importId: string, chunk: number) {
  const existing = await getChunk(importId, chunk);
  if (existing) return { chunk, rows: existing.rows.length };
  const { programId } = await job(importId);
  const program = await getProgram(programId);
  if (!program) throw new Error(`Program ${programId} of import ${importId} no longer exists.`);
  const all = await entriesOf(importId, programId);
  const entries = chunkEntries(all, chunk);
  // Confirmations are sent by the confirm step, paced, once every row is stored. A retry after a
  // crash counts the people the crashed attempt enrolled as enrolled by this job.
  const rows = await enrolChunk(
    entries,
    program,
    { getProgram, enrolParticipant: (intake) => enrolParticipant(intake, 1, importId), confirm: async () => undefined },
    { importId, firstLines: firstLines(all), earlier: entriesBefore(all, chunk) },
  );
  // Someone new can close a reporting line between a running pair: checked once for the chunk,
  // before its results are stored, so that a retry after a crash checks again.
  if (rows.some((r) => r.status === 'enrolled')) {
    await endPairingsInOneLineAfterEnrolment(programId);
  }
  const stored = await putChunk(importId, chunk, rows);
  const created = stored.rows.filter((r) => r.status === 'enrolled').length;
  metrics.addMetric('ParticipantEnrolled', MetricUnit.Count, created);
  metrics.addMetric('ImportRowRejected', MetricUnit.Count, stored.rows.filter((r) => r.status === 'refused').length);
  logger.info('import chunk enrolled', { importId, programId, chunk, rows: stored.rows.length, created });
  return { chunk, rows: stored.rows.length };
}

async function confirmStep(importId: string, chunk: number) {
  const { programId } = await job(importId);
  // Every chunk is enrolled before any is confirmed (lib/workflows/import-participants.ts).
  const chunks = await listChunks(importId);
  if (!chunks.some((c) => c.chunk === chunk)) throw new Error(`Chunk ${chunk} of import ${importId} has no results yet: enrol it first.`);
  const program = await getProgram(programId);
  if (!program) throw new Error(`Program ${programId} of import ${importId} no longer exists.`);
  mailer ??= createMailer({ from: requireEnv('MAIL_FROM'), priority: 'bulk' });
  // Once per person: a file may name someone twice, in one chunk or two (the later row is
  // `alreadyEnrolled`), and one email is one confirmation, counted once.
  const ids = chunkConfirmationIds(chunks, chunk);
  const outcomes: { participantId: string; outcome: DispatchOutcome | 'failed' }[] = [];
  const confirmOne = async (participantId: string) => {
    try {
      const outcome = await dispatchConfirmation(programId, participantId, async () => {
        const participant = await getParticipantIn(programId, participantId);
        if (!participant) throw new Error(`Participant ${participantId} is no longer stored.`);
        return sendConfirmation(mailer!, (who) => issueStandingAddress(who), participant, program);
      });
      outcomes.push({ participantId, outcome });
    } catch (error) {
      logger.warn('confirmation not sent; it stays pending', { importId, participantId, error: error instanceof Error ? error.name : 'Error' });
      outcomes.push({ participantId, outcome: 'failed' });
    }
  };
  for (let i = 0; i < ids.length; i += SEND_CONCURRENCY) await Promise.all(ids.slice(i, i + SEND_CONCURRENCY).map(confirmOne));
  // Sent by this job: now, or by an earlier attempt of this step for someone the job enrolled. The
  // confirmation of someone already enrolled, sent by an earlier import, is not counted again
  // (QA cli2: importing a file again said "3 confirmations sent" when none went out).
  const enrolledHere = new Set(chunks.flatMap((c) => c.rows.filter((r) => r.status === 'enrolled' && r.participantId).map((r) => r.participantId!)));
  const sent = outcomes.filter(({ participantId, outcome }) => outcome === 'sent' || (outcome === 'already-sent' && enrolledHere.has(participantId))).length;
  const pending = outcomes.filter(({ outcome }) => outcome === 'failed' || outcome === 'in-progress').length;
  await setChunkConfirmations(importId, chunk, { sent, pending });
  logger.info('import chunk confirmed', { importId, chunk, sent, pending });
  if (pending > 0)
    throw new ConfirmationsPending(`${pending} confirmations of chunk ${chunk} of import ${importId} are still pending: the step is tried again later.`);
  return { chunk, sent };
}

export const handler = eventHandler('import-participants', async (event: unknown): Promise<unknown> => {
  const e = stepSchema.parse(event);
  switch (e.step) {
    case 'enrol':
      return enrolStep(e.importId, e.chunk);
    case 'confirm':
      return confirmStep(e.importId, e.chunk);
    case 'finish':
      await endImportJob(e.importId, { finishedAt: new Date().toISOString() });
      await deleteImportFile(e.importId);
      logger.info('import finished', { importId: e.importId });
      return { importId: e.importId };
    case 'fail':
      await endImportJob(e.importId, { failure: e.error ?? 'The import workflow failed.' });
      await deleteImportFile(e.importId);
      logger.error('import failed', { importId: e.importId });
      return { importId: e.importId };
  }
});
