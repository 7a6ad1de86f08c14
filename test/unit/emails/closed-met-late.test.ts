import { describe, expect, it } from 'vitest';
import { questionClosed, type QuestionClosedInput } from '../../../functions/domain/emails/replies';

/**
 * QA over raw SMTP replies: "YES 5, we met on the 15th" to a check-in that had closed was told only
 * "A newer question is already waiting in your inbox; please answer that one", and that question
 * was the fit check, which records no meeting. The note now says where the meeting still counts, as
 * the standing address's help does (pairing/met-route.ts): the check-in waiting, or the next one.
 */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const base: QuestionClosedInput = {
  to: { name: 'Leo', timeZone: 'Europe/London' },
  program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
  question: 'the check-in about your meetings with Sam since Monday 1 March',
  closedOn: '2027-03-07T23:59:59Z',
  atDeadline: true,
};
const render = (input: Partial<QuestionClosedInput>) => flat(questionClosed({ ...base, ...input }).text);
const NEXT = 'answer YES to your next check-in, with the day you met: it asks about every meeting since, so the meeting then counts.';

describe('a late "we met" to a closed check-in', () => {
  it('with a newer question waiting that is no check-in (the fit check): says it records no meeting, and that the next check-in does', () => {
    const text = render({ waiting: true, metLate: 'next' });
    expect(text).toContain('A newer question is already waiting in your inbox; please answer that one.');
    expect(text).toContain(`That newer question does not record meetings: if you met since that check-in was asked, ${NEXT}`);
  });

  it('with the next check-in waiting: answer that one with the day', () => {
    const text = render({ waiting: true, metLate: 'open' });
    expect(text).toContain(
      'If you met since that check-in was asked, answer YES to the check-in waiting in your inbox, with the day you met: it asks about every meeting since, so the meeting then counts.',
    );
    expect(text).not.toContain('does not record meetings');
  });

  it('with the next question on a date: the next check-in, as before', () => {
    expect(render({ nextOn: '2027-03-15T08:00:00Z', metLate: 'next' })).toContain(`If you met since that check-in was asked, ${NEXT}`);
  });

  it('with no check-in left, or a reply that said no meeting, nothing is promised', () => {
    expect(render({ waiting: true })).not.toMatch(/If you met|record meetings/);
    expect(render({ nextOn: '2027-03-15T08:00:00Z' })).not.toMatch(/If you met|record meetings/);
  });
});
