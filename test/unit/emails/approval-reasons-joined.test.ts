import { describe, expect, it } from 'vitest';
import { matchingApprovalRequest } from '../../../functions/domain/emails';
import { asSentences } from '../../../functions/domain/emails/format';

/**
 * QA: the approval email joined a pair's reasons with semicolons, each a sentence with its own
 * capital: "…, which Mo ranked first; Both care about chess and jazz." Each is now a sentence of
 * its own, and a name is never lowered to fit a clause.
 */
describe("the approval email's reasons and trade-offs", () => {
  it('writes each as a sentence of its own, never a capital after a semicolon', () => {
    const email = matchingApprovalRequest({
      to: { name: 'Priya Shah', timeZone: 'Europe/London' },
      program: { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } },
      pairs: [
        {
          mentor: 'Ana Souza',
          mentee: 'Mo Ibrahim',
          score: 81,
          reasons: ['Ana Souza can help Mo Ibrahim with AI tools, which Mo ranked first', 'Both care about chess and jazz'],
          tradeOffs: [
            'Only 1 hour of shared availability a week',
            "Mo Ibrahim's best possible score was 90 with another mentor; Ana Souza (81) gave the cohort as a whole better matches",
          ],
        },
      ],
      proposedPairs: 1,
      unmatched: [],
      unmatchedCount: 0,
      answerBy: '2027-01-08T23:59:59.999Z',
      proposalRoute: 'GET /programs/spring-2027/matching/run-1',
      answerLinks: { approve: 'https://answers.example.org/r/tok?answer=approve' },
    });
    const text = email.text.replace(/\s+/g, ' ');
    expect(text).toContain('Why: Ana Souza can help Mo Ibrahim with AI tools, which Mo ranked first. Both care about chess and jazz.');
    expect(text).toContain('Trade-offs: Only 1 hour of shared availability a week. Mo Ibrahim');
    expect(text).not.toMatch(/; (Both|Only)/);
  });

  it('ends each with one full stop, and starts each with a capital', () => {
    expect(asSentences(['1 hour of shared availability on Mondays (in Mo’s time zone)', 'ana can help.', 'Both prefer video calls'])).toBe(
      '1 hour of shared availability on Mondays (in Mo’s time zone). Ana can help. Both prefer video calls.',
    );
  });
});
