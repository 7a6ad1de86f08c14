import type { Answer, Pairing, Round, Side } from './model';
import { isTerminal } from './model';

/** What recording one answer on the open round comes to. */
export type AnswerOutcome =
  | { readonly status: 'recorded'; readonly round: Round }
  | { readonly status: 'already-answered'; readonly answeredAt: string }
  | { readonly status: 'closed'; readonly closedAt: string };

/**
 * Records `answer` from `side` on round `roundKey` while that round is open and the side has not
 * answered yet. The round's one deadline applies to every email of the round (question and
 * reminder alike).
 */
export function recordAnswer(pairing: Pairing, roundKey: string, side: Side, answer: Answer, now: Date): AnswerOutcome {
  const round = pairing.round;
  if (isTerminal(pairing.status) || !round || round.key !== roundKey) return { status: 'closed', closedAt: pairing.endedAt ?? pairing.updatedAt };
  if (Date.parse(round.closesAt) <= now.getTime()) return { status: 'closed', closedAt: round.closesAt };
  const previous = round.answers[side];
  if (previous) return { status: 'already-answered', answeredAt: previous.at };
  return { status: 'recorded', round: { ...round, answers: { ...round.answers, [side]: answer } } };
}

/** A check-in counts as held when either partner says they met (one confirmation is enough). */
export function saysMet(a: Answer | undefined): boolean {
  return a !== undefined && (a.intent === 'yes' || (a.intent === 'rating' && a.rating !== undefined));
}

export type AcceptanceAnswer = 'accepted' | 'declined' | 'no-answer';

/** One person's part of the acceptance round. */
export function acceptanceOf(a: Answer | undefined): AcceptanceAnswer {
  if (!a) return 'no-answer';
  return a.intent === 'yes' ? 'accepted' : a.intent === 'no' ? 'declined' : 'no-answer';
}

/**
 * The acceptance round's outcome so far: both accepted, someone declined (final at once), the
 * deadline passed without both, or still open.
 */
export function acceptance(round: Round, now: Date): 'accepted' | 'declined' | 'no-answer' | 'open' {
  const mentor = acceptanceOf(round.answers.mentor);
  const mentee = acceptanceOf(round.answers.mentee);
  if (mentor === 'declined' || mentee === 'declined') return 'declined';
  if (mentor === 'accepted' && mentee === 'accepted') return 'accepted';
  return Date.parse(round.closesAt) <= now.getTime() ? 'no-answer' : 'open';
}
