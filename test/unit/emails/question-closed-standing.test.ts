import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';

/**
 * "That question has already closed" with nothing more to come from the pairing: it says where the
 * person stands, as an answer to a command does (QA rematch4: an inactive person's keen late YES was
 * told "nothing else is needed from you" and believed they were still in the program).
 */

const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' }, concernUrl: 'https://answers.example.org/c/tok' };
const to = { name: 'Sam Senior', timeZone: 'Europe/London' };
const base = { to, program, question: 'your introduction to Mia', closedOn: '2027-03-01T23:59:59Z', atDeadline: true } as const;
const flat = (e: { text: string }) => e.text.replace(/\s+/g, ' ');

describe('questionClosed: where the person stands when nothing more comes', () => {
  it('to someone out of the program: no longer taking part, and whom to write to, once', () => {
    const text = flat(emails.questionClosed({ ...base, standing: 'gone' }));
    expect(text).toContain(
      'You are no longer taking part in Pilot, so nothing more is needed from you. To take part in a later program, write to Priya Shah at priya.shah@example.org.',
    );
    expect(text).not.toContain('There is no open question for you right now');
    expect(text).not.toContain('If there is something you wanted us to know');
  });

  it('to someone waiting in a program that has closed: no new partner will be found', () => {
    expect(flat(emails.questionClosed({ ...base, standing: 'closed' }))).toContain('Pilot has closed, so no new partner will be found in it.');
  });

  it('to someone a new partner is looked for, or whom the next matching run may offer one', () => {
    expect(flat(emails.questionClosed({ ...base, afterEnd: 'new-partner' }))).toContain('We are looking for a new partner for you');
    const pool = flat(emails.questionClosed({ ...base, afterEnd: 'pool' }));
    expect(pool).toContain('the next time Priya Shah matches people, you may be offered a new partner');
    expect(pool).not.toContain('If there is something you wanted us to know');
  });

  it('to someone on the waitlist: an introduction when there is a good match (verify20)', () => {
    const text = flat(emails.questionClosed({ ...base, afterEnd: 'waitlisted' }));
    expect(text).toContain('You are on the waitlist: you will get an introduction email as soon as there is a good match');
    expect(text).not.toContain('nothing else is needed');
  });

  it('a question still to come wins over where they stand', () => {
    const text = flat(emails.questionClosed({ ...base, nextOn: '2027-03-08T09:00:00Z', afterEnd: 'pool' }));
    expect(text).toContain('The next question comes on');
    expect(text).not.toContain('you may be offered a new partner');
  });

  it('without a standing: as before', () => {
    expect(flat(emails.questionClosed(base))).toContain('There is no open question for you right now; nothing else is needed from you.');
  });

  it('where a status stands, as afterClosedOf reads it', () => {
    expect(emails.afterClosedOf('inactive', false)).toEqual({ standing: 'gone' });
    expect(emails.afterClosedOf('waitlisted', true)).toEqual({ standing: 'closed' });
    expect(emails.afterClosedOf('awaiting-rematch', false)).toEqual({ afterEnd: 'new-partner' });
    expect(emails.afterClosedOf('enrolled', false)).toEqual({ afterEnd: 'pool' });
    expect(emails.afterClosedOf('waitlisted', false)).toEqual({ afterEnd: 'waitlisted' });
    expect(emails.afterClosedOf('paired', false)).toEqual({});
  });
});
