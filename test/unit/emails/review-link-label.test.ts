import { describe, expect, it } from 'vitest';
import { answerLinkLabel } from '../../../functions/domain/answer-page';
import * as emails from '../../../functions/domain/emails';

/**
 * A review asked again ("Could you say that again?" after a bare NO, QA goals6) listed its form link
 * as "- review:", the link's code. It reads as the review email does: "Answer on a short web form".
 */
describe('answer link labels', () => {
  it('name a review form as the review email names it, and other answers by their words', () => {
    expect(answerLinkLabel('review', 'milestone')).toBe('Answer on a short web form');
    expect(answerLinkLabel('yes', 'check-in')).toBe('Yes');
    expect(answerLinkLabel('4', 'check-in')).toBe('4 out of 5');
  });

  it('the clarification of a review shows no code', () => {
    const email = emails.clarificationRequest({
      to: { name: 'George Grey', timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.org' } },
      quotedReply: 'NO',
      understood: 'a no, but a review asks for ratings',
      prompt: 'How is your pairing going, 30 days in?',
      replyExamples: ['4 9'],
      answerLinks: [{ label: answerLinkLabel('review', 'milestone'), url: 'https://answers.example.org/r/tok' }],
    });
    expect(email.text).toContain('Answer on a short web form');
    expect(email.text).not.toMatch(/^\s*-\s*review:/m);
  });
});
