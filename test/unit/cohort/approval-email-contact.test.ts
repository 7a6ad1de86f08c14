import { describe, expect, it } from 'vitest';
import type { StoredProgram } from '../../../functions/adapters/programs';
import { approvalEmail, type ApprovalProposal } from '../../../functions/lifecycle/admin-questions';
import { programSchema } from '../../../functions/domain/program';

/**
 * The matching approval email names, as whom to ask, another admin, never the reader
 * (docs/emails.md: "another admin, never the reader"), as the lifecycle's admin emails and the
 * digest do (QA admin inbox, bug 6).
 */

const stored = (admins: string[]): StoredProgram => ({
  ...programSchema.parse({ programId: 'cohort-pilot', name: 'Pilot', startDate: '2027-01-04', admins, timeZone: 'Europe/London' }),
  version: 1,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
});
const proposal: ApprovalProposal = {
  run: undefined,
  version: 0,
  pairs: [{ mentor: 'Mia Mentor', mentee: 'Sam Senior', score: 81, reasons: ['Both work on AI tools'], tradeOffs: [] }],
  pairCount: 1,
  unmatched: [],
  unmatchedCount: 0,
  nameOf: (id) => id,
};
const toAdmin = (admins: string[], admin: string) =>
  approvalEmail({
    program: stored(admins),
    runId: 'run_1',
    proposal,
    question: { opaqueId: 'q1', replyAddress: 'reply+q1.sig@in.example.org', answerLinks: { approve: 'https://answers.example.org/r/q1.sig' } },
    admin,
    closesAt: new Date('2027-01-08T23:59:59Z'),
  }).text.replace(/\s+/g, ' ');
const asked = (text: string) => /or ask the program team at (\S+?)\.? /.exec(text)?.[1];

describe('the matching approval email’s contact', () => {
  it('names another admin to each admin, the first one included', () => {
    const admins = ['ada.admin@example.com', 'bob.admin@example.com'];
    expect(asked(toAdmin(admins, 'ada.admin@example.com'))).toBe('bob.admin@example.com');
    expect(asked(toAdmin(admins, 'bob.admin@example.com'))).toBe('ada.admin@example.com');
    // The address as HR stored it, whatever its case in the question.
    expect(asked(toAdmin(admins, 'Ada.Admin@Example.com'))).toBe('bob.admin@example.com');
  });

  it('names nobody to ask when the reader is the program’s one admin, never the reader themselves (QA hrfirst5)', () => {
    const text = toAdmin(['ada.admin@example.com'], 'ada.admin@example.com');
    expect(asked(text)).toBeUndefined();
    expect(text).toContain("have yourself removed from the program's admins (PATCH /programs/{programId} on the admin API).");
  });
});

describe('the matching approval email before the program starts (QA hrfirst5)', () => {
  const email = (now: string) =>
    approvalEmail({
      program: stored(['ada.admin@example.com']),
      runId: 'run_1',
      proposal,
      question: { opaqueId: 'q1', replyAddress: 'reply+q1.sig@in.example.org', answerLinks: { approve: 'https://answers.example.org/r/q1.sig' } },
      admin: 'ada.admin@example.com',
      closesAt: new Date('2027-01-08T23:59:59Z'),
      now: new Date(now),
    }).text.replace(/\s+/g, ' ');

  it('says that approved pairs are introduced at once, not on the first day, while the start is ahead', () => {
    expect(email('2026-12-01T10:00:00Z')).toContain(
      'Pilot starts on Monday 4 January 2027. The pairs you approve are introduced straight away, not on that day, so they may start meeting before it: to have them introduced on the first day, approve on that day.',
    );
  });

  it('says nothing of it from the first day on', () => {
    expect(email('2027-01-04T08:00:00Z')).not.toContain('starts on');
  });
});
