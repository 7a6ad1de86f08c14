import { describe, expect, it } from 'vitest';
import { datesRescheduled, meetingsRescheduled } from '../../../functions/domain/emails';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimEmail, type SimResult } from './simulate';

/**
 * HR shortens a running program (durationMonths 3 → 2) after the pair was told "The next check-in
 * comes on …", and the new end leaves no check-in (QA settings3, bug 1): the email of the change
 * names what comes instead, the end-of-program review on its day, so that the check-in named
 * before is not waited for and the review does not arrive unannounced.
 */

const lifecycle = { durationMonths: 3, checkInCadenceDays: 14, sendWindowMinutes: 0 };
const zoneOf = (e: { input: Record<string, unknown> }) => (e.input.to as { timeZone: string }).timeZone;
const flat = (text: string) => text.replace(/\s+/g, ' ');
const dayIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));

/** The end-of-program review as it reaches the reader of `e`, after `e`. */
const finalReviewAfter = (r: SimResult, e: SimEmail) =>
  r.emails.find((x) => x.template === 'milestoneSurvey' && x.input.final === true && zoneOf(x) === zoneOf(e) && x.sentAt > e.sentAt);

/** The run, with HR's change an hour after the last check-in thanks before the new end (2 months after acceptance). */
function shortened(over: Parameters<typeof simulate>[0] = {}): SimResult {
  const plain = simulate({ answer: agreeable, program: { lifecycle: lifecycle as never }, ...over });
  // The thanks that named a check-in the new end removes: the 2nd check-in's (the first one after the Day 30 review).
  const thanks = plain.emails.filter((e) => e.template === 'checkInThanks' && e.input.nextCheckIn !== undefined);
  const told = thanks.find((e) => Date.parse(e.input.nextCheckIn as string) > Date.parse('2027-03-01T00:00:00Z'))!;
  const changeAt = new Date(Date.parse(told.sentAt) + 3_600_000).toISOString();
  return simulate({
    answer: agreeable,
    program: { lifecycle: lifecycle as never },
    programChanges: [{ at: changeAt, program: { lifecycle: { ...lifecycle, durationMonths: 2 } as never } }],
    ...over,
  });
}

describe('a program shortened so that only its end-of-program review is left', () => {
  it('the new series email names the end-of-program review and its day, and it comes that day', () => {
    const r = shortened();
    const told = r.emails.filter((e) => e.template === 'meetingsRescheduled');
    expect(told.map(zoneOf).sort()).toEqual(['Europe/Berlin', 'Europe/London']);
    for (const e of told) {
      expect(e.input.nextCheckIn, zoneOf(e)).toBeUndefined();
      const on = e.input.finalReviewNextOn as string;
      expect(on, zoneOf(e)).toBeDefined();
      // No check-in comes between the change and the review: the one named before is gone.
      const next = r.emails.find(
        (x) => (x.template === 'checkInRequest' || x.template === 'milestoneSurvey') && zoneOf(x) === zoneOf(e) && x.sentAt > e.sentAt,
      )!;
      expect(next).toBe(finalReviewAfter(r, e));
      expect(dayIn(next.sentAt, zoneOf(e)), zoneOf(e)).toBe(dayIn(on, zoneOf(e)));
      const text = flat(renderIntent('meetingsRescheduled', e.input).text);
      expect(text).toContain('With the new schedule: no check-ins are left, and your end-of-program review comes next, on Friday 5 March 2027.');
      expect(text).not.toContain('your check-ins follow the new schedule');
    }
  });

  it('a pair with no meeting series is told by the dates email, with the review’s day', () => {
    // Their hours never overlap: no series was sent, so the change moves only their dates.
    const r = shortened({
      mentor: { availability: [{ day: 'mon', start: '09:00', end: '10:00' }] },
      mentee: { availability: [{ day: 'fri', start: '15:00', end: '16:00' }] },
    });
    expect(r.emails.filter((e) => e.template === 'meetingsRescheduled')).toEqual([]);
    const told = r.emails.filter((e) => e.template === 'datesRescheduled');
    expect(told.map(zoneOf).sort()).toEqual(['Europe/Berlin', 'Europe/London']);
    for (const e of told) {
      const review = finalReviewAfter(r, e)!;
      expect(dayIn(review.sentAt, zoneOf(e))).toBe(dayIn(e.input.finalReviewNextOn as string, zoneOf(e)));
      const text = flat(renderIntent('datesRescheduled', e.input).text);
      expect(text).toContain('A date named in an earlier email no longer holds.');
      expect(text).toContain('With the new schedule: no check-ins are left, and your end-of-program review comes next, on Friday 5 March 2027.');
    }
  });

  it('the last check-in’s thanks still says the end review comes next in its own words, and is not held to the dates', () => {
    const r = simulate({ answer: agreeable, program: { lifecycle: lifecycle as never } });
    const last = r.emails.filter((e) => e.template === 'checkInThanks').at(-1)!;
    expect(last.input.finalReviewNextOn).toBeDefined();
    expect(last.sendWhileDates).toBeUndefined();
    expect(flat(renderIntent('checkInThanks', last.input).text)).toContain('That was the last check-in: the end-of-program review comes next.');
  });
});

describe('the schedule-change emails, when HR changed the schedule again before they went', () => {
  const base = {
    to: { name: 'Alex Morgan', timeZone: 'Europe/London' },
    program: { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya@example.org' } },
    partner: { name: 'Sam Senior', timeZone: 'Europe/Berlin' },
  };
  // What held.ts (withDatesAsTheyStand) leaves of the input: the end review's day is not its to strip.
  const moved = { finalReviewNextOn: '2027-03-05T09:00:00Z', datesMoved: true };

  it('name no end-review day that may have moved', () => {
    const dates = flat(datesRescheduled({ ...base, ...moved }).text);
    expect(dates).not.toContain('5 March');
    expect(dates).not.toContain('No more check-ins');
    expect(dates).toContain('The program team has changed the schedule again since: your next question follows the newest one.');
    const series = flat(meetingsRescheduled({ ...base, ...moved, meeting: { slot: { found: false }, partner: base.partner } }).text);
    expect(series).not.toContain('5 March');
    expect(series).toContain('your check-ins follow the new schedule.');
  });

  it('name it while it holds', () => {
    const dates = flat(datesRescheduled({ ...base, finalReviewNextOn: '2027-03-05T09:00:00Z' }).text);
    expect(dates).toContain('With the new schedule: no check-ins are left, and your end-of-program review comes next, on Friday 5 March 2027.');
    expect(flat(datesRescheduled(base).text)).toContain(
      'With the new schedule: no more check-ins or reviews come before your end-of-program review, which comes next.',
    );
  });
});
