import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';

const base = {
  to: { name: 'Alex Morgan', timeZone: 'Europe/London' },
  program: { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya@example.org' } },
};
const flat = (text: string) => text.replace(/\s+/g, ' ');
const A_DATE = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} \w+ \d{4}\b/;

describe('waitlist and rematch emails promise nothing that nothing guarantees', () => {
  it.each([
    'no-eligible-partner',
    'capacity',
    'no-partners-in-cohort',
    'rematch-limit',
    'partner-unavailable',
    'rejected-in-review',
    'rematch-not-approved',
  ] as const)('the waitlist email (%s) says why in plain words and names no date', (code) => {
    const text = flat(emails.waitlisted({ ...base, code }).text);
    expect(text).toMatch(/You are on the waitlist|We have not found a partner for you yet/);
    expect(text).not.toMatch(A_DATE);
    expect(text).not.toMatch(/\bby (?:the )?(?:end|start)|within \d+ (?:days|weeks)/i);
    expect(text).not.toContain(code);
  });

  it('tells someone whose found partner could not start the truth, not that nobody fits them', () => {
    const text = flat(emails.waitlisted({ ...base, code: 'partner-unavailable' }).text);
    expect(text).toContain('the partner we had found for you could not start with you after all');
    expect(text).not.toMatch(/nobody in the program right now fits/);
    expect(text).toMatch(/you are considered first/);
  });

  it('says of a round with nobody on the other side that the round had nobody, not the program (QA: people there were enrolled, not waiting)', () => {
    const text = flat(emails.waitlisted({ ...base, code: 'no-partners-in-cohort' }).text);
    expect(text).toContain('We have not found a partner for you yet: nobody from the other side of the program was in this matching round to pair you with.');
    expect(text).not.toMatch(/there is nobody on the other side/);
    // What comes next is what the product does: the next matching run and the next rematch both consider the waitlist first.
    expect(text).toMatch(/when the program team runs matching, or when a pairing ends early and its people are matched again\), you are considered first/);
    const rematched = flat(emails.waitlisted({ ...base, code: 'no-partners-in-cohort', hadPartner: true }).text);
    expect(rematched).toContain('We do not have a new partner for you yet: nobody from the other side of the program was in this matching round');
  });

  it('says a rematch was not approved without claiming a review that may not have happened (the admins may not have answered)', () => {
    const text = flat(emails.waitlisted({ ...base, code: 'rematch-not-approved' }).text);
    expect(text).toContain('the new pair we proposed for you was not approved by the program team');
    expect(text).not.toMatch(/reviewed/);
  });

  it('does not promise automatic rematches to someone past the rematch cap: the program team decides', () => {
    const text = flat(emails.waitlisted({ ...base, code: 'rematch-limit' }).text);
    expect(text).toContain('as many times as the program does on its own');
    expect(text).not.toMatch(/several new partners|when a pairing ends early and its people are matched again/);
    expect(text).toMatch(/The program team will decide with you how to go on/);
  });

  it('the enrolment confirmation plans matching for a date but promises no introduction by it', () => {
    const text = flat(
      emails.enrolmentConfirmation({ ...base, role: 'mentee', sharesProgressWithManager: false, matchingExpectedBy: '2027-02-01T09:00:00Z' }).text,
    );
    expect(text).toContain('we aim to match everyone by Monday 1 February 2027');
    expect(text).not.toMatch(/introduction email by/);
    expect(text).toMatch(/on the waitlist/);
  });

  it('the not-started note thanks only someone who said yes, and promises a new match only when one is sought', () => {
    const partner = { name: 'Sam Lee' };
    expect(flat(emails.pairingNotStarted({ ...base, partner }).text)).toMatch(/Thank you for saying yes.*looking for a new partner/);
    const cutShort = flat(emails.pairingNotStarted({ ...base, partner, answered: false }).text);
    expect(cutShort).not.toMatch(/saying yes/);
    expect(cutShort).toMatch(/no need to answer that introduction/);
    const capped = emails.pairingNotStarted({ ...base, partner, rematchRequested: false });
    expect(capped.subject).toBe('Your pairing will not start');
    expect(flat(capped.text)).not.toMatch(/looking for a new partner/);
    expect(flat(capped.text)).toMatch(/on the waitlist/);
  });

  it('the ended note for a REMATCH reply never says who asked', () => {
    const text = flat(emails.pairingEnded({ ...base, partner: { name: 'Sam Lee' }, reason: 'program-change', checkInsHeld: 1, rematchRequested: true }).text);
    expect(text).toMatch(/The program is changing some pairings/);
    expect(text).not.toMatch(/One of you asked|Sam asked|you asked/);
  });
});
