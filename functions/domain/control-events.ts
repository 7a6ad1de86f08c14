import { isTerminal, type Pairing } from './pairing/model';
import { toTheSecond } from './rejoin';

/**
 * What a PairingPauseRequested, PairingResumeRequested or PairingEndRequested event may do to the
 * pairing it names (functions/pairing-control.ts reads the pairing and refuses or drops the event as
 * decided here). The admin API refuses the same requests with 409 and the same words, so an HR
 * system reads in its dead letters what an admin reads in the answer (docs/admin-api.md, "HR
 * systems: events on the bus").
 *
 * - A `programId` that is not the pairing's program is refused: the sender means another pairing,
 *   or copied the wrong one (crossgen's own control events carry the pairing's program).
 * - A request for a pairing that has finished is refused when it is dated after the end, since
 *   nobody asked for it while the pairing could take it. One dated at or before the end (the same
 *   second counts: events carry whole seconds) is a duplicate delivery, a replay of the archive or
 *   a request that crossed the end (often the very end request that ended it): ignored, as
 *   re-sending it must not raise the dead-letter alarm.
 */

/** A pairing's status as a sentence says it: "never started", "on hold", "ended" (never the code "not-started"). */
export function pairingStatusInWords(status: string): string {
  return status === 'not-started' ? 'never started' : status.replaceAll('-', ' ');
}

/** The admin API's 409 for a change to a pairing that has finished, and the reason such an event is refused with. */
export function pairingFinishedProblem(pairing: Pick<Pairing, 'pairingId' | 'status'>): string {
  return `Pairing ${pairing.pairingId} has already finished (${pairingStatusInWords(pairing.status)}): it cannot be changed any more.`;
}

/** Why a request naming `programId` does not fit the pairing, or undefined when it names none or the pairing's own. */
export function programMismatchProblem(pairing: Pick<Pairing, 'pairingId' | 'programId'>, programId: string | undefined): string | undefined {
  if (programId === undefined || programId === pairing.programId) return undefined;
  return `Pairing ${pairing.pairingId} belongs to program ${pairing.programId}, not to program ${programId}: nothing was changed. Check the pairing id and the programId, or leave programId out.`;
}

/**
 * When a control event was asked for: its `time` (what the sender says, or when EventBridge took
 * it; a replay from the archive keeps the original), or `now` when it has none that parses.
 */
export function controlEventDate(eventTime: string | undefined, now: Date): Date {
  const at = eventTime === undefined ? Number.NaN : Date.parse(eventTime);
  return Number.isNaN(at) ? now : new Date(at);
}

/**
 * When the pairing finished: `endedAt`. A pairing stored without it finished no later than its last
 * write, so only a request after that is surely after the end.
 */
function finishedAt(pairing: Pick<Pairing, 'endedAt' | 'updatedAt'>): string {
  return pairing.endedAt ?? pairing.updatedAt;
}

export type ControlEventVerdict =
  /** The pairing runs: the request goes to it (the pause's own checks still apply). */
  | { readonly outcome: 'take' }
  /** Refused with this reason: the event lands in the dead letters. */
  | { readonly outcome: 'refuse'; readonly reason: string }
  /** Dropped without an error: a duplicate, a replay, or a request that crossed the end. */
  | { readonly outcome: 'ignore'; readonly finishedAt: string };

/** What to do with a control event for `pairing`, asked at `datedAt` (controlEventDate), naming `programId` or no program. */
export function controlEventVerdict(input: {
  readonly pairing: Pick<Pairing, 'pairingId' | 'programId' | 'status' | 'endedAt' | 'updatedAt'>;
  readonly programId?: string | undefined;
  readonly datedAt: Date;
}): ControlEventVerdict {
  const { pairing } = input;
  const mismatch = programMismatchProblem(pairing, input.programId);
  if (mismatch) return { outcome: 'refuse', reason: mismatch };
  if (!isTerminal(pairing.status)) return { outcome: 'take' };
  const ended = toTheSecond(finishedAt(pairing));
  if (toTheSecond(input.datedAt) > ended) return { outcome: 'refuse', reason: pairingFinishedProblem(pairing) };
  return { outcome: 'ignore', finishedAt: ended };
}
