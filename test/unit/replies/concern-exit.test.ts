import { describe, expect, it } from 'vitest';
import { readConcern, wantsToLeave } from '../../../functions/domain/replies/concern';

describe('a concern asks to leave the pairing only when it asks (an end cannot be undone)', () => {
  it.each([
    'I want to leave this pairing.',
    'My partner talks over me. I want to leave this pairing, please.',
    "Honestly, I'd like to leave this pairing as soon as possible",
    'Please end this pairing',
    'Ich möchte diese Paarung verlassen.',
    'Je veux quitter ce binôme',
    // QA verify22: a reason or a change of mind before it, in its own clause, is still a request.
    'Because of his comments about my age, I want to leave this pairing.',
    'Sam asked me to redo his slides, so I want to leave this pairing.',
    'I was not sure at first, but after last week I have decided: I want to leave this pairing.',
  ])('%j asks to leave', (text) => {
    expect(wantsToLeave(text)).toBe(true);
  });

  it.each([
    // QA concerns3: a doubt, and someone else's question, ended the pairing at once.
    'I am not sure if I want to leave this pairing yet, can we talk first?',
    "Sam asked me whether I want to leave this pairing. I don't, but he keeps pushing.",
    'I do not want to leave this pairing',
    'Please end this pairing?',
    'Maybe I want to leave this pairing, I need to think',
    'I wonder whether I would like to leave this pairing',
  ])('%j does not', (text) => {
    expect(wantsToLeave(text)).toBe(false);
  });

  it('reads the same in a CONCERN reply: the doubt is passed on as a concern, with no exit', () => {
    expect(readConcern('CONCERN: I am not sure if I want to leave this pairing yet, can we talk first?')).toMatchObject({ exit: false });
    expect(readConcern('CONCERN: It is not working. I want to leave this pairing.')).toMatchObject({ exit: true });
  });
});
