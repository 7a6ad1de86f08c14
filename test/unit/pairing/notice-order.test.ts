import { describe, expect, it } from 'vitest';
import { sendOrder, type PendingSend } from '../../../functions/domain/pairing/notice-order';

// Refs as the outbox lists them: `<due time>|<order>|<key>` (functions/lifecycle/outbox.ts, pendingRef).
const ref = (dueAt: string, order: number, key: string) => `${dueAt}|${String(order).padStart(3, '0')}|${key}`;
const entry = (dueAt: string, order: number, key: string, more: Omit<PendingSend, 'ref' | 'dueAt'> = {}): PendingSend => ({
  ref: ref(dueAt, order, key),
  dueAt,
  ...more,
});

// Friday 25 December 2026: the mentor's check-in goes at 08:48 London (the pairing's moment in a
// 08:30 send window); the nudge decided at midnight, when the check-in before closed unanswered,
// is held for his working hours, 09:18.
const now = new Date('2026-12-25T08:48:02.000Z');
const checkIn = entry('2026-12-25T08:48:02.000Z', 0, 'email:round-003:ask:mentor', { reader: 'pt_mentor', asks: true });
const nudge = entry('2026-12-25T09:18:02.000Z', 1, 'email:round-002:nudge:mentor', { reader: 'pt_mentor', heldForHours: true });

describe('a notice held for working hours and the question that reaches its reader first', () => {
  it('goes now, just before the question, however much later it was held until', () => {
    const out = sendOrder([checkIn, nudge], now);
    expect(out.order).toEqual([nudge.ref, checkIn.ref]);
    expect([...out.withQuestion]).toEqual([nudge.ref]);
  });

  it('goes before the question when both are due at the same instant and the question was listed first (a send time of 09:00)', () => {
    const nine = new Date('2026-12-25T09:18:02.000Z');
    const question = entry(nine.toISOString(), 0, 'email:round-003:ask:mentor', { reader: 'pt_mentor', asks: true });
    const resumed = entry(nine.toISOString(), 4, 'email:resumed:mentor', { reader: 'pt_mentor', heldForHours: true });
    expect(sendOrder([question, resumed], nine).order).toEqual([resumed.ref, question.ref]);
  });

  it('puts every such notice of the reader before their first question, in the order they were listed', () => {
    const senior = entry('2026-12-25T09:10:00.000Z', 2, 'email:round-002:senior-note', { reader: 'pt_mentor', heldForHours: true });
    const another = entry('2026-12-25T08:48:02.000Z', 5, 'email:round-004:ask:mentor', { reader: 'pt_mentor', asks: true });
    expect(sendOrder([another, nudge, checkIn, senior], now).order).toEqual([senior.ref, nudge.ref, checkIn.ref, another.ref]);
  });

  it('keeps the hold of a notice to someone who is asked nothing now: the partner, an admin, a manager', () => {
    const partner = entry('2026-12-25T08:18:02.000Z', 2, 'email:round-002:nudge:mentee', { reader: 'pt_mentee', heldForHours: true });
    const admin = entry('2026-12-25T09:00:00.000Z', 3, 'email:round-002:escalation:admin-1', {});
    const laterForPartner = entry('2026-12-25T09:30:00.000Z', 4, 'email:partner-note:mentee', { reader: 'pt_mentee', heldForHours: true });
    const out = sendOrder([checkIn, nudge, partner, admin, laterForPartner], now);
    expect(out.order).toEqual([partner.ref, nudge.ref, checkIn.ref, admin.ref, laterForPartner.ref]);
    expect([...out.withQuestion]).toEqual([nudge.ref]);
  });

  it('keeps the time of an email held for another reason than working hours (thanks that must follow an end email)', () => {
    const thanks = entry('2026-12-25T09:18:02.000Z', 1, 'email:round-003:thanks:mentor', { reader: 'pt_mentor' });
    const out = sendOrder([checkIn, thanks], now);
    expect(out.order).toEqual([checkIn.ref, thanks.ref]);
    expect(out.withQuestion.size).toBe(0);
  });

  it('changes nothing while no question is sent now: one still to come holds nothing back', () => {
    const later = entry('2026-12-28T08:48:02.000Z', 0, 'email:round-003:ask:mentor', { reader: 'pt_mentor', asks: true });
    const event = entry('2026-12-25T00:00:00.000Z', 0, 'event:round-002:missed');
    const out = sendOrder([nudge, later, event], now);
    expect(out.order).toEqual([event.ref, nudge.ref, later.ref]);
    expect(out.withQuestion.size).toBe(0);
  });
});
