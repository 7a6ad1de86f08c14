import { createHash } from 'node:crypto';
import type { CalendarInvite } from '../emails/calendar';
import { firstNameOf } from '../emails/format';
import { readableName } from '../emails/display-name';
import type { MeetingProposal } from '../emails/meeting-text';
import { proposeMeetingSlot, seriesDate, type MeetingSlot } from '../meeting-slot';
import type { BusySeries, EstablishedSeries, WorkingHours } from '../meeting-slot';
import { addDays, addMonths } from '../schedule';
import { deliverAt, person, planEnd, type LifecycleContext } from './context';
import { applyControls } from './controls';
import { DAYS, type AvailabilityWindow } from '../participant';
import { PERSON_SIDES, type Pairing, type PeopleBasis, type PersonSide, type Round } from './model';

const DAY_MS = 86_400_000;

/**
 * Help to meet: the pair's recurring slot and its calendar invitation, decided with the emails that
 * carry them. The series is anchored in the mentee's (the senior leader's) zone, the calendar that
 * is hardest to move; docs/decisions.md, "Meeting slot".
 */

/** One series per pairing: every update or cancellation names it. */
export function calendarUid(pairingId: string): string {
  return `meetings-${pairingId}@crossgen`;
}

/**
 * RFC 5546 wants a greater SEQUENCE at every revision: seconds since the pairing was created at the
 * moment of the revision (0 for the introduction). It grows with every pause, resume and end, and a
 * step run twice decides the same number.
 */
export function calendarSequence(pairing: Pick<Pairing, 'createdAt'>, at: string): number {
  return Math.max(1, Math.floor((Date.parse(at) - Date.parse(pairing.createdAt)) / 1000));
}

/**
 * The pair's slot for meetings from `notBefore` until `until`, clear of the series in `busy`; the
 * `established` series' time first, while it still fits.
 */
export function meetingSlot(
  ctx: LifecycleContext,
  notBefore: Date,
  until: Date,
  busy: readonly BusySeries[] = [],
  established?: EstablishedSeries,
): MeetingSlot {
  const program = ctx.program as LifecycleContext['program'] & { readonly workingHours?: WorkingHours };
  return proposeMeetingSlot({
    busy,
    ...(established ? { established } : {}),
    anchor: ctx.mentee,
    other: ctx.mentor,
    ...(program.workingHours ? { workingHours: program.workingHours } : {}),
    nonWorkingDays: program.nonWorkingDays ?? [],
    cadenceDays: program.lifecycle.checkInCadenceDays,
    notBefore,
    until,
  });
}

/**
 * The meeting's title, by first names, mentee first: "Reverse mentoring: Sam and Mia". Someone
 * erased has no name any more (functions/domain/erasure.ts): the cancellation their partner gets
 * names the partner alone, never "Sam and ".
 */
export function meetingTitle(menteeName: string, mentorName: string): string {
  const names = [menteeName, mentorName].filter((n) => n.trim() !== '' && readableName(n) !== undefined).map(firstNameOf);
  return names.length > 0 ? `Reverse mentoring: ${names.join(' and ')}` : 'Reverse mentoring';
}

function invite(ctx: LifecycleContext, pairing: Pairing, method: CalendarInvite['method'], sequence: number, slot: MeetingSlot): CalendarInvite {
  return {
    method,
    uid: calendarUid(pairing.pairingId),
    sequence,
    stamp: ctx.now.toISOString(),
    summary: meetingTitle(person(ctx, 'mentee').name, person(ctx, 'mentor').name),
    description: `Your regular ${ctx.program.name} meeting. Move it together if the time does not suit you.`,
    attendees: (['mentee', 'mentor'] as const).map((side) => ({ name: person(ctx, side).name, email: person(ctx, side).email })),
    ...(slot.found ? { slot } : {}),
  };
}

