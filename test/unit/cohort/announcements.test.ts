import { describe, expect, it } from 'vitest';
import { owesPairingMatched, STRANDED_AFTER_MINUTES, strandedPairings, waitlistedByThisStep } from '../../../functions/domain/matching/announcements';

describe('what CohortMatching still owes the bus (QA: one failed PutEvents entry stranded a cohort)', () => {
  it('owes PairingMatched for a pairing still proposed whose announcement was never marked as put', () => {
    expect(owesPairingMatched({ status: 'proposed' }, false)).toBe(true);
    expect(owesPairingMatched({ status: 'proposed' }, true)).toBe(false);
    // Introduced or ended: its lifecycle started, which only happens once the event was put.
    for (const status of ['introduced', 'active', 'paused', 'completed', 'not-started', 'ended'] as const) {
      expect(owesPairingMatched({ status }, false), status).toBe(false);
    }
  });

  it('counts as left by a failed run only a pairing proposed for long enough that no run is still starting it', () => {
    const now = new Date('2027-03-01T12:00:00Z');
    const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
    const pairings = [
      { pairingId: 'pr_old', status: 'proposed' as const, createdAt: ago(STRANDED_AFTER_MINUTES + 1) },
      { pairingId: 'pr_edge', status: 'proposed' as const, createdAt: ago(STRANDED_AFTER_MINUTES) },
      { pairingId: 'pr_fresh', status: 'proposed' as const, createdAt: ago(STRANDED_AFTER_MINUTES - 1) },
      { pairingId: 'pr_started', status: 'introduced' as const, createdAt: ago(600) },
      { pairingId: 'pr_ended', status: 'ended' as const, createdAt: ago(600) },
    ];
    expect(strandedPairings(pairings, now)).toEqual(['pr_edge', 'pr_old']);
    expect(strandedPairings([], now)).toEqual([]);
  });

  it('lets a retried waitlist step finish only the people its earlier attempt put on the waitlist', () => {
    expect(waitlistedByThisStep({ runId: 'run-1', code: 'partner-unavailable' }, 'run-1', 'partner-unavailable')).toBe(true);
    expect(waitlistedByThisStep(undefined, 'run-1', 'partner-unavailable'), 'status moved, entry not yet written').toBe(true);
    expect(waitlistedByThisStep({ runId: 'run-0', code: 'partner-unavailable' }, 'run-1', 'partner-unavailable'), 'an earlier run').toBe(false);
    expect(waitlistedByThisStep({ runId: 'run-1', code: 'capacity' }, 'run-1', 'partner-unavailable'), 'another reason').toBe(false);
  });
});
