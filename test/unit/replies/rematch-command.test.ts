import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies';

describe('REMATCH: asking for a new partner by reply', () => {
  it.each([
    ['REMATCH', undefined],
    ['rematch please', undefined],
    ['Rematch: we never find a time that suits us both', 'we never find a time that suits us both'],
    ['I would like a new partner please', undefined],
    ['Neuer Partner, bitte', undefined],
    ['Nouveau partenaire svp', undefined],
    ['Nuevo compañero, por favor', undefined],
    ['Nuovo partner per favore', undefined],
    ['Novo parceiro.', undefined],
    ['Nieuwe partner graag', undefined],
    ['Nowy partner, proszę', undefined],
    ['Ny partner tack', undefined],
  ])('%s asks for a new partner', (text, note) => {
    for (const purpose of ['check-in', 'acceptance', 'standing', 'milestone'] as const) {
      const a = interpretReply(text, purpose);
      expect(a.intent, `${text} (${purpose})`).toBe('rematch');
      expect(a.note).toBe(note);
    }
  });

  it.each(['New partner has been great, we met twice', 'Rematch the spreadsheet columns', 'Yes, no need for a new partner', 'We met, the new match works'])(
    '%s is not a request for a new partner',
    (text) => {
      expect(interpretReply(text, 'check-in').intent).not.toBe('rematch');
    },
  );

  it('an admin decision keeps its own REMATCH meaning (end and rematch both), not the participant command', () => {
    expect(interpretReply('REMATCH', 'admin-decision')).toMatchObject({ intent: 'no', decision: 'rematch' });
  });
});
