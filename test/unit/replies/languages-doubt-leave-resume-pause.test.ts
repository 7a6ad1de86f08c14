import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies';

const now = new Date('2026-02-10T09:00:00Z');
const STOP_HINT = 'If you want to leave the program, reply with just STOP.';

/**
 * QA (replies in Portuguese, Spanish, Italian, Dutch, German): doubt that opens with a no-word is
 * not the no (which ends a pairing on the fit check, closes an introduction on acceptance).
 */
describe('doubt that opens with a no-word', () => {
  it.each([
    ['Não tenho a certeza, ainda é cedo para dizer.', 'não tenho a certeza'],
    ['No sé todavía, nos hemos visto poco.', 'no sé'],
    ['Non lo so ancora', 'non lo so'],
    ['Non so', 'non so'],
    ['Non ne sono sicura', 'non ne sono sicura'],
    ['No tengo claro', 'no tengo claro'],
    ['No idea yet', 'no idea'],
    ['No lo sé', 'no lo sé'],
    ['Não sei', 'não sei'],
    ['Non sono sicuro', 'non sono sicuro'],
    ['Not sure yet', 'not sure'],
    ['Ich weiß noch nicht', 'weiß noch nicht'],
    ['Je ne sais pas encore', 'je ne sais pas'],
    ['Weet ik nog niet', 'weet ik nog niet'],
    ['Nog niet zeker', 'nog niet zeker'],
  ])('%s is not sure on the fit check', (text, cue) => {
    const r = interpretReply(text, 'fit', { now });
    expect(r.intent).toBe('unsure');
    expect(r.reason).toBe(`Understood "${cue}" as not sure.`);
  });

  it.each(['Non lo so ancora', 'No sé todavía, nos hemos visto poco.', 'Não tenho a certeza', 'No idea yet', 'Nog niet zeker', 'Non ne sono sicura'])(
    '%s is asked again on acceptance, never a no',
    (text) => {
      const r = interpretReply(text, 'acceptance', { now });
      expect(r.intent).toBe('unclear');
      expect(r.reason).toMatch(/reads as not sure, so nothing was recorded: reply with YES or NO\.$/);
    },
  );

  it('is not read as "did not meet" on a check-in', () => {
    expect(interpretReply('Non lo so, forse', 'check-in', { now }).intent).toBe('unclear');
  });

  it('a no that stands on its own is still a no', () => {
    expect(interpretReply('No, thank you', 'acceptance', { now }).intent).toBe('no');
    expect(interpretReply('Non, merci', 'fit', { now }).intent).toBe('no');
    expect(interpretReply('No, no nos hemos visto', 'check-in', { now }).intent).toBe('no');
  });
});

/** Spanish "ya no" is "no longer": never the English slang yes "ya". */
describe('Spanish "ya"', () => {
  it.each([
    ['Ya no puedo participar este trimestre, lo siento.', 'acceptance'],
    ['Ya no tengo tiempo para esto', 'acceptance'],
    ['Ya no nos vemos, lo dejamos', 'check-in'],
    ['Ya, no puedo', 'acceptance'],
    ['Ya tengo demasiadas reuniones', 'acceptance'],
  ] as const)('%s (%s) is not a yes', (text, purpose) => {
    expect(interpretReply(text, purpose, { now }).intent).toBe('unclear');
  });

  it('"Ya no puedo participar" is told how to leave', () => {
    expect(interpretReply('Ya no puedo participar este trimestre, lo siento.', 'acceptance', { now }).reason).toContain(STOP_HINT);
  });

  it('the English "ya" alone, before punctuation or a rating, is still a yes', () => {
    expect(interpretReply('Ya', 'check-in', { now }).intent).toBe('yes');
    expect(interpretReply('Ya, 4', 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 4 });
    expect(interpretReply('Ya, no problem', 'acceptance', { now }).intent).toBe('yes');
  });
});

/** Leave requests that open with a no-word, or use words \b cannot bound, read as the English ones. */
describe('leaving said in words that open with a no-word', () => {
  it.each([
    'No más correos, por favor',
    'Non voglio più partecipare',
    'Não quero continuar',
    'Basta email, grazie',
    'Parem de me enviar emails',
    'No more emails, please',
  ])('%s is unclear with the STOP hint, not a missed meeting', (text) => {
    const r = interpretReply(text, 'check-in', { now });
    expect(r.intent).toBe('unclear');
    expect(r.reason).toBe(`Nothing in the reply reads as yes or no, or as a rating from 1 to 5. ${STOP_HINT}`);
  });

  it('a no on its own before a wish to leave stays the answer', () => {
    expect(interpretReply('No, we did not meet', 'check-in', { now }).intent).toBe('no');
  });
});

describe('RESUME in other languages', () => {
  it.each(['REANUDAR', 'RIPRENDERE', 'RETOMAR', 'HERVATTEN', 'FORTSETZEN', 'REPRENDRE', 'WEITER', 'Reanudar', 'retomar.', 'REANUDAR por favor'])(
    '%s reads as RESUME',
    (text) => {
      expect(interpretReply(text, 'standing', { now })).toEqual(interpretReply('RESUME', 'standing', { now }));
    },
  );

  it('is not read into a sentence', () => {
    expect(interpretReply('Weiter so, wir haben uns getroffen', 'check-in', { now }).command).toBeUndefined();
    expect(interpretReply('WEITER SO!', 'check-in', { now }).command).toBeUndefined();
  });
});

describe('a lower-case pause in other languages with a length or a range', () => {
  it.each([
    ['pausa por 2 semanas', '2026-02-24', undefined],
    ['pausa per 2 settimane', '2026-02-24', undefined],
    ['Pause für 2 Wochen', '2026-02-24', undefined],
    ['pausa durante 3 semanas', '2026-03-03', undefined],
    ['pauze voor 2 weken', '2026-02-24', undefined],
    ['pausa dal 1 al 15 marzo', '2026-03-15', '2026-03-01'],
    ['pausa desde el 1 de marzo hasta el 15 de marzo', '2026-03-15', '2026-03-01'],
    ['pause from 1 March until 15 March', '2026-03-15', '2026-03-01'],
    ['Pausa, por favor, hasta el 15 de marzo', '2026-03-15', undefined],
  ])('%s pauses until %s', (text, until, from) => {
    const r = interpretReply(text, 'check-in', { now });
    expect(r.intent).toBe('pause');
    expect(r.pauseUntil).toBe(until);
    expect(r.pauseFrom).toBe(from);
  });

  it('words after a lower-case pause that name no day are no command', () => {
    expect(interpretReply('pausa de café y seguimos, sí nos vimos', 'check-in', { now }).intent).not.toBe('pause');
    expect(interpretReply('pause from work was good, yes we met', 'check-in', { now }).intent).toBe('yes');
  });

  it.each(['Viajo mucho - PAUSA hasta el 15 de marzo', '¿Podéis alargar la PAUSA hasta el 22 de marzo?', 'Ik reis veel, PAUZE tot 1 april graag'])(
    'PAUSA inside a sentence (%s) is told how to write PAUSE',
    (text) => {
      const r = interpretReply(text, 'check-in', { now });
      expect(r).toMatchObject({ intent: 'unclear', command: 'pause' });
      expect(r.reason).toMatch(/^The reply mentions PAUSE inside a sentence \("PAU(?:SA|ZE) [^"]+"\), so nothing was done/);
    },
  );
});
