import { describe, expect, it } from 'vitest';
import { missedCheckInNudge } from '../../../functions/domain/emails';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate } from './simulate';

/**
 * The nudge after the last check-in (QA finale3, bug 3): no "book your next three sessions" for
 * sessions the program no longer asks about, but what comes next, the end-of-program review.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
const program = { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } };
const to = { name: 'Mia Mentor', timeZone: 'Europe/London' };

describe('the nudge after the last check-in', () => {
  it('names the end-of-program review and its day, and gives no advice for sessions to come', () => {
    const text = flat(missedCheckInNudge({ to, program, partner: { name: 'Sam Senior' }, finalReviewNextOn: '2027-03-01T09:30:00Z' }).text);
    expect(text).toContain('That was the last check-in: your end-of-program review comes next, on Monday 1 March 2027.');
    expect(text).not.toContain('Book your next three sessions');
    expect(text).not.toContain('answer YES to your next check-in');
  });

  it('keeps the tips while a check-in is to come', () => {
    const text = flat(missedCheckInNudge({ to, program, partner: { name: 'Sam Senior' }, nextCheckIn: '2027-02-15T09:30:00Z', checkInLeft: true }).text);
    expect(text).toContain('Book your next three sessions');
    expect(text).not.toContain('That was the last check-in');
  });

  it('is what the lifecycle sends when a pair misses its last check-in', () => {
    // A pair that meets every time but the last check-in: found in a run where they always meet.
    const lifecycle = { durationMonths: 2, checkInCadenceDays: 14, sendWindowMinutes: 0 } as never;
    const rounds = simulate({ answer: agreeable, program: { lifecycle } }).emails.flatMap((e) =>
      e.question?.purpose === 'check-in' ? [e.question.roundKey as string] : [],
    );
    const lastRound = rounds.at(-1);
    const r = simulate({
      answer: (e, side) => (e.question?.purpose === 'check-in' && e.question.roundKey === lastRound ? undefined : agreeable?.(e, side)),
      program: { lifecycle },
    });
    const nudges = r.emails.filter((e) => e.template === 'missedCheckInNudge');
    const lastOnes = nudges.filter((e) => e.input.checkInLeft !== true);
    expect(lastOnes.length).toBeGreaterThan(0);
    for (const e of lastOnes) {
      const text = flat(renderIntent(e.template, e.input, {}).text);
      expect(text).toMatch(/That was the last check-in: your end-of-program review comes next, on \w+day \d+ \w+ \d{4}\./);
    }
  });
});
