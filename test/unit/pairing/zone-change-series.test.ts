import { describe, expect, it } from 'vitest';
import type { CalendarInvite } from '../../../functions/domain/emails/calendar';
import { localParts, type FoundSlot, type MeetingSlot } from '../../../functions/domain/meeting-slot';
import type { LifecycleContext } from '../../../functions/domain/pairing/context';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { Decision } from '../../../functions/domain/pairing/decision';
import { decidesSeries, hoursDigest, movesHours } from '../../../functions/domain/pairing/meeting';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import type { AvailabilityWindow, Participant } from '../../../functions/domain/participant';
import { agreeable, participant, simProgram, simulate, type SimOptions } from './simulate';

/**
 * QA: HR moves one of a running pair to another time zone (or gives them other hours): the series
 * was left at 09:00 London, 04:00 for her in New York, and nobody was told. The people's zones and
 * hours are inputs of the series, as the program's schedule is (decide.ts, followPeople).
 */

// Both free on Mondays 09:00-11:00 in their own zone (the mentor in London, the mentee in Berlin):
// the series is every two weeks on Monday at 10:00 Berlin.
const base: SimOptions = { answer: agreeable };
const run = simulate({ ...base, maxSteps: 12 });
const at = (iso: string) => run.decisions.filter((d) => d.at <= iso).at(-1)!.decision.pairing;
/** The pair just after both accepted (no question open), and when the first check-in is open but not yet sent to the mentor. */
const accepted = at('2027-01-04T12:30:00Z');
const checkInOpen = at('2027-01-18T12:30:00Z');

function step(pairing: Pairing, now: string, people: { mentor?: Partial<Participant>; mentee?: Partial<Participant> } = {}): Decision {
  const ctx: LifecycleContext = {
    pairing,
    program: simProgram(base.program),
    mentor: participant('mentor', people.mentor),
    mentee: participant('mentee', people.mentee),
    now: new Date(now),
    execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
  };
  // As the shell loads it: the people's other series only for a step that decides the series.
  return decideNext(decidesSeries(ctx) ? { ...ctx, busySeries: [] } : ctx);
}

/** The same step again on what the first one stored: a second wake changes and sends nothing. */
function again(d: Decision, now: string, people: Parameters<typeof step>[2]): Decision {
  return step({ ...d.pairing, version: d.pairing.version + 1 }, now, people);
}

const series = (d: Decision) => d.emails.filter((e) => e.template === 'meetingsRescheduled');
const text = (e: Decision['emails'][number]) => renderIntent(e.template, e.input).text.replace(/\s+/g, ' ');
const slotOf = (e: Decision['emails'][number]) => (e.input.calendar as CalendarInvite).slot as FoundSlot | undefined;
const FRIDAY = '2027-01-08T12:00:00Z';

