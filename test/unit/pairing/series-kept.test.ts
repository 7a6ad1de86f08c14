import { describe, expect, it } from 'vitest';
import type { AvailabilityWindow } from '../../../functions/domain/participant';
import { instantOf, localParts, seriesDate, type BusySeries, type FoundSlot, type MeetingSlot } from '../../../functions/domain/meeting-slot';
import { whenIn } from '../../../functions/domain/emails/meeting-text';
import { calendarCancel, seriesBasis } from '../../../functions/domain/pairing/meeting';
import { renderIntent } from '../../../functions/domain/pairing/render';
import type { LifecycleContext } from '../../../functions/domain/pairing/context';
import { agreeable, participant, simPairing, simProgram, simulate, type SimEmail, type SimOptions } from './simulate';

/** The series an email sends (its calendar invitation's slot), if any. */
const sent = (emails: SimEmail[], template: string) =>
  emails.filter((e) => e.template === template).map((e) => (e.input.calendar as { slot?: MeetingSlot } | undefined)?.slot);
const weekdayAndTime = (slot: FoundSlot) => [localParts(Date.parse(slot.start), slot.timeZone).weekday, slot.localTime];

// Both free on Monday 10:00-12:00 and Thursday 10:00-16:00 Berlin (the mentor is in London).
const hours = (shift: number): AvailabilityWindow[] => [
  { day: 'mon', start: `${String(9 + shift).padStart(2, '0')}:00`, end: `${String(11 + shift).padStart(2, '0')}:00` },
  { day: 'thu', start: `${String(9 + shift).padStart(2, '0')}:00`, end: `${String(15 + shift).padStart(2, '0')}:00` },
];
const base: SimOptions = {
  answer: agreeable,
  program: { lifecycle: { sendWindowMinutes: 0 } as never },
  mentor: { availability: hours(0) },
  mentee: { availability: hours(1) },
};
const intro = sent(simulate(base).emails, 'introduction')[0] as FoundSlot;

/** The mentor's other mentee, introduced during this pair's pause (from 2 February): weekly, at this pair's time. */
const other: BusySeries = {
  timeZone: 'Europe/Berlin',
  localDate: new Date(Date.parse(intro.localDate) + 28 * 86_400_000).toISOString().slice(0, 10),
  localTime: intro.localTime,
  durationMinutes: 45,
  recurrence: { freq: 'WEEKLY', interval: 1 },
  until: '2027-12-27T09:00:00Z',
  skipped: [],
};
const otherFromFebruary = (now: Date) => (now.getTime() >= Date.parse('2027-02-05T00:00:00Z') ? [other] : []);
/** Whether any meeting of one series overlaps one of the other's. */
const meetingsOf = (series: BusySeries) => {
  const out: number[] = [];
  const minutes = Number(series.localTime.slice(0, 2)) * 60 + Number(series.localTime.slice(3));
  for (let k = 0; ; k++) {
    const at = instantOf(seriesDate(series.localDate, series.recurrence, k), minutes, series.timeZone);
    if (at > Date.parse(series.until)) return out;
    out.push(at);
  }
};
const overlaps = (a: BusySeries, b: BusySeries) =>
  meetingsOf(a).some((x) => meetingsOf(b).some((y) => x < y + b.durationMinutes * 60_000 && y < x + a.durationMinutes * 60_000));

