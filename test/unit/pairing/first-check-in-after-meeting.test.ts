import { describe, expect, it } from 'vitest';
import type { FoundSlot } from '../../../functions/domain/meeting-slot';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimEmail, type SimOptions } from './simulate';

/**
 * The first check-in asks whether the pair met, so it never comes before the first meeting their
 * series suggests (context.ts, openNotBefore). QA: introduced on 1 December 2026 with a first meeting
 * on Thursday 10 December, accepted on 2 December; HR then cut the cadence from 14 to 7 days. The
 * series kept its Thursday and the check-in came on Wednesday 9 December: a pair keeping the
 * product's slot had to answer NO, a missed check-in that started the escalation.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
const LINKS = Object.fromEntries(['yes', 'no', 'answer', 'pause', 'end'].map((k) => [k, `https://answers.example.com/r/${k}`]));
const zoneOf = (e: SimEmail) => (e.input.to as { timeZone: string }).timeZone;

// Both free on Thursdays only (the mentor in London, the mentee in Berlin): the series meets on Thursdays.
const base: SimOptions = {
  start: '2026-12-01T08:00:00Z',
  mentor: { availability: [{ day: 'thu', start: '09:00', end: '15:00' }] },
  mentee: { availability: [{ day: 'thu', start: '10:00', end: '16:00' }] },
  // Both accept a day after their introduction; every check-in is answered NO (they keep the slot, so
  // a check-in before the first meeting is one they cannot say YES to).
  answer: (e, side) =>
    e.question?.purpose === 'acceptance'
      ? { text: { intent: 'yes' }, delayHours: 24 }
      : e.question?.purpose === 'check-in'
        ? { text: { intent: 'no' } }
        : agreeable?.(e, side),
  maxSteps: 80,
};

/** Each reader's first check-in email, and the end of the series' first meeting. */
function firstCheckIns(r: ReturnType<typeof simulate>, slot: FoundSlot) {
  const meetingEnds = Date.parse(slot.start) + slot.durationMinutes * 60_000;
  const first = ['Europe/London', 'Europe/Berlin'].map((zone) => r.emails.find((e) => e.template === 'checkInRequest' && zoneOf(e) === zone)!);
  return { meetingEnds, first };
}

describe('the first check-in and the first meeting', () => {
  it('after a cadence change that keeps the series, comes after its first meeting, on the day the change email names', () => {
    const r = simulate({
      ...base,
      programChanges: [{ at: '2026-12-03T10:00:00Z', program: { lifecycle: { checkInCadenceDays: 7, sendTime: '14:00' } as never } }],
    });
    expect(r.pairing.acceptedAt?.slice(0, 10)).toBe('2026-12-02');
    const told = r.emails.filter((e) => e.template === 'meetingsRescheduled');
    expect(told).toHaveLength(2);
    const slot = (told[0]!.input.calendar as { slot: FoundSlot }).slot;
    // The series keeps the introduction's first meeting: Thursday 10 December.
    expect(slot.start.slice(0, 10)).toBe('2026-12-10');
    const { meetingEnds, first } = firstCheckIns(r, slot);
    for (const e of first) {
      expect(e, 'a first check-in').toBeDefined();
      expect(Date.parse(e.sentAt), zoneOf(e)).toBeGreaterThanOrEqual(meetingEnds);
    }
    // What the change email names is the day the check-in actually comes.
    for (const e of told) {
      const asked = first.find((x) => zoneOf(x) === zoneOf(e))!;
      expect(e.input.nextCheckIn, zoneOf(e)).toBe(asked.sentAt);
      const text = flat(renderIntent(e.template, e.input, LINKS).text);
      expect(text).toContain('the next check-in comes on Thursday 10 December 2026');
      expect(text).not.toContain('Wednesday 9 December');
    }
  });

  it('in a weekly program, comes after the introduction’s first meeting', () => {
    const r = simulate({ ...base, program: { lifecycle: { checkInCadenceDays: 7 } as never } });
    const intro = r.emails.find((e) => e.template === 'introduction')!;
    const slot = (intro.input.calendar as { slot: FoundSlot }).slot;
    expect(slot.start.slice(0, 10)).toBe('2026-12-10');
    const { meetingEnds, first } = firstCheckIns(r, slot);
    for (const e of first) expect(Date.parse(e.sentAt), zoneOf(e)).toBeGreaterThanOrEqual(meetingEnds);
    // The plan goes on at its cadence after it: the second check-in is not held back by the meeting.
    const second = r.emails.filter((e) => e.template === 'checkInRequest' && zoneOf(e) === 'Europe/Berlin')[1]!;
    expect(second.sentAt.slice(0, 10)).toBe('2026-12-17');
  });

  it('in a weekly program whose first meeting falls on the second check-in’s day, asks that one and keeps the plan’s end', () => {
    // Both free on Mondays only: introduced Monday 4 January 2027, accepted that day, first meeting Monday 18 January.
    const weekly: SimOptions = {
      answer: agreeable,
      program: { lifecycle: { checkInCadenceDays: 7, durationMonths: 3 } as never },
      mentor: { availability: [{ day: 'mon', start: '09:00', end: '12:00' }] },
      mentee: { availability: [{ day: 'mon', start: '10:00', end: '13:00' }] },
    };
    const r = simulate(weekly);
    const slot = (r.emails.find((e) => e.template === 'introduction')!.input.calendar as { slot: FoundSlot }).slot;
    expect(slot.start.slice(0, 10)).toBe('2027-01-18');
    const { meetingEnds, first } = firstCheckIns(r, slot);
    for (const e of first) expect(Date.parse(e.sentAt), zoneOf(e)).toBeGreaterThanOrEqual(meetingEnds);
    // Holding the first check-in a week would have run every round after it a week late: the
    // pairing completes within days of the plan's end (4 April), not a week after it.
    const completed = r.events.find((e) => e.type === 'PairingCompleted')!.at;
    expect(completed < '2027-04-08', completed).toBe(true);
  });
});