/**
 * The introduction's slot: the one stored when the pairing was introduced, else (the introducing
 * step itself, or a pairing introduced before slots were kept) searched, clear of the people's
 * other series (`ctx.busySeries`, loaded for that step alone).
 */
export function introductionSlot(ctx: LifecycleContext, pairing: Pairing, round: Round): MeetingSlot {
  if (pairing.meetingSlot) return pairing.meetingSlot;
  const end = addMonths(new Date(pairing.startedAt ?? ctx.now.toISOString()), ctx.program.lifecycle.durationMonths);
  return meetingSlot(ctx, new Date(round.closesAt), end, ctx.busySeries);
}

/**
 * The introduction's proposal: meetings from the acceptance deadline (both have answered by then)
 * to the earliest the program can end (its duration from the introduction: a pair that accepts at
 * once ends then), so the series never runs past the pairing's end; nothing would cancel meetings
 * left after a completion. Both introductions decide the same slot and the same invitation.
 */
export function introductionMeeting(ctx: LifecycleContext, pairing: Pairing, round: Round, side: PersonSide) {
  const slot = introductionSlot(ctx, pairing, round);
  const partner = person(ctx, side === 'mentor' ? 'mentee' : 'mentor');
  const proposal: MeetingProposal = { slot, partner: { name: partner.name, timeZone: partner.timeZone } };
  return { meeting: proposal, ...(slot.found ? { calendar: invite(ctx, pairing, 'REQUEST', 0, slot) } : {}) };
}

/**
 * A pause or an end cancels the whole series (same UID, a greater SEQUENCE, no RECURRENCE-ID). A
 * pair whose hours never overlap was sent no invitation, so it gets no cancellation either.
 */
export function calendarCancel(ctx: LifecycleContext, pairing: Pairing, at: string): { calendar: CalendarInvite } | Record<string, never> {
  // Whether the pair has a series, from what is stored: a basis is kept whenever one was sent (the
  // introduction's, a resume's, a schedule change's), and the stored slot is the last one sent.
  const hasSeries = pairing.seriesBasis !== undefined || (pairing.meetingSlot ? pairing.meetingSlot.found : seriesSearchedSince(ctx, pairing, at));
  if (!hasSeries) return {};
  return { calendar: invite(ctx, pairing, 'CANCEL', calendarSequence(pairing, at), { found: false }) };
}

/**
 * A pairing stored before slots were kept: whether its hours overlap in some week from when it was
 * introduced, accepted or now (the week searched from one moment alone may fall on holidays or a
 * clock change).
 */
function seriesSearchedSince(ctx: LifecycleContext, pairing: Pairing, at: string): boolean {
  const moments = [pairing.createdAt, pairing.acceptedAt, at].filter((m): m is string => typeof m === 'string').map((m) => new Date(m));
  return moments.some((from) => meetingSlot(ctx, from, addMonths(from, ctx.program.lifecycle.durationMonths)).found);
}

/**
 * What a sent series was decided from among the program's settings: its cadence, its length, its
 * working hours and its holidays (the slot, RRULE and EXDATEs depend on nothing else HR can change
 * mid-program). The holidays are sorted and counted once, so only a real change sends the series
 * again; a program without any keeps the basis it had before holidays were part of it, so pairs
 * stored then are not sent their series again for nothing.
 */
export function seriesBasis(ctx: LifecycleContext): string {
  const program = ctx.program as LifecycleContext['program'] & { readonly workingHours?: WorkingHours };
  const holidays = [...new Set(program.nonWorkingDays ?? [])].sort();
  return JSON.stringify([
    program.lifecycle.checkInCadenceDays,
    program.lifecycle.durationMonths,
    program.workingHours ?? null,
    ...(holidays.length > 0 ? [holidays] : []),
  ]);
}

/**
 * A digest of a person's weekly availability: the same windows, in whatever order, give the same
 * digest. The pairing keeps it (never the windows, which are the person's) to know when they change.
 */
