import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimEmail, type SimResult } from './simulate';

/**
 * QA: HR changed the program's length while a pairing was paused. The pair was told nothing (the
 * pause's wakes only looked for its end, and the resume took the new settings in silence), then
 * resumed on a schedule whose end had moved. Each member whose end moved is told once, while
 * paused: the pause keeps its day, and the end-of-program review comes on the day named.
 */

const zoneOf = (e: { input: Record<string, unknown> }) => (e.input.to as { timeZone: string }).timeZone;
const flat = (text: string) => text.replace(/\s+/g, ' ');
const dayIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));
const named = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso)).replace(',', '');
const rescheduled = (r: SimResult) => r.emails.filter((e) => e.template === 'datesRescheduled' || e.template === 'meetingsRescheduled');
const finalReview = (r: SimResult, zone: string) => r.emails.find((e) => e.template === 'milestoneSurvey' && e.input.final === true && zoneOf(e) === zone);

const months = (durationMonths: number) => ({ durationMonths, checkInCadenceDays: 14, sendWindowMinutes: 0 });

/** HR pauses the pair on 10 February until `until`; HR changes the program at `at` (one or more times). */
function pausedThenChanged(from: number, to: Record<string, unknown>, until: string, at: string | string[] = '2027-02-15T10:00:00Z'): SimResult {
  return simulate({
    answer: agreeable,
    program: { lifecycle: months(from) as never },
    controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until } }],
    programChanges: [at].flat().map((when) => ({ at: when, program: { lifecycle: { ...months(from), ...to } as never } })),
  });
}

/** One email to each member, while paused, naming the pause's day and the review's; the review reaches them that very day. */
function expectToldWhilePaused(r: SimResult, until: string): SimEmail[] {
  const emails = rescheduled(r);
  expect(emails.map(zoneOf).sort()).toEqual(['Europe/Berlin', 'Europe/London']);
  const resumed = r.emails.find((e) => e.template === 'pairingResumed')!;
  for (const e of emails) {
    const zone = zoneOf(e);
    expect(e.template).toBe('datesRescheduled');
    expect(e.sentAt < resumed.sentAt, zone).toBe(true);
    expect(dayIn(e.input.pausedUntil as string, zone)).toBe(until);
    expect(e.sendWhile).toEqual(['paused']);
    const on = e.input.pairingEndsOn as string;
    expect(dayIn(finalReview(r, zone)!.sentAt, zone), zone).toBe(dayIn(on, zone));
    const rendered = renderIntent('datesRescheduled', e.input);
    expect(rendered.subject).toBe('A new end date for your pairing in Sim cohort');
    const text = flat(rendered.text);
    expect(text).toContain('The program team changed the schedule of Sim cohort, and that moves the end of your pairing with');
    expect(text).toContain(`Your pairing stays paused until ${named(`${until}T12:00:00Z`, 'UTC')}, as before.`);
    expect(text).toContain(`your pairing ends with your end-of-program review, which comes on ${named(on, zone)}.`);
    expect(text).toContain('There is nothing to do now: after the pause, each question will come by email on its day.');
    expect(text).not.toContain('no longer holds');
  }
  expect(r.pairing.status).toBe('completed');
  return emails;
}

describe('HR changes the program while a pairing is paused', () => {
  it('shortened from 6 months to 3: each member is told the new end once, and the review comes that day', () => {
    const r = pausedThenChanged(6, { durationMonths: 3 }, '2027-03-01');
    for (const e of expectToldWhilePaused(r, '2027-03-01')) {
      expect(e.input.onlyReviewAfterPause).toBeUndefined();
      expect(flat(renderIntent('datesRescheduled', e.input).text)).toContain('With the new schedule: your pairing ends with');
      // Three months from the acceptance, moved by the pause's length (10 February to 1 March).
      expect((e.input.pairingEndsOn as string).slice(0, 10)).toBe('2027-04-23');
    }
  });

  it('lengthened from 3 months to 5: told the later end, and the review comes that day', () => {
    const r = pausedThenChanged(3, { durationMonths: 5 }, '2027-03-01');
    for (const e of expectToldWhilePaused(r, '2027-03-01')) expect((e.input.pairingEndsOn as string) > '2027-06-01').toBe(true);
  });

  it('shortened to before the pause: the pause keeps its day, the review comes as it ends, and the welcome back names that day', () => {
    const r = pausedThenChanged(6, { durationMonths: 1 }, '2027-04-01');
    for (const e of expectToldWhilePaused(r, '2027-04-01')) {
      expect(e.input.onlyReviewAfterPause).toBe(true);
      expect(flat(renderIntent('datesRescheduled', e.input).text)).toContain(
        'With the new schedule, no check-ins or reviews are left after the pause: your pairing ends with your end-of-program review, which comes on Thursday 1 April 2027.',
      );
    }
    expect(r.emails.filter((e) => e.template === 'checkInRequest' && e.sentAt > '2027-02-10')).toEqual([]);
    for (const e of r.emails.filter((x) => x.template === 'pairingResumed')) {
      const text = flat(renderIntent('pairingResumed', e.input).text);
      expect(text).toContain('No check-ins are left, and your end-of-program review comes next, on Thursday 1 April 2027.');
      expect(text).not.toContain('That was the last check-in');
    }
  });

  it('the same change made again, and the resume, tell nobody twice', () => {
    const r = pausedThenChanged(6, { durationMonths: 3 }, '2027-03-01', ['2027-02-15T10:00:00Z', '2027-02-16T10:00:00Z']);
    expectToldWhilePaused(r, '2027-03-01');
  });

  it('a change that moves no end tells nobody', () => {
    const r = pausedThenChanged(6, { acceptanceReminderDay: 3 }, '2027-03-01');
    expect(rescheduled(r)).toEqual([]);
    expect(r.pairing.status).toBe('completed');
  });
});
