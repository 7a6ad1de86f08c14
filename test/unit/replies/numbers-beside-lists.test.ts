import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies';

/**
 * QA replies6: numbers a reply gives as list items or as question numbers were read as ratings, and
 * ratings given where people put them were missed or refused.
 */
const now = new Date('2027-02-20T10:00:00Z');

describe('a numbered list under a check-in answer is the note, never its rating', () => {
  it('"Yes" above a list: no rating, and the list keeps its "1."', () => {
    const r = interpretReply('Yes\n\n1. Yuki showed me how to use ChatGPT for meeting summaries\n2. Next time: LinkedIn posts', 'check-in', { now });
    expect(r).toMatchObject({ intent: 'yes', note: '1. Yuki showed me how to use ChatGPT for meeting summaries 2. Next time: LinkedIn posts' });
    expect(r.rating).toBeUndefined();
  });

  it.each([
    ['YES 4\n1) meeting summaries with ChatGPT\n2) how Kenji prepares board papers', 4, '1) meeting summaries with ChatGPT 2) how Kenji prepares board papers'],
    ['YES 5\n1. Copilot in Excel\n2. LinkedIn next week', 5, '1. Copilot in Excel 2. LinkedIn next week'],
    ['Yes, 4.\n\n1. We tried it live on two deals', 4, '1. We tried it live on two deals'],
  ])('%s reads yes with its rating, the list as the note (not "1" off the scale)', (text, rating, note) => {
    expect(interpretReply(text, 'check-in', { now })).toMatchObject({ intent: 'yes', rating, note });
  });

  it('a rating alone on the line under the answer is still read', () => {
    expect(interpretReply('Yes\n4', 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 4 });
  });
});

describe('a review answered by number on one line', () => {
  it.each([
    ['1. 4 2. how Carlos reads a P&L 3. prompt writing 4. 9\n\nLucía', 'how Carlos reads a P&L prompt writing Lucía'],
    ['1) 4, 2) aprendí a usar ChatGPT, 3) cómo se decide el presupuesto, 4) 9', 'aprendí a usar ChatGPT cómo se decide el presupuesto'],
  ])('%s reads item 1 as progress and item 4 as the recommendation', (text, note) => {
    expect(interpretReply(text, 'milestone', { now })).toMatchObject({ intent: 'rating', rating: 4, score: 9, note });
  });
});

describe('a review numbered in full-width digits', () => {
  it.each(['１．４\n２．ChatGPTの使い方\n３．取締役会資料の作り方\n４．８\n\n佐藤', '１．４ ２．ChatGPTの使い方 ３．取締役会資料の作り方 ４．８'])(
    '%s reads as numbered answers, not as "1.4"',
    (text) => {
      const r = interpretReply(text, 'milestone', { now });
      expect(r).toMatchObject({ intent: 'rating', rating: 4, score: 8 });
      expect(r.note).toContain('ChatGPTの使い方');
    },
  );

  it('one full-width "４．５" alone is still a number that is not whole, asked again', () => {
    expect(interpretReply('４．５', 'milestone', { now }).intent).toBe('unclear');
  });
});

describe('a rating that ends the answer line', () => {
  it.each([
    ['はい、会いました。4', 4],
    ['はい、会いました。4\nとても良い時間でした。', 4],
    ['Yes we met, 4', 4],
    ['Sorry for the delay… Yes we met, 5.', 5],
  ])('%s is read, not left in the note', (text, rating) => {
    const r = interpretReply(text, 'check-in', { now });
    expect(r).toMatchObject({ intent: 'yes', rating });
    expect(r.note ?? '').not.toMatch(/\d/);
  });

  it('off the scale there, it is said so, never dropped', () => {
    expect(interpretReply('Yes we met, 9', 'check-in', { now }).reason).toBe('"Yes" as yes, but "9" is outside the scale asked for (ratings go from 1 to 5).');
  });

  it.each(['Yes we met in room 12', 'Yes we met on Dec. 4', 'Yes, we met at 4.5'])('%s holds no rating', (text) => {
    expect(interpretReply(text, 'check-in', { now }).rating).toBeUndefined();
  });
});
