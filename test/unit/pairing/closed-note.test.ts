import { describe, expect, it } from 'vitest';
import { closedOnOf, elsewhereAfterClosed, nextAfterClosed } from '../../../functions/domain/pairing/answers';
import type { Pairing, Round } from '../../../functions/domain/pairing/model';
import { questionClosed } from '../../../functions/domain/emails';

// What "That question has already closed" says comes next, from the pairing as it is when the late reply arrives.
const now = new Date('2027-02-10T12:00:00Z');
const stated = '2027-02-23T09:00:00.000Z';
const asked = { roundKey: 'round-003', side: 'mentee', stated, pausedMsAtAsk: 0 };
const active: Pick<Pairing, 'status' | 'pausedUntil' | 'pausedMs' | 'round'> = { status: 'active' };
const newer = (answered: boolean): Round => ({
  key: 'round-004',
  kind: 'check-in',
  label: 'Check-in 4',
  dueAt: '2027-02-09T09:00:00.000Z',
  closesAt: '2027-02-14T09:00:00.000Z',
  asks: { mentor: { sendAt: '2027-02-09T09:00:00.000Z', sent: true }, mentee: { sendAt: '2027-02-09T09:00:00.000Z', sent: true } },
  answers: answered ? { mentee: { intent: 'yes', at: '2027-02-09T10:00:00.000Z' } } : {},
});

describe('the next question a closed-question note names', () => {
  it('repeats the date the question gave while nothing has moved it', () => {
    expect(nextAfterClosed(asked, active, now)).toEqual({ nextOn: stated });
  });

  it('names the resume date of a paused pairing, never the date planned before the pause', () => {
    expect(nextAfterClosed(asked, { status: 'paused', pausedUntil: '2027-06-01T00:00:00.000Z' }, now)).toEqual({ pausedUntil: '2027-06-01' });
  });

  it('names no date once a pause since has moved the plan, or the date has passed', () => {
    expect(nextAfterClosed(asked, { status: 'active', pausedMs: 86_400_000 * 9 }, now)).toEqual({ later: true });
    expect(nextAfterClosed({ ...asked, stated: '2027-02-01T09:00:00.000Z' }, active, now)).toEqual({ later: true });
  });

  it('points to a newer question the person has not answered yet', () => {
    expect(nextAfterClosed(asked, { ...active, round: newer(false) }, now)).toEqual({ waiting: true });
    expect(nextAfterClosed(asked, { ...active, round: newer(true) }, now)).toEqual({ nextOn: stated });
  });

  it('names no date when a newer question (the fit check after a first check-in) waits for their send time: it comes first', () => {
    const fit: Round = {
      ...newer(false),
      kind: 'fit-check',
      label: 'Fit check',
      asks: { mentor: { sendAt: '2027-02-10T09:00:00.000Z', sent: true }, mentee: { sendAt: '2027-02-11T09:00:00.000Z' } },
    };
    expect(nextAfterClosed(asked, { ...active, round: fit }, now)).toEqual({ later: true });
    expect(nextAfterClosed({ ...asked, side: 'mentor' }, { ...active, round: fit }, now)).toEqual({ waiting: true });
  });

  it("names no date while the pairing's first check-in is still open: held by either answer, it brings the fit check first (QA)", () => {
    const first = { ...newer(true), key: 'round-003' };
    const firstOpen = { status: 'active' as const, checkInsHeld: 0, round: first };
    expect(nextAfterClosed(asked, firstOpen, now)).toEqual({ later: true });
    // Its partner has not answered either way: the fit check may still come.
    expect(nextAfterClosed(asked, { ...firstOpen, round: { ...first, answers: { mentee: { intent: 'no', at: '2027-02-09T10:00:00.000Z' } } } }, now)).toEqual({
      later: true,
    });
    // A check-in was held before, or the fit check was asked: the stored date holds.
    expect(nextAfterClosed(asked, { ...firstOpen, checkInsHeld: 1 }, now)).toEqual({ nextOn: stated });
    expect(nextAfterClosed(asked, { ...firstOpen, fitCheckAskedAt: '2027-01-20T09:00:00.000Z' }, now)).toEqual({ nextOn: stated });
  });

  it('promises nothing for an ended pairing or a question that gave no date', () => {
    expect(nextAfterClosed(asked, { status: 'ended' }, now)).toEqual({});
    expect(nextAfterClosed({ ...asked, stated: undefined }, { ...active, finalReviewAskedAt: '2027-02-01T09:00:00.000Z' }, now)).toEqual({});
    expect(nextAfterClosed({ ...asked, stated: undefined, side: undefined }, active, now)).toEqual({});
  });

  it('tells a member of a running pairing who answers its introduction again that the next question comes by email (QA life7)', () => {
    // Not "you may be offered a new partner": the pairing they accepted runs, its check-ins to come.
    const intro = { roundKey: 'round-001', side: 'mentor' };
    expect(nextAfterClosed(intro, active, now)).toEqual({ later: true });
    expect(nextAfterClosed(intro, { status: 'introduced' }, now)).toEqual({});
  });

  it('states the day the pairing ended as the close of a question it cut short', () => {
    expect(closedOnOf('2027-02-07T09:00:00.000Z', { status: 'ended', endedAt: '2027-02-01T10:00:00.000Z' })).toBe('2027-02-01T10:00:00.000Z');
    expect(closedOnOf('2027-02-07T09:00:00.000Z', { status: 'completed', endedAt: '2027-02-09T10:00:00.000Z' })).toBe('2027-02-07T09:00:00.000Z');
    expect(closedOnOf('2027-02-07T09:00:00.000Z', { status: 'active' })).toBe('2027-02-07T09:00:00.000Z');
    expect(closedOnOf('2027-02-07T09:00:00.000Z', undefined)).toBe('2027-02-07T09:00:00.000Z');
  });

  it('says each of these in the email, and tells someone who already answered that the first answer counts', () => {
    const base = {
      to: { name: 'Sam Senior', timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
      question: 'the check-in about your meetings',
      closedOn: '2027-02-07T09:00:00Z',
    };
    const text = (extra: object) => questionClosed({ ...base, ...extra }).text.replace(/\s+/g, ' ');
    expect(text({ pausedUntil: '2027-06-01T00:00:00.000Z' })).toContain('Your pairing is paused until Tuesday 1 June 2027; questions start again after that.');
    expect(text({ waiting: true })).toContain('A newer question is already waiting in your inbox');
    expect(text({ later: true })).toContain('The next question will come by email');
    expect(text({ later: true })).not.toMatch(/comes on/);
    expect(text({})).toContain('There is no open question for you right now');
    const again = questionClosed({ ...base, answeredOn: '2027-02-05T10:00:00Z' });
    expect(again.subject).toBe('You have already answered that question');
    expect(again.text.replace(/\s+/g, ' ')).toContain('which you already answered on Friday 5 February 2027');
    expect(again.text).not.toContain('closed on');
    // To an admin, whom another admin or the admin API may have beaten to it (QA).
    const admin = questionClosed({ ...base, reader: 'admin', answeredOn: '2027-02-05T10:00:00Z' });
    expect(admin.subject).toBe('That question has already been answered');
    expect(admin.text.replace(/\s+/g, ' ')).toContain(
      'which was already answered on Friday 5 February 2027, by you, another admin of the program or through the admin API',
    );
    expect(admin.text).not.toMatch(/you already answered/);
  });
});

describe('the day a question closed', () => {
  const program = { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } };
  it("names the deadline as the question's email named it, for a reader east of the partner whose day ends last", () => {
    // "Please answer by Sunday 14 May": the round closes at the end of that Sunday in New York, Monday 04:59 in London.
    const note = questionClosed({
      to: { name: 'Mia Mentor', timeZone: 'Europe/London' },
      program,
      question: 'the check-in about your meetings with Sam',
      closedOn: '2028-05-15T03:59:59.999Z',
      atDeadline: true,
    }).text.replace(/\s+/g, ' ');
    expect(note).toContain('which closed at the end of Sunday 14 May 2028');
    expect(note).not.toContain('Monday 15 May');
  });

  it('names the day an end closed it early as that day', () => {
    const note = questionClosed({
      to: { name: 'Mia Mentor', timeZone: 'Europe/London' },
      program,
      question: 'the check-in about your meetings with Sam',
      closedOn: '2028-05-10T13:00:00.000Z',
    }).text.replace(/\s+/g, ' ');
    expect(note).toContain('which closed on Wednesday 10 May 2028');
  });
});

