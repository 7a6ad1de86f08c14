import { describe, expect, it } from 'vitest';
import { decideNext } from '../../../functions/domain/pairing/decide';
import { datesBasis, stillHolds } from '../../../functions/domain/pairing/held';
import { renderIntent } from '../../../functions/domain/pairing/render';
import type { ProgramInput } from '../../../functions/domain/program';
import { agreeable, participant, simProgram, simulate, type SimEmail, type SimOptions, type SimResult } from './simulate';

/**
 * When HR moves a paused pairing's end, each of its people is told the new end once (docs/lifecycle.md,
 * a change to the program's schedule). Three ways it went untold: the change and the pause's end
 * handled in one step (the resume took the new settings, its welcome back named the next question
 * only); a new-end email still held for its reader's working hours when the pause ended (dropped
 * unsent, as it goes only while paused); a pause with a booking for later days (its resume was
 * taken as unknown, so no end was worked out).
 */

const zoneOf = (e: { input: Record<string, unknown> }) => (e.input.to as { timeZone: string }).timeZone;
const flat = (text: string) => text.replace(/\s+/g, ' ');
const dayIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));
const named = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso)).replace(',', '');
const months = (durationMonths: number) => ({ durationMonths, checkInCadenceDays: 14, sendWindowMinutes: 0 });
const dueAt = (e: SimEmail) => e.notBefore ?? e.sentAt;

/**
 * The emails that reach their readers, as the outbox sends them: each held one only if it still
 * holds when due (held.ts, stillHolds), read with the pairing as the last step at or before then
 * left it and the program as it then stood.
 */
function delivered(r: SimResult, changes: readonly { at: string; program: Partial<ProgramInput> }[], base: Partial<ProgramInput>): SimEmail[] {
  return r.emails.filter((e) => {
    const due = dueAt(e);
    const step = r.decisions.filter((d) => d.at <= due).at(-1)!;
    const changed = changes.filter((c) => new Date(c.at).toISOString() <= due).at(-1);
    const program = simProgram({ ...base, ...changed?.program });
    return stillHolds(e, { status: step.decision.pairing.status, dates: datesBasis({ program }, step.decision.pairing) });
  });
}

const finalReview = (emails: readonly SimEmail[], zone: string) =>
  emails.find((e) => e.template === 'milestoneSurvey' && e.input.final === true && zoneOf(e) === zone);
/** Every email that names the pairing's end (a new-end email, a series or dates email, a welcome back): the end each reader is told. */
const endNamed = (emails: readonly SimEmail[]) => emails.filter((e) => e.input.pairingEndsOn !== undefined && e.sentAt > '2027-02-11');

/** Each member told the new end by exactly one email that reaches them, and their review comes on that day. */
function toldOnceAndKept(emails: readonly SimEmail[], zones: readonly string[]): Record<string, SimEmail> {
  const told: Record<string, SimEmail> = {};
  for (const zone of zones) {
    const mine = endNamed(emails).filter((e) => zoneOf(e) === zone);
    expect(
      mine.map((e) => `${e.template} ${e.sentAt}`),
      zone,
    ).toHaveLength(1);
    const e = mine[0]!;
    expect(dayIn(finalReview(emails, zone)!.sentAt, zone), zone).toBe(dayIn(e.input.pairingEndsOn as string, zone));
    told[zone] = e;
  }
  return told;
}

const ZONES = ['Europe/London', 'Europe/Berlin'];

