import { getProgram } from '../adapters/programs';
import { lastPauseDayOf } from '../domain/pairing/controls';
import type { Pairing } from '../domain/pairing/model';

/** The last day a pause may run to (controls.ts, lastPauseDayOf), with the program's time zone it is read in. */
export interface PauseLastDay {
  readonly lastDay: string;
  readonly timeZone: string;
}

/**
 * The last day a PAUSE may run to over these pairings of the program, the earliest of their running
 * ones': none when none runs (the program is read only when one does) or nothing bounds a pause.
 * One read for the reply reader (inbound-mail.ts) and the answer page's "Pause" link.
 */
export async function lastPauseDayIn(pairings: readonly Pairing[], programId: string): Promise<PauseLastDay | undefined> {
  if (!pairings.some((p) => p.status === 'active' || p.status === 'paused')) return undefined;
  const program = await getProgram(programId);
  const lastDay = program ? lastPauseDayOf(program, pairings) : undefined;
  return program && lastDay ? { lastDay, timeZone: program.timeZone } : undefined;
}
