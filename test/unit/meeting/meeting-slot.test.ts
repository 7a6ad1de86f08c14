import { describe, expect, it } from 'vitest';
import { localParts, proposeMeetingSlot, recurrenceOf, type BusySeries, type FoundSlot, type MeetingSlotRequest } from '../../../functions/domain/meeting-slot';
import type { AvailabilityWindow } from '../../../functions/domain/participant';
import { meetingBlocks } from '../../../functions/domain/emails/meeting-text';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const everyWeekday = (start: string, end: string): AvailabilityWindow[] => WEEKDAYS.map((day) => ({ day, start, end }));
const berlin = { timeZone: 'Europe/Berlin', availability: everyWeekday('08:00', '18:00') };
const newYork = { timeZone: 'America/New_York', availability: everyWeekday('08:00', '18:00') };
const singapore = { timeZone: 'Asia/Singapore', availability: everyWeekday('08:00', '18:00') };

function slot(request: Partial<MeetingSlotRequest>): FoundSlot {
  const s = proposeMeetingSlot({
    anchor: berlin,
    other: newYork,
    cadenceDays: 7,
    notBefore: new Date('2027-03-01T00:00:00Z'),
    until: new Date('2027-04-30T00:00:00Z'),
    ...request,
  });
  if (!s.found) throw new Error('expected a slot');
  return s;
}

/** Every meeting start of a weekly series, from its first start and anchor wall clock. */
function weeklyStarts(s: FoundSlot): number[] {
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const d = new Date(Date.parse(`${s.localDate}T00:00:00Z`) + k * 7 * (s.recurrence.freq === 'WEEKLY' ? s.recurrence.interval : 0) * 86_400_000);
    const day = d.toISOString().slice(0, 10);
    // Find the instant that shows the anchor's wall clock on that day (scan the day's quarter hours).
    let found: number | undefined;
    for (let t = Date.parse(`${day}T00:00:00Z`) - 14 * 3_600_000; t < Date.parse(`${day}T00:00:00Z`) + 38 * 3_600_000; t += 900_000) {
      const p = localParts(t, s.timeZone);
      if (p.date === day && p.minutes === Number(s.localTime.slice(0, 2)) * 60 + Number(s.localTime.slice(3))) found = t;
    }
    if (found === undefined || found > Date.parse(s.until)) return out;
    out.push(found);
  }
}

