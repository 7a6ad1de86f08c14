import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { lastEndedPairing, neverReached, whyUnmatchedWaits, type DecidedEmail } from '../../../functions/domain/waitlist-reason';

/**
 * QA promises4 bug 1: Ravi, told "You are off the waitlist: we have found you a partner ... your
 * introduction follows", lost that partner (STOP, ERASE) before his introduction went out. The
 * rematch found nobody, and his waitlist email said "We have not found a partner for you yet".
 */

const RAVI = 'pt_ravi';
const ravi = (code: 'no-eligible-partner' | 'capacity' | 'no-partners-in-cohort' | 'rejected-in-review') => ({
  participantId: RAVI,
  name: 'Ravi Iyer',
  code,
  reason: 'No mentee is waiting to be matched in this cohort; waitlisted until one joins or a pairing ends.',
});
const toBia = { toParticipant: 'pt_bia', status: 'sent' } as const;
const adminNote = { status: 'sent' } as const;

describe('why an unmatched person waits (whyUnmatchedWaits)', () => {
  it('someone whose last pairing ended before its introduction reached them waits as partner-unavailable, with the why for the admins', () => {
    const why = whyUnmatchedWaits(ravi('no-partners-in-cohort'), { pairingId: 'pr_rb', emails: [toBia, adminNote] });
    expect(why.code).toBe('partner-unavailable');
    expect(why.reason).toContain('pr_rb');
    expect(why.reason).toContain('No mentee is waiting');
  });

  it('their own introduction cancelled unsent (the pairing ended first) is an email that never reached them', () => {
    const cancelled: DecidedEmail = { toParticipant: RAVI, status: 'cancelled' };
    expect(whyUnmatchedWaits(ravi('capacity'), { pairingId: 'pr_rb', emails: [toBia, cancelled] }).code).toBe('partner-unavailable');
  });

  it("keeps the run's finding for someone the ended pairing did reach: its end email told them what happened", () => {
    for (const status of ['sent', 'pending'] as const) {
      const emailsOfIt = [toBia, { toParticipant: RAVI, status }];
      expect(whyUnmatchedWaits(ravi('no-partners-in-cohort'), { pairingId: 'pr_rb', emails: emailsOfIt }).code, status).toBe('no-partners-in-cohort');
    }
  });

  it("keeps the run's finding for someone with no ended pairing, and a review's rejection, which is news of its own", () => {
    expect(whyUnmatchedWaits(ravi('no-eligible-partner'))).toMatchObject({ code: 'no-eligible-partner', reason: ravi('capacity').reason });
    expect(whyUnmatchedWaits(ravi('rejected-in-review'), { pairingId: 'pr_rb', emails: [toBia] }).code).toBe('rejected-in-review');
  });

  it('looks only at the latest pairing, and only when it has ended', () => {
    const older = { pairingId: 'pr_a', status: 'ended' as const, createdAt: '2027-01-04T10:00:00.000Z' };
    const newer = { pairingId: 'pr_b', status: 'not-started' as const, createdAt: '2027-02-01T10:00:00.000Z' };
    expect(lastEndedPairing([newer, older])).toBe(newer);
    expect(lastEndedPairing([older, { ...newer, status: 'introduced' as const }]), 'the latest still runs').toBeUndefined();
    expect(lastEndedPairing([])).toBeUndefined();
  });

  it('counts an email as reaching someone only when it is theirs and not cancelled', () => {
    expect(neverReached(RAVI, [])).toBe(true);
    expect(neverReached(RAVI, [toBia, adminNote, { toParticipant: RAVI, status: 'cancelled' }])).toBe(true);
    expect(neverReached(RAVI, [{ toParticipant: RAVI, status: 'sent' }])).toBe(false);
  });
});

describe('the waitlist email of someone whose found partner could not start', () => {
  const base = {
    to: { name: 'Ravi Iyer', timeZone: 'Asia/Kolkata' },
    program: { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya@example.org' } },
  };
  const flat = (text: string) => text.replace(/\s+/g, ' ');

  it('says the partner found could not start after all, and never that no partner was found (which "off the waitlist" contradicts)', () => {
    const text = flat(emails.waitlisted({ ...base, code: 'partner-unavailable' }).text);
    expect(text).toContain('the partner we had found for you could not start with you after all');
    expect(text).not.toContain('We have not found a partner for you yet');
    expect(text).toContain('You are on the waitlist, and you keep your place in the program.');
    expect(text).toMatch(/you are considered first/);
  });

  it('other reasons still read "We have not found a partner for you yet"', () => {
    expect(flat(emails.waitlisted({ ...base, code: 'no-partners-in-cohort' }).text)).toContain('We have not found a partner for you yet');
  });

  it('a rematch whose pair was not approved, or a person at the rematch cap, had a partner: they wait for a new one, never "not found a partner"', () => {
    for (const code of ['rematch-not-approved', 'rematch-limit'] as const) {
      const text = flat(emails.waitlisted({ ...base, code, automaticRematches: 2 }).text);
      expect(text, code).toContain('We do not have a new partner for you yet');
      expect(text, code).not.toContain('We have not found a partner');
    }
    // Not approved: a partner was proposed, so nothing may say none was found.
    expect(flat(emails.waitlisted({ ...base, code: 'rematch-not-approved' }).text)).toContain(
      'the new pair we proposed for you was not approved by the program team',
    );
  });
});
