import { describe, expect, it } from 'vitest';
import { seniorCommitmentNote } from '../../../functions/domain/emails';

const base = {
  to: { name: 'Sam Senior', timeZone: 'Europe/London' },
  program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
  partner: { name: 'Mia Mentor' },
  missedCount: 2,
};
const text = (input: Partial<Parameters<typeof seniorCommitmentNote>[0]>) => seniorCommitmentNote({ ...base, ...input }).text.replace(/\s+/g, ' ');

describe("the senior's note says what comes next", () => {
  it('the next check-in on its date, or the end-of-program review when only that is left', () => {
    expect(text({ nextCheckIn: '2027-03-09T09:00:00Z' })).toContain('The next check-in comes on Tuesday 9 March 2027.');
    expect(text({ finalReviewNext: true })).toContain('The end-of-program review comes next.');
    expect(text({})).not.toMatch(/comes next|comes on/);
  });

  it('the end-of-program review as out, never "next", when it has come or comes the same day', () => {
    const sent = text({ finalReviewNext: true, finalReviewArrives: 'sent' });
    expect(sent).toContain('That was the last check-in, and your end-of-program review has come, in a separate email.');
    expect(sent).toContain('It asks how your pairing with Mia went as a whole, not only lately, so please answer it even though you could not meet this time.');
    expect(sent).not.toContain('comes next');
    const today = text({ finalReviewArrives: 'today' });
    expect(today).toContain('That was the last check-in, and your end-of-program review comes today, in a separate email.');
    expect(today).not.toContain('comes next');
    // The line on the program admin still follows it.
    expect(today).toContain('in a separate email. It asks how your pairing with Mia went as a whole');
    expect(today).toContain('could not meet this time. The program admin has been told that check-ins were missed');
  });
});

describe("the senior's note after the last check-in offers nothing that cannot come", () => {
  it('no PAUSE to resume and no recurring slot when only the end-of-program review is left', () => {
    for (const last of [{ finalReviewNext: true }, { finalReviewArrives: 'sent' as const }, { finalReviewArrives: 'today' as const }]) {
      const note = text(last);
      expect(note).not.toMatch(/reply PAUSE with the date to resume|recurring slot/);
      expect(note).toContain('Suggest a last session to Mia, even 20 minutes, to look back together on what you learned.');
    }
  });

  it('PAUSE and a recurring slot while check-ins are still to come', () => {
    const note = text({ nextCheckIn: '2027-03-09T09:00:00Z' });
    expect(note).toContain('reply PAUSE with the date to resume');
    expect(note).toContain('book a recurring slot');
  });
});
