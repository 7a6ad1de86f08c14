import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies';

/**
 * QA replies6 (five times over SMTP): a decline, a meeting that did not happen or a bad fit, then a
 * sentence opening "Yes, ..." that only agrees with it ("Yes, really sorry", "Yes, I know"), was
 * recorded as YES: an introduction accepted, a meeting held, a good fit. The yes of a later sentence
 * never overrides the words that said no before it: the reply is asked about again.
 */
const now = new Date('2027-02-20T10:00:00Z');

describe('a "Yes" that opens a later sentence, after words that say no', () => {
  it.each<[string, ReplyPurpose, string]>([
    ['Unfortunately I have to pass this time. Yes, really sorry - maybe in the next cohort.', 'acceptance', 'Unfortunately I have to pass this time'],
    [
      "Sorry, I can't commit to this right now. Yes, I know I signed up, but my team has two people off.",
      'acceptance',
      "Sorry, I can't commit to this right now",
    ],
    ["Couldn't make it this week - Mia was travelling. Yes, we'll try again on Thursday.", 'check-in', "Couldn't make it this week - Mia was travelling"],
    ['We had to cancel this week. Yes, again, I know. Sorry!', 'check-in', 'We had to cancel this week'],
    ['Honestly, this is not a good fit for me. Yes, David is nice, but we have very little in common.', 'fit', 'Honestly, this is not a good fit for me'],
  ])('%s (%s) is never a yes: asked again, saying why', (text, purpose, refusal) => {
    const r = interpretReply(text, purpose, { now });
    expect(r.intent).toBe('unclear');
    expect(r.rating).toBeUndefined();
    expect(r.reason).toBe(
      `The reply says "Yes" only after words that say otherwise ("${refusal}"), so it is unclear: reply with just ${purpose === 'fit' ? 'YES, NOT SURE or NO' : 'YES or NO'}.`,
    );
  });

  it('a meeting that did not happen, said plainly, decides: "We did not meet. Yes, again." is a no', () => {
    expect(interpretReply('We did not meet. Yes, again.', 'check-in', { now }).intent).toBe('no');
  });

  it.each<[string, ReplyPurpose, number | undefined]>([
    ['Yes, we met on Tuesday.', 'check-in', undefined],
    ['Yes! Sorry for the late reply.', 'check-in', undefined],
    ['Yes! Sorry for the late reply.', 'acceptance', undefined],
    ['Sorry for the late reply!\n\nYes 4 - good chat', 'check-in', 4],
    // The word the emails ask for, in capitals, or a yes with its rating: the person's answer.
    ["Sorry, I didn't see this earlier.\nYES", 'check-in', undefined],
    ["Sorry, I didn't see this earlier.\nYes 4", 'check-in', 4],
    // An unambiguous phrase answers on its own.
    ["Sorry I couldn't reply earlier. Yes we met on Tuesday", 'check-in', undefined],
  ])('%s (%s) still reads yes', (text, purpose, rating) => {
    const r = interpretReply(text, purpose, { now });
    expect(r.intent).toBe('yes');
    expect(r.rating).toBe(rating);
  });
});
