import type { SigningKeys } from './signing-keys';

/**
 * What still opens a standing address after a key rotation's grace period (docs/security.md,
 * Token guessing). A standing address, its one-click unsubscribe link and its concern link never
 * close, so no grace period can outlast them: an email from before a rotation keeps them for good.
 * The HMAC stays the first check, and it costs nothing; when it fails with every key held, the
 * stored item the opaque id names decides. A standing address's 120-bit random id is then itself
 * the credential: whoever holds a retired key still needs the id, and every check after the
 * signature still applies (SES verdicts, the sender must be the person, auto-replies). A question
 * or answer link closes within the grace period anyway and keeps the strict rule; an erased
 * person's standing item is gone, so their old links keep failing.
 *
 * Only a standing address a retired key may have signed is vouched for: one first issued before
 * the last rotation's `previousValidUntil` (the rotation itself is no later). One issued after it,
 * or under a secret never rotated, was only ever signed with a key held now, so a signature that
 * does not verify was edited or made up, and an edited link still withdraws nobody.
 */

/** A standing address's `closesAt`: it never closes. */
export const STANDING_CLOSES_AT = '9999-12-31T23:59:59.999Z';

/** The stored reply item an opaque id names, as far as this decision reads it. */
export interface StoredReplyChannel {
  readonly purpose: string;
  readonly closesAt: string;
  /** When the item was first stored (the first email that carried it). */
  readonly issuedAt: string;
}

/** Whether the stored item vouches for an address or token whose signature no key held verifies. */
export function vouchesWithoutSignature(stored: StoredReplyChannel | undefined, keys: SigningKeys): boolean {
  if (stored?.purpose !== 'standing' || stored.closesAt !== STANDING_CLOSES_AT || keys.previousValidUntil === undefined) return false;
  // An unreadable date cannot show the item is newer than the rotation: vouched for, like an old one.
  return !(Date.parse(stored.issuedAt) >= Date.parse(keys.previousValidUntil));
}
