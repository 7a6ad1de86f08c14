import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { interpretReply } from '../../../functions/domain/replies';

/**
 * RESUME from a participant (QA quiet3): no command. The reply is told how the pairing goes on
 * (its pause ends on its day) and the way that does end it sooner, a PAUSE with an earlier day
 * (QA life7: the note sent people to the program team though "PAUSE for 1 day" works).
 */
describe('RESUME from a participant', () => {
  it.each(['RESUME', 'resume', 'Resume.', 'RESUME please, I am back early', 'UNPAUSE'])('%s is a command not acted on, with its reason', (text) => {
    const r = interpretReply(text, 'standing', {});
    expect(r.intent).toBe('unclear');
    expect(r.command).toBe('resume');
    expect(r.reason).toBe('RESUME is not a reply a pairing takes, so nothing was changed.');
  });

  it('is not read into an ordinary answer that only mentions resuming', () => {
    expect(interpretReply('Resume the check-ins when you can, we met: yes 4', 'check-in', {}).command).toBeUndefined();
    expect(interpretReply('YES 4, we will resume weekly meetings', 'check-in', {}).intent).toBe('yes');
  });

  it('the help email says the pause ends by itself, and how a PAUSE with an earlier day ends it sooner', () => {
    const email = emails.standingAddressHelp({
      to: { name: 'Sam Senior', timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya@example.org' }, concernUrl: 'https://answers.example.org/c/t' },
      notActedOn: { command: 'resume', why: 'RESUME is not a reply a pairing takes, so nothing was changed.' },
    });
    expect(email.subject).toBe('Your RESUME was not acted on: reply PAUSE with an earlier day');
    const text = email.text.replace(/\s+/g, ' ');
    expect(text).toContain(
      'A paused pairing resumes by itself on the day its pause email named. To start again sooner, reply PAUSE with an earlier day: "PAUSE for 1 day" resumes it tomorrow, and both of you are told. You can also write to Priya Shah.',
    );
    // The example the note gives is read as it says: a pause until tomorrow.
    expect(interpretReply('PAUSE for 1 day', 'standing', { now: new Date('2027-01-05T10:00:00Z') })).toMatchObject({
      intent: 'pause',
      pauseUntil: '2027-01-06',
    });
  });
});
