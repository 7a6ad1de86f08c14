import { describe, expect, it } from 'vitest';
import { matchingApprovalRequest } from '../../../functions/domain/emails';
import type { ApprovalUnmatched } from '../../../functions/domain/emails/admin';
import { programContact } from '../../../functions/domain/program-contact';

/**
 * The approval email said "0 participants stay unmatched and will be put on the waitlist" when the
 * run left nobody unmatched: the sentence is left out then, and the count reads in the singular for one.
 */
const PEOPLE: ApprovalUnmatched[] = [
  { name: 'Kim Park', role: 'mentor', reason: 'No mentee fits. Waitlisted; a late joiner may fit.' },
  { name: 'Lea Roth', role: 'mentee', reason: 'No mentor fits. Waitlisted; a late joiner may fit.' },
];

const opening = (unmatchedCount: number) => {
  const text = matchingApprovalRequest({
    to: { timeZone: 'Europe/London' },
    program: programContact({ name: 'Pilot', admins: ['a@example.com'], endDate: undefined }, ['a@example.com']),
    pairs: [],
    proposedPairs: 3,
    unmatched: PEOPLE.slice(0, unmatchedCount),
    unmatchedCount,
    answerBy: '2027-01-08T09:00:00Z',
    proposalRoute: 'GET /programs/pilot/matching/r1',
    answerLinks: { approve: 'https://a.example/ok' },
  }).text.replace(/\s+/g, ' ');
  return /Matching for Pilot has proposed [^.]*\./.exec(text)?.[0];
};

describe('the approval email on who stays unmatched', () => {
  it('says nothing of the waitlist when nobody is unmatched', () => {
    expect(opening(0)).toBe('Matching for Pilot has proposed 3 pairs.');
  });

  it('uses the singular for one and the plural for more', () => {
    expect(opening(1)).toBe('Matching for Pilot has proposed 3 pairs; 1 participant stays unmatched and will be put on the waitlist.');
    expect(opening(2)).toBe('Matching for Pilot has proposed 3 pairs; 2 participants stay unmatched and will be put on the waitlist.');
  });
});
