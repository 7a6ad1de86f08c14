import { describe, expect, it } from 'vitest';
import { matchingApprovalConflict } from '../../../functions/domain/emails/admin';
import { programContact } from '../../../functions/domain/program-contact';

/**
 * The email to an admin who is one of the people of a proposed pair (docs/decisions.md, "An admin
 * in a proposed pair does not approve it"): which pair they cannot approve, who can, and nothing to
 * approve it with; never their pair's score, reasons or trade-offs.
 */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const email = (approvers: string[], reminderAhead = true) =>
  matchingApprovalConflict({
    to: { timeZone: 'Europe/London' },
    program: programContact({ name: 'Pilot', admins: ['ada@example.com', ...approvers], endDate: undefined }, ['ada@example.com']),
    proposedPairs: 3,
    own: [{ role: 'mentor', partner: 'Vera Senior' }],
    approvers,
    answerBy: '2027-01-09T00:00:00Z',
    approveRoute: 'POST /programs/pilot/matching/run_1/approve',
    reminderAhead,
  });

describe('the approval email to an admin in a proposed pair', () => {
  it('says plainly which pair they cannot approve, and who was asked instead', () => {
    const e = email(['cleo@example.com', 'hr@example.com']);
    const text = flat(e.text);
    expect(e.subject).toBe('Matching for Pilot awaits approval: you are in a proposed pair');
    expect(text).toContain('Matching for Pilot has proposed 3 pairs, and one of them is your own: you as mentor with Vera Senior (mentee).');
    expect(text).toContain('you are not asked to approve this one: an approval of yours would not count.');
    expect(text).toContain(
      "cleo@example.com and hr@example.com, the program's admins in no proposed pair, have been asked to approve it by Friday 8 January 2027.",
    );
    expect(text).toContain('POST /programs/pilot/matching/run_1/approve');
  });

  it('offers no way to approve: no APPROVE to reply, no link, and no score, reasons or trade-offs', () => {
    const text = flat(email(['cleo@example.com']).text);
    expect(text).not.toMatch(/Reply APPROVE|Approve all pairs|\/r\//);
    expect(text).not.toMatch(/Score \d|Why:|Trade-offs:/);
    expect(text).toContain("this email does not show your pair's score, reasons and trade-offs");
  });

  it('when no other admin is free, says so and names the route that still works', () => {
    const text = flat(email([]).text);
    expect(text).toContain(
      'Pilot has no other admin who is in no proposed pair, so nobody has been asked to approve it by email. It can still be approved through the admin API, by someone of HR who is in no proposed pair: POST /programs/pilot/matching/run_1/approve.',
    );
    expect(text).toContain("An admin HR adds to the program's admins (PATCH /programs/{programId}) before the reminder goes out is sent the request with it.");
    // Told at the reminder (they were free when first asked): no reminder is ahead to promise.
    expect(flat(email([], false).text)).not.toContain('before the reminder goes out');
  });
});
