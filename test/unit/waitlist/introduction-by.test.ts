import { describe, expect, it } from 'vitest';
import { introductionBy, localDate } from '../../../functions/domain/schedule';
import { waitlistMatched } from '../../../functions/domain/emails';
import { simProgram, simulate } from '../pairing/simulate';

/**
 * The "off the waitlist" email names the day the introduction comes by (QA quiet4: "follows on your
 * next working morning" arrived 33 minutes later, the same morning). The day named is never before
 * the introduction really goes, whenever in the day the pairing is created.
 */

const holidays = ['2027-01-11'];

describe('introductionBy: the day named for an introduction', () => {
  it.each([
    ['before the send time, on a working day', '2027-01-04T07:30:00Z'],
    ['inside the send window', '2027-01-04T09:40:00Z'],
    ['after working hours', '2027-01-04T18:00:00Z'],
    ['on a Friday evening, before a holiday Monday', '2027-01-08T19:00:00Z'],
    ['on a Sunday', '2027-01-10T12:00:00Z'],
  ])('is never before the introduction goes, created %s', (_when, start) => {
    const program = simProgram({ nonWorkingDays: holidays });
    const r = simulate({ start, program: { nonWorkingDays: holidays } });
    const intros = r.emails.filter((e) => e.template === 'introduction');
    expect(intros).toHaveLength(2);
    for (const intro of intros) {
      const zone = (intro.input.to as { timeZone: string }).timeZone;
      const named = localDate(introductionBy(new Date(start), zone, program.lifecycle, holidays, 'pr_sim'), zone);
      expect(named >= localDate(new Date(intro.sentAt), zone), `${zone}: named ${named}, sent ${intro.sentAt}`).toBe(true);
    }
  });

  it('names the same morning when the pairing is created before the send time, not "the next working morning"', () => {
    const program = simProgram();
    const by = introductionBy(new Date('2027-01-04T07:30:00Z'), 'Europe/London', program.lifecycle, [], 'pr_sim');
    expect(localDate(by, 'Europe/London')).toBe('2027-01-04');
    const email = waitlistMatched({
      to: { name: 'Ravi', timeZone: 'Europe/London' },
      program: { name: 'Sim', admin: { name: 'HR', email: 'hr@example.com' } },
      introductionBy: by,
    });
    expect(email.text.replace(/\s+/g, ' ')).toContain('follows by Monday 4 January 2027.');
    expect(email.text).not.toContain('next working morning');
  });
});
