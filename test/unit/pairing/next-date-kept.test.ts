import { describe, expect, it } from 'vitest';
import type { EmailIntent } from '../../../functions/domain/pairing/decision';
import type { Side } from '../../../functions/domain/pairing/model';
import { agreeable, simulate } from './simulate';

/**
 * "The next check-in comes on <date>": the thanks names it while the partner may still be answering
 * the round, so the date must hold whether the partner answers at once, late, or never. A weekly
 * check-in pushed back by holidays has its deadline after the next one's due day: the next one
 * waits for that deadline, whoever answered early.
 */
const MENTOR = 'mentor@example.com';

function lateMentee(delayHours: number | undefined) {
  return (e: EmailIntent, side: Side) => {
    const answer = agreeable!(e, side);
    if (side !== 'mentee' || !answer || e.question?.purpose === 'acceptance') return answer;
    return delayHours === undefined ? undefined : { ...answer, delayHours };
  };
}

describe('the next question comes on the day the thanks named', () => {
  // A holiday week in February and another in March, in the program's and the people's zones.
  const holidayWeeks = [
    ['2027-02-09', '2027-02-10'],
    ['2027-02-08', '2027-02-09'],
    ['2027-03-02', '2027-03-03', '2027-03-04'],
  ];
  for (const holidays of holidayWeeks) {
    for (const delay of [0, 60, 100, undefined]) {
      it(`weekly check-ins, holidays ${holidays.join(', ')}, the mentee ${delay === undefined ? 'silent' : `answering after ${delay} hours`}`, () => {
        const r = simulate({
          answer: lateMentee(delay),
          program: { nonWorkingDays: holidays, lifecycle: { checkInCadenceDays: 7, durationMonths: 3 } as never },
        });
        const thanks = r.emails.filter((e) => e.template === 'checkInThanks' && e.to === MENTOR && e.input.nextCheckIn !== undefined);
        expect(thanks.length).toBeGreaterThan(3);
        for (const t of thanks) {
          const next = r.emails.find((e) => e.to === MENTOR && e.question !== undefined && e.sentAt > t.sentAt);
          expect(next, `a question follows the thanks of ${t.sentAt}`).toBeDefined();
          expect(next!.sentAt, `thanks sent ${t.sentAt}`).toBe(t.input.nextCheckIn);
        }
      });
    }
  }
});

describe('"did you meet since <day>" names the day of the reader\'s own last check-in', () => {
  // Tokyo and Los Angeles are 16-17 hours apart: a program holiday falls on other instants for
  // each, so one person's question can go out days after the other's.
  const holidays = [[], ['2027-02-09', '2027-02-10'], ['2027-03-02', '2027-03-03', '2027-03-04']];
  for (const days of holidays) {
    it(`mentor in Tokyo, mentee in Los Angeles, holidays ${days.join(', ') || 'none'}`, () => {
      const r = simulate({
        answer: agreeable,
        mentor: { timeZone: 'Asia/Tokyo' },
        mentee: { timeZone: 'America/Los_Angeles' },
        program: { nonWorkingDays: days, lifecycle: { checkInCadenceDays: 7, durationMonths: 3 } as never },
      });
      for (const to of [MENTOR, 'mentee@example.com']) {
        const asked = r.emails.filter((e) => e.template === 'checkInRequest' && e.to === to);
        expect(asked.length).toBeGreaterThan(5);
        for (const [i, e] of asked.entries()) {
          if (i === 0) continue;
          expect(e.input.since, `${to}: check-in of ${e.sentAt}`).toBe(asked[i - 1]!.sentAt);
        }
      }
    });
  }
});