export function hoursDigest(availability: readonly AvailabilityWindow[]): string {
  const windows = [...new Set(availability.map((w) => `${DAYS.indexOf(w.day)}${w.day} ${w.start}-${w.end}`))].sort();
  return createHash('sha256').update(windows.join('\n')).digest('hex').slice(0, 16);
}

/**
 * The people's time zones and weekly hours as they stand: what the pair's dates (each person's send
 * time) and series (inside both people's availability) are decided from, next to the program's
 * settings (seriesBasis, planSettings).
 */
export function peopleBasis(ctx: Pick<LifecycleContext, 'mentor' | 'mentee'>): PeopleBasis {
  const of = (p: LifecycleContext['mentor']) => ({ timeZone: p.timeZone, hoursDigest: hoursDigest(p.availability) });
  return { mentor: of(ctx.mentor), mentee: of(ctx.mentee) };
}

/** Who of the pair has another time zone or other hours than `stored` (none when nothing is stored). */
export interface PersonMoved {
  readonly side: PersonSide;
  readonly timeZone: boolean;
  readonly hours: boolean;
}
export function peopleMoved(stored: PeopleBasis | undefined, now: PeopleBasis): PersonMoved[] {
  if (!stored) return [];
  return PERSON_SIDES.flatMap((side) => {
    const timeZone = stored[side].timeZone !== now[side].timeZone;
    const hours = stored[side].hoursDigest !== now[side].hoursDigest;
    return timeZone || hours ? [{ side, timeZone, hours }] : [];
  });
}

/**
 * Whether an update gives the person (as read before it) another time zone or other weekly hours:
 * their running pairings are then woken to follow it (functions/lifecycle/wake.ts).
 */
export function movesHours(
  person: Pick<LifecycleContext['mentor'], 'timeZone' | 'availability'>,
  fields: { readonly timeZone?: string; readonly availability?: readonly AvailabilityWindow[] },
): boolean {
  if (fields.timeZone !== undefined && fields.timeZone !== person.timeZone) return true;
  return fields.availability !== undefined && hoursDigest(fields.availability) !== hoursDigest(person.availability);
}

/**
 * The series a people's change decided is the one they have: the same time in the same zone at the
 * same cadence, its dates those of the old series continued, to the same last meeting and with the
 * same holidays left out. Nothing then needs sending (their calendars show it in their own zone).
 */
export function sameSeries(was: MeetingSlot | undefined, next: MeetingSlot): boolean {
  if (!was?.found || !next.found) return false;
  if (was.timeZone !== next.timeZone || was.localTime !== next.localTime || was.until !== next.until) return false;
  if (JSON.stringify(was.recurrence) !== JSON.stringify(next.recurrence)) return false;
  let k = 0;
  while (seriesDate(was.localDate, was.recurrence, k) < next.localDate) k++;
  if (seriesDate(was.localDate, was.recurrence, k) !== next.localDate) return false;
  const left = was.skipped.filter((at) => at >= next.start);
  return left.length === next.skipped.length && left.every((at, i) => at === next.skipped[i]);
}

/**
 * The series a resume or a schedule change sends again, from the day after `at` to the (shifted)
 * end of the program: at the pair's established time (the series stored last) while it still fits
 * their hours and clears the people's other series (`ctx.busySeries`, loaded for these steps),
 * else the first free time. Stored on the pairing (`meetingSlot`): the emails read it, and the
 * people's other pairings take it as busy.
 */
export function nextSeries(ctx: LifecycleContext, pairing: Pairing, at: string): MeetingSlot {
  const { from, end } = seriesWindow(ctx, pairing, at);
  const established = pairing.meetingSlot?.found ? pairing.meetingSlot : undefined;
  return meetingSlot(ctx, from, end, ctx.busySeries, established);
}

