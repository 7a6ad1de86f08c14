import type { Answer, Pairing, Round, Side } from './model';
import { firstHeldBringsFitCheck, isTerminal, pauseDay } from './model';

/** What recording one answer on the open round comes to. */
export type AnswerOutcome =
  | { readonly status: 'recorded'; readonly round: Round }
  | { readonly status: 'already-answered'; readonly answeredAt: string }
  | { readonly status: 'closed'; readonly closedAt: string };

/**
 * Records `answer` from `side` on round `roundKey` while that round is open and the side has not
 * answered yet. The round's one deadline applies to every email of the round (question and
 * reminder alike). A pairing that ended early takes answers only on the round its end kept, from
 * those it was kept for (ended-round.ts).
 */
export function recordAnswer(pairing: Pairing, roundKey: string, side: Side, answer: Answer, now: Date): AnswerOutcome {
  const round = pairing.round;
  if (!round || round.key !== roundKey || (isTerminal(pairing.status) && !round.asks[side]))
    return { status: 'closed', closedAt: pairing.endedAt ?? pairing.updatedAt };
  if (Date.parse(round.closesAt) <= now.getTime()) return { status: 'closed', closedAt: round.closesAt };
  const previous = round.answers[side];
  if (previous) return { status: 'already-answered', answeredAt: previous.at };
  return { status: 'recorded', round: { ...round, answers: { ...round.answers, [side]: answer } } };
}

/**
 * The records one lifecycle step stores, each person's review (`MilestoneReview`, decide.ts
 * storeReviews) with the moment that person answered (`answeredAt`), as each answer in a check-in
 * record carries its own `at`: read from their answer on the round as the step read it (`before`,
 * the stored pairing; answers reach it only between steps). The review's `at` stays the moment
 * the round closed and the review was stored, the same for both people (QA finale3: a person who
 * answered on 2 February was shown as answering on 7 February, when their partner did). Derived
 * from stored answers only, so a retried step writes the same records; a record that already has
 * `answeredAt` keeps it.
 */
export function withReviewAnswerTimes<R extends { readonly item: Readonly<Record<string, unknown>> }>(
  records: readonly R[],
  before: Pick<Pairing, 'mentorId' | 'menteeId' | 'round'>,
): R[] {
  const round = before.round;
  return records.map((r) => {
    const { item } = r;
    if (!round || item.type !== 'MilestoneReview' || item.round !== round.key || item.answeredAt !== undefined) return r;
    const side = item.participantId === before.mentorId ? 'mentor' : item.participantId === before.menteeId ? 'mentee' : undefined;
    const at = side ? round.answers[side]?.at : undefined;
    return at ? { ...r, item: { ...item, answeredAt: at } } : r;
  });
}

/**
 * When a stored review was answered: its writer's own moment (`answeredAt`), or, for a review
 * stored before it was kept, the moment its round closed (`at`), all that record has.
 */
export function reviewAnsweredAt(review: { readonly at?: unknown; readonly answeredAt?: unknown }): string | undefined {
  if (typeof review.answeredAt === 'string') return review.answeredAt;
  return typeof review.at === 'string' ? review.at : undefined;
}

/** A check-in counts as held when either partner says they met (one confirmation is enough). */
export function saysMet(a: Answer | undefined): boolean {
  return a !== undefined && (a.intent === 'yes' || (a.intent === 'rating' && a.rating !== undefined));
}

/**
 * When a held check-in says the pair met: the earliest answer of the round saying so (QA: the round
 * closing days later at its deadline is not when they met, and the admins' "Last met", the report
 * and the export read it). An answer carries no day of the meeting itself, so the moment of the
 * first YES is the closest true date. Undefined when no answer says they met, or none has a time.
 */
