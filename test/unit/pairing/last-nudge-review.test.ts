import { describe, expect, it } from 'vitest';
import { missedCheckInNudge } from '../../../functions/domain/emails';
import { finalReviewAsNudged } from '../../../functions/domain/pairing/mail';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimEmail } from './simulate';

/**
 * The nudge after the last check-in asked the pair to "meet once more before" an end-of-program
 * review that reached them with it, the same second (QA). Once the review is no longer ahead of the
 * nudge for its reader, the nudge says so and asks them to answer it instead.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
const program = { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } };
const to = { name: 'Mia Mentor', timeZone: 'Europe/London' };

describe('finalReviewAsNudged', () => {
  const goesAt = new Date('2027-02-08T09:20:15Z');

  it('is ahead when the review reaches the reader on a later day in their zone', () => {
    expect(finalReviewAsNudged('2027-02-09T09:20:15Z', false, goesAt, 'Europe/London')).toBe('ahead');
    // 00:30 on the 9th in Berlin: a later day there, though the same UTC day.
    expect(finalReviewAsNudged('2027-02-08T23:30:00Z', false, goesAt, 'Europe/Berlin')).toBe('ahead');
  });

  it('comes today when it reaches them with the nudge or later on its day', () => {
    expect(finalReviewAsNudged(goesAt.toISOString(), false, goesAt, 'Europe/London')).toBe('today');
    expect(finalReviewAsNudged('2027-02-08T23:30:00Z', false, goesAt, 'Europe/London')).toBe('today');
  });

  it('has come when it reached them before the nudge, or has been asked already', () => {
    expect(finalReviewAsNudged('2027-02-08T08:50:15Z', false, goesAt, 'Europe/London')).toBe('sent');
    expect(finalReviewAsNudged(undefined, true, goesAt, 'Europe/London')).toBe('sent');
  });

  it('keeps the nudge as it was when no review day is known', () => {
    expect(finalReviewAsNudged(undefined, false, goesAt, 'Europe/London')).toBe('ahead');
  });
});

describe('the last nudge with the review out', () => {
  it('asks them to answer the review that comes today, not to meet before it', () => {
    const email = missedCheckInNudge({ to, program, partner: { name: 'Sam Senior' }, finalReviewNextOn: '2027-02-08T09:20:15Z', finalReviewArrives: 'today' });
    const text = flat(email.text);
    expect(email.subject).toBe('After your last check-in with Sam: the end-of-program review');
    expect(text).toContain('That was the last check-in, and your end-of-program review comes today, in a separate email.');
    expect(text).toContain('so please answer it even though you could not meet this time');
    expect(text).toContain('Meeting once more to look back together on what you learned is still welcome');
    expect(text).not.toContain('before it');
    expect(text).not.toContain('comes next');
    expect(text).not.toContain('reply PAUSE with a date');
    expect(email.subject).not.toContain('One more session');
  });

  it('says it has come when it reached them first', () => {
    const text = flat(missedCheckInNudge({ to, program, partner: { name: 'Sam Senior' }, finalReviewArrives: 'sent' }).text);
    expect(text).toContain('your end-of-program review has come, in a separate email.');
  });
});

// A month with a check-in every 10 days and 9 days to answer: the last check-in closes past the
// review's due day (a weekend), so the review is asked as it closes, for Monday morning.
const missingLast = (start: string, settings: Record<string, unknown> = {}) => {
  const lifecycle = { durationMonths: 1, checkInCadenceDays: 10, checkInAnswerWindowDays: 9, ...settings } as never;
  const rounds = simulate({ start, answer: agreeable, program: { lifecycle } }).emails.flatMap((e) =>
    e.question?.purpose === 'check-in' ? [e.question.roundKey as string] : [],
  );
  const last = rounds.at(-1);
  return simulate({
    start,
    answer: (e, side) => (e.question?.purpose === 'check-in' && e.question.roundKey === last ? undefined : agreeable?.(e, side)),
    program: { lifecycle },
  });
};
const goes = (e: SimEmail) => e.notBefore ?? e.sentAt;

describe('the lifecycle: a pair that misses its last check-in', () => {
  it('sends the nudge, and says the review comes today when both reach the reader together', () => {
    const r = missingLast('2027-01-06T08:00:00Z');
    expect(r.events.some((e) => e.type === 'EscalationRaised' && e.detail.level === 'nudge')).toBe(true);
    for (const side of ['mentor', 'mentee'] as const) {
      const nudge = r.emails.find((e) => e.template === 'missedCheckInNudge' && e.to === `${side}@example.com`);
      const review = r.emails.find(
        (e) => e.question?.purpose === 'milestone' && e.question.context?.label === 'End of program review' && e.question.side === side,
      );
      expect(nudge, side).toBeDefined();
      expect(review, side).toBeDefined();
      // The case QA saw: the same second.
      expect(goes(nudge!)).toBe(goes(review!));
      const text = flat(renderIntent(nudge!.template, nudge!.input, {}).text);
      expect(text).toContain('your end-of-program review comes today, in a separate email');
      expect(text).not.toContain('meet once more before it');
    }
  });

  it('keeps "meet once more before it", with the day, when the review comes on a later day', () => {
    const r = missingLast('2027-01-04T08:00:00Z');
    const nudges = r.emails.filter((e) => e.template === 'missedCheckInNudge');
    expect(nudges).toHaveLength(2);
    for (const nudge of nudges) {
      expect(nudge.input.finalReviewArrives).toBeUndefined();
      const text = flat(renderIntent(nudge.template, nudge.input, {}).text);
      expect(text).toMatch(/your end-of-program review comes next, on Friday 5 February 2027\. If you can, meet once more before it/);
    }
  });
});

/**
 * The senior's note after the last check-in said "The end-of-program review comes next." when that
 * review reached the senior before the note, or the same morning. As the nudge above, it says the
 * review has come, or comes today, and asks for an answer.
 */
