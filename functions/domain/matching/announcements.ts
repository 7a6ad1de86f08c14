import type { Pairing } from '../pairing/model';

/**
 * What CohortMatching still owes the bus, and which pairings an earlier run left unstarted
 * (docs/cohort-matching.md, Nothing lost on a retry). A record and its event cannot be written in
 * one transaction (EventBridge is not DynamoDB): the record is written first, the event put
 * after, and what was put is marked. A retried step, or a later run, that finds the record
 * already written reads from these rules whether its event is still to go.
 */

/**
 * Whether `PairingMatched` is still owed for a pairing: no lifecycle has introduced it yet (it is
 * still `proposed`) and its announcement was never marked as put. A pairing introduced or ended
 * was announced before its lifecycle started (a pairing stored before the marks existed too).
 */
export function owesPairingMatched(pairing: Pick<Pairing, 'status'>, announced: boolean): boolean {
  return pairing.status === 'proposed' && !announced;
}

/**
 * How long a pairing stays `proposed` before a later run counts it as left by a failed one. A run
 * creates a pairing and starts its lifecycle in one Map item (seconds, retries included), and the
 * lifecycle's first step introduces it: a pairing still `proposed` after this long is not being
 * started by anyone, and a run starting it cannot race the run that created it.
 */
export const STRANDED_AFTER_MINUTES = 15;

/**
 * The pairings of a program that an earlier run created but did not start (its Map failed after
 * the creation: retries exhausted, a timeout): still `proposed` for `STRANDED_AFTER_MINUTES` or
 * more. They were approved with their run, so a cohort run starts them without a new approval.
 * Starting one whose lifecycle does run after all changes nothing (the execution name is the
 * pairing id).
 */
export function strandedPairings(pairings: readonly Pick<Pairing, 'pairingId' | 'status' | 'createdAt'>[], now: Date): string[] {
  const before = now.getTime() - STRANDED_AFTER_MINUTES * 60_000;
  return pairings
    .filter((p) => p.status === 'proposed' && Date.parse(p.createdAt) <= before)
    .map((p) => p.pairingId)
    .sort();
}

/**
 * Whether someone already `waitlisted` was put there by an earlier attempt of the same step of
 * this run (the step is retried after a failure): their entry is this run's, with the step's own
 * code, or missing (the attempt failed between the status and the entry). The retry then finishes
 * what it began for them (entry, email, the event owed); someone waitlisted before, for another
 * reason, is left as they are.
 */
export function waitlistedByThisStep(entry: { readonly runId: string; readonly code: string } | undefined, runId: string, code: string): boolean {
  return entry === undefined || (entry.runId === runId && entry.code === code);
}
