import { describe, expect, it } from 'vitest';
import { openAnswerLink, successorOf, type AskedQuestion } from '../../../functions/domain/answer-link';

const NOW = new Date('2026-06-15T09:00:00Z');
const ADMIN = 'hash-of-admin';

/** The first approval request (closed by its deadline yesterday) and the reminder's question to the same admin. */
const first: AskedQuestion = {
  opaqueId: 'first',
  purpose: 'approval',
  programId: 'pilot',
  recipientEmailHash: ADMIN,
  closesAt: '2026-06-14T08:00:00Z',
  choices: ['approve'],
  context: { runId: 'run-1' },
};
const reminder: AskedQuestion = { ...first, opaqueId: 'reminder', closesAt: '2026-06-19T08:00:00Z' };
const firstLink = { choice: 'approve', expiresAt: first.closesAt };

describe('what an answer link opens', () => {
  it("opens the reminder's question from the first approval email's link while the approval is still open (QA)", () => {
    expect(openAnswerLink({ link: firstLink, linked: first, family: [reminder], now: NOW })).toEqual({ question: reminder });
  });

  it('says already answered once the approval was given under the reminder, by either link', () => {
    const answered = { ...reminder, usedAt: '2026-06-15T08:30:00Z' };
    expect(openAnswerLink({ link: firstLink, linked: first, family: [answered], now: NOW })).toMatchObject({ refused: 'already-answered' });
    const reminderLink = { choice: 'approve', expiresAt: reminder.closesAt };
    expect(openAnswerLink({ link: reminderLink, linked: answered, family: [answered], now: NOW })).toMatchObject({ refused: 'already-answered' });
  });

  it('stays expired after the whole decision closed, and for another admin, another run or another question', () => {
    const late = new Date('2026-06-19T08:00:00Z');
    expect(openAnswerLink({ link: firstLink, linked: first, family: [reminder], now: late })).toMatchObject({ refused: 'expired' });
    const strangers = [
      { ...reminder, recipientEmailHash: 'hash-of-another-admin' },
      { ...reminder, context: { runId: 'run-2' } },
      { ...reminder, programId: 'other' },
      { ...reminder, purpose: 'admin-decision' as const },
      { ...reminder, closesAt: first.closesAt },
      { ...reminder, choices: ['reject'] },
    ];
    for (const other of strangers) {
      expect(openAnswerLink({ link: firstLink, linked: first, family: [other], now: NOW }), JSON.stringify(other)).toMatchObject({ refused: 'expired' });
    }
    // A check-in, a decision: no family, so their refusals are what they were.
    const checkIn = { ...first, purpose: 'check-in' as const, context: {} };
    expect(openAnswerLink({ link: firstLink, linked: checkIn, family: [reminder], now: NOW })).toMatchObject({ refused: 'expired' });
  });

  it('answers its own open question as before, and keeps every other refusal', () => {
    const open = { choice: 'approve', expiresAt: reminder.closesAt };
    expect(openAnswerLink({ link: open, linked: reminder, family: [first, reminder], now: NOW })).toEqual({ question: reminder });
    expect(openAnswerLink({ link: open, linked: undefined, family: [], now: NOW })).toMatchObject({ refused: 'closed' });
    expect(openAnswerLink({ link: { ...open, choice: 'reject' }, linked: reminder, family: [], now: NOW })).toMatchObject({ refused: 'invalid' });
    // The first question answered in time: its link says so, however late, and no reminder was asked.
    const answeredFirst = { ...first, usedAt: '2026-06-13T10:00:00Z' };
    expect(openAnswerLink({ link: firstLink, linked: answeredFirst, family: [reminder], now: NOW })).toMatchObject({ refused: 'expired' });
    const early = new Date('2026-06-13T11:00:00Z');
    expect(openAnswerLink({ link: firstLink, linked: answeredFirst, family: [reminder], now: early })).toMatchObject({ refused: 'already-answered' });
  });

  it('finds the question that took over for a reply too: the newest of the same run to the same admin', () => {
    const second = { ...reminder, opaqueId: 'second', closesAt: '2026-06-20T08:00:00Z' };
    expect(successorOf(first, [first, reminder, second])).toBe(second);
    expect(successorOf(reminder, [first, reminder])).toBeUndefined();
  });
});
