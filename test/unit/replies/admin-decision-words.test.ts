import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies/interpret';

const now = new Date('2027-01-13T10:00:00Z');
const decide = (text: string) => interpretReply(text, 'admin-decision', { now, timeZone: 'Europe/London' });

/**
 * An admin's answer to "Decision needed" ends, rematches or keeps a pairing on its first word: that
 * word decides only when it is the decision, never when it opens a sentence ("End of the week is
 * better, continue for now" ended the pairing), and a reply that gives two decisions, or asks
 * ("End?"), decides nothing.
 */
describe('an admin decision read from its first word', () => {
  it.each([
    ['CONTINUE', 'continue', undefined],
    ['continue', 'continue', undefined],
    ['Continue please', 'continue', undefined],
    ['Please continue', 'continue', undefined],
    ['Please end the pairing', 'end', undefined],
    ['End it.', 'end', undefined],
    ['Rematch them - they never met', 'rematch', 'they never met'],
    ['END they never met', 'end', 'they never met'],
    ['Keep going', 'continue', undefined],
    ['Continue: she is back Monday', 'continue', 'she is back Monday'],
    ['REMATCH - they never managed to meet, no point to continue', 'rematch', 'they never managed to meet, no point to continue'],
    ['CONTINUE - no need to end it', 'continue', 'no need to end it'],
  ])('%j decides %s', (text, decision, note) => {
    const answer = decide(text);
    expect(answer.decision).toBe(decision);
    expect(answer.note).toBe(note);
  });

  it.each([
    ['End of the week is better, continue for now', 'End'],
    ['Rematch would be premature, continue', 'Rematch'],
    ['Continue for another month', 'Continue'],
  ])('%j decides nothing: its first word runs on into a sentence', (text, word) => {
    const answer = decide(text);
    expect(answer.intent).toBe('unclear');
    expect(answer.decision).toBeUndefined();
    expect(answer.reason).toContain(`"${word}" runs on into a sentence`);
  });

  it.each([
    ['Continue. No, end it', '"Continue" and "end"'],
    ['CONTINUE. If nothing changes, END next month', '"CONTINUE" and "END"'],
    ['End, or rematch', '"End" and "rematch"'],
  ])('%j gives two decisions, so nothing is decided', (text, words) => {
    const answer = decide(text);
    expect(answer.intent).toBe('unclear');
    expect(answer.decision).toBeUndefined();
    expect(answer.reason).toContain(`two decisions (${words})`);
  });

  it.each(['End?', 'Continue? No, end it', 'REMATCH?'])('%j is a question, so nothing is decided', (text) => {
    const answer = decide(text);
    expect(answer.intent).toBe('unclear');
    expect(answer.reason).toContain('?" reads as a question');
  });

  it('a PAUSE that goes on after its day is one decision', () => {
    const answer = decide('PAUSE until 10 February, then continue');
    expect(answer.decision).toBe('pause');
    expect(answer.pauseUntil).toBe('2027-02-10');
  });
});