describe("the lifecycle: the senior's note after a missed last check-in", () => {
  // The pair's one check-in is its last; the ladder's note comes at the first miss.
  const escalation = { nudgeAfter: 1, seniorNoteAfter: 1, adminDecisionAfter: 2 };
  const noteAndReview = (r: ReturnType<typeof simulate>) => {
    const note = r.emails.find((e) => e.template === 'seniorCommitmentNote');
    const review = r.emails.find(
      (e) => e.question?.purpose === 'milestone' && e.question.context?.label === 'End of program review' && e.question.side === 'mentee',
    );
    expect(note).toBeDefined();
    expect(review).toBeDefined();
    return { note: note!, review: review!, text: flat(renderIntent(note!.template, note!.input, {}).text) };
  };

  it('says the review comes today when both reach the senior the same morning', () => {
    const { note, review, text } = noteAndReview(missingLast('2027-01-06T08:00:00Z', { escalation }));
    expect(goes(note)).toBe(goes(review));
    expect(note.input.finalReviewArrives).toBe('today');
    expect(text).toContain('That was the last check-in, and your end-of-program review comes today, in a separate email.');
    expect(text).toContain('so please answer it even though you could not meet this time');
    expect(text).not.toContain('comes next');
    // "Comes today" holds only while the review's day does: a pause before the note goes drops it.
    expect(note.sendWhile).toEqual(['active']);
  });

  it('says the review has come when it reached the senior before the note', () => {
    // Questions at 08:30, notices not before 09:00: the review is in their inbox half an hour before the note.
    const { note, review, text } = noteAndReview(missingLast('2027-01-06T08:00:00Z', { escalation, sendTime: '08:30' }));
    expect(Date.parse(goes(review))).toBeLessThan(Date.parse(goes(note)));
    expect(note.input.finalReviewArrives).toBe('sent');
    expect(text).toContain('That was the last check-in, and your end-of-program review has come, in a separate email.');
    expect(text).not.toContain('comes next');
  });

  it('keeps "the end-of-program review comes next" when it comes on a later day', () => {
    const { note, review, text } = noteAndReview(missingLast('2027-01-04T08:00:00Z', { escalation }));
    expect(goes(review).slice(0, 10)).not.toBe(goes(note).slice(0, 10));
    expect(note.input.finalReviewArrives).toBeUndefined();
    expect(note.input.finalReviewNext).toBe(true);
    expect(text).toContain('The end-of-program review comes next.');
    expect(text).not.toContain('in a separate email');
  });
});