describe('a participant’s new time zone or hours and the pair’s meeting series', () => {
  it('the set-up: a series on Mondays at 10:00 Berlin, made for the people as they were', () => {
    expect(accepted.status).toBe('active');
    expect(accepted.meetingSlot).toMatchObject({ found: true, timeZone: 'Europe/Berlin', localTime: '10:00' });
    expect(accepted.peopleBasis?.mentor.timeZone).toBe('Europe/London');
  });

  it('moved to New York, the mentor has no hours left in common with her mentee: both are sent the cancellation, told why, once', () => {
    const moved = { mentor: { timeZone: 'America/New_York' } };
    const d = step(accepted, FRIDAY, moved);
    const emails = series(d);
    expect(emails.map((e) => e.to).sort()).toEqual(['mentee@example.com', 'mentor@example.com']);
    expect(d.pairing.meetingSlot?.found).toBe(false);
    expect(d.pairing.peopleBasis?.mentor.timeZone).toBe('America/New_York');
    for (const e of emails) expect((e.input.calendar as CalendarInvite).method).toBe('CANCEL');
    // In each reader's working hours: 07:00 in New York is not yet the mentor's.
    expect(emails.find((e) => e.to === 'mentor@example.com')!.heldForZone).toBe('America/New_York');
    const toMentor = text(emails.find((e) => e.to === 'mentor@example.com')!);
    const toMentee = text(emails.find((e) => e.to === 'mentee@example.com')!);
    expect(toMentor).toContain('Your time zone is now Eastern Standard Time (America/New_York)');
    expect(toMentee).toContain('Mia now works in Eastern Standard Time (America/New_York)');
    for (const t of [toMentor, toMentee]) {
      expect(t).toContain('no longer fits both your hours');
      expect(t).not.toContain('changed the schedule');
      // Never anyone's availability windows.
      expect(t).not.toMatch(/09:00-11:00|09:00 to 11:00/);
    }
    const second = again(d, '2027-01-08T12:05:00Z', moved);
    expect(second.emails).toEqual([]);
    expect(second.changed).toBe(false);
  });

  it('moved to Helsinki, the pair’s shared hour moves: both are sent the new series (09:00 Berlin), replacing the old one', () => {
    const moved = { mentor: { timeZone: 'Europe/Helsinki' } };
    const d = step(accepted, FRIDAY, moved);
    const emails = series(d);
    expect(emails).toHaveLength(2);
    const slot = d.pairing.meetingSlot as FoundSlot;
    expect(slot).toMatchObject({ found: true, timeZone: 'Europe/Berlin', localTime: '09:00' });
    for (const e of emails) {
      expect(e.input.calendar).toMatchObject({ method: 'REQUEST', uid: 'meetings-pr_sim@crossgen' });
      expect(slotOf(e)).toEqual(slot);
    }
    const toMentee = text(emails.find((e) => e.to === 'mentee@example.com')!);
    expect(toMentee).toContain('Mia now works in Eastern European Standard Time (Europe/Helsinki), so we have made your regular meeting with Mia again');
    expect(renderIntent('meetingsRescheduled', emails[0]!.input).subject).toMatch(/has a new time/);
    expect(again(d, '2027-01-08T12:05:00Z', moved).emails).toEqual([]);
  });

  it('new hours for the mentee move the series too; her partner is told only that her hours changed', () => {
    const hours: AvailabilityWindow[] = [{ day: 'mon', start: '11:00', end: '12:00' }];
    const d = step(accepted, FRIDAY, { mentee: { availability: hours } });
    expect(d.pairing.meetingSlot).toMatchObject({ found: true, localTime: '11:00' });
    const toMentor = text(series(d).find((e) => e.to === 'mentor@example.com')!);
    expect(toMentor).toContain('Sam now has other hours for the program');
    expect(toMentor).not.toContain('11:00-12:00');
    expect(text(series(d).find((e) => e.to === 'mentee@example.com')!)).toContain('Your hours for the program have changed');
  });

  it('a move the series still fits (London to Paris, the meeting at 10:00 Berlin is 10:00 there) sends nothing', () => {
    const d = step(accepted, FRIDAY, { mentor: { timeZone: 'Europe/Paris' } });
    expect(d.emails).toEqual([]);
    expect(d.pairing.meetingSlot).toEqual(accepted.meetingSlot);
    expect(d.pairing.peopleBasis?.mentor.timeZone).toBe('Europe/Paris');
  });

  it('the question planned before the move goes at the send time of the new zone, as her series email says', () => {
    const planned = checkInOpen.round!.asks.mentor!;
    expect(planned.sent).toBeUndefined();
    const london = localParts(Date.parse(planned.sendAt), 'Europe/London');
    const moved = { mentor: { timeZone: 'Asia/Tokyo' } };
    const d = step(checkInOpen, '2027-01-18T13:00:00Z', moved);
    const ask = d.pairing.round!.asks.mentor!;
    const tokyo = localParts(Date.parse(ask.sendAt), 'Asia/Tokyo');
    expect(tokyo.minutes).toBe(london.minutes);
    expect(tokyo.date).toBe('2027-01-19');
    expect(ask).toMatchObject({ timeZone: 'Asia/Tokyo' });
    expect(d.pairing.round!.asks.mentee).toEqual(checkInOpen.round!.asks.mentee);
    expect(d.pairing.round!.closesAt >= checkInOpen.round!.closesAt).toBe(true);
    // The series (Mondays in Berlin, none of her Tokyo hours) is cancelled; the email names the question's new date.
    const toMentor = series(d).find((e) => e.to === 'mentor@example.com')!;
    expect(toMentor.input.nextCheckIn).toBe(ask.sendAt);
    expect(d.next).toEqual({ action: 'wait', at: ask.sendAt });
    const second = again(d, '2027-01-18T13:05:00Z', moved);
    expect(second.changed).toBe(false);
    expect(second.emails).toEqual([]);
  });

  it('without a series, a move that changes the day of the next question tells that person its new day, and nobody else', () => {
    // Hours that never meet: the pair has no series.
    const apart: SimOptions = { ...base, mentor: { availability: [{ day: 'tue', start: '09:00', end: '11:00' }] } };
    const p = simulate({ ...apart, maxSteps: 5 }).decisions.at(-1)!.decision.pairing;
    expect(p.status).toBe('active');
    expect(p.seriesBasis).toBeUndefined();
    const people = { mentor: { ...apart.mentor, timeZone: 'America/Los_Angeles' } };
    const d = step(p, FRIDAY, people);
    expect(d.emails.map((e) => [e.template, e.to])).toEqual([['datesRescheduled', 'mentor@example.com']]);
    const t = text(d.emails[0]!);
    expect(t).toContain('Your time zone is now Pacific Standard Time (America/Los_Angeles)');
    expect(t).toContain('no longer holds');
    expect(t).not.toContain('changed the schedule');
    expect(again(d, '2027-01-08T12:05:00Z', people).emails).toEqual([]);
  });

  it('an update wakes pairings only when it gives the person another zone or other hours', () => {
    const mia = participant('mentor');
    expect(movesHours(mia, { timeZone: 'Europe/London' })).toBe(false);
    expect(movesHours(mia, { availability: [...mia.availability].reverse() })).toBe(false);
    expect(movesHours(mia, { timeZone: 'America/New_York' })).toBe(true);
    expect(movesHours(mia, { availability: [{ day: 'fri', start: '09:00', end: '10:00' }] })).toBe(true);
    const a = [
      { day: 'mon', start: '09:00', end: '10:00' },
      { day: 'tue', start: '09:00', end: '10:00' },
    ] as const;
    expect(hoursDigest([a[1], a[0]])).toBe(hoursDigest([...a]));
  });

  it('a pairing stored before the people were kept starts keeping them, sending nothing', () => {
    const { peopleBasis: _kept, ...old } = accepted;
    const d = step(old as Pairing, FRIDAY, { mentor: { timeZone: 'America/New_York' } });
    expect(d.emails).toEqual([]);
    expect(d.pairing.peopleBasis?.mentor.timeZone).toBe('America/New_York');
    expect((d.pairing.meetingSlot as MeetingSlot).found).toBe(true);
  });
});
