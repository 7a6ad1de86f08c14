import { saysMet } from './answers';
import type { PersonSide, Round } from './model';

/**
 * An early end (a partner who left, withdrew or replied STOP, an END, an admin's end, a REMATCH)
 * does not take back a question already sent: each email stated its deadline, and an answer that
 * arrives before it is recorded (docs/lifecycle.md, "An early end keeps what was already asked").
 * Decided once, at the end; the pairing stays ended and nothing new is asked.
 */

/** The rounds an answer still adds to after an end: a meeting held, a review. */
const KEPT_KINDS: readonly Round['kind'][] = ['check-in', 'milestone', 'final-review'];

/**
 * The round as it stays answerable after the end: only the asks of those who stay that were sent
 * (the one who left is asked nothing more), until its own deadline. Undefined when nothing is left
 * to wait for, and the round closes with the end as before: nobody who stays still owes an answer,
 * the deadline has passed, a check-in already counts as held (someone said they met), or the
 * round is the admins' decision or a fit check (whether to go on, which the end has answered).
 */
export function roundKeptAtEnd(round: Round | undefined, staying: readonly PersonSide[], now: Date): Round | undefined {
  if (!round || !KEPT_KINDS.includes(round.kind) || Date.parse(round.closesAt) <= now.getTime()) return undefined;
  if (round.kind === 'check-in' && Object.values(round.answers).some(saysMet)) return undefined;
  const sides = staying.filter((side) => round.asks[side]?.sent);
  if (!sides.some((side) => round.answers[side] === undefined)) return undefined;
  return { ...round, asks: Object.fromEntries(sides.map((side) => [side, round.asks[side]])) };
}
