import { describe, expect, it } from 'vitest';
import { newOpaqueId, parseReplyAddress, replyAddress, signAnswerToken, verifyAnswerToken } from '../../../functions/domain/replies/address';

const KEY = 'k'.repeat(32);
const OTHER_KEY = 'o'.repeat(32);
const DOMAIN = 'in.crossgen.example';

describe('reply addresses', () => {
  it('round-trips an opaque id and stays under the 64-character local-part limit', () => {
    const id = newOpaqueId();
    expect(id).toMatch(/^[a-z2-7]{24}$/);
    const address = replyAddress(id, KEY, DOMAIN);
    expect(address).toMatch(new RegExp(`^reply\\+${id}\\.[a-z2-7]{16}@${DOMAIN.replace(/\./g, '\\.')}$`));
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(parseReplyAddress(address, KEY, DOMAIN)).toEqual({ opaqueId: id });
  });

  it('survives upper-casing by mail systems and display names', () => {
    const id = newOpaqueId();
    const address = replyAddress(id, KEY, DOMAIN);
    expect(parseReplyAddress(`"crossgen" <${address.toUpperCase()}>`, KEY, DOMAIN)).toEqual({ opaqueId: id });
  });

  it('rejects a forged signature, another key, a foreign domain and non-reply addresses', () => {
    const id = newOpaqueId();
    const address = replyAddress(id, KEY, DOMAIN);
    const tampered = address.replace(/\.([a-z2-7])/, (_, c: string) => `.${c === 'a' ? 'b' : 'a'}`);
    expect(parseReplyAddress(tampered, KEY, DOMAIN)).toEqual({ error: 'bad-signature' });
    expect(parseReplyAddress(address, OTHER_KEY, DOMAIN)).toEqual({ error: 'bad-signature' });
    expect(parseReplyAddress(address.replace(DOMAIN, 'evil.example'), KEY, DOMAIN)).toEqual({ error: 'wrong-domain' });
    expect(parseReplyAddress('jane.doe@example.com', KEY, DOMAIN)).toEqual({ error: 'not-a-reply-address' });
    expect(parseReplyAddress(`reply+${id}@${DOMAIN}`, KEY, DOMAIN)).toEqual({ error: 'not-a-reply-address' });
  });

  it('refuses a short key with a sentence that says what to use', () => {
    expect(() => replyAddress(newOpaqueId(), 'short', DOMAIN)).toThrow(/at least 32 random bytes/);
  });

  it('makes a new id every time', () => {
    expect(new Set(Array.from({ length: 200 }, newOpaqueId)).size).toBe(200);
  });
});

describe('answer-link tokens', () => {
  const payload = { opaqueId: newOpaqueId(), choice: 'yes', expiresAt: '2026-07-01T00:00:00.000Z' };

  it('verifies a URL-safe token before it expires', () => {
    const token = signAnswerToken(payload, KEY);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyAnswerToken(token, KEY, new Date('2026-06-30T23:59:59Z'))).toEqual(payload);
  });

  it('says expired at and after the expiry instant', () => {
    const token = signAnswerToken(payload, KEY);
    expect(verifyAnswerToken(token, KEY, new Date(payload.expiresAt))).toEqual({ error: 'expired' });
  });

  it('says invalid for another key, an edited payload or junk', () => {
    const token = signAnswerToken(payload, KEY);
    const now = new Date('2026-06-20T00:00:00Z');
    expect(verifyAnswerToken(token, OTHER_KEY, now)).toEqual({ error: 'invalid' });
    const [, mac] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ o: payload.opaqueId, c: 'no', e: payload.expiresAt })).toString('base64url');
    expect(verifyAnswerToken(`${edited}.${mac}`, KEY, now)).toEqual({ error: 'invalid' });
    for (const junk of ['', '.', 'abc', 'a.b.c', `${token}x`, '💥.💥']) {
      expect(verifyAnswerToken(junk, KEY, now)).toEqual({ error: 'invalid' });
    }
  });

  it('refuses to sign without a usable choice or expiry', () => {
    expect(() => signAnswerToken({ ...payload, choice: '' }, KEY)).toThrow(/choice/);
    expect(() => signAnswerToken({ ...payload, expiresAt: 'soon' }, KEY)).toThrow(/ISO-8601/);
  });
});
