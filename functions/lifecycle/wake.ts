import { isTerminal, pairingsOf, touchRunningPairing } from '../adapters/pairings';
import { sendTaskAnswer } from '../adapters/workflow-callbacks';
import type { AvailabilityWindow, Participant } from '../domain/participant';
import { movesHours } from '../domain/pairing/meeting';
import { logger } from '../shared/powertools';

/** How many running pairings are woken at once (each is one update and one SendTaskSuccess). */
const WAKE_CONCURRENCY = 8;

/**
 * Moves each running pairing's version on and wakes its execution, so that it decides again now
 * with what changed rather than at the date it planned before. A stale token (the execution is
 * mid-step) is fine: its commit or park sees the new version. Returns how many were still running.
 * Safe to repeat: a wake finds nothing due and plans the same dates again.
 */
export async function wakePairings(pairingIds: readonly string[], why: string): Promise<number> {
  let woken = 0;
  const wake = async (pairingId: string) => {
    const out = await touchRunningPairing(pairingId);
    if (out === false) return;
    woken++;
    if (out.wakeToken) await sendTaskAnswer(out.wakeToken, { woken: why });
  };
  for (let i = 0; i < pairingIds.length; i += WAKE_CONCURRENCY) await Promise.all(pairingIds.slice(i, i + WAKE_CONCURRENCY).map(wake));
  return woken;
}

/**
 * HR gave people (their enrolments as read before the update) another time zone or other weekly
 * hours: their running pairings are woken, so that each plans its series and its questions not
 * sent yet for the people as they now are (domain/pairing/decide.ts, followPeople), within the
 * minute. Nothing is woken for an update that moves neither. A wake that fails is logged, not
 * thrown: the update is stored, and each pairing takes it at the step it had planned.
 */
export async function wakeWhenHoursMove(
  people: readonly Participant[],
  fields: { readonly timeZone?: string; readonly availability?: readonly AvailabilityWindow[] },
): Promise<number> {
  const moved = people.filter((p) => movesHours(p, fields));
  if (moved.length === 0) return 0;
  try {
    const pairings = (await Promise.all(moved.map((p) => pairingsOf(p.participantId)))).flat();
    const running = [...new Set(pairings.filter((p) => !isTerminal(p.status)).map((p) => p.pairingId))];
    const woken = await wakePairings(running, 'participant');
    logger.info('participant moved: running pairings woken', { participantIds: moved.map((p) => p.participantId), pairings: woken });
    return woken;
  } catch (error) {
    logger.error('participant moved, but their running pairings could not be woken: they take it at their next planned step', {
      participantIds: moved.map((p) => p.participantId),
      error,
    });
    return 0;
  }
}
