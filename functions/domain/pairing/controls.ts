import type { ControlKind, ControlRequest, PairingStatus } from './model';
import { isTerminal } from './model';

/** End and departure outrank a pause, which outranks a resume. */
export const CONTROL_PRIORITY: Readonly<Record<ControlKind, number>> = { left: 3, end: 3, pause: 2, resume: 1 };

/** What the pending requests come to, acted on in one step. */
export type ControlOutcome =
  | { readonly action: 'none' }
  | { readonly action: 'end'; readonly request: ControlRequest }
  | { readonly action: 'pause'; readonly request: ControlRequest }
  | { readonly action: 'resume'; readonly request: ControlRequest };

/**
 * Folds the requests that arrived since the last step, in arrival order. An end or a departure
 * wins over everything, whenever it arrived; otherwise the last pause or resume says where the
 * pairing should be (a resume after a pause in the same minute resumes; a pause after a resume
 * pauses). A request that does not fit the status (resume of an active pairing, pause before the
 * pair accepted) changes nothing.
 */
export function applyControls(status: PairingStatus, requests: readonly ControlRequest[]): ControlOutcome {
  if (isTerminal(status) || requests.length === 0) return { action: 'none' };
  const ending = requests.find((r) => CONTROL_PRIORITY[r.kind] === 3);
  if (ending) return { action: 'end', request: ending };
  const last = requests.at(-1)!;
  if (last.kind === 'pause' && status === 'active') return { action: 'pause', request: last };
  // A second PAUSE with a date during a pause moves the resume date (the pause email offers it).
  if (last.kind === 'pause' && status === 'paused' && last.until !== undefined) return { action: 'pause', request: last };
  if (last.kind === 'resume' && status === 'paused') return { action: 'resume', request: last };
  // A pause then a resume of an active pairing (or the reverse of a paused one) nets out.
  return { action: 'none' };
}

/**
 * A pause "until" a day (YYYY-MM-DD) that is today or past: refused wherever a pause comes from (the
 * admin API, an event, a reply), since it would be a silent one-day pause.
 */
export function pauseDayHasPassed(until: string, now: Date): boolean {
  return until <= now.toISOString().slice(0, 10);
}
