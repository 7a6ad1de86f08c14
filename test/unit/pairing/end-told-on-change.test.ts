import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimEmail, type SimOptions, type SimResult } from './simulate';

/**
 * QA (the programs API, a running program changed): two emails of HR's change said nothing of when
 * the pairing now ends. A change that leaves less than one cadence before the new end said "Your
 * end-of-program review comes next" with no day (and "next" even when a check-in still came first);
 * a pair without a meeting series, whose next question stayed, was told nothing at all of its new
 * end. Each names the day the end-of-program review reaches the reader, as the lifecycle asks it.
 */

const zoneOf = (e: { input: Record<string, unknown> }) => (e.input.to as { timeZone: string }).timeZone;
const flat = (text: string) => text.replace(/\s+/g, ' ');
const dayIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));
const named = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso)).replace(',', '');
const after = (r: SimResult, e: SimEmail, template: string, final?: boolean) =>
  r.emails.find(
    (x) => x.template === template && (final === undefined || (x.input.final === true) === final) && zoneOf(x) === zoneOf(e) && x.sentAt > e.sentAt,
  );
const told = (r: SimResult, template: 'meetingsRescheduled' | 'datesRescheduled') => r.emails.filter((e) => e.template === template);

/** Their hours never overlap: no meeting series was ever sent. */
const withoutSeries: Pick<SimOptions, 'mentor' | 'mentee'> = {
  mentor: { availability: [{ day: 'mon', start: '09:00', end: '10:00' }] },
  mentee: { availability: [{ day: 'fri', start: '15:00', end: '16:00' }] },
};

function changed(from: Record<string, unknown>, to: Record<string, unknown>, at: string | string[], over: SimOptions = {}): SimResult {
  return simulate({
    answer: agreeable,
    program: { lifecycle: from as never },
    programChanges: [at].flat().map((when) => ({ at: when, program: { lifecycle: { ...from, ...to } as never } })),
    ...over,
  });
}

/** One email of the change to each member, naming the review's day; that review reaches them that very day. */
function expectReviewOnNamedDay(r: SimResult, emails: SimEmail[]): void {
  expect(emails.map(zoneOf).sort()).toEqual(['Europe/Berlin', 'Europe/London']);
  for (const e of emails) {
    const zone = zoneOf(e);
    const on = e.input.pairingEndsOn as string;
    expect(on, zone).toBeDefined();
    const review = after(r, e, 'milestoneSurvey', true)!;
    expect(review, zone).toBeDefined();
    expect(dayIn(review.sentAt, zone), zone).toBe(dayIn(on, zone));
  }
  expect(r.pairing.status).toBe('completed');
}

describe('a change that leaves less than one cadence before the new end (the series stops)', () => {
  it('names the day the end-of-program review comes, and it comes that day', () => {
    const r = changed({ durationMonths: 3, checkInCadenceDays: 14, sendWindowMinutes: 0 }, { durationMonths: 2 }, '2027-02-24T10:00:00Z');
    const emails = told(r, 'meetingsRescheduled');
    for (const e of emails) expect(e.input.ending, zoneOf(e)).toBe(true);
    expectReviewOnNamedDay(r, emails);
    for (const e of emails) {
      const text = flat(renderIntent('meetingsRescheduled', e.input).text);
      expect(text).toContain(`Your end-of-program review comes next, on ${named(e.input.pairingEndsOn as string, zoneOf(e))}: we will ask you both`);
      // The review is held past the plan's end by the last check-in's window: the day named is the later one.
      expect(text).toContain('on Friday 5 March 2027');
    }
  });

  it('a check-in still due before the end is named first, then the review’s day, and both come on their days', () => {
    // Every 10 days: the last check-in (day 50) is still ahead when the two-month end leaves no room for another meeting.
    const r = changed({ durationMonths: 3, checkInCadenceDays: 10, sendWindowMinutes: 0 }, { durationMonths: 2 }, '2027-02-22T10:00:00Z');
    const emails = told(r, 'meetingsRescheduled');
    for (const e of emails) expect(e.input.ending, zoneOf(e)).toBe(true);
    expectReviewOnNamedDay(r, emails);
    for (const e of emails) {
      const zone = zoneOf(e);
      const checkIn = after(r, e, 'checkInRequest')!;
      expect(dayIn(checkIn.sentAt, zone)).toBe(dayIn(e.input.nextCheckIn as string, zone));
      const text = flat(renderIntent('meetingsRescheduled', e.input).text);
      expect(text).toContain(
        `The next check-in comes on ${named(checkIn.sentAt, zone)}. Your pairing ends with your end-of-program review, which comes on ${named(e.input.pairingEndsOn as string, zone)}.`,
      );
      expect(text).not.toContain('review comes next');
    }
  });
});

