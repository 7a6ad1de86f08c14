import { describe, expect, it } from 'vitest';
import { recordAnswer, reviewAnsweredAt, withReviewAnswerTimes } from '../../../functions/domain/pairing/answers';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { participant, simProgram, simulate, type SimOptions } from './simulate';

/**
 * Each stored review carries the moment its writer answered (`answeredAt`), as each answer in a
 * check-in record carries its own `at`; the review's `at` is when the round closed (QA finale3,
 * bug 2: Olga answered her end review on 2 February, GET /pairings/{id} showed 7 February, when
 * Tom answered; Mia, whose partner never answered, was shown at the deadline).
 */

const HOUR = 3_600_000;
const programInput = { lifecycle: { durationMonths: 2, checkInCadenceDays: 14, milestoneDays: [30] } as never };
const program = simProgram(programInput);
const mentor = participant('mentor');
const mentee = participant('mentee');
const execution = { startedAt: '2027-01-04T08:00:00Z', generation: 1 };

/** Everyone meets; the mentee answers each review two hours after it went, the mentor never does. */
const menteeReviews: SimOptions['answer'] = (email, side) => {
  if (!email.question) return undefined;
  if (email.question.purpose === 'milestone') return side === 'mentee' ? { text: { intent: 'rating', rating: 4, score: 9 } } : undefined;
  if (email.question.purpose === 'check-in') return { text: { intent: 'rating', rating: 4 } };
  return { text: { intent: 'yes' } };
};

/** The pairing as stored while its review round of `kind` was open, with the mentee's answer in and the mentor's not. */
function openReview(kind: 'milestone' | 'final-review'): Pairing {
  const r = simulate({ program: programInput, answer: menteeReviews });
  const open = r.decisions
    .map((d) => d.decision.pairing)
    .filter((p) => p.round?.kind === kind && p.round.answers.mentee && !p.round.answers.mentor)
    .at(-1);
  expect(open, `an open ${kind} round answered by the mentee`).toBeDefined();
  return open!;
}

/** One lifecycle step as the shell stores it (functions/lifecycle/advance.ts): the decision's records, each review with its writer's time. */
function storedReviews(before: Pairing, now: Date) {
  const decision = decideNext({ pairing: before, program, mentor, mentee, now, execution });
  return withReviewAnswerTimes(decision.records, before)
    .filter((r) => r.item.type === 'MilestoneReview')
    .map((r) => r.item);
}

describe('a stored review says when its writer answered', () => {
  it('end review: each person their own moment, not the moment the partner’s answer closed the round', () => {
    const open = openReview('final-review');
    const menteeAt = open.round!.answers.mentee!.at;
    // The mentor answers five days later, just before the deadline: that answer closes the round.
    const mentorAt = new Date(Date.parse(menteeAt) + 5 * 24 * HOUR);
    expect(mentorAt.getTime()).toBeLessThan(Date.parse(open.round!.closesAt));
    const out = recordAnswer(open, open.round!.key, 'mentor', { intent: 'rating', rating: 5, score: 10, at: mentorAt.toISOString() }, mentorAt);
    expect(out.status).toBe('recorded');
    const before = { ...open, round: (out as { round: NonNullable<Pairing['round']> }).round };

    const reviews = storedReviews(before, mentorAt);
    expect(reviews.map((r) => [r.participantId, r.answeredAt, r.at])).toEqual([
      ['pt_mentor', mentorAt.toISOString(), mentorAt.toISOString()],
      ['pt_mentee', menteeAt, mentorAt.toISOString()],
    ]);
  });

  it('Day 30 review closed by its deadline: the one answer keeps its own moment, the review’s `at` is the close', () => {
    const open = openReview('milestone');
    const menteeAt = open.round!.answers.mentee!.at;
    const closed = new Date(Date.parse(open.round!.closesAt) + 1000);
    const reviews = storedReviews(open, closed);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ participantId: 'pt_mentee', label: 'Day 30 review', answeredAt: menteeAt, at: closed.toISOString() });
    expect(Date.parse(menteeAt)).toBeLessThan(Date.parse(open.round!.closesAt) - 4 * 24 * HOUR);
  });

  it('is safe to run twice: a retried step (later, or on what it already wrote) stores the same times', () => {
    const open = openReview('milestone');
    const closed = new Date(Date.parse(open.round!.closesAt) + 1000);
    const first = storedReviews(open, closed);
    expect(first.map((r) => r.answeredAt)).toEqual([open.round!.answers.mentee!.at]);
    const retried = storedReviews(open, new Date(closed.getTime() + 60_000));
    expect(retried.map((r) => r.answeredAt)).toEqual(first.map((r) => r.answeredAt));
    const records = first.map((item) => ({ sk: `REVIEW#${String(item.round)}#${String(item.participantId)}`, item }));
    expect(withReviewAnswerTimes(records, open)).toEqual(records);
    // An answer the step did not read (another round's record) is left as it is.
    const other = {
      sk: 'REVIEW#round-999#pt_mentee',
      item: { type: 'MilestoneReview', round: 'round-999', participantId: 'pt_mentee', at: closed.toISOString() },
    };
    expect(withReviewAnswerTimes([other], open)).toEqual([other]);
  });

  it('a review stored before the writer’s moment was kept is read at its round’s close', () => {
    expect(reviewAnsweredAt({ at: '2027-02-07T22:30:00.000Z' })).toBe('2027-02-07T22:30:00.000Z');
    expect(reviewAnsweredAt({ at: '2027-02-07T22:30:00.000Z', answeredAt: '2027-02-02T17:10:00.000Z' })).toBe('2027-02-02T17:10:00.000Z');
    expect(reviewAnsweredAt({})).toBeUndefined();
  });
});