describe('a schedule change handled in the same step as the pause’s end', () => {
  it('the welcome back tells the new end, and the review comes that day (the pause ends on its day)', () => {
    const change = { at: '2027-03-01T00:00:00Z', program: { lifecycle: months(3) as never } };
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: months(6) as never },
      controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-03-01' } }],
      programChanges: [change],
    });
    const resumedAt = r.events.find((e) => e.type === 'PairingResumed')!.at;
    expect(resumedAt).toBe('2027-03-01T00:00:00.000Z');
    const emails = delivered(r, [change], { lifecycle: months(6) as never });
    const told = toldOnceAndKept(emails, ZONES);
    for (const zone of ZONES) {
      const e = told[zone]!;
      expect(e.template).toBe('pairingResumed');
      const text = flat(renderIntent('pairingResumed', e.input).text);
      expect(text).toContain(
        `The program team changed the schedule of Sim cohort during the pause, and that moves the end of your pairing with ${zone === 'Europe/London' ? 'Sam' : 'Mia'}: it now ends with your end-of-program review, which comes on ${named(e.input.pairingEndsOn as string, zone)}.`,
      );
      // Three months from the acceptance, moved by the pause (10 February to 1 March).
      expect((e.input.pairingEndsOn as string).slice(0, 10)).toBe('2027-04-23');
      expect(text).toContain('The next check-in comes on Monday 8 March 2027.');
    }
    expect(r.pairing.status).toBe('completed');
  });

  it('HR’s resume in the same step as the change: the welcome back tells the new end', () => {
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: months(6) as never },
      controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-03-15' } }],
      maxSteps: 400,
    });
    const paused = r.decisions.map((d) => d.decision.pairing).find((p) => p.status === 'paused')!;
    const now = new Date('2027-02-22T10:00:00Z');
    const d = decideNext({
      pairing: { ...paused, controls: [{ kind: 'resume', requestedAt: now.toISOString() }] },
      program: simProgram({ lifecycle: months(3) as never }),
      mentor: participant('mentor'),
      mentee: participant('mentee'),
      now,
      execution: { startedAt: paused.createdAt, generation: 1 },
    });
    expect(d.pairing.status).toBe('active');
    const welcome = d.emails.filter((e) => e.template === 'pairingResumed');
    expect(welcome.map(zoneOf).sort()).toEqual(['Europe/Berlin', 'Europe/London']);
    for (const e of welcome) {
      const zone = zoneOf(e);
      const on = e.input.pairingEndsOn as string;
      expect(on, zone).toBeDefined();
      // Three months from the acceptance, moved by the twelve days paused.
      expect(on.slice(0, 10) > '2027-04-10' && on.slice(0, 10) < '2027-04-20', on).toBe(true);
      expect(flat(renderIntent('pairingResumed', e.input).text)).toContain(
        `and that moves the end of your pairing with ${zone === 'Europe/London' ? 'Sam' : 'Mia'}: it now ends with your end-of-program review, which comes on ${named(on, zone)}.`,
      );
    }
    expect(d.emails.filter((e) => e.template === 'datesRescheduled' || e.template === 'meetingsRescheduled')).toEqual([]);
  });

  it('shortened to before the pause: the welcome back says once that the review comes next, and on which day', () => {
    // 1 April has begun for both at 23:00 UTC (midnight in London, summer time): the pause ends then.
    const change = { at: '2027-03-31T23:00:00Z', program: { lifecycle: months(1) as never } };
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: months(6) as never },
      controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-04-01' } }],
      programChanges: [change],
    });
    const told = toldOnceAndKept(delivered(r, [change], { lifecycle: months(6) as never }), ZONES);
    for (const zone of ZONES) {
      const text = flat(renderIntent('pairingResumed', told[zone]!.input).text);
      expect(text).toContain(
        `The program team changed the schedule of Sim cohort during the pause, and that moves the end of your pairing with ${zone === 'Europe/London' ? 'Sam' : 'Mia'}: no check-ins are left, and your end-of-program review comes next, on Thursday 1 April 2027.`,
      );
      expect(text.split('Thursday 1 April 2027')).toHaveLength(2);
    }
    expect(r.emails.filter((e) => e.template === 'checkInRequest' && e.sentAt > '2027-02-10')).toEqual([]);
  });

  it('someone whose pause email never went (the pause ended first) gets no welcome back: the email of the new end tells them', () => {
    // HR pauses the pair on Sunday evening until Monday, and shortens the program an hour later: every email is held for Monday morning.
    const change = { at: '2027-02-14T21:00:00Z', program: { lifecycle: months(3) as never } };
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: months(6) as never },
      controls: [{ at: '2027-02-14T20:00:00Z', request: { kind: 'pause', until: '2027-02-15' } }],
      programChanges: [change],
    });
    const emails = delivered(r, [change], { lifecycle: months(6) as never });
    expect(emails.filter((e) => e.template === 'pairingPaused' || e.template === 'pairingResumed')).toEqual([]);
    const told = toldOnceAndKept(emails, ZONES);
    for (const zone of ZONES) {
      const e = told[zone]!;
      expect(e.template).toBe('datesRescheduled');
      expect(e.input.pausedUntil).toBeUndefined();
      expect(flat(renderIntent('datesRescheduled', e.input).text)).toContain(
        `Your pairing ends with your end-of-program review, which comes on ${named(e.input.pairingEndsOn as string, zone)}.`,
      );
    }
  });
});

