import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { pairingItems, replaceItem, replacePairingItem } from './adapters/erasure';
import { KEYS } from './adapters/dynamo';
import { listPairings } from './adapters/pairings';
import { listPrograms } from './adapters/programs';
import { PAIRING_KEYS } from './domain/pairing/model';
import { notesExpired, withoutNotes } from './domain/retention';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';

const ATTEMPTS = 3;

/**
 * The daily retention sweep (EventBridge schedule): in every pairing that ended more than the
 * program's `retention.notesDays` ago, the notes people wrote are removed from the check-ins and
 * reviews, and the pairing is marked `notesRemovedAt` so that it is not read again. The rule is
 * functions/domain/retention.ts. Safe to run twice, and to stop half-way: the mark is set last.
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
  for (const item of await pairingItems(pairingId)) {
    const kept = withoutNotes(item);
    if (!kept) continue;
    await replaceItem(kept);
    records++;
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const item = (await pairingItems(pairingId)).find((i) => i[KEYS.sk] === PAIRING_KEYS.item);
    if (!item) return records;
    if (await replacePairingItem({ ...item, notesRemovedAt: now.toISOString() })) return records;
  }
  throw new Error(`Pairing ${pairingId} kept changing during the notes sweep; the next sweep will finish it.`);
}
