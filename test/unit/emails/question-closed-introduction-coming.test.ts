import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';

/**
 * "That question has already closed" to someone whose current pairing's introduction has not gone
 * out yet (a decline, then an automatic rematch): it never offers NO or REMATCH as replies to an
 * introduction in their inbox (the closed one is the only one there: a REMATCH was answered "has
 * not started yet"); it says when their introduction to a new partner comes, and its footer offers
 * NO and REMATCH for once that email arrives (footer.ts, introductionToCome).
 */

const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
const to = { name: 'Sam Senior', timeZone: 'Europe/London' };
const base = {
  to,
  program,
  reader: 'introduced-elsewhere',
  question: 'your introduction to Mia',
  closedOn: '2027-08-12T10:00:00Z',
  later: true,
} as const;
const flat = (e: { text: string }) => e.text.replace(/\s+/g, ' ');

describe('questionClosed while the new introduction is still to come', () => {
  it('names the day the introduction to a new partner comes, and offers NO and REMATCH only once it arrives', () => {
    const text = flat(emails.questionClosed({ ...base, introductionComing: { on: '2027-08-19T08:00:00Z' } }));
    expect(text).toContain('Your introduction to a new partner comes by email on Thursday 19 August');
    expect(text).not.toContain('The next question will come by email');
    expect(text).not.toContain('Reply NO to your introduction email');
    expect(text).toContain('Once your introduction email arrives, reply NO to it');
    expect(text).toContain('Once your introduction email arrives, reply REMATCH to it');
    expect(text).not.toMatch(/Reply REMATCH:/);
  });

  it('with no day planned yet: shortly', () => {
    const text = flat(emails.questionClosed({ ...base, introductionComing: { shortly: true } }));
    expect(text).toContain('Your introduction to a new partner comes by email shortly');
    expect(text).toContain('Once your introduction email arrives, reply REMATCH to it');
  });

  it('a newer question already in the inbox still wins', () => {
    const text = flat(emails.questionClosed({ ...base, later: undefined, waiting: true }));
    expect(text).toContain('A newer question is already waiting in your inbox');
  });
});
