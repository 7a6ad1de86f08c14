import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies/interpret';

const now = new Date('2027-01-13T10:00:00Z');

/** An answer word or a command asked back ("Yes?", "STOP?") is a question: nothing is recorded or done. */
describe('an answer asked back', () => {
  it.each<[string, ReplyPurpose, string]>([
    ['Yes?', 'acceptance', 'YES or NO'],
    ['No? We never got the invite', 'check-in', 'YES or NO'],
    ['No?', 'fit', 'YES, NOT SURE or NO'],
    ['Approve? Not yet, one pair is in the same team', 'approval', 'APPROVE or REJECT'],
  ])('%j to the %s is asked again, offering %s', (text, purpose, words) => {
    const answer = interpretReply(text, purpose, { now });
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toContain('?" reads as a question, so nothing was recorded');
    expect(answer.reason).toContain(`reply with just ${words}`);
  });

  it('a question later in the line is the note of a plain answer', () => {
    const answer = interpretReply('Yes - can we meet Tuesday?', 'acceptance', { now });
    expect(answer.intent).toBe('yes');
    expect(answer.note).toBe('can we meet Tuesday');
  });

  it.each([
    ['STOP?', 'to leave the program, reply with just STOP'],
    ['Stop? What is this', 'to leave the program, reply with just STOP'],
    ['Unsubscribe??', 'to leave the program, reply with just STOP'],
    ['END?', 'to end your pairing, reply with just END'],
    ['Pause?', 'to pause, reply PAUSE with the date you will be back'],
    ['REMATCH?', 'to ask for a new partner, reply with just REMATCH'],
  ])('the command %j does nothing and says how it is given', (text, how) => {
    const answer = interpretReply(text, 'check-in', { now });
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toContain('reads as a question, so nothing was done');
    expect(answer.reason).toContain(how);
  });

  it('the command alone still acts', () => {
    expect(interpretReply('STOP', 'check-in', { now }).intent).toBe('stop');
    expect(interpretReply('END', 'check-in', { now }).intent).toBe('end');
  });
});
