import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { endedSinceOf } from '../../../functions/domain/emails/replies';

/**
 * An admin who answers "Decision needed" after one of the pair ended the pairing (STOP, END, a
 * departure) is told that it ended, when, why in neutral words, and where the other person stands
 * now, never only that the question "closed" and "nothing else is needed" (QA admins5, bug 3: an
 * admin who chose CONTINUE could believe the pair carried on while the mentor waited on the waitlist).
 */

const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
const to = { name: 'Ada Admin', timeZone: 'Europe/London' };
const question = 'the decision about the pairing of Mia Mentor (mentor) and Sam Senior (mentee)';
const base = { to, program, reader: 'admin', question, closedOn: '2026-12-30T10:00:00Z' } as const;
const flat = (e: { text: string }) => e.text.replace(/\s+/g, ' ');

const endedBy = (statusReason: string) => ({ status: 'ended', statusReason, endedAt: '2026-12-30T10:00:00Z' });
const mia = (status: string) => ({ name: 'Mia Mentor', status });
const sam = (status: string) => ({ name: 'Sam Senior', status });
const open = { programHasClosed: false };

describe('endedSinceOf: what an admin is told of a pairing that ended since the decision was asked', () => {
  it('reads a STOP as a departure, and the partner as waitlisted; the one who left is not described', () => {
    expect(endedSinceOf(endedBy('participant-withdrew'), [mia('waitlisted'), sam('withdrawn')], open)).toEqual({
      on: '2026-12-30T10:00:00Z',
      why: 'participant-withdrew',
      stays: [{ name: 'Mia Mentor', now: 'waitlisted' }],
    });
  });

  it('reads an END as the pairing ended on request, with both back in the pool', () => {
    expect(endedSinceOf(endedBy('participant-request'), [mia('enrolled'), sam('enrolled')], open)).toEqual({
      on: '2026-12-30T10:00:00Z',
      why: 'participant-request',
      stays: [
        { name: 'Mia Mentor', now: 'pool' },
        { name: 'Sam Senior', now: 'pool' },
      ],
    });
  });

  it('says where each stands: a new partner looked for, paired elsewhere, or no partner once the program closed', () => {
    const left = endedBy('participant-left');
    expect(endedSinceOf(left, [mia('awaiting-rematch'), sam('left')], open)?.stays).toEqual([{ name: 'Mia Mentor', now: 'new-partner' }]);
    expect(endedSinceOf(left, [mia('paired'), sam('left')], open)?.stays).toEqual([{ name: 'Mia Mentor', now: 'paired' }]);
    expect(endedSinceOf(left, [mia('waitlisted'), sam('left')], { programHasClosed: true })?.stays).toEqual([{ name: 'Mia Mentor', now: 'closed' }]);
    expect(endedSinceOf(left, [{ name: '', status: 'waitlisted' }], open)?.stays).toEqual([{ name: 'an erased participant', now: 'waitlisted' }]);
  });

  it('says nothing while the pairing runs, or when the decision itself ended it', () => {
    expect(endedSinceOf({ status: 'active' }, [mia('paired'), sam('paired')], open)).toBeUndefined();
    expect(endedSinceOf({ status: 'paused' }, [mia('paired'), sam('paired')], open)).toBeUndefined();
    expect(endedSinceOf(undefined, [], open)).toBeUndefined();
    expect(endedSinceOf(endedBy('admin-decision'), [mia('enrolled')], { ...open, decided: 'end' })).toBeUndefined();
    expect(endedSinceOf(endedBy('admin-rematch'), [mia('awaiting-rematch')], { ...open, decided: 'rematch' })).toBeUndefined();
  });

  it('tells the end after a CONTINUE or a PAUSE another admin decided, and an unknown reason neutrally', () => {
    expect(endedSinceOf(endedBy('participant-withdrew'), [mia('waitlisted')], { ...open, decided: 'continue' })?.why).toBe('participant-withdrew');
    expect(endedSinceOf(endedBy('participant-withdrew'), [mia('waitlisted')], { ...open, decided: 'pause' })?.why).toBe('participant-withdrew');
    expect(endedSinceOf(endedBy('something else'), [], open)?.why).toBe('unknown');
    expect(endedSinceOf({ status: 'completed', endedAt: '2027-03-01T00:00:00Z' }, [], open)?.why).toBe('completed');
  });
});

