import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies';
import { isPairingCommand } from '../../../functions/domain/replies/commands';

describe('a reply that commands the pairing is not an answer to the question it was written to', () => {
  it('reads STOP, PAUSE, END and REMATCH to a check-in as commands (QA: a REMATCH was stored as the check-in answer)', () => {
    for (const text of ['STOP', 'PAUSE for 2 weeks', 'END', 'REMATCH', 'REMATCH we never found a time']) {
      const { intent } = interpretReply(text, 'check-in');
      expect(isPairingCommand(intent), `${text} -> ${intent}`).toBe(true);
    }
  });

  it('reads an answer as an answer: YES with a rating, NO, a rating alone, and nothing readable', () => {
    for (const text of ['YES 3 we did meet once more', 'NO', '4', 'hmm']) {
      const { intent } = interpretReply(text, 'check-in');
      expect(isPairingCommand(intent), `${text} -> ${intent}`).toBe(false);
    }
    expect(isPairingCommand(undefined)).toBe(false);
  });
});