/**
 * From a day after both people have the email that carries the series (held for each reader's
 * working hours: a change decided on a Saturday evening reaches them on Monday morning, after a
 * Monday 09:00 meeting it would announce) to the program's end; `ending` when that leaves less
 * than one cadence.
 */
function seriesWindow(ctx: LifecycleContext, pairing: Pairing, at: string): { from: Date; end: Date; ending: boolean } {
  const decided = new Date(at);
  const read = Math.max(decided.getTime(), ...[ctx.mentor, ctx.mentee].map((p) => deliverAt(ctx, p.timeZone, decided).getTime()));
  const from = addDays(new Date(read), 1);
  const end = planEnd(ctx, pairing);
  return { from, end, ending: end.getTime() - from.getTime() < ctx.program.lifecycle.checkInCadenceDays * DAY_MS };
}

/**
 * HR changed what the pair's series was decided from (the program's schedule, or one person's time
 * zone or hours): the series to send again (nextSeries), or
 * none when the pairing's new end leaves no room for another meeting (the window from tomorrow is
 * empty or shorter than one cadence: the end-of-program review comes next).
 */
export function rescheduledSeries(ctx: LifecycleContext, pairing: Pairing, at: string): MeetingSlot {
  return seriesWindow(ctx, pairing, at).ending ? { found: false } : nextSeries(ctx, pairing, at);
}

/**
 * The series HR's change decided (rescheduledSeries, stored on the pairing), as a REQUEST that
 * replaces the one in both calendars (same UID, greater SEQUENCE); or a CANCEL of the old series,
 * either because the pairing is `ending` or because the pair's hours no longer overlap (or are
 * taken) in the new schedule. Only for a pair that has a series (decide.ts keeps `seriesBasis` for
 * those alone).
 */
export function seriesRescheduled(
  ctx: LifecycleContext,
  pairing: Pairing,
  side: PersonSide,
  at: string,
): { meeting: MeetingProposal; calendar: CalendarInvite; ending?: true } {
  const slot: MeetingSlot = pairing.meetingSlot ?? { found: false };
  const ending = seriesWindow(ctx, pairing, at).ending;
  const partner = person(ctx, side === 'mentor' ? 'mentee' : 'mentor');
  const meeting: MeetingProposal = { slot, partner: { name: partner.name, timeZone: partner.timeZone } };
  const calendar = invite(ctx, pairing, slot.found ? 'REQUEST' : 'CANCEL', calendarSequence(pairing, at), slot);
  return { meeting, calendar, ...(ending ? { ending: true as const } : {}) };
}

/** The series a resume decided (nextSeries, stored on the pairing), sent again from the next day on. */
export function calendarUpdate(ctx: LifecycleContext, pairing: Pairing, at: string): { calendar: CalendarInvite } | Record<string, never> {
  const slot = pairing.meetingSlot;
  return slot?.found ? { calendar: invite(ctx, pairing, 'REQUEST', calendarSequence(pairing, at), slot) } : {};
}

/**
 * Whether this step may decide the pair's series: introduce the pairing, resume it (a resume
 * request, or the pause's date reached), or follow a schedule change, or a change of either
 * person's time zone or hours, to its series (also right after an acceptance in the same step). Only these read the people's other series
 * (functions/lifecycle/context.ts); a step it names that then decides nothing only read more.
 */
export function decidesSeries(ctx: LifecycleContext): boolean {
  const p = ctx.pairing;
  if (p.status === 'proposed') return true;
  if (p.status === 'paused') {
    const action = applyControls(p.status, p.controls ?? []).action;
    return action === 'resume' || (action !== 'end' && p.pausedUntil !== undefined && Date.parse(p.pausedUntil) <= ctx.now.getTime());
  }
  return (
    (p.status === 'introduced' || p.status === 'active') &&
    p.seriesBasis !== undefined &&
    (p.seriesBasis !== seriesBasis(ctx) || peopleMoved(p.peopleBasis, peopleBasis(ctx)).length > 0)
  );
}
