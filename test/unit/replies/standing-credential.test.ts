import { describe, expect, it } from 'vitest';
import {
  claimedReplyAddressId,
  claimedStandingTokenId,
  newOpaqueId,
  parseReplyAddress,
  replyAddress,
  signConcernToken,
  signUnsubscribeToken,
  STANDING_CLOSES_AT,
  verifyUnsubscribeToken,
  vouchesWithoutSignature,
} from '../../../functions/domain/replies';

const RETIRED = 'r'.repeat(48);
const CURRENT = 'c'.repeat(48);
const DOMAIN = 'reply.example.com';

describe('vouchesWithoutSignature: what opens once the signing key is retired', () => {
  const ROTATED = { current: CURRENT, previous: RETIRED, previousValidUntil: '2026-08-01T00:00:00.000Z' };
  const standing = (issuedAt = '2026-03-01T00:00:00.000Z') => ({ purpose: 'standing', closesAt: STANDING_CLOSES_AT, issuedAt });

  it('vouches for a standing address first issued before the last rotation ended its grace', () => {
    expect(vouchesWithoutSignature(standing(), ROTATED)).toBe(true);
    expect(vouchesWithoutSignature(standing('2026-07-31T23:59:59.999Z'), ROTATED)).toBe(true);
  });

  it('refuses one only ever signed with a key held now: issued after the grace, or under a secret never rotated (an edited link)', () => {
    expect(vouchesWithoutSignature(standing('2026-08-01T00:00:00.000Z'), ROTATED)).toBe(false);
    expect(vouchesWithoutSignature(standing(), { current: CURRENT })).toBe(false);
  });

  it('keeps the strict rule for questions, and for anything that closes or is not stored', () => {
    for (const purpose of ['acceptance', 'check-in', 'milestone', 'admin-decision', 'approval', 'fit']) {
      expect(vouchesWithoutSignature({ ...standing(), purpose }, ROTATED)).toBe(false);
      expect(vouchesWithoutSignature({ ...standing(), purpose, closesAt: '2026-06-20T08:00:00.000Z' }, ROTATED)).toBe(false);
    }
    expect(vouchesWithoutSignature({ ...standing(), closesAt: '2026-06-20T08:00:00.000Z' }, ROTATED)).toBe(false);
    // An erased person's standing item is gone.
    expect(vouchesWithoutSignature(undefined, ROTATED)).toBe(false);
  });
});

describe('the opaque id an address or token claims, signature unchecked', () => {
  it('reads it from a reply address signed with a retired key, as written or bracketed and upper-cased', () => {
    const id = newOpaqueId();
    const address = replyAddress(id, RETIRED, DOMAIN);
    expect(parseReplyAddress(address, CURRENT, DOMAIN)).toEqual({ error: 'bad-signature' });
    expect(claimedReplyAddressId(address, DOMAIN)).toBe(id);
    expect(claimedReplyAddressId(`Reply <${address.toUpperCase()}>`, DOMAIN)).toBe(id);
  });

  it('claims nothing for another domain or an address that is not a reply address', () => {
    const address = replyAddress(newOpaqueId(), RETIRED, DOMAIN);
    expect(claimedReplyAddressId(address, 'other.example.com')).toBeUndefined();
    for (const junk of ['', 'jane@reply.example.com', 'reply+abc.def@reply.example.com', address.replace('@', '')]) {
      expect(claimedReplyAddressId(junk, DOMAIN)).toBeUndefined();
    }
  });

  it('reads it from an unsubscribe or concern token signed with a retired key, and from nothing malformed', () => {
    const id = newOpaqueId();
    const unsubscribe = signUnsubscribeToken(id, RETIRED);
    expect(verifyUnsubscribeToken(unsubscribe, CURRENT)).toEqual({ error: 'invalid' });
    expect(claimedStandingTokenId(unsubscribe)).toBe(id);
    expect(claimedStandingTokenId(signConcernToken(id, RETIRED))).toBe(id);
    for (const junk of ['', id, `${id}.`, `${unsubscribe}.x`, unsubscribe.toUpperCase(), `${unsubscribe}A`]) {
      expect(claimedStandingTokenId(junk)).toBeUndefined();
    }
  });
});