export function metAt(round: Pick<Round, 'answers'>): string | undefined {
  const times = [round.answers.mentor, round.answers.mentee]
    .filter((a): a is Answer => saysMet(a) && !Number.isNaN(Date.parse(a?.at ?? '')))
    .map((a) => a.at)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return times[0];
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

/** What the "that question has already closed" note may say comes next. */
export type NextAfterClosed =
  | { readonly nextOn: string }
  /** A newer question to this person is open now: answer that one. */
  | { readonly waiting: true }
  | { readonly pausedUntil: string }
  /** A question will come, but not on the date its email gave (a pause moved the plan, or the date passed). */
  | { readonly later: true }
  /** Nothing is coming: the pairing is over, or no date was ever given. */
  | Record<string, never>;

/**
 * From the date the question's own email gave for the next one (`stated`, with the pairing's time
 * paused when it was asked, `pausedMsAtAsk`) and the pairing as it is now: a newer open question
 * is pointed to, a paused pairing names its resume date, an ended one nothing, and a date that a
 * pause since has moved (or that has passed) is not repeated; a running pairing's member asked a
 * question that gave no date is told more comes by email. The note never promises a date the
 * lifecycle will not keep.
 */
export function nextAfterClosed(
  asked: { readonly roundKey?: string; readonly side?: string; readonly stated?: unknown; readonly pausedMsAtAsk?: unknown },
  pairing:
    | (Pick<Pairing, 'status' | 'pausedUntil' | 'pausedMs' | 'round'> & Partial<Pick<Pairing, 'checkInsHeld' | 'fitCheckAskedAt' | 'finalReviewAskedAt'>>)
    | undefined,
  now: Date,
): NextAfterClosed {
  if (pairing && isTerminal(pairing.status)) return {};
  const round = pairing?.round;
  const side = asked.side as Side | undefined;
  // Its own round still open, the pairing's first check-in: once held (by either answer) it brings
  // the fit check as it closes (fit-check.ts), before the date the question's email stored.
  if (
    round &&
    round.key === asked.roundKey &&
    round.kind === 'check-in' &&
    Date.parse(round.closesAt) > now.getTime() &&
    pairing &&
    firstHeldBringsFitCheck(pairing)
  ) {
    return { later: true };
  }
  if (round && side && round.key !== asked.roundKey && !round.answers[side] && Date.parse(round.closesAt) > now.getTime()) {
    // Sent: point to it. Not sent yet (it waits for their send time, as the fit check after a
    // first check-in does): it comes before the date the closed question's email gave.
    if (round.asks[side]?.sent) return { waiting: true };
    if (round.asks[side]) return { later: true };
  }
  if (pairing?.status === 'paused' && pairing.pausedUntil) return { pausedUntil: pauseDay(pairing.pausedUntil) };
  if (typeof asked.stated !== 'string' || Number.isNaN(Date.parse(asked.stated))) {
    // A question that gave no date (the introduction) answered again once the pairing runs: its
    // check-ins, then its end-of-program review, are still to come to each of the pair (QA life7).
    const member = side === 'mentor' || side === 'mentee';
    return member && pairing?.status === 'active' && pairing.finalReviewAskedAt === undefined ? { later: true } : {};
  }
  const moved = pairing !== undefined && (pairing.pausedMs ?? 0) !== (typeof asked.pausedMsAtAsk === 'number' ? asked.pausedMsAtAsk : 0);
  if (moved || Date.parse(asked.stated) <= now.getTime()) return { later: true };
  return { nextOn: asked.stated };
}

/**
 * When the closed question's own pairing has nothing more to say (it ended, or it gave no date):
 * what the person's other pairings that run hold for them. A question of theirs open and sent
 * (a new introduction after a rematch, a second mentee's check-in) is pointed to; one decided and
 * not sent yet, or any pairing still running, means more will come by email. Only with none is
 * "nothing else is needed" true.
 */
export function elsewhereAfterClosed(
  others: readonly { readonly pairing: Pick<Pairing, 'status' | 'round'>; readonly side: Side }[],
  now: Date,
): NextAfterClosed {
  const running = others.filter((o) => !isTerminal(o.pairing.status));
  const open = running.flatMap(({ pairing, side }) => {
    const round = pairing.round;
    return round && !round.answers[side] && Date.parse(round.closesAt) > now.getTime() && round.asks[side] ? [round.asks[side]!] : [];
  });
  if (open.some((ask) => ask.sent)) return { waiting: true };
  return running.length > 0 ? { later: true } : {};
}

/**
 * The day a question closed, as the note states it: its deadline, or the day its pairing ended
 * if that came first (a question of a pairing that ended early closed with it, unless the end kept
 * it open for this person until its deadline: `keptAfterEnd`).
 */
export function closedOnOf(
  closedAt: string,
  pairing: Pick<Pairing, 'status' | 'endedAt' | 'keptAfterEnd'> | undefined,
  asked: { readonly roundKey?: string; readonly side?: string } = {},
): string {
  const kept = pairing?.keptAfterEnd;
  if (kept && kept.roundKey === asked.roundKey && kept.sides.some((side) => side === asked.side)) return closedAt;
  const ended = pairing && isTerminal(pairing.status) ? pairing.endedAt : undefined;
  return ended !== undefined && Date.parse(ended) < Date.parse(closedAt) ? ended : closedAt;
}