describe('a new-end email still held for working hours when the pause ends', () => {
  /**
   * Mia works in Los Angeles, Sam in Berlin. HR shortens the program on Friday 26 February at 20:00
   * UTC: noon for Mia (told at once), after hours for Sam (held until Monday 08:00 UTC). The pause
   * ends on Monday 1 March when that day has begun for both, at 08:00 UTC (midnight in Los Angeles),
   * as Sam's email comes due: it goes only while paused, so the welcome back tells him instead.
   */
  const base = { lifecycle: months(6) as never };
  const change = { at: '2027-02-26T20:00:00Z', program: { lifecycle: months(3) as never } };
  const opts: SimOptions = {
    answer: agreeable,
    program: base,
    mentor: { timeZone: 'America/Los_Angeles' },
    controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-03-01' } }],
    programChanges: [change],
  };

  it('is dropped unsent, and the welcome back tells that reader the new end; the other, told already, is not told twice', () => {
    const r = simulate(opts);
    const held = r.emails.find((e) => e.template === 'datesRescheduled' && zoneOf(e) === 'Europe/Berlin')!;
    expect(held.notBefore).toBe('2027-03-01T08:00:00.000Z');
    expect(r.events.find((e) => e.type === 'PairingResumed')!.at).toBe('2027-03-01T08:00:00.000Z');
    const emails = delivered(r, [change], base);
    expect(emails).not.toContainEqual(held);
    const told = toldOnceAndKept(emails, ['America/Los_Angeles', 'Europe/Berlin']);
    expect(told['America/Los_Angeles']!.template).toBe('datesRescheduled');
    expect(told['America/Los_Angeles']!.sentAt).toBe('2027-02-26T20:00:00.000Z');
    const sams = told['Europe/Berlin']!;
    expect(sams.template).toBe('pairingResumed');
    expect(flat(renderIntent('pairingResumed', sams.input).text)).toContain(
      `The program team changed the schedule of Sim cohort during the pause, and that moves the end of your pairing with Mia: it now ends with your end-of-program review, which comes on ${named(sams.input.pairingEndsOn as string, 'Europe/Berlin')}.`,
    );
    expect(r.pairing.status).toBe('completed');
  });

  it('is decided once: the step run again on the stored pairing decides the same', () => {
    const r = simulate(opts);
    const step = r.decisions.find((d) => d.at === '2027-03-01T08:00:00.000Z' && d.decision.pairing.status === 'active')!;
    const before = r.decisions[r.decisions.indexOf(step) - 1]!.decision.pairing;
    const ctx = {
      pairing: before,
      program: simProgram({ lifecycle: months(3) as never }),
      mentor: participant('mentor', { timeZone: 'America/Los_Angeles' }),
      mentee: participant('mentee'),
      now: new Date(step.at),
      execution: { startedAt: before.createdAt, generation: 1 },
    };
    const again = decideNext(ctx);
    expect(again.emails.map((e) => e.key)).toEqual(step.decision.emails.map((e) => e.key));
    expect(again.emails.find((e) => e.template === 'pairingResumed' && zoneOf(e) === 'Europe/Berlin')?.input.pairingEndsOn).toBeDefined();
    expect(again.pairing.pausedEndToldAt).toBeUndefined();
  });
});

