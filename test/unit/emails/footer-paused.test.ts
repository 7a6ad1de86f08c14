import { describe, expect, it } from 'vitest';
import { pairingPaused } from '../../../functions/domain/emails';

/**
 * The footer of an email to someone whose pairing is paused (QA events5): not "Need a break?" for a
 * break under way, but how to change its end; PAUSE is still what does that.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
const program = { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } };
const base = { program, partner: { name: 'Sam Senior' }, resumeOn: '2027-04-06T09:00:00Z' };

describe('the footer while the pairing is paused', () => {
  it('offers PAUSE to change the resume date, and no "Need a break?"', () => {
    const text = flat(pairingPaused({ ...base, to: { name: 'Mia', timeZone: 'Europe/London', allPaused: true } }).text);
    expect(text).toContain(
      'Your pairing is paused. To change the day it resumes, reply PAUSE with how long from today or the new date (for example "PAUSE for 3 weeks").',
    );
    expect(text).not.toContain('Need a break?');
  });

  it('is the usual offer while a pairing runs', () => {
    const text = flat(pairingPaused({ ...base, to: { name: 'Mia', timeZone: 'Europe/London' } }).text);
    expect(text).toContain('Need a break? Reply PAUSE, with how long or the date to resume if you know it (for example "PAUSE for 3 weeks").');
  });
});
