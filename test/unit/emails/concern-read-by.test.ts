import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { concernReadByDay } from '../../../functions/domain/emails/concerns';

const program = { name: 'Spring', admin: { name: 'the program team', email: 'team@example.com' } };
const flat = (text: string) => text.replace(/\s+/g, ' ');

/**
 * The concern receipt promises an answer "within N working days, by <day>", counted in the program's
 * working days (QA concerns: a reader in Honolulu was told "by Sunday 6 December" for Monday 09:00 in London).
 */
describe('the day the concern receipt names', () => {
  const readBy = '2026-12-07T09:00:00.000Z'; // Monday 09:00 in London, the program's zone

  it('is the program’s working day for a reader west of it, never the weekend day before', () => {
    const to = { name: 'Kai', timeZone: 'Pacific/Honolulu' };
    expect(concernReadByDay({ readBy, programTimeZone: 'Europe/London', to })).toBe('2026-12-07');
    const text = flat(emails.concernReceived({ to, program, readBy, programTimeZone: 'Europe/London', workingDays: 2 }).text);
    expect(text).toContain('within 2 working days, by Monday 7 December 2026');
    expect(text).not.toContain('Sunday');
  });

  it('is the reader’s own, later, day for a reader east of it, so that the day named still holds where they are', () => {
    // Monday 09:00 in Los Angeles is Tuesday 06:00 in Auckland.
    const eastward = '2026-12-07T17:00:00.000Z';
    const to = { name: 'Aroha', timeZone: 'Pacific/Auckland' };
    expect(concernReadByDay({ readBy: eastward, programTimeZone: 'America/Los_Angeles', to })).toBe('2026-12-08');
    expect(flat(emails.concernReceived({ to, program, readBy: eastward, programTimeZone: 'America/Los_Angeles', workingDays: 2 }).text)).toContain(
      'by Tuesday 8 December 2026',
    );
  });

  it('names the program’s working day, with the reader’s own beside it, when the reader’s day is a weekend day', () => {
    // Friday 09:00 in Los Angeles is Saturday 06:00 in Auckland.
    const friday = '2026-12-18T17:00:00.000Z';
    const to = { name: 'Aroha', timeZone: 'Pacific/Auckland' };
    const text = flat(emails.concernReceived({ to, program, readBy: friday, programTimeZone: 'America/Los_Angeles', workingDays: 2 }).text);
    expect(text).toContain('within 2 working days, by Friday 18 December 2026 (Saturday 19 December 2026 where you are)');
  });
});
