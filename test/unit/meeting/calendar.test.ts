import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarAttachment, escapeText, foldLine, icalendar, organizerOf, type CalendarInvite } from '../../../functions/domain/emails/calendar';
import { localParts, proposeMeetingSlot, type FoundSlot, type SlotPerson } from '../../../functions/domain/meeting-slot';
import { meetingTitle } from '../../../functions/domain/pairing/meeting';
import type { AvailabilityWindow } from '../../../functions/domain/participant';

const everyWeekday = (start: string, end: string): AvailabilityWindow[] => (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start, end }));
const person = (timeZone: string): SlotPerson => ({ timeZone, availability: everyWeekday('08:00', '18:00') });

function slotFor(anchor: string, other: string, from: string, to: string, cadenceDays = 7): FoundSlot {
  const s = proposeMeetingSlot({ anchor: person(anchor), other: person(other), cadenceDays, notBefore: new Date(from), until: new Date(to) });
  if (!s.found) throw new Error('expected a slot');
  return s;
}

function invite(slot: FoundSlot | undefined, overrides: Partial<CalendarInvite> = {}): CalendarInvite {
  return {
    method: 'REQUEST',
    uid: 'meetings-pairing-1@crossgen',
    sequence: 0,
    stamp: '2027-02-20T09:00:00Z',
    summary: 'Reverse mentoring: Sam and Mia',
    description: 'Your regular meeting.',
    attendees: [
      { name: 'Sam Senior', email: 'sam@example.com' },
      { name: 'Mia Mentor', email: 'mia@example.com' },
    ],
    ...(slot ? { slot } : {}),
    ...overrides,
  };
}

const organizer = organizerOf('crossgen <no-reply@example.org>');

/** Parses with ical.js, registering the invitation's own VTIMEZONE (ical.js knows no zone by itself). */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

/** Every meeting of the series as UTC instants, as a calendar client expands it. */
function occurrences(event: ICAL.Event): number[] {
  const out: number[] = [];
  const it = event.iterator();
  for (let next = it.next(); next && out.length < 500; next = it.next()) out.push(next.toJSDate().getTime());
  return out;
}

const hourIn = (ms: number, zone: string) => localParts(ms, zone).minutes / 60;

afterEach(() => ICAL.TimezoneService.reset());

