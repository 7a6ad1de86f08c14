import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { withoutRating } from '../../../functions/domain/replies/rating-in-note';
import { stripReply } from '../../../functions/domain/replies/strip';

const now = new Date('2027-01-13T10:00:00Z');
const read = (text: string, purpose: 'check-in' | 'milestone') => interpretReply(stripReply(text), purpose, { now });

describe('the note keeps the words around a rating readable (SMTP tester)', () => {
  it('keeps a sentence whole when the rating is part of it: "Good progress - 4/5. I\'d give the program a 9/10."', () => {
    expect(read("Good progress - 4/5. I'd give the program a 9/10.", 'milestone')).toMatchObject({
      intent: 'rating',
      rating: 4,
      score: 9,
      note: "Good progress - 4/5. I'd give the program a 9/10",
    });
  });

  it.each([
    // French, German, Spanish: a rating that opens its sentence goes with the comma after it.
    ['Oui, nous nous sommes vus mardi. 4/5, très utile.', 'nous nous sommes vus mardi. Très utile'],
    ['Ja, wir haben uns getroffen. 4/5, sehr hilfreich.', 'wir haben uns getroffen. Sehr hilfreich'],
    ['Sí, nos vimos el martes. 4/5, muy útil.', 'nos vimos el martes. Muy útil'],
    // In brackets, after a comma or a dash, between two full stops: cut with its own punctuation.
    ['Sí, nos vimos el martes (4/5), muy útil.', 'nos vimos el martes, muy útil'],
    ['Yes we met, 4/5. Great chat', 'Yes we met. Great chat'],
    ['Yes, great chat - 4/5 - see you soon', 'great chat - see you soon'],
    ['Yes. Great chat. 4/5. See you', 'Great chat. See you'],
    ["Oui, on s'est vus, 4 sur 5, très utile", "on s'est vus, très utile"],
    // A rating that is part of its sentence stays there, with the sentence, in every language.
    ['Sí, nos vimos el martes. Le doy un 4/5 porque fue útil.', 'nos vimos el martes. Le doy un 4/5 porque fue útil'],
    ['Ja, wir haben uns getroffen und ich gebe 4 von 5 Punkten.', 'wir haben uns getroffen und ich gebe 4 von 5 Punkten'],
    ['Oui, je donnerais 4 sur 5 à cette séance.', 'je donnerais 4 sur 5 à cette séance'],
    ['Yes great chat 4/5', 'Yes great chat 4/5'],
  ])('check-in %j keeps the note %j', (text, note) => {
    const answer = read(text, 'check-in');
    expect(answer).toMatchObject({ rating: 4, note });
  });

  it.each([
    ['PROGRESS 4/5, RECOMMEND 9/10\nGreat program', 'Great program'],
    ['Fortschritt: etwa 4, Weiterempfehlen 9/10. Sehr hilfreich.', 'Sehr hilfreich'],
    ['Progress 4, and RECOMMEND 9. We met every week.', 'We met every week'],
    ['Progrès : 4/5, je recommanderais 9/10 à un collègue.', 'je recommanderais 9/10 à un collègue'],
  ])('review %j keeps the note %j', (text, note) => {
    expect(read(text, 'milestone')).toMatchObject({ rating: 4, score: 9, note });
  });

  it('never leaves a hole where the rating was, whatever the phrasing', () => {
    const texts = [
      "Good progress. I'd give the program a 9/10.",
      'I rate it 4/5 because we met twice',
      'Mia was great, I give her 5 stars for patience',
      'Wir haben 4/5 Themen besprochen',
      'Le doy 9 de 10 al programa',
    ];
    for (const text of texts) {
      const marked = /\d+\s*(?:\/|sur|de|von|out of)\s*\d+|\d+ stars/u.exec(text)!;
      expect(withoutRating(text, marked.index, marked.index + marked[0].length)).toBe(text);
    }
  });
});
