/**
 * The bound a pairing's end puts on a PAUSE, in one place for the emails that state it and the
 * reply reader that keeps it, so the two cannot disagree (QA: "Decision needed" said a pause may
 * run to 1 May at the latest, and the admin's "PAUSE for 6 weeks" paused the pairing past its end).
 * `lastDay` is the last day a pause of the pairing may run to (controls.ts, pauseBeyondEnd and
 * lastPauseDayOf): the program's end date, or the pairing's planned end when later.
 */
export interface PauseBound {
  /** The last day (YYYY-MM-DD) a pause may run to: a PAUSE until it is taken, one until a later day is not. */
  readonly runsTo: string;
  /**
   * The writer's last day (YYYY-MM-DD) on which a PAUSE is still taken: the day before `runsTo`,
   * since a pause until a day that is today (or has passed) for its writer is refused
   * (controls.ts, pauseDayHasPassed). From `runsTo` on, no pause can be taken.
   */
  readonly lastDayToAsk: string;
}

export function pauseBoundOf(lastDay: string): PauseBound {
  const lastDayToAsk = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { runsTo: lastDay, lastDayToAsk };
}

/**
 * What the bound says of a PAUSE written on the writer's `today` until `until` (YYYY-MM-DD; none
 * yet when the reply names no day): `none-left` when no pause can be taken any more (today is past
 * `lastDayToAsk`), `past-last-day` when it would run past `runsTo`, else `within`. A day that is
 * today or has passed is the reader's own refusal (pause-date.ts), before this.
 */
export function pauseAgainstBound(bound: PauseBound, today: string, until?: string): 'within' | 'none-left' | 'past-last-day' {
  if (today > bound.lastDayToAsk) return 'none-left';
  return until !== undefined && until > bound.runsTo ? 'past-last-day' : 'within';
}
