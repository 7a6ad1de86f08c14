import { describe, expect, it } from 'vitest';
import {
  newOpaqueId,
  parseReplyAddress,
  parseSigningSecret,
  replyAddress,
  rotateSigningKeys,
  RotationRefused,
  serializeSigningKeys,
  signAnswerToken,
  verificationKeys,
  verifyAnswerToken,
} from '../../../functions/domain/replies';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const NOW = new Date('2026-06-01T00:00:00Z');
const DOMAIN = 'reply.example.com';

describe('the reply signing secret: a current and a previous key', () => {
  it('reads a plain secret (as first generated) as the current key alone, and the JSON form', () => {
    expect(parseSigningSecret(A)).toEqual({ current: A });
    expect(parseSigningSecret(JSON.stringify({ current: B, previous: A, previousValidUntil: '2026-07-01T00:00:00Z' }))).toEqual({
      current: B,
      previous: A,
      previousValidUntil: '2026-07-01T00:00:00Z',
    });
  });

  it('refuses a secret it cannot trust, saying what to store', () => {
    expect(() => parseSigningSecret('short')).toThrow(/at least 32/);
    expect(() => parseSigningSecret('{"current":')).toThrow(/not valid JSON/);
    expect(() => parseSigningSecret(JSON.stringify({ previous: A }))).toThrow(/no "current" key/);
    expect(() => parseSigningSecret(JSON.stringify({ current: B, previous: A }))).toThrow(/previousValidUntil/);
  });

  it('rotates: the new key signs, the old one verifies until the grace period ends, then not', () => {
    const rotated = rotateSigningKeys({ current: A }, B, NOW, { graceDays: 30 });
    expect(rotated).toEqual({ current: B, previous: A, previousValidUntil: '2026-07-01T00:00:00.000Z' });
    expect(parseSigningSecret(serializeSigningKeys(rotated))).toEqual(rotated);
    expect(verificationKeys(rotated, new Date('2026-06-30T23:59:59Z'))).toEqual([B, A]);
    expect(verificationKeys(rotated, new Date('2026-07-01T00:00:00Z'))).toEqual([B]);
  });

  it('refuses a second rotation inside the grace period unless forced, and a reused key', () => {
    const rotated = rotateSigningKeys({ current: A }, B, NOW);
    expect(() => rotateSigningKeys(rotated, C, NOW)).toThrow(RotationRefused);
    expect(rotateSigningKeys(rotated, C, NOW, { force: true })).toMatchObject({ current: C, previous: B });
    expect(rotateSigningKeys(rotated, C, new Date('2026-09-01T00:00:00Z'))).toMatchObject({ current: C, previous: B });
    expect(() => rotateSigningKeys({ current: A }, A, NOW)).toThrow(/is the current key/);
    expect(() => rotateSigningKeys({ current: A }, B, NOW, { graceDays: -1 })).toThrow(/0 to 365/);
  });

  it('verifies reply addresses and answer links signed with either key, and nothing else', () => {
    const id = newOpaqueId();
    const oldAddress = replyAddress(id, A, DOMAIN);
    const newAddress = replyAddress(id, B, DOMAIN);
    expect(parseReplyAddress(oldAddress, [B, A], DOMAIN)).toEqual({ opaqueId: id });
    expect(parseReplyAddress(newAddress, [B, A], DOMAIN)).toEqual({ opaqueId: id });
    expect(parseReplyAddress(oldAddress, [B], DOMAIN)).toEqual({ error: 'bad-signature' });
    expect(parseReplyAddress(replyAddress(id, C, DOMAIN), [B, A], DOMAIN)).toEqual({ error: 'bad-signature' });
    const link = (key: string) => signAnswerToken({ opaqueId: id, choice: 'yes', expiresAt: '2026-06-10T00:00:00Z' }, key);
    expect(verifyAnswerToken(link(A), [B, A], NOW)).toMatchObject({ opaqueId: id });
    expect(verifyAnswerToken(link(B), [B, A], NOW)).toMatchObject({ opaqueId: id });
    expect(verifyAnswerToken(link(A), [B], NOW)).toEqual({ error: 'invalid' });
    expect(() => parseReplyAddress(oldAddress, [], DOMAIN)).toThrow(/no key/);
  });
});
