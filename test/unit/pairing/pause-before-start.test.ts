import { describe, expect, it } from 'vitest';
import { applyControls, pauseBeforeStart } from '../../../functions/domain/pairing/controls';
import { PAIRING_STATUSES, type PairingStatus } from '../../../functions/domain/pairing/model';

/**
 * QA events5: a pause for a pairing still at its introduction was dropped by the lifecycle with an
 * audit line only. It is refused where it arrives, with the reason the admin API gives (409) and an
 * HR system reads in its dead letter.
 */
describe('a pause before the pairing started', () => {
  it('is refused for a proposed or introduced pairing, saying what to do instead', () => {
    expect(pauseBeforeStart({ pairingId: 'pr_1', status: 'introduced' })).toBe(
      'Pairing pr_1 has not started yet (introduced: both must accept first), so there is nothing to pause. End it instead, or pause it once it is active.',
    );
    expect(pauseBeforeStart({ pairingId: 'pr_1', status: 'proposed' })).toContain('has not started yet (proposed: both must accept first)');
  });

  it('is no reason to refuse a pairing that has started, nor one that has ended (each caller has its own words for that)', () => {
    for (const status of ['active', 'paused', 'completed', 'not-started', 'ended'] as const) {
      expect(pauseBeforeStart({ pairingId: 'pr_1', status }), status).toBeUndefined();
    }
  });

  it('refuses exactly the running statuses whose lifecycle would drop the pause', () => {
    const pause = { kind: 'pause' as const, requestedAt: '2027-03-01T09:00:00.000Z', until: '2027-04-01' };
    for (const status of PAIRING_STATUSES as readonly PairingStatus[]) {
      const dropped = applyControls(status, [pause]).action === 'none';
      const running = !['completed', 'not-started', 'ended'].includes(status);
      expect(pauseBeforeStart({ pairingId: 'pr_1', status }) !== undefined, status).toBe(running && dropped);
    }
  });
});