describe('proposeMeetingSlot', () => {
  it('takes the earliest half hour inside both people’s hours, in the anchor’s zone, and keeps it across daylight saving', () => {
    const s = slot({});
    // 15:00 in Berlin is 09:00 in New York: the first half hour inside both working days.
    expect(s).toMatchObject({ timeZone: 'Europe/Berlin', localDate: '2027-03-01', localTime: '15:00', durationMinutes: 45, outsideHours: 0 });
    expect(s.start).toBe('2027-03-01T14:00:00.000Z');
    expect(s.recurrence).toEqual({ freq: 'WEEKLY', interval: 1 });
    const starts = weeklyStarts(s);
    expect(starts.length).toBe(s.meetings);
    // Berlin's wall clock never moves; New York's moves to 10:00 in the weeks between the two changes (14 and 28 March 2027).
    for (const t of starts) expect(localParts(t, 'Europe/Berlin').minutes).toBe(15 * 60);
    const nyHours = starts.map((t) => localParts(t, 'America/New_York').minutes / 60);
    expect(nyHours).toEqual(starts.map((t) => (t >= Date.parse('2027-03-14T07:00:00Z') && t < Date.parse('2027-03-28T01:00:00Z') ? 10 : 9)));
    expect(s.until).toBe(new Date(starts.at(-1)!).toISOString());
  });

  it('looks a whole week ahead: a pair free only on Monday mornings, asked on a Monday after the window opened, meets the next Monday', () => {
    const mondayMorning = (timeZone: string) => ({ timeZone, availability: [{ day: 'mon' as const, start: '09:00', end: '11:00' }] });
    // Monday 1 March 2027, 10:20 in Berlin: too late for a 45-minute meeting on the half hour that day.
    const s = slot({ anchor: mondayMorning('Europe/Berlin'), other: mondayMorning('Europe/Paris'), notBefore: new Date('2027-03-01T09:20:00Z') });
    expect(s).toMatchObject({ localDate: '2027-03-08', localTime: '09:00', outsideHours: 0 });
    // And never a week or more after notBefore: the same request from 08:00 takes that very Monday.
    expect(slot({ anchor: mondayMorning('Europe/Berlin'), other: mondayMorning('Europe/Paris'), notBefore: new Date('2027-03-01T07:00:00Z') })).toMatchObject({
      localDate: '2027-03-01',
      localTime: '09:00',
    });
  });

  it('never starts before notBefore', () => {
    const s = slot({ notBefore: new Date('2027-03-01T14:10:00Z') });
    expect(Date.parse(s.start)).toBeGreaterThanOrEqual(Date.parse('2027-03-01T14:10:00Z'));
    expect(s).toMatchObject({ localDate: '2027-03-01', localTime: '15:30' });
  });

  it('says there is no slot when the working days do not overlap (Singapore and New York)', () => {
    expect(
      proposeMeetingSlot({
        anchor: singapore,
        other: newYork,
        cadenceDays: 14,
        notBefore: new Date('2027-03-01T00:00:00Z'),
        until: new Date('2027-09-01T00:00:00Z'),
      }),
    ).toEqual({
      found: false,
    });
  });

  it('says when their availability meets only outside the working hours, not that it never meets (QA matching3)', () => {
    const early = (timeZone: string, start: string, end: string) => ({ timeZone, availability: [{ day: 'mon' as const, start, end }] });
    const none = proposeMeetingSlot({
      anchor: early('Asia/Tokyo', '06:00', '08:00'),
      other: early('Asia/Singapore', '05:00', '07:00'),
      cadenceDays: 14,
      notBefore: new Date('2027-03-01T00:00:00Z'),
      until: new Date('2027-09-01T00:00:00Z'),
    });
    expect(none).toEqual({ found: false, outsideWorkingHours: true });
    const text = meetingBlocks({ slot: none, partner: { name: 'Sam Lee', timeZone: 'Asia/Singapore' } }, 'Asia/Tokyo')
      .map((b) => JSON.stringify(b))
      .join(' ');
    expect(text).toContain("fall outside the program's working hours");
    expect(text).not.toContain('do not overlap');
  });

  it('anchors Berlin and Singapore at 09:00 Berlin: 16:00 in Singapore in winter, 15:00 from the end of March', () => {
    const s = slot({ other: singapore });
    expect(s).toMatchObject({ localTime: '09:00', outsideHours: 0 });
    const starts = weeklyStarts(s);
    expect(starts.map((t) => localParts(t, 'Asia/Singapore').minutes / 60)).toEqual(starts.map((t) => (t < Date.parse('2027-03-28T01:00:00Z') ? 16 : 15)));
  });

  it('stays inside both people’s availability windows', () => {
    const s = slot({ other: { timeZone: 'America/New_York', availability: [{ day: 'wed', start: '10:00', end: '12:00' }] } });
    // Wednesday 10:00 in New York is 16:00 in Berlin (both in winter time on 3 March 2027).
    expect(s).toMatchObject({ localDate: '2027-03-03', localTime: '16:00' });
    expect(localParts(Date.parse(s.start), 'America/New_York')).toMatchObject({ weekday: 'wed', minutes: 10 * 60 });
  });

  it('follows the program’s working hours and working days', () => {
    const s = slot({ other: berlin, workingHours: { days: ['tue', 'thu'], start: '10:30', end: '16:00' } });
    expect(s).toMatchObject({ localDate: '2027-03-02', localTime: '10:30' });
  });

  it('skips meetings on the program’s holidays (and never starts on one)', () => {
    const s = slot({ other: berlin, nonWorkingDays: ['2027-03-01', '2027-03-16'] });
    expect(s.localDate).toBe('2027-03-02');
    expect(s.skipped).toEqual(['2027-03-16T08:00:00.000Z']);
    expect(s.meetings).toBe(weeklyStarts(s).length - 1);
  });

  it('prefers the slot with the fewest meetings outside someone’s hours, and counts the rest', () => {
    // New York is free 09:00-09:45 only: 15:00 Berlin fits except while the US is already on summer time.
    const s = slot({ other: { timeZone: 'America/New_York', availability: everyWeekday('09:00', '09:45') } });
    expect(s).toMatchObject({ localTime: '15:00', outsideHours: 2 });
  });

  it('meets at the program’s cadence: every week, every n weeks, or monthly on the same weekday', () => {
    expect(recurrenceOf(7, '2027-03-01')).toEqual({ freq: 'WEEKLY', interval: 1 });
    expect(recurrenceOf(14, '2027-03-01')).toEqual({ freq: 'WEEKLY', interval: 2 });
    expect(recurrenceOf(21, '2027-03-01')).toEqual({ freq: 'WEEKLY', interval: 3 });
    expect(recurrenceOf(30, '2027-03-09')).toEqual({ freq: 'MONTHLY', interval: 1, ordinal: 2, weekday: 'tue' });
    expect(recurrenceOf(30, '2027-03-29')).toEqual({ freq: 'MONTHLY', interval: 1, ordinal: -1, weekday: 'mon' });
    const monthly = slot({ cadenceDays: 30, until: new Date('2027-08-01T00:00:00Z') });
    // First Monday of March to the first Monday of July: five meetings.
    expect(monthly).toMatchObject({ recurrence: { freq: 'MONTHLY', ordinal: 1, weekday: 'mon' }, meetings: 5 });
  });
});

