import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { markedNumbers } from '../../../functions/domain/replies/scores';
import { stripReply } from '../../../functions/domain/replies/strip';

const now = new Date('2027-01-13T10:00:00Z');
const topics = {
  items: [
    { key: 'strategy', labels: ['Strategy', 'strategy'] },
    { key: 'leadership', labels: ['Leadership', 'leadership'] },
  ],
};
/** As the inbound path reads a reply to the Day 30 review: stripped, then interpreted with what the review asked. */
const review = (text: string) => interpretReply(stripReply(text), 'milestone', { now, ask: topics });

describe('a review reply without one of its two scores (SMTP tester)', () => {
  it('reads "Progress is about 3" as progress 3, beside "recommend it 8 out of 10", and keeps the sentence whole', () => {
    const answer = review(
      'Progress is about 3 I would say, and I would recommend it 8 out of 10. Learned a lot about how legal works.\nStrategy: 2\nLeadership: 3',
    );
    expect(answer).toMatchObject({ intent: 'rating', rating: 3, score: 8, items: { strategy: 2, leadership: 3 } });
    expect(answer.note).toBe('Progress is about 3 I would say, and I would recommend it 8 out of 10. Learned a lot about how legal works');
  });

  it.each([
    ['Progress is about 3.', 3],
    ['My progress is maybe 4, I think', 4],
    ['Progress: around 2', 2],
    ['Progress is 4 so far', 4],
    ['Mein Fortschritt liegt bei etwa 3.', 3],
    ["Le progrès est d'environ 4, je dirais", 4],
    ['Mi progreso es de unos 3', 3],
    ['Il progresso è circa 4', 4],
  ])('reads the word progress followed within a few words by a 1-5 number: %j', (text, value) => {
    expect(markedNumbers(text)).toMatchObject([{ value, scale: 5 }]);
  });

  it.each([
    'progress in 2 areas',
    'progress on 3 topics',
    'Progress is about 3 hours a week',
    'progress since 1 March',
    'Progress is about 3 areas',
    'Progress is about 7',
  ])('reads no rating where the number says something else: %j', (text) => {
    expect(markedNumbers(text)).toEqual([]);
  });

  it.each([
    ['PROGRESS 4', 'PROGRESS 4 but no RECOMMEND', { rating: 4 }],
    ['Yes 4, good month', 'PROGRESS 4 but no RECOMMEND', { rating: 4 }],
    ['Sorry, forgot: PROGRESS 3', 'PROGRESS 3 but no RECOMMEND', { rating: 3 }],
    ['I would recommend it 8 out of 10. Learned a lot.', 'RECOMMEND 8 but no PROGRESS', { score: 8 }],
    ['RECOMMEND 9\nStrategy: 2\nLeadership: 3', 'RECOMMEND 9 but no PROGRESS', { score: 9 }],
    ['Strategy: 2\nLeadership: 3', 'neither PROGRESS (1 to 5) nor RECOMMEND (0 to 10)', {}],
  ])('is asked again for the missing score, never stored as a complete review: %j', (text, gives, read) => {
    const answer = review(text);
    // Unclear: the inbound path records nothing and sends the clarification, so the question stays open.
    expect(answer.intent).toBe('unclear');
    expect(answer.command).toBeUndefined();
    // What was read stays on the reading, as understood, never as an answer.
    expect({ rating: answer.rating, score: answer.score }).toEqual({ rating: undefined, score: undefined, ...read });
    expect(answer.reason).toContain(`The reply gives ${gives}`);
    expect(answer.reason).toContain('nothing was recorded');
    expect(answer.reason).toMatch(/for example "PROGRESS \d, RECOMMEND \d+"/);
  });

  it('names the score it read in its example, so the reply sent back holds both', () => {
    expect(review('PROGRESS 2').reason).toContain('"PROGRESS 2, RECOMMEND 9"');
    expect(review('RECOMMEND 6').reason).toContain('"PROGRESS 4, RECOMMEND 6"');
  });

  it('still records a review with both scores, and asks a bare "Yes" for them as before', () => {
    expect(review('PROGRESS 4, RECOMMEND 9\nStrategy: 2')).toMatchObject({ intent: 'rating', rating: 4, score: 9, items: { strategy: 2 } });
    expect(review('4, 9')).toMatchObject({ rating: 4, score: 9 });
    expect(review('Yes').reason).toContain('"Yes" answers none of the review\'s questions');
  });
});

describe('a review’s scores written in a sentence', () => {
  it('reads the number after "progress," or "recommend it" when it closes its clause', () => {
    const review = (text: string) => interpretReply(text, 'milestone', { now });
    expect(review('Good progress, 4. Would definitely recommend, 10')).toMatchObject({ intent: 'rating', rating: 4, score: 10 });
    expect(review('I would recommend it: 9. Progress 3')).toMatchObject({ intent: 'rating', rating: 3, score: 9 });
  });

  it('never reads a count after a comma as a rating', () => {
    expect(markedNumbers('Yes we met. Progress, 2 goals done')).toEqual([]);
    expect(interpretReply('Yes we met. Progress, 2 goals done', 'check-in', { now }).rating).toBeUndefined();
  });
});