describe("a closed question of a pairing that ended: what the person's other pairings hold (QA intro)", () => {
  const introduction = (sent: boolean, answered = false): Round => ({
    key: 'round-001',
    kind: 'acceptance',
    label: 'Introduction',
    dueAt: '2027-02-09T09:00:00.000Z',
    closesAt: '2027-02-16T23:59:59.999Z',
    asks: { mentor: { sendAt: '2027-02-09T09:00:00.000Z', sent }, mentee: { sendAt: '2027-02-09T09:00:00.000Z', sent } },
    answers: answered ? { mentor: { intent: 'yes', at: '2027-02-09T10:00:00.000Z' } } : {},
  });

  it('points to a new introduction waiting for their answer, never "nothing else is needed"', () => {
    expect(elsewhereAfterClosed([{ pairing: { status: 'introduced', round: introduction(true) }, side: 'mentor' }], now)).toEqual({ waiting: true });
    const email = questionClosed({
      to: { timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'Ada', email: 'ada@example.com' } },
      question: 'your introduction to Sam',
      closedOn: '2027-02-08T23:59:59.999Z',
      atDeadline: true,
      ...elsewhereAfterClosed([{ pairing: { status: 'introduced', round: introduction(true) }, side: 'mentor' }], now),
    });
    expect(email.text).toContain('A newer question is already waiting in your inbox');
    expect(email.text).not.toContain('nothing else is needed');
  });

  it('says more will come by email while another pairing runs, and "nothing" only when none does', () => {
    expect(elsewhereAfterClosed([{ pairing: { status: 'introduced', round: introduction(false) }, side: 'mentor' }], now)).toEqual({ later: true });
    expect(elsewhereAfterClosed([{ pairing: { status: 'introduced', round: introduction(true, true) }, side: 'mentor' }], now)).toEqual({ later: true });
    expect(elsewhereAfterClosed([{ pairing: { status: 'active' }, side: 'mentee' }], now)).toEqual({ later: true });
    expect(elsewhereAfterClosed([{ pairing: { status: 'ended' }, side: 'mentee' }], now)).toEqual({});
    expect(elsewhereAfterClosed([], now)).toEqual({});
  });
});
