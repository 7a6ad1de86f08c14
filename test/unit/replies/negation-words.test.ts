import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies';
import { NEGATION_WORDS } from '../../../functions/domain/replies/lexicon';
import { firstRefusal } from '../../../functions/domain/replies/refusal';

/**
 * The words that negate were listed twice, in interpret.ts (a yes negated in its own sentence) and
 * in refusal.ts (a later "Yes" after words that say no), and the lists had drifted: the refusal knew
 * no "nunca" or "jamais". Both now read one list (lexicon.ts, NEGATION_WORDS) and name their own
 * words beside it.
 */
const now = new Date('2027-02-20T10:00:00Z');
const refusal = (text: string) => firstRefusal(text, text.toLowerCase());

describe('one list of negations for both readers', () => {
  it('holds the words each reader had', () => {
    const words = new Set(NEGATION_WORDS.split('|'));
    for (const w of ['not', 'never', "didn't", "wasn't", "haven't", 'nicht', 'kein\\p{L}*', 'nunca', 'jamais', 'não', 'nej', 'не']) expect(words).toContain(w);
  });

  it.each([
    ['Nunca pudimos vernos. Yes, sorry', 'Nunca pudimos vernos'],
    ['Jamais de la vie. Yes, désolé', 'Jamais de la vie'],
  ])('a later "Yes" after %s is doubted, as after any no', (text, sentence) => {
    expect(refusal(text)?.sentence).toBe(sentence);
    expect(interpretReply(text, 'check-in', { now }).intent).toBe('unclear');
  });

  it('words of regret still say no before a later "Yes" (the refusal\'s own words)', () => {
    expect(refusal('Leider klappt es nicht. Yes, sorry')?.sentence).toBe('Leider klappt es nicht');
    expect(refusal('Sadly the room was taken. Yes, again')?.sentence).toBe('Sadly the room was taken');
  });

  it('a yes negated in its own sentence by a negation the list adds ("wasn\'t") is no yes', () => {
    expect(interpretReply("It wasn't true that we met, the calendar was wrong", 'check-in', { now }).intent).not.toBe('yes');
  });

  it('Italian "ne" (of it) does not doubt a later "Sì": only French "ne", in the yes\'s sentence, negates', () => {
    expect(refusal('Ne abbiamo parlato a lungo. Sì, ci siamo visti')).toBeUndefined();
  });
});
