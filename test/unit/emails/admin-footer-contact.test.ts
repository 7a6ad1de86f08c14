import { describe, expect, it } from 'vitest';
import { matchingApprovalRequest } from '../../../functions/domain/emails';
import { programContact } from '../../../functions/domain/program-contact';

/**
 * An admin's footer names another admin to ask about receiving these emails, never the reader: a
 * program with one admin sent "or ask the program team at hr.lead@example.com" to hr.lead (QA hrfirst5).
 */

const approval = (admins: string[], reader: string) =>
  matchingApprovalRequest({
    to: { timeZone: 'Europe/London' },
    program: programContact({ name: 'Pilot', admins, endDate: undefined }, [reader]),
    pairs: [],
    proposedPairs: 2,
    unmatched: [],
    unmatchedCount: 0,
    answerBy: '2027-01-08T09:00:00Z',
    proposalRoute: 'GET /programs/pilot/matching/r1',
    answerLinks: { approve: 'https://a.example/ok' },
  });

const footerOf = (text: string) => text.slice(text.lastIndexOf('\n-- ')).replace(/\s+/g, ' ');

describe("an admin email's footer", () => {
  it('names no one to ask when the reader is the only admin', () => {
    const footer = footerOf(approval(['hr.lead@example.com'], 'hr.lead@example.com').text);
    expect(footer).toContain("have yourself removed from the program's admins (PATCH /programs/{programId} on the admin API).");
    expect(footer).not.toContain('hr.lead@example.com');
    expect(footer).not.toContain('or ask');
  });

  it('names another admin to ask when there is one', () => {
    const footer = footerOf(approval(['hr.lead@example.com', 'ada@example.com'], 'hr.lead@example.com').text);
    expect(footer).toContain('or ask the program team at ada@example.com.');
    expect(footer).not.toContain('hr.lead@example.com');
  });
});
