import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';

/**
 * "The program has closed": the person is off the waitlist and gets no more emails about the program
 * (moved to `inactive` once told: cohort-matching.ts). Leaving it is nothing a STOP can still do, so
 * the footer does not offer "Want to leave the program? Reply STOP"; it offers only what a reply to
 * their standing address still does there: CONCERN, DATA and ERASE (emails/replies.ts, standingOf 'gone').
 */

const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
const to = { name: 'Sam Senior', timeZone: 'Europe/London' };
const flat = (e: { text: string }) => e.text.replace(/\s+/g, ' ');

describe('waitlistProgramClosed footer', () => {
  for (const hadPartner of [false, true]) {
    it(`offers no STOP, PAUSE or REMATCH${hadPartner ? ' (after a pairing)' : ''}`, () => {
      const text = flat(emails.waitlistProgramClosed({ to, program, ...(hadPartner ? { hadPartner } : {}) }));
      expect(text).toContain('get no more emails about this program');
      expect(text).not.toMatch(/Reply (STOP|PAUSE|REMATCH|END)/);
      expect(text).not.toContain('Want to leave the program?');
      expect(text).toContain('Reply CONCERN');
      expect(text).toContain('Reply DATA or ERASE');
    });
  }
});