describe('the series a resume or a schedule change sends again', () => {
  it('keeps the pair’s established weekday and time, at a resume and at a schedule change', () => {
    expect(intro).toMatchObject({ found: true, timeZone: 'Europe/Berlin' });
    // Paused and resumed the day after their meeting day: the first free time from then is another weekday.
    const day = (weeks: number) => new Date(Date.parse(intro.start) + (weeks * 7 + 1) * 86_400_000).toISOString();
    const r = simulate({
      ...base,
      controls: [
        { at: day(2), request: { kind: 'pause' } },
        { at: day(4), request: { kind: 'resume' } },
      ],
      programChanges: [{ at: day(7), program: { lifecycle: { sendWindowMinutes: 0, checkInCadenceDays: 7 } as never } }],
    });
    const [resumed] = sent(r.emails, 'pairingResumed') as FoundSlot[];
    // The resume email names the first meeting of the series it carries, in the reader's zone.
    for (const e of r.emails.filter((x) => x.template === 'pairingResumed')) {
      const zone = (e.input.to as { timeZone: string }).timeZone;
      const text = renderIntent('pairingResumed', e.input).text.replace(/\s+/g, ' ');
      expect(text).toContain(`the first on ${whenIn(resumed!.start, zone)}`);
      expect(text).not.toContain('agree on a time');
    }
    const [rescheduled] = sent(r.emails, 'meetingsRescheduled') as FoundSlot[];
    expect(resumed!.start > day(4)).toBe(true);
    expect(weekdayAndTime(resumed!)).toEqual(weekdayAndTime(intro));
    expect(rescheduled!.start > day(7)).toBe(true);
    expect(weekdayAndTime(rescheduled!)).toEqual(weekdayAndTime(intro));
    expect(rescheduled!.recurrence).toEqual({ freq: 'WEEKLY', interval: 1 });
  });

  it('starts after both people have its email: a change decided on Saturday evening proposes no Monday 09:00 meeting its Monday email comes after', () => {
    const mondays: SimOptions = {
      ...base,
      mentor: { availability: [{ day: 'mon', start: '09:00', end: '11:00' }] },
      mentee: { availability: [{ day: 'mon', start: '10:00', end: '12:00' }] },
    };
    const first = sent(simulate(mondays).emails, 'introduction')[0] as FoundSlot;
    expect(weekdayAndTime(first)).toEqual(['mon', '10:00']);
    // Saturday 20:00 UTC before the pair's fourth Monday meeting (09:00 UTC).
    const saturday = new Date(Date.parse(first.start) + (3 * 7 * 24 - 37) * 3_600_000).toISOString();
    const r = simulate({ ...mondays, programChanges: [{ at: saturday, program: { lifecycle: { sendWindowMinutes: 0, checkInCadenceDays: 7 } as never } }] });
    const emails = r.emails.filter((e) => e.template === 'meetingsRescheduled');
    expect(emails).toHaveLength(2);
    for (const e of emails) {
      const slot = (e.input.calendar as { slot: FoundSlot }).slot;
      const arrives = e.notBefore ?? e.sentAt;
      expect(Date.parse(arrives)).toBeGreaterThan(Date.parse(saturday) + 24 * 3_600_000);
      expect(slot.start > arrives).toBe(true);
      // A pair that may have met already: the new series' first meeting, not their first (QA hr7).
      const text = renderIntent(e.template, e.input).text.replace(/\s+/g, ' ');
      expect(text).toContain(`The first meeting of the new series: ${whenIn(slot.start, (e.input.to as { timeZone: string }).timeZone)}`);
      expect(text).not.toContain('Your first meeting');
    }
  });

  it('at a resume, moves off the other pairing’s series that took the time meanwhile, and stores the series it sends', () => {
    // Resumed the evening before their meeting day: a search from the next day would start at that time.
    const eve = new Date(Date.parse(intro.start) + (4 * 7 - 1) * 86_400_000 - 60_000).toISOString();
    const r = simulate({
      ...base,
      busySeries: otherFromFebruary,
      controls: [
        { at: '2027-02-02T10:00:00Z', request: { kind: 'pause' } },
        { at: eve, request: { kind: 'resume' } },
      ],
    });
    const resumed = sent(r.emails, 'pairingResumed');
    expect(resumed).toHaveLength(2);
    const slot = resumed[0] as FoundSlot;
    expect(slot.found).toBe(true);
    expect(overlaps(slot, other)).toBe(false);
    expect(r.pairing.meetingSlot).toEqual(slot);
    expect(r.pairing.seriesBasis).toBeDefined();
  });

  it('at a schedule change, moves off the other pairing’s series, and stores the series it sends', () => {
    const eve = new Date(Date.parse(intro.start) + (4 * 7 - 1) * 86_400_000 - 60_000).toISOString();
    const r = simulate({
      ...base,
      busySeries: otherFromFebruary,
      programChanges: [{ at: eve, program: { lifecycle: { sendWindowMinutes: 0, checkInCadenceDays: 7 } as never } }],
    });
    const rescheduled = sent(r.emails, 'meetingsRescheduled');
    expect(rescheduled).toHaveLength(2);
    const slot = rescheduled[0] as FoundSlot;
    expect(slot.found).toBe(true);
    expect(overlaps(slot, other)).toBe(false);
    expect(r.pairing.meetingSlot).toEqual(slot);
  });

  it('is what a third pairing of the same person avoids (the stored slot is the series sent last)', () => {
    const eve = new Date(Date.parse(intro.start) + (4 * 7 - 1) * 86_400_000 - 60_000).toISOString();
    const r = simulate({
      ...base,
      busySeries: otherFromFebruary,
      controls: [
        { at: '2027-02-02T10:00:00Z', request: { kind: 'pause' } },
        { at: eve, request: { kind: 'resume' } },
      ],
    });
    const resumed = sent(r.emails, 'pairingResumed')[0] as FoundSlot;
    // A third pairing of the mentor, introduced later, weekly, both free on Thursdays only: its
    // busy times are what the other two pairings store (adapters/pairings.ts, otherSeries).
    const third = simulate({
      ...base,
      program: { lifecycle: { sendWindowMinutes: 0, checkInCadenceDays: 7 } as never },
      start: '2027-03-01T08:00:00Z',
      mentor: { availability: hours(0).slice(1) },
      mentee: { availability: hours(1).slice(1) },
      busySeries: [other, r.pairing.meetingSlot as FoundSlot],
    });
    const slot = sent(third.emails, 'introduction')[0] as FoundSlot;
    expect(slot.found).toBe(true);
    expect(overlaps(slot, other)).toBe(false);
    expect(overlaps(slot, resumed)).toBe(false);
  });
});

