import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { getReplyItem, pairingItems, replaceItem, replacePairingItem } from './adapters/erasure';
import { KEYS } from './adapters/dynamo';
import { listPairings } from './adapters/pairings';
import { listPrograms } from './adapters/programs';
import { PAIRING_KEYS } from './domain/pairing/model';
import { notesExpired, pairingWithoutNotes, replyWithoutNotes, unsentNote, withoutNotes } from './domain/retention';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';

const ATTEMPTS = 3;

/**
 * The daily retention sweep (EventBridge schedule): in every pairing that ended more than the
 * program's `retention.notesDays` ago, the notes people wrote are removed from its records (check-ins,
 * reviews, the fit check, audit lines), from the stored copies of its emails that went out, from
 * the reply items of its questions and from the pairing itself, and the pairing is marked
 * `notesRemovedAt` so that it is not read again. The rule is functions/domain/retention.ts. Safe
 * to run twice, and to stop half-way: the mark is set last, and only once no email quoting a note
 * is still to go (the next sweep clears that one's copy after it is sent).
 */
export const handler = eventHandler('notes-retention', async (event: { time?: string } | undefined): Promise<{ pairings: number; records: number }> => {
  // The scheduled event's time is the moment the sweep was due (a late delivery sweeps as of then).
  const scheduled = Date.parse(event?.time ?? '');
  const now = Number.isNaN(scheduled) ? new Date() : new Date(scheduled);
  let pairings = 0;
  let records = 0;
  for (const program of await listPrograms()) {
    const notesDays = program.retention?.notesDays;
    if (notesDays === undefined) continue;
    for (const pairing of await listPairings(program.programId)) {
      if (!notesExpired(pairing, notesDays, now)) continue;
      records += await sweepPairing(pairing.pairingId, now);
      pairings++;
    }
  }
  logger.info('notes retention sweep', { pairings, records });
  metrics.addMetric('NotesRemoved', MetricUnit.Count, records);
  return { pairings, records };
});

async function sweepPairing(pairingId: string, now: Date): Promise<number> {
  let records = 0;
  let unsent = false;
  for (const item of await pairingItems(pairingId)) {
    if (item[KEYS.sk] === PAIRING_KEYS.item) continue;
    unsent ||= unsentNote(item);
    const kept = withoutNotes(item);
    if (kept) {
      await replaceItem(kept);
      records++;
    }
    // The question an email asked keeps the answer it was given on its own reply item.
    const reply = typeof item.opaqueId === 'string' ? await getReplyItem(item.opaqueId) : undefined;
    const answered = reply ? replyWithoutNotes(reply, now) : undefined;
    if (answered) {
      await replaceItem(answered);
      records++;
    }
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const item = (await pairingItems(pairingId)).find((i) => i[KEYS.sk] === PAIRING_KEYS.item);
    if (!item) return records;
    const kept = pairingWithoutNotes(item);
    if (!kept && unsent) return records;
    if (await replacePairingItem({ ...(kept ?? item), ...(unsent ? {} : { notesRemovedAt: now.toISOString() }) })) return records + (kept ? 1 : 0);
  }
  throw new Error(`Pairing ${pairingId} kept changing during the notes sweep; the next sweep will finish it.`);
}
