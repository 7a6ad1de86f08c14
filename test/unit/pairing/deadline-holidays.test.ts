import { describe, expect, it } from 'vitest';
import { deadlineAfter, localDate } from '../../../functions/domain/schedule';
import { agreeable, simulate } from './simulate';

const BREAK = ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'];

describe("a deadline does not run out inside the program's holidays (QA dst3)", () => {
  it('adds each holiday in the window, and each in the days that adds', () => {
    const sent = Date.parse('2026-12-23T09:00:00Z');
    // 5 days from 23 December would be 28 December, a holiday; the break uses none of the window.
    expect(localDate(new Date(deadlineAfter(sent, 5, ['Europe/London'], BREAK)), 'Europe/London')).toBe('2027-01-06');
    expect(localDate(new Date(deadlineAfter(sent, 5, ['Europe/London'])), 'Europe/London')).toBe('2026-12-28');
    // A window with no holiday in it is as before.
    const march = Date.parse('2027-03-01T09:00:00Z');
    expect(deadlineAfter(march, 5, ['Europe/London'], BREAK)).toBe(deadlineAfter(march, 5, ['Europe/London']));
  });

  it('names no holiday as the day to answer by, and counts a meeting answered on the first day back', () => {
    // The check-in sent just before the break is answered on the first morning back, 4 January.
    const back = Date.parse('2027-01-04T09:05:00Z');
    const r = simulate({
      start: '2026-11-30T08:00:00Z',
      answer: (e, side) => {
        const answer = agreeable!(e, side);
        // Decided at most a day before it goes (notBefore): the answer comes after the break either way.
        const sent = Date.parse(e.notBefore ?? '');
        if (!answer || e.template !== 'checkInRequest' || !(sent >= Date.parse('2026-12-21T00:00:00Z') && sent < Date.parse('2026-12-24T00:00:00Z')))
          return answer;
        return { ...answer, delayHours: (back - sent) / 3_600_000 };
      },
      mentor: { timeZone: 'Europe/London' },
      mentee: { timeZone: 'Asia/Kolkata' },
      program: { startDate: '2026-11-30', nonWorkingDays: BREAK, lifecycle: { checkInCadenceDays: 7, durationMonths: 3 } as never },
    });
    const asked = r.emails.filter((e) => e.question !== undefined && typeof e.input.answerBy === 'string');
    expect(asked.length).toBeGreaterThan(10);
    for (const e of asked)
      expect(BREAK, `${e.template} to ${e.to} sent ${e.sentAt}`).not.toContain(localDate(new Date(e.input.answerBy as string), 'Europe/London'));
    // The answer counted: nobody is nudged for a meeting missed.
    expect(r.emails.filter((e) => e.template === 'missedCheckInNudge').map((e) => e.sentAt)).toEqual([]);
  });
});
