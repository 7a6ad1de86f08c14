import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies';

/**
 * QA replies6: a NO that asks to leave was recorded as a plain NO, with no word back, while the same
 * words without the NO are told how to leave. Now both are: nothing is recorded and the person is
 * given the word that works, as for an answer with a command beside it.
 */
const now = new Date('2027-02-20T10:00:00Z');
const HINT = 'If you want to leave the program, reply with just STOP.';
/** Leaving the pairing, not the program: REMATCH and END come first (pairing-wish.test.ts). */
const PAIRING_HINT =
  'If you would rather not go on with your partner, reply with just REMATCH to ask for a new one, or with just END to end your pairing; to leave the program, reply with just STOP.';

describe('a NO that asks to leave', () => {
  it.each<[string, ReplyPurpose, string, string]>([
    [
      'No, we did not meet - I told you I wanted to pass on this one. Please remove me from this pairing.',
      'check-in',
      'Please remove me from this pairing',
      PAIRING_HINT,
    ],
    ['No. I want to leave the program.', 'check-in', 'I want to leave the program', HINT],
    ['No. I want to leave the program.', 'acceptance', 'I want to leave the program', HINT],
    ['Nein, ich möchte aussteigen.', 'check-in', 'ich möchte aussteigen', HINT],
  ])('%s (%s) records nothing and gives the hint that fits', (text, purpose, asks, hint) => {
    const r = interpretReply(text, purpose, { now });
    expect(r.intent).toBe('unclear');
    expect(r.reason).toContain(`as no, but the reply also asks to leave ("${asks}"), so nothing was recorded`);
    expect(r.reason).toContain(hint);
  });

  it('the same words without the NO get the same hint, as before', () => {
    expect(interpretReply('I want to leave the program.', 'check-in', { now }).reason).toContain(HINT);
  });

  it.each(['No, Mia had to leave early.', "No, I'm leaving for Berlin on Monday.", 'No, she is on leave.', 'No, I want to leave my comfort zone first'])(
    '%s stays a NO',
    (text) => {
      expect(interpretReply(text, 'check-in', { now }).intent).toBe('no');
    },
  );
});
