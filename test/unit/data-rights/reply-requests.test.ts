import { describe, expect, it } from 'vitest';
import {
  readDataRightsRequest,
  signDataRightsToken,
  signUnsubscribeToken,
  verifyDataRightsToken,
  verifyUnsubscribeToken,
} from '../../../functions/domain/replies';

const KEY = 'k'.repeat(32);
const OTHER = 'o'.repeat(32);

describe('data rights by reply: reading the request', () => {
  it.each([
    ['ERASE', 'erase'],
    ['Delete my data, please.', 'erase'],
    ['please delete my data', 'erase'],
    ['Forget me!', 'erase'],
    ['Bitte meine Daten löschen', 'erase'],
    ['Supprimer mes données', 'erase'],
    ['Borrar mis datos', 'erase'],
    ['Cancella i miei dati', 'erase'],
    ['Apagar os meus dados', 'erase'],
    ['Verwijder mijn gegevens', 'erase'],
    ['Usuń moje dane', 'erase'],
    ['DATA', 'data'],
    ['Send me my data', 'data'],
    ['Meine Daten, bitte', 'data'],
    ['mes données', 'data'],
    ['> data', 'data'],
  ])('reads "%s" as %s', (text, request) => {
    expect(readDataRightsRequest(`${text}\n\nSent from my phone`)).toBe(request);
  });

  it.each([
    ['Hi,\n\nERASE', 'erase'],
    ['Dear team,\nPlease send me my data', 'data'],
  ])('reads the request under a greeting line: %j as %s (QA mail clients)', (text, request) => {
    expect(readDataRightsRequest(text)).toBe(request);
  });

  it.each([
    'Yes 4 - we talked about data',
    'The data dashboard was great',
    'Please do not delete my data',
    'delete my data if I leave, otherwise keep going',
    '',
    'STOP',
  ])('reads nothing from "%s" (only a first line that is the request)', (text) => {
    expect(readDataRightsRequest(text)).toBeUndefined();
  });
});

describe('data rights by reply: the confirm link', () => {
  const now = new Date('2027-03-01T09:00:00Z');
  const payload = { participantId: 'pt_abc', request: 'erase' as const, expiresAt: '2027-03-08T09:00:00.000Z' };

  it('verifies with the key it was signed with (or among several), and says expired at the expiry instant', () => {
    const token = signDataRightsToken(payload, KEY);
    expect(verifyDataRightsToken(token, KEY, now)).toEqual(payload);
    expect(verifyDataRightsToken(token, [OTHER, KEY], now)).toEqual(payload);
    expect(verifyDataRightsToken(token, KEY, new Date(payload.expiresAt))).toEqual({ error: 'expired' });
  });

  it('refuses another key, an edited payload, junk, and tokens of other kinds', () => {
    const token = signDataRightsToken(payload, KEY);
    expect(verifyDataRightsToken(token, OTHER, now)).toEqual({ error: 'invalid' });
    const [body, sig] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ p: 'pt_other', r: 'erase', e: payload.expiresAt })).toString('base64url');
    expect(verifyDataRightsToken(`${edited}.${sig}`, KEY, now)).toEqual({ error: 'invalid' });
    expect(verifyDataRightsToken(`${body}`, KEY, now)).toEqual({ error: 'invalid' });
    expect(verifyDataRightsToken('not a token', KEY, now)).toEqual({ error: 'invalid' });
    // An unsubscribe token is no erasure token, and the other way round.
    const unsubscribe = signUnsubscribeToken('abcdefghijklmnopqrstuvwx', KEY);
    expect(verifyDataRightsToken(unsubscribe, KEY, now)).toEqual({ error: 'invalid' });
    expect(verifyUnsubscribeToken(token, KEY)).toEqual({ error: 'invalid' });
  });

  it('refuses to sign for something that is not a participant id', () => {
    expect(() => signDataRightsToken({ ...payload, participantId: 'a b' }, KEY)).toThrow(/participant id/);
  });
});
