import { awayExampleDay } from '../emails/footer';
import { todayFor } from '../pairing/controls';
import { dayAndMonth } from './pause-date';

/** A day further on than this is not named without its year: "NO, away until 10 January" must mean that day. */
const NAMED_WITHIN_DAYS = 300;

/**
 * What works before a pairing has started, for a PAUSE to its introduction (nothing can pause yet):
 * YES to begin, or NO with the date the person is back, as the introduction's footer words it ("NO,
 * away until 29 March", footer.ts, awayExample), so that the NO closes the introduction and the
 * person is matched again from that day (away-return.ts). The example day is the one the PAUSE
 * named (`back`, YYYY-MM-DD) when it is still to come, else the footer's (four weeks on), each in
 * the writer's zone.
 */
export function notStartedAdvice(now: Date, timeZone?: string, back?: string): string {
  const zone = timeZone ?? 'UTC';
  const days = back === undefined ? Number.NaN : (Date.parse(`${back}T00:00:00Z`) - Date.parse(`${todayFor(now, zone)}T00:00:00Z`)) / 86_400_000;
  const day = days > 0 && days <= NAMED_WITHIN_DAYS ? dayAndMonth(new Date(`${back}T00:00:00Z`)) : awayExampleDay(now, zone);
  return `reply YES to begin, or NO with the date you are back (for example "NO, away until ${day}")`;
}

/** The reason a PAUSE to an introduction whose pairing has not started is asked about (inbound-mail.ts, beforeTheStart). */
export function pauseBeforeTheStart(now: Date, timeZone?: string, back?: string): string {
  return `PAUSE, but your pairing has not started yet, so there is nothing to pause: ${notStartedAdvice(now, timeZone, back)}`;
}
