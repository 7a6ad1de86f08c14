import type { LifecycleSettings } from './program';
import type { ReportPairingRecords } from './report-facts';

export type RiskCode = 'escalated' | 'missed-check-ins' | 'low-ratings';

export interface Risk {
  readonly code: RiskCode;
  /** Why, in a sentence an admin reads. */
  readonly reason: string;
  /** What the admin can do about it. */
  readonly action: string;
}

/** A running pairing that needs an admin's eye now, by id only (GET /pairings/{id} has the rest). */
export interface PairAtRisk {
  readonly pairingId: string;
  readonly status: string;
  readonly missedInRow: number;
  readonly lastMetAt: string | null;
  readonly risks: Risk[];
}

/** A rating at or below this, on average over the last rated check-ins, is low (1-5 scale). */
export const LOW_RATING = 2;
const RECENT_RATED_CHECK_INS = 2;
const RUNNING = new Set(['introduced', 'active', 'paused']);

/**
 * Pairs at risk now: an open escalation (the ladder reached the admin), check-ins missed in a row
 * (from the ladder's first rung), or low ratings at the latest check-ins. Most urgent first.
 */
export function pairsAtRisk(pairings: readonly ReportPairingRecords[], escalation: LifecycleSettings['escalation']): PairAtRisk[] {
  const out: PairAtRisk[] = [];
  for (const { pairing, checkIns } of pairings) {
    if (!RUNNING.has(pairing.status)) continue;
    const risks: Risk[] = [];
    const missed = pairing.missedInRow ?? 0;
    if (pairing.pendingDecision) {
      risks.push({
        code: 'escalated',
        reason: `The pair missed ${missed || escalation.adminDecisionAfter} check-ins in a row and the escalation waits for an admin's decision.`,
        action: 'Talk to both, then answer the escalation email: continue, pause, end or rematch.',
      });
    } else if (missed >= escalation.nudgeAfter) {
      risks.push({
        code: 'missed-check-ins',
        reason: `The pair missed ${missed} check-in${missed === 1 ? '' : 's'} in a row.`,
        action:
          missed >= escalation.seniorNoteAfter
            ? 'Check in with the senior partner about protecting the time.'
            : 'Nothing yet: both were nudged; watch the next check-in.',
      });
    }
    const rated = [...checkIns]
      .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''))
      .map((c) => [c.mentor?.rating, c.mentee?.rating].filter((r): r is number => typeof r === 'number'))
      .filter((rs) => rs.length > 0)
      .slice(-RECENT_RATED_CHECK_INS)
      .flat();
    if (rated.length > 0 && rated.reduce((a, b) => a + b, 0) / rated.length <= LOW_RATING) {
      risks.push({
        code: 'low-ratings',
        reason: `The latest check-ins were rated ${LOW_RATING} or lower out of 5 on average.`,
        action: 'Ask each partner, separately, how the pairing is going; offer a rematch if it does not work.',
      });
    }
    if (risks.length > 0) out.push({ pairingId: pairing.pairingId, status: pairing.status, missedInRow: missed, lastMetAt: pairing.lastMetAt ?? null, risks });
  }
  const urgency = (p: PairAtRisk) => (p.risks.some((r) => r.code === 'escalated') ? 2 : 0) + (p.risks.some((r) => r.code === 'low-ratings') ? 1 : 0);
  return out.sort((a, b) => urgency(b) - urgency(a) || b.missedInRow - a.missedInRow || a.pairingId.localeCompare(b.pairingId));
}
