import { describe, expect, it } from 'vitest';
import { partnerNote, recognition } from '../../../functions/domain/emails';

const program = { name: 'Pilot', admin: { name: 'Programs team', email: 'programs@example.com' } };
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('emails the completion of a pairing sends: one footer between them (QA mail8)', () => {
  const note = (pairingsRunning?: number) =>
    partnerNote({
      to: { name: 'Lena', timeZone: 'Europe/Berlin', ...(pairingsRunning === undefined ? {} : { pairingsRunning }) },
      program,
      partner: { name: 'Oliver' },
      note: { valued: 'Your patience', try: 'Ask your team' },
    });
  const certificate = (pairingsRunning: number) =>
    recognition({
      to: { name: 'Lena', timeZone: 'Europe/Berlin', pairingsRunning },
      program,
      role: 'mentor',
      partner: { name: 'Oliver' },
      journey: { startedOn: '2027-01-04T09:00:00Z', completedOn: '2027-04-04T09:00:00Z', checkInsHeld: 3, topics: ['ai-tools'], milestones: [] },
    });

  it('the partner note to someone whose last pairing just completed offers STOP as the certificate does', () => {
    for (const email of [note(0), certificate(0)]) {
      expect(flat(email.text)).toContain('Rather not hear from the program again? Reply STOP');
      expect(flat(email.text)).not.toContain('Want to leave the program?');
      expect(flat(email.text)).toContain('because you took part in Pilot');
    }
  });

  it('with another pairing still running, both offer leaving the program', () => {
    for (const email of [note(1), certificate(1)]) {
      expect(flat(email.text)).toContain('Want to leave the program?');
      expect(flat(email.text)).toContain('because you are enrolled in Pilot');
    }
  });
});
