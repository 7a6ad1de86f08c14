import { describe, expect, it } from 'vitest';
import { outboundEvents } from '../../../functions/domain/events';
import type { Answer, Side } from '../../../functions/domain/pairing/model';
import { agreeable, simulate, type SimOptions } from './simulate';

/** Answers every question as `agreeable` does, but each check-in with `checkIn(side)`. */
const answering =
  (checkIn: (side: Side) => Partial<Answer> & { intent: string }): SimOptions['answer'] =>
  (email, side) =>
    email.question?.purpose === 'check-in' ? { text: checkIn(side) } : agreeable!(email, side);

const checkInEvents = (answer: SimOptions['answer']) => {
  const r = simulate({ answer, program: { lifecycle: { durationMonths: 3 } } });
  const events = r.events.filter((e) => e.type === 'CheckInCompleted');
  expect(events.length).toBeGreaterThan(2);
  expect(events).toHaveLength(r.pairing.checkInsHeld);
  for (const e of events) expect(() => outboundEvents.CheckInCompleted.parse(e.detail)).not.toThrow();
  return events.map((e) => e.detail);
};

describe('CheckInCompleted carries the check-in rating its schema defines (QA: 23/23 events had none)', () => {
  it("is the mean of both people's 1-5 ratings when both rate", () => {
    const events = checkInEvents(answering((side) => ({ intent: 'rating', rating: side === 'mentor' ? 5 : 2 })));
    for (const d of events) expect(d).toMatchObject({ rating: 3.5 });
  });

  it('is the one rating given when only one of them rates', () => {
    const events = checkInEvents(answering((side) => (side === 'mentee' ? { intent: 'rating', rating: 4 } : { intent: 'yes' })));
    for (const d of events) expect(d.rating).toBe(4);
  });

  it('is absent when the check-in was held and nobody rated it', () => {
    const events = checkInEvents(answering(() => ({ intent: 'yes' })));
    for (const d of events) expect(d).not.toHaveProperty('rating');
  });
});