describe('the calendar cancel at a pause or an end', () => {
  const program = simProgram();
  const at = '2027-03-01T10:00:00Z';
  // Hours that no longer overlap (HR changed them after the series went out): a search finds nothing.
  const ctx = (pairing: LifecycleContext['pairing']): LifecycleContext => ({
    pairing,
    program,
    mentor: participant('mentor', { availability: [{ day: 'tue', start: '09:00', end: '10:00' }] }),
    mentee: participant('mentee', { availability: [{ day: 'fri', start: '09:00', end: '10:00' }] }),
    now: new Date(at),
    execution: { startedAt: at, generation: 1 },
  });

  it('cancels the series the pairing stored, whatever a search would find now', () => {
    const c = ctx(simPairing('2027-01-04T08:00:00Z', { status: 'active', meetingSlot: intro }));
    const stored = { ...c, pairing: { ...c.pairing, seriesBasis: seriesBasis(c) } };
    expect(calendarCancel(stored, stored.pairing, at)).toMatchObject({ calendar: { method: 'CANCEL' } });
    // No basis (a resume that sent nothing), but the stored slot is found: still cancelled.
    expect(calendarCancel(c, c.pairing, at)).toMatchObject({ calendar: { method: 'CANCEL' } });
  });

  it('cancels nothing when the stored slot says no series was sent, however the hours overlap now', () => {
    const c = ctx(simPairing('2027-01-04T08:00:00Z', { status: 'active', meetingSlot: { found: false } }));
    const overlapping: LifecycleContext = { ...c, mentor: participant('mentor'), mentee: participant('mentee') };
    expect(calendarCancel(overlapping, c.pairing, at)).toEqual({});
  });
});
