import { describe, expect, it } from 'vitest';
import { seniorCommitmentNote } from '../../../functions/domain/emails';

describe("the senior's note says what comes next", () => {
  const base = {
    to: { name: 'Sam Senior', timeZone: 'Europe/London' },
    program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
    partner: { name: 'Mia Mentor' },
    missedCount: 2,
  };
  const text = (input: Partial<Parameters<typeof seniorCommitmentNote>[0]>) => seniorCommitmentNote({ ...base, ...input }).text.replace(/\s+/g, ' ');

  it('the next check-in on its date, or the end-of-program review when only that is left', () => {
    expect(text({ nextCheckIn: '2027-03-09T09:00:00Z' })).toContain('The next check-in comes on Tuesday 9 March 2027.');
    expect(text({ finalReviewNext: true })).toContain('The end-of-program review comes next.');
    expect(text({})).not.toMatch(/comes next|comes on/);
  });
});
