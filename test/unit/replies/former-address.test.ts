import { describe, expect, it } from 'vitest';
import { isFormerAddressOf, wrongSenderNotice } from '../../../functions/domain/replies/former-address';

/**
 * A reply from an address HR replaced for the person (formerEmails) is still not recorded, but the
 * notice says their address changed instead of "someone else wrote" (QA settings3, bug 2).
 */

const moved = { email: 'mia.married@newco.example', formerEmails: ['mia@example.com'] };

describe('isFormerAddressOf', () => {
  it('is true for an address HR replaced, in any letter case or spelling of its domain', () => {
    expect(isFormerAddressOf(moved, 'mia@example.com')).toBe(true);
    expect(isFormerAddressOf(moved, 'MIA@Example.COM')).toBe(true);
    expect(isFormerAddressOf({ email: 'max@new.example', formerEmails: ['max@xn--mnchen-3ya.de'] }, 'max@münchen.de')).toBe(true);
  });

  it('is false for their address now, a stranger, and someone with no address change', () => {
    expect(isFormerAddressOf(moved, 'mia.married@newco.example')).toBe(false);
    expect(isFormerAddressOf(moved, 'mia@elsewhere.example')).toBe(false);
    expect(isFormerAddressOf({ email: 'sam@example.com' }, 'mia@example.com')).toBe(false);
    // Changed back to an address they had before: it is their address now, not a former one.
    expect(isFormerAddressOf({ email: 'mia@example.com', formerEmails: ['mia@example.com', 'mia.married@newco.example'] }, 'mia@example.com')).toBe(false);
  });
});

describe('wrongSenderNotice', () => {
  it('asks an open question again after a reply from the former address', () => {
    expect(wrongSenderNotice(isFormerAddressOf(moved, 'mia@example.com'), { purpose: 'check-in', open: true })).toEqual({
      kind: 'former-address',
      askAgain: true,
    });
    expect(wrongSenderNotice(isFormerAddressOf(moved, 'mia@example.com'), { purpose: 'acceptance', open: true })).toEqual({
      kind: 'former-address',
      askAgain: true,
    });
  });

  it('asks nothing again for a closed question or a standing address, but still says the address changed', () => {
    expect(wrongSenderNotice(isFormerAddressOf(moved, 'mia@example.com'), { purpose: 'check-in', open: false })).toEqual({
      kind: 'former-address',
      askAgain: false,
    });
    expect(wrongSenderNotice(isFormerAddressOf(moved, 'mia@example.com'), { purpose: 'standing', open: true })).toEqual({
      kind: 'former-address',
      askAgain: false,
    });
  });

  it('is the plain notice for any other address', () => {
    expect(wrongSenderNotice(isFormerAddressOf(moved, 'eve@evil.example'), { purpose: 'check-in', open: true })).toEqual({ kind: 'other', askAgain: true });
    expect(wrongSenderNotice(false, { purpose: 'check-in', open: false })).toEqual({ kind: 'other', askAgain: false });
    expect(wrongSenderNotice(false, { purpose: 'standing', open: true })).toEqual({ kind: 'other', askAgain: false });
    // An admin's question from another address: not asked again (a fellow admin's answer has its own way).
    expect(wrongSenderNotice(false, { purpose: 'admin-decision', open: true })).toEqual({ kind: 'other', askAgain: false });
    expect(wrongSenderNotice(false, { purpose: 'approval', open: true })).toEqual({ kind: 'other', askAgain: false });
  });
});
