import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { interpretReply } from '../../../functions/domain/replies';

/**
 * RESUME from a participant (QA quiet3): only the program team ends a pause early, as the pause
 * email says. The reply is told so, and how the pairing goes on, instead of the general help.
 */
describe('RESUME from a participant', () => {
  it.each(['RESUME', 'resume', 'Resume.', 'RESUME please, I am back early', 'UNPAUSE'])('%s is a command not acted on, with its reason', (text) => {
    const r = interpretReply(text, 'standing', {});
    expect(r.intent).toBe('unclear');
    expect(r.command).toBe('resume');
    expect(r.reason).toBe('A pause is ended early only by the program team, so nothing was changed.');
  });

  it('is not read into an ordinary answer that only mentions resuming', () => {
    expect(interpretReply('Resume the check-ins when you can, we met: yes 4', 'check-in', {}).command).toBeUndefined();
    expect(interpretReply('YES 4, we will resume weekly meetings', 'check-in', {}).intent).toBe('yes');
  });

  it('the help email says who ends a pause early and that it ends by itself', () => {
    const email = emails.standingAddressHelp({
      to: { name: 'Sam Senior', timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya@example.org' }, concernUrl: 'https://answers.example.org/c/t' },
      notActedOn: { command: 'resume', why: 'A pause is ended early only by the program team, so nothing was changed.' },
    });
    expect(email.subject).toBe('Your RESUME was not acted on: the program team ends a pause early');
    const text = email.text.replace(/\s+/g, ' ');
    expect(text).toContain('If your pairing is paused, it resumes by itself on the day your pause email named; to start again sooner, write to Priya Shah.');
  });
});
