import { describe, expect, it } from 'vitest';
import {
  listUnsubscribeHeaders,
  newOpaqueId,
  signAnswerToken,
  signUnsubscribeToken,
  verifyAnswerToken,
  verifyUnsubscribeToken,
} from '../../../functions/domain/replies';

const CURRENT = 'c'.repeat(48);
const PREVIOUS = 'p'.repeat(48);

describe('one-click unsubscribe tokens', () => {
  it('verify with the key that signed them, current or previous', () => {
    const id = newOpaqueId();
    expect(verifyUnsubscribeToken(signUnsubscribeToken(id, CURRENT), [CURRENT, PREVIOUS])).toEqual({ opaqueId: id });
    expect(verifyUnsubscribeToken(signUnsubscribeToken(id, PREVIOUS), [CURRENT, PREVIOUS])).toEqual({ opaqueId: id });
    expect(verifyUnsubscribeToken(signUnsubscribeToken(id, PREVIOUS), [CURRENT])).toEqual({ error: 'invalid' });
  });

  it('refuse a signature whose last character was changed in any way, unused bits included', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < 20; i++) {
      const token = signUnsubscribeToken(newOpaqueId(), CURRENT);
      for (const c of alphabet) {
        if (c === token.at(-1)) continue;
        expect(verifyUnsubscribeToken(`${token.slice(0, -1)}${c}`, CURRENT)).toEqual({ error: 'invalid' });
      }
    }
  });

  it('refuse an edited id, an edited signature and other shapes', () => {
    const id = newOpaqueId();
    const token = signUnsubscribeToken(id, CURRENT);
    const other = newOpaqueId();
    expect(verifyUnsubscribeToken(`${other}${token.slice(24)}`, CURRENT)).toEqual({ error: 'invalid' });
    // A character inside the signature (the last one may carry only padding bits, which decode to the same bytes).
    const at = token.length - 4;
    const edited = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(verifyUnsubscribeToken(edited, CURRENT)).toEqual({ error: 'invalid' });
    for (const bad of ['', id, `${id}.`, `${token}.x`, token.toUpperCase()]) expect(verifyUnsubscribeToken(bad, CURRENT)).toEqual({ error: 'invalid' });
  });

  it('cannot be swapped with an answer link token (each signature has its own label)', () => {
    const id = newOpaqueId();
    const answer = signAnswerToken({ opaqueId: id, choice: 'stop', expiresAt: '2099-01-01T00:00:00Z' }, CURRENT);
    expect(verifyUnsubscribeToken(answer, CURRENT)).toEqual({ error: 'invalid' });
    expect(verifyAnswerToken(signUnsubscribeToken(id, CURRENT), CURRENT, new Date())).toEqual({ error: 'invalid' });
  });

  it('refuse a malformed opaque id when signing', () => {
    expect(() => signUnsubscribeToken('not-an-id', CURRENT)).toThrow(/24 lower-case base32/);
  });
});

describe('listUnsubscribeHeaders', () => {
  it('builds the RFC 8058 pair for an https link', () => {
    expect(listUnsubscribeHeaders('https://api.example.org/u/abc.def')).toEqual({
      'List-Unsubscribe': '<https://api.example.org/u/abc.def>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('refuses anything that would break the header', () => {
    for (const bad of ['mailto:x@example.org', 'https://a.example/u/x y', 'https://a.example/u/<x>', 'https://a.example/\r\nBcc: x']) {
      expect(() => listUnsubscribeHeaders(bad)).toThrow(/http\(s\) URL/);
    }
  });
});
