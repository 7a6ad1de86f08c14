import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies';

/**
 * Wanting to leave, said in words in the reader's other languages (QA i18n2): nothing is recorded,
 * and the answer names the word that works, as it does for "I want to leave the program".
 */
describe('leaving said in words, in other languages', () => {
  it.each([
    'Ich möchte aufhören',
    'Bitte keine E-Mails mehr',
    'Quiero dejar el programa',
    'Je ne veux plus participer',
    'Ik wil me uitschrijven',
    'Vorrei lasciare il programma',
  ])('%s is told to reply STOP', (text) => {
    const r = interpretReply(text, 'check-in', {});
    expect(r.intent).toBe('unclear');
    expect(r.reason).toContain('If you want to leave the program, reply with just STOP.');
  });

  it('words that only look alike are not taken for leaving', () => {
    expect(interpretReply('Wir hören auf zu streiten', 'check-in', {}).reason).not.toContain('reply with just STOP');
  });
});
