import { describe, expect, it } from 'vitest';
import { EnrolmentConflict } from '../../../functions/domain/intake';
import { type CancelledEnrolment, cancelledEnrolmentOutcome, suppressedAddressMessage } from '../../../functions/domain/suppression';

/**
 * A new enrolment under an address that bounced or complained is refused (docs/mail-feedback.md,
 * "New enrolments under a suppressed address"): what HR is told, and which answer comes first.
 */

describe('what HR is told when the address of a new enrolment is suppressed', () => {
  it('a bounce: the day it bounced, and to enrol the person under an address that works', () => {
    expect(suppressedAddressMessage({ reason: 'email-bounced', suppressedAt: '2026-03-12T10:15:00.000Z' })).toBe(
      'is an address that no longer takes our email (it bounced on 12 March 2026): enrol the person under an address that works',
    );
  });

  it('a complaint: the owner marked our email as spam, so only another address of theirs, if they want to take part', () => {
    expect(suppressedAddressMessage({ reason: 'email-complaint', suppressedAt: '2026-03-12T10:15:00.000Z' })).toBe(
      'is an address that no longer takes our email (its owner marked our email as spam on 12 March 2026): enrol the person under another address if they want to take part',
    );
  });

  it("tells the day in the enrolled person's time zone, and leaves out a day it does not know", () => {
    const late = { reason: 'email-bounced', suppressedAt: '2026-03-12T23:30:00.000Z' };
    expect(suppressedAddressMessage(late, 'Europe/London')).toContain('bounced on 12 March 2026');
    expect(suppressedAddressMessage(late, 'Pacific/Auckland')).toContain('bounced on 13 March 2026');
    expect(suppressedAddressMessage(late, 'Not/AZone')).toContain('bounced on 12 March 2026');
    expect(suppressedAddressMessage({ reason: 'email-bounced' })).toBe(
      'is an address that no longer takes our email (it bounced): enrol the person under an address that works',
    );
    expect(suppressedAddressMessage({ reason: 'email-bounced', suppressedAt: 'yesterday' })).toContain('(it bounced)');
    // A marker without a reason we know still refuses, in words that fit both.
    expect(suppressedAddressMessage({})).toBe(
      'is an address that no longer takes our email (it bounced or its owner marked our email as spam): enrol the person under another address that works',
    );
  });

  it('is a conflict on the field email (HTTP 409, a refused CSV row, a rejected event) naming nothing personal', () => {
    const conflict = new EnrolmentConflict('pilot', undefined, 'email', 'address-suppressed', {
      reason: 'email-complaint',
      suppressedAt: '2026-03-12T10:15:00.000Z',
      timeZone: 'UTC',
    });
    expect(conflict.issues).toEqual([{ field: 'email', message: expect.stringMatching(/^is an address that no longer takes our email \(its owner marked/) }]);
    expect(conflict.message).toBe(
      'email is an address that no longer takes our email (its owner marked our email as spam on 12 March 2026): enrol the person under another address if they want to take part.',
    );
    expect(conflict.message).not.toMatch(/@|participant|pt_/);
    // A person known by their employee id, under a new address that is suppressed too, is told as before.
    expect(new EnrolmentConflict('pilot', 'pt_x', 'email', 'address-suppressed').message).toMatch(/bounced or been marked as spam.*working address/);
  });
});

describe('which answer a cancelled enrolment gives', () => {
  const none: CancelledEnrolment = { addressEnrolled: false, employeeEnrolled: false, contended: false, addressSuppressed: false };

  it("the program's own enrolments come first: a repeat of the same person stays a repeat, a known employee id decides as before", () => {
    expect(cancelledEnrolmentOutcome({ ...none, addressEnrolled: true, addressSuppressed: true }, true)).toBe('repeat-or-conflict');
    expect(cancelledEnrolmentOutcome({ ...none, addressEnrolled: true, employeeEnrolled: true, addressSuppressed: true }, false)).toBe('repeat-or-conflict');
    expect(cancelledEnrolmentOutcome({ ...none, employeeEnrolled: true, addressSuppressed: true }, true)).toBe('known-employee');
  });

  it('a contended marker is tried again before the suppression answers; a new person under a suppressed address is refused', () => {
    expect(cancelledEnrolmentOutcome({ ...none, contended: true, addressSuppressed: true }, true)).toBe('retry');
    expect(cancelledEnrolmentOutcome({ ...none, contended: true, addressSuppressed: true }, false)).toBe('address-suppressed');
    expect(cancelledEnrolmentOutcome({ ...none, addressSuppressed: true }, true)).toBe('address-suppressed');
  });

  it('anything else is not explained by the enrolment: an error', () => {
    expect(cancelledEnrolmentOutcome(none, true)).toBe('unexplained');
    expect(cancelledEnrolmentOutcome({ ...none, contended: true }, false)).toBe('unexplained');
  });
});
