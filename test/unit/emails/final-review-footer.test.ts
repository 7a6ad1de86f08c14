import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';

/**
 * The end-of-program review is the pairing's last question: a PAUSE replied to it pauses the pairing,
 * which then completes on the resume day (pairing/decide.ts, pausedRoundStep: the review is done and
 * nothing is left to ask), so "Need a break? Reply PAUSE, with ... the date to resume" promises a
 * return that never comes. Its footer offers no PAUSE; a milestone review's still does.
 */

const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
const to = { name: 'Sam Senior', timeZone: 'Europe/London' };
const base = {
  to,
  program,
  partner: { name: 'Mia Junior' },
  topics: ['ai-tools'],
  answerBy: '2027-03-08T23:59:59Z',
  answerLink: 'https://answers.example.org/r/tok',
  goals: 'Learn AI tools',
} as const;
const flat = (e: { text: string }) => e.text.replace(/\s+/g, ' ');

describe('end-of-program review footer', () => {
  it('offers no PAUSE', () => {
    const text = flat(emails.milestoneSurvey({ ...base, milestone: 'End-of-program review', final: true }));
    expect(text).not.toMatch(/Reply PAUSE/);
    expect(text).toContain('Reply STOP');
  });
  it('a milestone review still offers PAUSE', () => {
    expect(flat(emails.milestoneSurvey({ ...base, milestone: 'Day 30 review' }))).toMatch(/Reply PAUSE/);
  });
});
