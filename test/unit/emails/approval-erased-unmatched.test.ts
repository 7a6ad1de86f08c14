import { describe, expect, it } from 'vitest';
import { matchingApprovalRequest } from '../../../functions/domain/emails';
import type { ApprovalUnmatched } from '../../../functions/domain/emails/admin';
import { programContact } from '../../../functions/domain/program-contact';

/**
 * The approval email (and its reminder) after an unmatched person was erased (QA attacker): an
 * erased person is never waitlisted, so the email neither promises it of them nor counts them
 * among those who will be.
 */
const approval = (erasedUnmatched: number | undefined, unmatchedCount = 2) =>
  matchingApprovalRequest({
    to: { timeZone: 'Europe/London' },
    program: programContact({ name: 'Pilot', admins: ['a@example.com', 'b@example.com'], endDate: undefined }, ['a@example.com']),
    pairs: [],
    proposedPairs: 1,
    unmatched: [
      {
        name: '',
        role: 'mentee' as const,
        reason: 'All 2 mentors who fit are fully booked (capacity). Waitlisted for a freed place or a new mentor.',
        erased: true,
      },
      { name: 'Kim Park', role: 'mentor' as const, reason: 'No mentee fits. Waitlisted; a late joiner may fit.' },
    ].slice(0, unmatchedCount) satisfies ApprovalUnmatched[],
    unmatchedCount,
    ...(erasedUnmatched !== undefined ? { erasedUnmatched } : {}),
    answerBy: '2027-01-08T09:00:00Z',
    proposalRoute: 'GET /programs/pilot/matching/r1',
    answerLinks: { approve: 'https://a.example/ok' },
  });

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('an approval email with an unmatched person erased since the proposal', () => {
  it('says they were erased and will not be paired, and counts only the others as waitlisted', () => {
    const text = flat(approval(1).text);
    expect(text).toContain('1 participant stays unmatched and will be put on the waitlist, and 1 unmatched participant erased since will not be paired.');
    expect(text).toContain('An erased participant (mentee): Erased since the proposal: they will not be paired, and are not put on the waitlist.');
    expect(text).not.toMatch(/An erased participant \(mentee\):[^.]*Waitlisted/);
    expect(text).toContain('Kim Park (mentor): No mentee fits.');
  });

  it('promises the waitlist to nobody when the only unmatched person was erased', () => {
    const text = flat(approval(1, 1).text);
    expect(text).toContain('has proposed 1 pair; 1 unmatched participant erased since will not be paired.');
    expect(text).not.toContain('stay unmatched');
    expect(text).not.toContain('Waitlisted for a freed place');
  });

  it('says nothing of erasures when there were none', () => {
    expect(flat(approval(undefined).text)).toContain('2 participants stay unmatched and will be put on the waitlist. No one');
  });
});
