import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies/interpret';

/**
 * QA over raw SMTP replies: "y" alone read as unclear for every question while "k" read as yes. "y"
 * and "n", as in "(y/n)", are yes and no, but only standing alone: never an initial ("N. Patel
 * here"), "n/a", or Spanish "y" (and) opening a sentence.
 */
const purposes: ReplyPurpose[] = ['acceptance', 'check-in', 'fit', 'approval'];

describe('"y" and "n" written for an answer', () => {
  it.each(['y', 'Y', 'Y!', 'y.', 'y\n\nthanks'])('%j is yes to every question, as "k" is', (text) => {
    for (const purpose of purposes) expect(interpretReply(text, purpose).intent, purpose).toBe('yes');
  });

  it.each(['n', 'N', 'N.', 'n, sorry'])('%j is no to every question', (text) => {
    for (const purpose of purposes) expect(interpretReply(text, purpose).intent, purpose).toBe('no');
  });

  it('"y 4" to a check-in is yes with rating 4', () => {
    expect(interpretReply('y 4', 'check-in')).toMatchObject({ intent: 'yes', rating: 4 });
    expect(interpretReply('Y, 5 - great chat', 'check-in')).toMatchObject({ intent: 'yes', rating: 5, note: 'great chat' });
  });

  it.each(['N/A', 'n/a', 'y/n', 'Y&R', 'Y. Tanaka here', 'Y la semana que viene tampoco'])('%j is no answer', (text) => {
    expect(interpretReply(text, 'check-in').intent).toBe('unclear');
  });

  it('an initial never decides against the words after it', () => {
    expect(interpretReply('N. Patel here, we met on Monday', 'check-in').intent).toBe('yes');
    expect(interpretReply('Yes, n/a', 'check-in')).toMatchObject({ intent: 'yes', note: 'n/a' });
  });
});