describe('a new-end email still held for working hours when the pause gets a new day', () => {
  it('is dropped with the old day, and sent again with the new one: each is told the new end once', () => {
    // Friday evening: held until Monday morning. On Sunday Mia replies PAUSE with a later day.
    const base = { lifecycle: months(6) as never };
    const change = { at: '2027-02-26T20:00:00Z', program: { lifecycle: months(3) as never } };
    const r = simulate({
      answer: agreeable,
      program: base,
      controls: [
        { at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-03-15' } },
        { at: '2027-02-28T10:00:00Z', request: { kind: 'pause', until: '2027-03-22', participantId: 'pt_mentor' } },
      ],
      programChanges: [change],
    });
    const emails = delivered(r, [change], base);
    const first = r.emails.filter((e) => e.template === 'datesRescheduled' && e.sentAt === '2027-02-26T20:00:00.000Z');
    expect(first).toHaveLength(2);
    for (const e of first) expect(emails).not.toContainEqual(e);
    const told = toldOnceAndKept(emails, ZONES);
    for (const zone of ZONES) {
      const e = told[zone]!;
      expect(e.template).toBe('datesRescheduled');
      expect(e.sentAt).toBe('2027-02-28T10:00:00.000Z');
      expect(flat(renderIntent('datesRescheduled', e.input).text)).toContain('Your pairing stays paused until Monday 22 March 2027, as before.');
    }
    expect(r.pairing.status).toBe('completed');
  });
});

describe('a paused pairing with a pause booked for later days', () => {
  const base = { lifecycle: months(6) as never };
  const change = { at: '2027-02-15T10:00:00Z', program: { lifecycle: months(3) as never } };
  const booking = { kind: 'pause' as const, from: '2027-03-03', until: '2027-03-17', participantId: 'pt_mentor' };

  it('paused now until before the booked days: each is told the new end while paused, and the review comes that day', () => {
    const r = simulate({
      answer: agreeable,
      program: base,
      controls: [
        { at: '2027-02-10T10:00:00Z', request: booking },
        { at: '2027-02-12T10:00:00Z', request: { kind: 'pause', until: '2027-02-22', participantId: 'pt_mentee' } },
      ],
      programChanges: [change],
    });
    const told = toldOnceAndKept(delivered(r, [change], base), ZONES);
    for (const zone of ZONES) {
      const e = told[zone]!;
      expect(e.template).toBe('datesRescheduled');
      expect(e.sentAt).toBe('2027-02-15T10:00:00.000Z');
      expect(flat(renderIntent('datesRescheduled', e.input).text)).toContain('Your pairing stays paused until Monday 22 February 2027, as before.');
    }
    expect(r.pairing.status).toBe('completed');
  });

  it('paused now into the booked days (the pause runs on to their last day): told the new end while paused, and the review comes that day', () => {
    const later = { ...change, at: '2027-02-26T10:00:00Z' };
    const r = simulate({
      answer: agreeable,
      program: base,
      controls: [
        { at: '2027-02-10T10:00:00Z', request: booking },
        { at: '2027-02-25T10:00:00Z', request: { kind: 'pause', until: '2027-03-08', participantId: 'pt_mentee' } },
      ],
      programChanges: [later],
    });
    const told = toldOnceAndKept(delivered(r, [later], base), ZONES);
    for (const zone of ZONES) expect(told[zone]!.template, zone).toBe('datesRescheduled');
    expect(r.pairing.status).toBe('completed');
  });
});