describe('questionClosed to an admin about a pairing that ended since', () => {
  it("after the mentee's STOP: ended, when, that one of the pair left, and that the mentor is on the waitlist", () => {
    const endedSince = endedSinceOf(endedBy('participant-withdrew'), [mia('waitlisted'), sam('withdrawn')], open)!;
    const text = flat(emails.questionClosed({ ...base, endedSince }));
    expect(text).toContain(`Your reply was about ${question}, which closed on Wednesday 30 December 2026, so it could not be recorded.`);
    expect(text).toContain(
      'The pairing has since ended, on Wednesday 30 December 2026: one of the pair left the program. No decision about it is needed any more, and none was recorded.',
    );
    expect(text).toContain('Mia Mentor is on the waitlist for a new partner: a matching run you approve may pair them.');
    expect(text).not.toContain('nothing else is needed');
    expect(text).not.toContain('Sam Senior is');
  });

  it("after the mentee's END: ended by one of the pair, and both may be offered a new partner at the next matching run", () => {
    const endedSince = endedSinceOf(endedBy('participant-request'), [mia('enrolled'), sam('enrolled')], open)!;
    const text = flat(emails.questionClosed({ ...base, endedSince }));
    expect(text).toContain('The pairing has since ended, on Wednesday 30 December 2026: one of the pair ended it.');
    expect(text).toContain('Mia Mentor stays in the program: the next matching run may offer them a new partner.');
    expect(text).toContain('Sam Senior stays in the program: the next matching run may offer them a new partner.');
    expect(text).not.toContain('nothing else is needed');
  });

  it("after another admin's CONTINUE: that answer is named, then the end since", () => {
    const endedSince = endedSinceOf(endedBy('participant-left'), [mia('awaiting-rematch'), sam('left')], { ...open, decided: 'continue' })!;
    const text = flat(
      emails.questionClosed({ ...base, answeredOn: '2026-12-29T10:00:00Z', answeredAs: { by: 'another-admin', decision: 'continue' }, endedSince }),
    );
    expect(text).toContain('by another admin of the program: the pairing continues.');
    expect(text).toContain('The pairing has since ended, on Wednesday 30 December 2026: one of the pair left the program.');
    expect(text).toContain('Mia Mentor is offered a new partner: one is being looked for');
  });

  it('after the decision closed in silence: the end since, and no admin API route to change a pairing that has ended', () => {
    const endedSince = endedSinceOf(endedBy('participant-withdrew'), [mia('waitlisted')], { ...open, decided: 'continue' })!;
    const text = flat(emails.questionClosed({ ...base, atDeadline: true, answeredAs: { by: 'nobody', decision: 'continue', pairingId: 'pr-1' }, endedSince }));
    expect(text).toContain('with no answer the pairing continued as it was.');
    expect(text).toContain('The pairing has since ended, on Wednesday 30 December 2026: one of the pair left the program.');
    expect(text).toContain('Mia Mentor is on the waitlist');
    expect(text).not.toContain('POST /pairings/pr-1/end');
    expect(text).toContain('GET /pairings/pr-1');
  });

  it('never names a note or what a person wrote: only the neutral reason', () => {
    const endedSince = endedSinceOf({ ...endedBy('not-a-fit') }, [mia('awaiting-rematch'), sam('awaiting-rematch')], open)!;
    const text = flat(emails.questionClosed({ ...base, endedSince }));
    expect(text).toContain('The pairing has since ended, on Wednesday 30 December 2026: it was found not to be a good fit.');
    expect(text).not.toMatch(/concern/i);
  });
});