describe('a pair without a meeting series whose end moved, its next question not', () => {
  const sixMonths = { durationMonths: 6, checkInCadenceDays: 14, sendWindowMinutes: 0 };

  it('shortened from 6 months to 2: each member is told the new end once, and the review comes that day', () => {
    const r = changed(sixMonths, { durationMonths: 2 }, '2027-01-25T10:00:00Z', withoutSeries);
    expect(told(r, 'meetingsRescheduled')).toEqual([]);
    const emails = told(r, 'datesRescheduled');
    expectReviewOnNamedDay(r, emails);
    for (const e of emails) {
      expect(e.input.onlyEndMoved).toBe(true);
      const zone = zoneOf(e);
      expect((e.input.pairingEndsOn as string) < '2027-03-15').toBe(true);
      const rendered = renderIntent('datesRescheduled', e.input);
      expect(rendered.subject).toBe('A new end date for your pairing in Sim cohort');
      const text = flat(rendered.text);
      expect(text).toContain('The program team changed the schedule of Sim cohort, and that moves the end of your pairing with');
      expect(text).toContain(`Your pairing ends with your end-of-program review, which comes on ${named(e.input.pairingEndsOn as string, zone)}.`);
      // Its next question stayed: nothing named before is said to have moved.
      expect(text).not.toContain('no longer holds');
      const next = after(r, e, 'milestoneSurvey', false)!;
      expect(dayIn(next.sentAt, zone)).toBe(dayIn(e.input.nextCheckIn as string, zone));
    }
  });

  it('lengthened from 2 months to 4: told the later end, and the review comes that day', () => {
    const r = changed({ ...sixMonths, durationMonths: 2 }, { durationMonths: 4 }, '2027-01-25T10:00:00Z', withoutSeries);
    const emails = told(r, 'datesRescheduled');
    expectReviewOnNamedDay(r, emails);
    for (const e of emails) expect((e.input.pairingEndsOn as string) > '2027-04-30').toBe(true);
  });

  it('the same change made again, and later wakes, tell nobody twice', () => {
    const r = changed(sixMonths, { durationMonths: 2 }, ['2027-01-25T10:00:00Z', '2027-01-26T10:00:00Z'], withoutSeries);
    expect(told(r, 'datesRescheduled').map(zoneOf).sort()).toEqual(['Europe/Berlin', 'Europe/London']);
  });

  it('a change that moves neither the end nor the next question tells nobody', () => {
    const r = changed(sixMonths, { acceptanceReminderDay: 3 }, '2027-01-25T10:00:00Z', withoutSeries);
    expect(r.emails.filter((e) => e.template === 'datesRescheduled' || e.template === 'meetingsRescheduled')).toEqual([]);
  });

  it('a pair not started yet (its introduction still open) is told nothing: it starts on the new schedule', () => {
    const r = changed(sixMonths, { durationMonths: 2 }, '2027-01-04T09:30:00Z', withoutSeries);
    expect(r.statuses.slice(0, 3)).toEqual(['proposed', 'introduced', 'active']);
    expect(Date.parse(r.pairing.acceptedAt!)).toBeGreaterThan(Date.parse('2027-01-04T09:30:00Z'));
    expect(r.emails.filter((e) => e.template === 'datesRescheduled' || e.template === 'meetingsRescheduled')).toEqual([]);
    expect(r.emails.filter((e) => e.template === 'milestoneSurvey' && e.input.final === true).every((e) => e.sentAt < '2027-03-15')).toBe(true);
  });
});
