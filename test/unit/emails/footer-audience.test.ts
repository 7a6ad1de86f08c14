import { describe, expect, it } from 'vitest';
import { clarificationRequest, participantAudience } from '../../../functions/domain/emails';

describe("a participant's footer follows their pairings", () => {
  it('offers PAUSE while a pairing runs, NO with a date while one waits for YES or NO, STOP alone otherwise', () => {
    expect(participantAudience(['ended', 'active'])).toBe('participant');
    expect(participantAudience(['paused'])).toBe('participant');
    expect(participantAudience(['introduced', 'not-started'])).toBe('introduced');
    expect(participantAudience(['proposed'])).toBe('introduced');
    expect(participantAudience(['completed', undefined])).toBe('waiting');
    expect(participantAudience([])).toBe('waiting');
  });

  it('renders the footer for that reader', () => {
    const email = (reader: 'participant' | 'introduced' | 'waiting') =>
      clarificationRequest({
        to: { name: 'Sam Senior', timeZone: 'Europe/London' },
        program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
        reader,
        quotedReply: 'maybe',
        understood: 'nothing that reads as yes or no',
        prompt: 'Would you like to go ahead?',
        replyExamples: ['YES', 'NO'],
        answerLinks: [],
      }).text;
    expect(email('participant')).toMatch(/Reply PAUSE/);
    expect(email('introduced')).not.toMatch(/Reply PAUSE/);
    expect(email('introduced')).toMatch(/Reply NO with the date you are back/);
    expect(email('waiting')).not.toMatch(/Reply PAUSE|Reply REMATCH/);
    expect(email('waiting')).toMatch(/Reply STOP/);
  });
});
