import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimEmail, type SimResult } from './simulate';

/**
 * QA: HR shortened a running program from 6 months to 2 (`PATCH /programs/{id}`, appliesTo
 * running-pairings-from-next-step); each member got "Your meetings with X follow the program's new
 * schedule" with the cadence, the new series and the next check-in, and nothing said the pairing
 * now ended four months earlier (only the invitation's UNTIL did). The email of a change to the
 * schedule names the end, the day the end-of-program review reaches the reader, as the lifecycle
 * then asks it: that review comes that very day, shortened or lengthened.
 */

const zoneOf = (e: { input: Record<string, unknown> }) => (e.input.to as { timeZone: string }).timeZone;
const flat = (text: string) => text.replace(/\s+/g, ' ');
const dayIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));
const finalReviewAfter = (r: SimResult, e: SimEmail) =>
  r.emails.find((x) => x.template === 'milestoneSurvey' && x.input.final === true && zoneOf(x) === zoneOf(e) && x.sentAt > e.sentAt);

/** The run with HR's change of the lifecycle three weeks after the start. */
function changed(from: Record<string, unknown>, to: Record<string, unknown>): SimResult {
  return simulate({
    answer: agreeable,
    program: { lifecycle: from as never },
    programChanges: [{ at: '2027-01-25T10:00:00Z', program: { lifecycle: { ...from, ...to } as never } }],
  });
}

/** Every email of the change names the end, and the end-of-program review reaches its reader that day. */
function expectEndKept(r: SimResult, template: 'meetingsRescheduled' | 'datesRescheduled') {
  const told = r.emails.filter((e) => e.template === template);
  expect(told.map(zoneOf).sort()).toEqual(['Europe/Berlin', 'Europe/London']);
  for (const e of told) {
    const zone = zoneOf(e);
    const on = e.input.pairingEndsOn as string;
    expect(on, zone).toBeDefined();
    const review = finalReviewAfter(r, e)!;
    expect(review, zone).toBeDefined();
    expect(dayIn(review.sentAt, zone), zone).toBe(dayIn(on, zone));
    const date = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
      .format(new Date(on))
      .replace(',', '');
    expect(flat(renderIntent(template, e.input).text), zone).toContain(`Your pairing ends with your end-of-program review, which comes on ${date}.`);
  }
  expect(r.pairing.status).toBe('completed');
  return told;
}

describe('the end of a pairing, named in the email of a change to the schedule', () => {
  it('a program shortened from 6 months to 2: the new end is named, and the review comes that day (QA)', () => {
    const r = changed({ durationMonths: 6, checkInCadenceDays: 14, sendWindowMinutes: 0 }, { durationMonths: 2 });
    const told = expectEndKept(r, 'meetingsRescheduled');
    // Two months after the acceptance, not six.
    for (const e of told) expect((e.input.pairingEndsOn as string) < '2027-03-15').toBe(true);
  });

  it('a program lengthened from 2 months to 4: the later end is named, and the review comes that day', () => {
    const told = expectEndKept(changed({ durationMonths: 2, checkInCadenceDays: 14, sendWindowMinutes: 0 }, { durationMonths: 4 }), 'meetingsRescheduled');
    for (const e of told) expect((e.input.pairingEndsOn as string) > '2027-04-30').toBe(true);
  });

  it('a last check-in whose answer window runs past the plan’s end holds the review back, and the day named is that later one', () => {
    // Check-ins every 9 days answered within 8: each round waits for the one before to close, and the last closes after the plan's end.
    const r = changed({ durationMonths: 3, checkInCadenceDays: 9, checkInAnswerWindowDays: 8, sendWindowMinutes: 0 }, { durationMonths: 4 });
    const told = expectEndKept(r, 'meetingsRescheduled');
    const planEnd = new Date(r.pairing.acceptedAt!);
    planEnd.setUTCMonth(planEnd.getUTCMonth() + 4);
    // The plan ends on Tuesday 4 May, so the review would reach them on Wednesday 5 May: it comes later (Friday 7 May).
    expect(dayIn(planEnd.toISOString(), 'Europe/London')).toBe('2027-05-04');
    for (const e of told) expect(dayIn(e.input.pairingEndsOn as string, zoneOf(e)) > '2027-05-05').toBe(true);
  });

  it('a change of the cadence alone names the end too, unmoved', () => {
    const plain = simulate({ answer: agreeable, program: { lifecycle: { durationMonths: 3, checkInCadenceDays: 14, sendWindowMinutes: 0 } as never } });
    const r = changed({ durationMonths: 3, checkInCadenceDays: 14, sendWindowMinutes: 0 }, { checkInCadenceDays: 21 });
    for (const e of expectEndKept(r, 'meetingsRescheduled')) {
      const before = plain.emails.find((x) => x.template === 'milestoneSurvey' && x.input.final === true && zoneOf(x) === zoneOf(e))!;
      expect(dayIn(e.input.pairingEndsOn as string, zoneOf(e))).toBe(dayIn(before.sentAt, zoneOf(e)));
    }
  });
});
