import type { DAYS } from '../participant';
import type { FoundSlot, Recurrence } from '../meeting-slot';
import { readableName } from './display-name';
import type { EmailAttachment } from './types';
import { dateTimeFormat } from '../intl';

/**
 * The pair's meeting series as an iCalendar invitation (RFC 5545 objects, RFC 5546 iTIP methods),
 * written here rather than with a generator package: the one well-kept generator needs Node 22,
 * and what we write is small. Lines end in CRLF and are folded at 75 octets without splitting a
 * UTF-8 character; TEXT values escape backslash, semicolon, comma and newlines. Times carry the
 * anchor's TZID, with a VTIMEZONE built from the runtime's own zone data (the data every other date
 * in the emails comes from), so the series keeps its wall-clock time in the anchor's zone across
 * daylight-saving changes.
 */

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export interface CalendarInvite {
  readonly method: CalendarMethod;
  /** Stable for the pairing: every update or cancellation names the same series. */
  readonly uid: string;
  /** Greater at every revision (RFC 5546): a client applies a revision only over an older one. */
  readonly sequence: number;
  /** When this revision was decided (DTSTAMP), ISO. */
  readonly stamp: string;
  readonly summary: string;
  readonly description?: string;
  readonly attendees: readonly { readonly name: string; readonly email: string }[];
  /** The series; a cancellation may have none (no slot was ever found): it then names the UID only. */
  readonly slot?: FoundSlot;
}

export interface Organizer {
  readonly email: string;
  readonly name?: string;
}

export const CALENDAR_FILENAME = 'meetings.ics';

const CRLF = '\r\n';
const WEEKDAY_CODES: Record<(typeof DAYS)[number], string> = { mon: 'MO', tue: 'TU', wed: 'WE', thu: 'TH', fri: 'FR', sat: 'SA', sun: 'SU' };

/** RFC 5545 3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN): quoted when it holds ":", ";" or ","; DQUOTE and control characters cannot appear at all. */
function paramValue(value: string): string {
  const clean = value.replace(/["\p{Cc}]/gu, '').trim();
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** RFC 5545 3.1: lines longer than 75 octets are folded (CRLF and one space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; each continuation line starts with a space, so 74 more.
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** 20270112T150000Z */
function utcStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** The wall clock of `ms` at `offsetMinutes` from UTC, as 20270112T150000 (no zone suffix). */
function localStamp(ms: number, offsetMinutes: number): string {
  return utcStamp(ms + offsetMinutes * 60_000).slice(0, -1);
}

function offsetText(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
}

/** Minutes the zone's wall clock is ahead of UTC at `ms`. */
export function zoneOffset(timeZone: string, ms: number): number {
  const f = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(ms)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * VTIMEZONE for `timeZone` over [fromMs, toMs]: one observance from the start of that span, then one
 * per offset change inside it (found day by day, then to the minute). Every observance gives its
 * own DTSTART, so no rule has to hold beyond the span the series uses.
 */
export function vtimezone(timeZone: string, fromMs: number, toMs: number): string[] {
  const MINUTE = 60_000;
  const DAY = 86_400_000;
  const changes: { at: number; from: number; to: number }[] = [];
  let previous = zoneOffset(timeZone, fromMs);
  const initial = previous;
  for (let t = fromMs + DAY; t <= toMs + DAY; t += DAY) {
    const offset = zoneOffset(timeZone, t);
    if (offset === previous) continue;
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
      if (zoneOffset(timeZone, mid) === previous) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, from: previous, to: offset });
    previous = offset;
  }
  const standard = Math.min(initial, ...changes.map((c) => c.to));
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', at: number, from: number, to: number) => [
    `BEGIN:${kind}`,
    `DTSTART:${localStamp(at, from)}`,
    `TZOFFSETFROM:${offsetText(from)}`,
    `TZOFFSETTO:${offsetText(to)}`,
    `END:${kind}`,
  ];
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(initial === standard ? 'STANDARD' : 'DAYLIGHT', Math.floor(fromMs / MINUTE) * MINUTE, initial, initial),
    ...changes.flatMap((c) => observance(c.to === standard ? 'STANDARD' : 'DAYLIGHT', c.at, c.from, c.to)),
    'END:VTIMEZONE',
  ];
}

export function rrule(recurrence: Recurrence, untilIso: string): string {
  const until = `UNTIL=${utcStamp(Date.parse(untilIso))}`;
  if (recurrence.freq === 'WEEKLY') return `RRULE:FREQ=WEEKLY;INTERVAL=${recurrence.interval};${until}`;
  return `RRULE:FREQ=MONTHLY;BYDAY=${recurrence.ordinal}${WEEKDAY_CODES[recurrence.weekday]};${until}`;
}

/** The whole VCALENDAR text, CRLF line ends, folded. */
export function icalendar(invite: CalendarInvite, organizer: Organizer): string {
  const { slot } = invite;
  const zone = slot?.timeZone;
  const inZone = (ms: number) => `;TZID=${zone}:${localStamp(ms, zoneOffset(zone!, ms))}`;
  const startMs = slot ? Date.parse(slot.start) : 0;
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//crossgen//reverse mentoring//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${invite.method}`,
    ...(slot ? vtimezone(slot.timeZone, startMs - 7 * 86_400_000, Date.parse(slot.until) + 86_400_000) : []),
    'BEGIN:VEVENT',
    `UID:${invite.uid}`,
    `SEQUENCE:${invite.sequence}`,
    `DTSTAMP:${utcStamp(Date.parse(invite.stamp))}`,
    ...(slot
      ? [
          `DTSTART${inZone(startMs)}`,
          `DURATION:PT${slot.durationMinutes}M`,
          rrule(slot.recurrence, slot.until),
          ...slot.skipped.map((s) => `EXDATE${inZone(Date.parse(s))}`),
        ]
      : []),
    `SUMMARY:${escapeText(invite.summary)}`,
    ...(invite.description ? [`DESCRIPTION:${escapeText(invite.description)}`] : []),
    `ORGANIZER${organizer.name ? `;CN=${paramValue(organizer.name)}` : ''}:mailto:${organizer.email}`,
    // RSVP=FALSE: the organiser is the program's sending address, which reads no calendar replies.
    // A member whose data was erased has no name or address any more (functions/domain/erasure.ts):
    // the partner's cancellation names no empty attendee.
    ...invite.attendees
      .filter((a) => a.email.trim() !== '')
      .map((a) => ({ ...a, shown: readableName(a.name) })) // a name that starts as a formula by its readable part, or none (display-name.ts)
      .map((a) => `ATTENDEE${a.shown ? `;CN=${paramValue(a.shown)}` : ''};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${a.email}`),
    `STATUS:${invite.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join(CRLF)}${CRLF}`;
}

/** The sender "crossgen <no-reply@example.org>" (or a bare address) as the invitation's organiser. */
export function organizerOf(sender: string): Organizer {
  const match = /^\s*(?:"?([^"<]*?)"?\s*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(sender);
  const email = match?.[2] ?? match?.[3] ?? sender.trim();
  const name = match?.[1]?.trim();
  return name ? { email, name } : { email };
}

/** The attachment mail clients offer to add (or remove) in one click. */
export function calendarAttachment(invite: CalendarInvite, organizer: Organizer): EmailAttachment {
  return {
    filename: CALENDAR_FILENAME,
    contentType: `text/calendar; charset=UTF-8; method=${invite.method}`,
    content: Buffer.from(icalendar(invite, organizer), 'utf8'),
  };
}