describe('calendar invitation', () => {
  it('is a REQUEST with the pairing’s UID, both people as attendees and the program’s sender as organiser', () => {
    const slot = slotFor('Europe/Berlin', 'America/New_York', '2027-03-01T00:00:00Z', '2027-04-30T00:00:00Z');
    const { calendar, vevent, event } = parse(icalendar(invite(slot), organizer));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(event.uid).toBe('meetings-pairing-1@crossgen');
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe('Reverse mentoring: Sam and Mia');
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:no-reply@example.org');
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe('crossgen');
    expect(event.attendees.map((a) => [a.getFirstValue(), a.getParameter('cn')])).toEqual([
      ['mailto:sam@example.com', 'Sam Senior'],
      ['mailto:mia@example.com', 'Mia Mentor'],
    ]);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const rule = vevent.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rule.freq).toBe('WEEKLY');
    expect(rule.interval).toBe(1);
    expect(rule.until!.toJSDate().toISOString()).toBe(slot.until);
    expect(event.startDate.zone.tzid).toBe('Europe/Berlin');
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    expect(event.duration.toSeconds()).toBe(45 * 60);
  });

  it('keeps 15:00 in Berlin (the anchor) every week across late March, and gives New York 09:00, 10:00 between the two changes', () => {
    const slot = slotFor('Europe/Berlin', 'America/New_York', '2027-03-01T00:00:00Z', '2027-04-30T00:00:00Z');
    const { event } = parse(icalendar(invite(slot), organizer));
    const starts = occurrences(event);
    expect(starts.length).toBe(slot.meetings);
    expect(starts.length).toBeGreaterThanOrEqual(8);
    expect(new Date(starts[0]!).toISOString()).toBe(slot.start);
    expect(starts.map((t) => hourIn(t, 'Europe/Berlin'))).toEqual(starts.map(() => 15));
    // The US changes on 14 March 2027, the EU on 28 March: New York reads 10:00 in between.
    expect(starts.map((t) => hourIn(t, 'America/New_York'))).toEqual(
      starts.map((t) => (t > Date.parse('2027-03-14T07:00:00Z') && t < Date.parse('2027-03-28T01:00:00Z') ? 10 : 9)),
    );
    // Consecutive meetings are a week apart in Berlin: 168 hours, 167 across the change.
    const gaps = starts.slice(1).map((t, i) => (t - starts[i]!) / 3_600_000);
    expect(gaps.filter((g) => g === 167)).toHaveLength(1);
    expect(gaps.filter((g) => g !== 167 && g !== 168)).toEqual([]);
  });

  it('is right across the early-November changes (the EU on 31 October, the US on 7 November 2027)', () => {
    const slot = slotFor('Europe/Berlin', 'America/New_York', '2027-10-18T00:00:00Z', '2027-11-30T00:00:00Z');
    const { event } = parse(icalendar(invite(slot), organizer));
    const starts = occurrences(event);
    expect(starts.map((t) => hourIn(t, 'Europe/Berlin'))).toEqual(starts.map(() => 15));
    expect(starts.map((t) => hourIn(t, 'America/New_York'))).toEqual(
      starts.map((t) => (t > Date.parse('2027-10-31T01:00:00Z') && t < Date.parse('2027-11-07T06:00:00Z') ? 10 : 9)),
    );
  });

  it('Berlin and Singapore: 09:00 in Berlin all along, 16:00 then 15:00 in Singapore (no daylight saving there)', () => {
    const slot = slotFor('Europe/Berlin', 'Asia/Singapore', '2027-03-01T00:00:00Z', '2027-05-01T00:00:00Z', 14);
    const { vevent, event } = parse(icalendar(invite(slot), organizer));
    expect((vevent.getFirstPropertyValue('rrule') as ICAL.Recur).interval).toBe(2);
    const starts = occurrences(event);
    expect(starts.length).toBe(slot.meetings);
    expect(starts.map((t) => hourIn(t, 'Europe/Berlin'))).toEqual(starts.map(() => 9));
    expect(starts.map((t) => hourIn(t, 'Asia/Singapore'))).toEqual(starts.map((t) => (t < Date.parse('2027-03-28T01:00:00Z') ? 16 : 15)));
  });

  it('anchored in New York, keeps New York’s wall clock instead', () => {
    const slot = slotFor('America/New_York', 'Europe/Berlin', '2027-03-01T00:00:00Z', '2027-04-30T00:00:00Z');
    const { event } = parse(icalendar(invite(slot), organizer));
    const starts = occurrences(event);
    expect(starts.map((t) => hourIn(t, 'America/New_York'))).toEqual(starts.map(() => 9));
  });

  it('leaves the program’s holidays out of the series (EXDATE)', () => {
    const s = proposeMeetingSlot({
      anchor: person('Europe/Berlin'),
      other: person('Europe/Berlin'),
      cadenceDays: 7,
      nonWorkingDays: ['2027-03-15'],
      notBefore: new Date('2027-03-01T00:00:00Z'),
      until: new Date('2027-04-01T00:00:00Z'),
    });
    if (!s.found) throw new Error('expected a slot');
    const starts = occurrences(parse(icalendar(invite(s), organizer)).event);
    expect(starts.map((t) => localParts(t, 'Europe/Berlin').date)).toEqual(['2027-03-01', '2027-03-08', '2027-03-22', '2027-03-29']);
  });

  it('cancels the series with the same UID and a greater SEQUENCE', () => {
    const text = icalendar(invite(undefined, { method: 'CANCEL', sequence: 86_400 }), organizer);
    const { calendar, vevent, event } = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.uid).toBe('meetings-pairing-1@crossgen');
    expect(event.sequence).toBe(86_400);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstProperty('recurrence-id')).toBeNull();
  });

  it('writes CRLF lines of at most 75 octets, escapes text, and reads back what it wrote', () => {
    const summary = 'Reverse mentoring; Zoë, Ana\\Bo and Søren\nsecond line';
    const description = `Ünïcödé ${'文字'.repeat(60)} and more, with; punctuation`;
    const slot = slotFor('Europe/Berlin', 'Europe/Berlin', '2027-03-01T00:00:00Z', '2027-03-20T00:00:00Z');
    const text = icalendar(invite(slot, { summary, description, attendees: [{ name: 'Ana "Bo": Lee, Jr', email: 'ana@example.com' }] }), organizer);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const { event } = parse(text);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
    expect(event.attendees[0]!.getParameter('cn')).toBe('Ana Bo: Lee, Jr');
  });

  it('folds without splitting a UTF-8 character', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    expect(folded.split('\r\n ').join('')).toBe(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  });

  it('is attached as text/calendar with its method', () => {
    const slot = slotFor('Europe/Berlin', 'America/New_York', '2027-03-01T00:00:00Z', '2027-04-30T00:00:00Z');
    const attachment = calendarAttachment(invite(slot), organizer);
    expect(attachment).toMatchObject({ filename: 'meetings.ics', contentType: 'text/calendar; charset=UTF-8; method=REQUEST' });
    expect(attachment.content.toString('utf8')).toContain('METHOD:REQUEST\r\n');
    expect(organizerOf('no-reply@example.org')).toEqual({ email: 'no-reply@example.org' });
  });
});

describe("the meeting's title", () => {
  it('names both by first name, mentee first, and only the one left when the other was erased', () => {
    expect(meetingTitle('Sam Senior', 'Mia Mentor')).toBe('Reverse mentoring: Sam and Mia');
    expect(meetingTitle('Henrietta Brumwell', '')).toBe('Reverse mentoring: Henrietta');
    expect(meetingTitle('  ', 'Mia Mentor')).toBe('Reverse mentoring: Mia');
    expect(meetingTitle('', '')).toBe('Reverse mentoring');
  });
});
