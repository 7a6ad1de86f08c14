import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate } from './simulate';

/**
 * HR changes the cadence after the pair was told "The next check-in comes on <date>" (QA settings):
 * the email that follows the change names the next check-in as it now stands, and that is when it
 * comes; the date named before is said not to hold.
 */
describe('the email of a schedule change', () => {
  it('names the next check-in under the new cadence, and it comes that day', () => {
    const plain = simulate({ answer: agreeable, program: { lifecycle: { sendWindowMinutes: 0 } as never } });
    const checkIns = (r: typeof plain) =>
      r.emails.filter((e) => e.template === 'checkInRequest' && (e.input.to as { timeZone: string }).timeZone === 'Europe/Berlin');
    // The day after the first check-in was asked, HR spaces the check-ins by 21 days instead of 14.
    const firstAsked = checkIns(plain)[0]!.sentAt;
    const changeAt = new Date(Date.parse(firstAsked) + 2 * 86_400_000).toISOString();
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: { sendWindowMinutes: 0 } as never },
      programChanges: [{ at: changeAt, program: { lifecycle: { sendWindowMinutes: 0, checkInCadenceDays: 21 } as never } }],
    });
    const told = r.emails.filter((e) => e.template === 'meetingsRescheduled');
    expect(told.length).toBeGreaterThan(0);
    for (const e of told) {
      const zone = (e.input.to as { timeZone: string }).timeZone;
      const next = e.input.nextCheckIn as string;
      expect(next, zone).toBeDefined();
      const asked = r.emails.filter(
        (x) => x.template === 'checkInRequest' && (x.input.to as { timeZone: string }).timeZone === zone && x.sentAt > e.sentAt,
      )[0]!;
      expect(asked.sentAt.slice(0, 10), zone).toBe(new Date(next).toISOString().slice(0, 10));
      const text = renderIntent('meetingsRescheduled', e.input).text.replace(/\s+/g, ' ');
      expect(text).toMatch(/With the new schedule: (the next check-in comes|next comes your) .* on /);
    }
  });
});

/**
 * HR moves the milestone reviews after a nudge named "Next comes your Day 30 review, on <date>"
 * (QA hrops3): the pair's calendar series does not change, so meetingsRescheduled is not sent; each
 * person whose next question moved is told how it now stands, and it comes then.
 */
describe('the email of a change that moves the next question but not the series', () => {
  const lifecycle = { durationMonths: 3, checkInCadenceDays: 14, milestoneDays: [30], sendWindowMinutes: 0 };
  const questionTemplates = new Set(['checkInRequest', 'milestoneSurvey']);
  const zoneOf = (e: { input: Record<string, unknown> }) => (e.input.to as { timeZone: string }).timeZone;
  // The day the first review was asked in a run without the change.
  const plain = simulate({ answer: agreeable, program: { lifecycle: lifecycle as never } });
  const firstReview = plain.emails.find((e) => e.template === 'milestoneSurvey')!.sentAt;
  const fiveDaysBefore = new Date(Date.parse(firstReview) - 5 * 86_400_000).toISOString();

  it.each([
    ['later', [45], 'Day 45 review'],
    ['earlier', [21], 'Day 21 review'],
  ])('reviews moved %s: the next question as it now stands, and it comes that day', (_how, milestoneDays, label) => {
    const changeAt = _how === 'later' ? fiveDaysBefore : new Date(Date.parse(firstReview) - 12 * 86_400_000).toISOString();
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: lifecycle as never },
      programChanges: [{ at: changeAt, program: { lifecycle: { ...lifecycle, milestoneDays } as never } }],
    });
    expect(r.emails.filter((e) => e.template === 'meetingsRescheduled')).toEqual([]);
    const told = r.emails.filter((e) => e.template === 'datesRescheduled');
    expect(told.map(zoneOf).sort()).toEqual(['Europe/Berlin', 'Europe/London']);
    for (const e of told) {
      expect(e.sentAt >= changeAt).toBe(true);
      const next = r.emails.find((x) => questionTemplates.has(x.template) && zoneOf(x) === zoneOf(e) && x.sentAt > e.sentAt && x.question)!;
      expect(next.sentAt.slice(0, 10), zoneOf(e)).toBe(new Date(e.input.nextCheckIn as string).toISOString().slice(0, 10));
      expect(next.template).toBe(e.input.nextReview ? 'milestoneSurvey' : 'checkInRequest');
      const text = renderIntent('datesRescheduled', e.input).text.replace(/\s+/g, ' ');
      expect(text).toContain('A date named in an earlier email no longer holds.');
      expect(text).toMatch(/With the new schedule: (the next check-in comes|next comes your) .* on /);
    }
    // The review the change brought is the one asked, under its new name.
    expect(r.emails.filter((e) => e.template === 'milestoneSurvey').some((e) => JSON.stringify(e.input).includes(label))).toBe(true);
  });

  it('a change that leaves every next question where it was tells nobody', () => {
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: lifecycle as never },
      programChanges: [{ at: fiveDaysBefore, program: { lifecycle: { ...lifecycle, checkInAnswerWindowDays: 7 } as never } }],
    });
    expect(r.emails.filter((e) => e.template === 'datesRescheduled' || e.template === 'meetingsRescheduled')).toEqual([]);
    expect(r.pairing.planSettings).toContain('"checkInAnswerWindowDays":7');
  });
});
