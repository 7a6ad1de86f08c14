import type { Program } from '../program';
import { upcomingIn } from './context';
import type { Pairing, Side } from './model';

/**
 * Where a person who wrote "we met" to their standing address (the Reply-To of a nudge, which asks
 * nothing) can report that meeting so that it counts (docs/lifecycle.md, "A meeting the last
 * check-in missed"): nothing is recorded from the standing address, and the help that answers it
 * names the route, as the nudge itself did (`checkInLeft`).
 * - `open`: a check-in of theirs is open and its email has gone to them: answer it.
 * - `next`: a check-in is still to come in a pairing of theirs that runs (or is paused): it asks
 *   about every meeting since the last one, so answering YES there with the day counts it.
 * - undefined: no check-in is left (only reviews, or nothing runs): no route is promised.
 */
export type MetRoute = 'open' | 'next';

export function metRoute(
  pairings: readonly { readonly pairing: Pairing; readonly side: Side }[],
  lifecycle: Program['lifecycle'],
  now: Date,
): MetRoute | undefined {
  const running = pairings.filter(({ pairing }) => pairing.status === 'active' || pairing.status === 'paused');
  // A check-in round open for them: its email has gone (answer it), or waits for their send time.
  const asks = running.flatMap(({ pairing: { round }, side }) =>
    round?.kind === 'check-in' && !round.answers[side] && Date.parse(round.closesAt) > now.getTime() && round.asks[side] ? [round.asks[side]] : [],
  );
  if (asks.some((ask) => ask.sent === true)) return 'open';
  if (asks.length > 0) return 'next';
  return running.some(({ pairing }) => upcomingIn(lifecycle, pairing).some((i) => i.kind === 'check-in')) ? 'next' : undefined;
}
