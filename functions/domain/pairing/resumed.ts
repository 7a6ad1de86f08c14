import type { Pairing } from './model';

/**
 * What a resume at `now` changes on a paused pairing, one reading for the resume itself
 * (decide.ts, resume), its check that nothing is left after the pause (nothingLeftAfterPause) and
 * the end worked out in advance (final-review-day.ts, asResumed), so the three cannot drift apart:
 * the whole pause is added to `pausedMs` (the plan shifts by it) and the pause's fields are cleared
 * (the new end told while paused with them: the welcome back tells it to whoever has not had it yet).
 */
export function resumedPatch(pairing: Pick<Pairing, 'pausedAt' | 'pausedMs'>, now: Date) {
  const pausedAt = pairing.pausedAt === undefined ? now.getTime() : Date.parse(pairing.pausedAt);
  return {
    pausedMs: (pairing.pausedMs ?? 0) + Math.max(0, now.getTime() - pausedAt),
    pausedAt: undefined,
    pausedUntil: undefined,
    pausedUntilDay: undefined,
    pausedBy: undefined,
    pausedEndToldAt: undefined,
  } satisfies Partial<Pairing>;
}

/** The pairing as a resume at `now` leaves it: running again, on its plan shifted by the pause. */
export function resumedState(pairing: Pairing, now: Date): Pairing {
  return { ...pairing, status: 'active', ...resumedPatch(pairing, now) };
}