describe('a first week when the two zones have changed their clocks on different dates', () => {
  // New York has moved to summer time (14 March 2027), London not yet (28 March): for two weeks
  // Sam's 09:00-11:00 in New York is 13:00-15:00 in London, before Mia's 15:00-17:00.
  const sam = { timeZone: 'America/New_York', availability: [{ day: 'tue' as const, start: '09:00', end: '11:00' }] };
  const mia = { timeZone: 'Europe/London', availability: [{ day: 'tue' as const, start: '15:00', end: '17:00' }] };

  it('finds the first week they overlap again, instead of telling them their hours never do', () => {
    const s = slot({ anchor: sam, other: mia, notBefore: new Date('2027-03-15T12:00:00Z'), until: new Date('2027-06-30T00:00:00Z') });
    expect(s).toMatchObject({ localDate: '2027-03-30', localTime: '10:00', outsideHours: 0 });
  });

  it('keeps the first week when a meeting fits in it', () => {
    const s = slot({ anchor: sam, other: mia, notBefore: new Date('2027-03-01T12:00:00Z'), until: new Date('2027-03-12T00:00:00Z') });
    expect(s.localDate).toBe('2027-03-02');
  });

  it('still finds none for hours that never overlap', () => {
    const never = { timeZone: 'Europe/London', availability: [{ day: 'wed' as const, start: '15:00', end: '17:00' }] };
    expect(
      proposeMeetingSlot({ anchor: sam, other: never, cadenceDays: 7, notBefore: new Date('2027-03-15T12:00:00Z'), until: new Date('2027-06-30T00:00:00Z') })
        .found,
    ).toBe(false);
  });
});

describe('a first week whose only shared day is a program holiday', () => {
  it('looks in the weeks after it', () => {
    const tue = (timeZone: string) => ({ timeZone, availability: [{ day: 'tue' as const, start: '09:00', end: '12:00' }] });
    const s = slot({
      anchor: tue('Europe/Berlin'),
      other: tue('Europe/Paris'),
      notBefore: new Date('2027-06-07T08:00:00Z'),
      until: new Date('2027-09-30T00:00:00Z'),
      nonWorkingDays: ['2027-06-08'],
    });
    expect(s.localDate).toBe('2027-06-15');
  });
});

