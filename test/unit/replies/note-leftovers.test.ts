import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { stripReply } from '../../../functions/domain/replies/strip';

const now = new Date('2027-01-13T10:00:00Z');
/** As the inbound path reads a reply: stripped of quote and sign-off, then interpreted. */
const read = (text: string, purpose: 'check-in' | 'milestone') => interpretReply(stripReply(text), purpose, { now });

describe('what is left of a reply as the note the admin reads (QA outcomes2)', () => {
  it.each([
    ['PROGRESS 4/5, RECOMMEND 9/10\nGreat program', 4, 9, 'Great program'],
    ['Progress: 4/5\nRecommend: 9 out of 10', 4, 9, undefined],
    ['PROGRESS 4 / 5\nRECOMMEND 9/10\nMore time for the first meeting', 4, 9, 'More time for the first meeting'],
  ])('a labelled rating takes its written scale with it: %j', (text, rating, score, note) => {
    const answer = read(text, 'milestone');
    expect(answer).toMatchObject({ intent: 'rating', rating, score });
    expect(answer.note).toBe(note);
  });

  it('leaves no comma before the full stop where a rating was cut from a sentence', () => {
    expect(read('Yes we met, 4/5. Great chat', 'check-in')).toMatchObject({ intent: 'yes', rating: 4, note: 'Yes we met. Great chat' });
  });

  it.each([
    ['PROGRESS 4, RECOMMEND 9\nGreat program\nCheers, Sam', 'Great program'],
    ['YES 4 good chat\nBest regards Ana Lima', 'good chat'],
    ['YES 4 good chat\nThanks, Sam!\nSam Lee\nHead of Ops', 'good chat'],
  ])('a closing formula and a name on one line is the sign-off, not the note: %j', (text, note) => {
    expect(read(text, text.startsWith('PROGRESS') ? 'milestone' : 'check-in').note).toBe(note);
  });

  it.each([
    ['YES 4 thanks Sam for the session', 'thanks Sam for the session'],
    ['Yes 4, we met\nThanks, Great chat though', 'we met Thanks, Great chat though'],
  ])('keeps a thank-you that says more than a name: %j', (text, note) => {
    expect(read(text, 'check-in').note).toBe(note);
  });
});