describe('a person who already meets someone else (busy series)', () => {
  const MEETING_MS = 45 * 60_000;
  /** Whether any meeting of one series overlaps one of the other's. */
  const overlaps = (a: BusySeries, b: BusySeries) => {
    const theirs = weeklyStarts(b as FoundSlot);
    return weeklyStarts(a as FoundSlot).some((x) => theirs.some((y) => x < y + MEETING_MS && y < x + MEETING_MS));
  };

  it('moves the series off the times of the other series, and keeps both introductions’ answer the same', () => {
    const taken = slot({});
    const s = slot({ busy: [taken] });
    expect(s.start).not.toBe(taken.start);
    expect(overlaps(s, taken)).toBe(false);
    // Half an hour later would still overlap the 45-minute meeting: the next free half hour is an hour later.
    expect(Date.parse(s.start) - Date.parse(taken.start)).toBe(3_600_000);
    expect(slot({ busy: [taken] })).toEqual(s);
  });

  it('compares meetings, not weekdays: a series every two weeks leaves the weeks between free', () => {
    const first = slot({ cadenceDays: 14 });
    const offWeeks: BusySeries = { ...first, localDate: '2027-03-08', start: undefined } as unknown as BusySeries;
    expect(slot({ cadenceDays: 14, busy: [offWeeks] }).start).toBe(first.start);
  });

  it('takes the week between when the other series every two weeks holds the only shared time of the first (QA)', () => {
    const tue = (timeZone: string) => ({ timeZone, availability: [{ day: 'tue' as const, start: '09:00', end: '10:30' }] });
    const request = {
      anchor: tue('Europe/London'),
      other: tue('Europe/London'),
      cadenceDays: 14,
      notBefore: new Date('2026-12-07T00:00:00Z'),
      until: new Date('2027-03-30T00:00:00Z'),
    };
    const liam = proposeMeetingSlot(request) as FoundSlot;
    expect(liam.localDate).toBe('2026-12-08');
    const berta = proposeMeetingSlot({ ...request, busy: [liam] });
    expect(berta).toMatchObject({ found: true, localDate: '2026-12-15', localTime: '09:00' });
    expect(overlaps(berta as FoundSlot, liam)).toBe(false);
  });

  it('reads a series kept in another zone by its instants (09:00 in New York is 15:00 in Berlin until the US changes its clocks)', () => {
    const newYorkSeries: BusySeries = {
      timeZone: 'America/New_York',
      localDate: '2027-03-01',
      localTime: '09:00',
      durationMinutes: 45,
      recurrence: { freq: 'WEEKLY', interval: 1 },
      until: '2027-04-26T12:00:00Z',
      skipped: [],
    };
    const s = slot({ busy: [newYorkSeries] });
    expect(overlaps(s, newYorkSeries)).toBe(false);
    expect(s.start).not.toBe(slot({}).start);
  });

  it('lets a series start again where an earlier one ended', () => {
    const ended: BusySeries = { ...slot({}), until: '2027-02-22T13:00:00Z' };
    expect(slot({ busy: [ended] }).start).toBe(slot({}).start);
  });

  it('ignores a meeting of the other series skipped for a holiday', () => {
    const short = { until: new Date('2027-03-02T00:00:00Z') };
    const taken = slot(short);
    expect(slot({ ...short, busy: [{ ...taken, skipped: [taken.start] }] }).start).toBe(taken.start);
  });

  it('proposes no slot when every shared half hour is taken', () => {
    const monday = (timeZone: string) => ({ timeZone, availability: [{ day: 'mon' as const, start: '10:00', end: '10:45' }] });
    const request = {
      anchor: monday('Europe/Berlin'),
      other: monday('Europe/Paris'),
      cadenceDays: 7,
      notBefore: new Date('2027-03-01T00:00:00Z'),
      until: new Date('2027-04-30T00:00:00Z'),
    };
    const taken = proposeMeetingSlot(request);
    expect(taken.found).toBe(true);
    // Busy, not apart: the introduction says the time is taken, not that their hours never meet.
    const none = proposeMeetingSlot({ ...request, busy: [taken as FoundSlot] });
    expect(none).toEqual({ found: false, busy: true });
    const text = meetingBlocks({ slot: none, partner: { name: 'Sam Lee', timeZone: 'Europe/Paris' } }, 'Europe/Berlin')
      .map((b) => JSON.stringify(b))
      .join(' ');
    expect(text).toContain('already taken by the regular meeting of another pairing');
    expect(text).not.toContain('do not overlap');
    // Hours that never meet are still said to be so.
    const apart = proposeMeetingSlot({ ...request, other: { timeZone: 'Europe/Paris', availability: [{ day: 'tue', start: '10:00', end: '10:45' }] } });
    expect(apart).toEqual({ found: false });
  });
});
