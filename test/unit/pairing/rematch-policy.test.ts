import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import {
  availableOn,
  pastRematchCap,
  programClosed,
  readAwayUntil,
  rematchOutcome,
  rematchSettingsOf,
  toldClosedWhenEnded,
} from '../../../functions/domain/rematch-policy';
import type { Decision } from '../../../functions/domain/pairing/decision';
import { agreeable, simulate } from './simulate';
import { renderAll } from '../emails/fixtures';

const now = new Date('2026-11-20T10:00:00Z');
const defaults = rematchSettingsOf({});

describe('readAwayUntil: the date a decline note says the person is back', () => {
  it.each([
    ['NO, I am away for the next two months', '2027-01-19'],
    // The introduction email's own example of a NO with a reason (QA admins5).
    ['NO I am away for most of the next two months', '2027-01-19'],
    ['No - travelling for the best part of 3 weeks', '2026-12-11'],
    ['No - away until 3 March', '2027-03-03'],
    ['Sorry, back in January', '2027-01-01'],
    ['no, on leave until 2027-02-01', '2027-02-01'],
    ['Not now: I am travelling for 3 weeks', '2026-12-11'],
    ['No, on holiday until the end of December', '2027-01-01'],
    ['No thanks, I return in February 2027', '2027-02-01'],
  ])('%s -> %s', (note, date) => {
    expect(readAwayUntil(note, now)).toBe(date);
  });

  it.each([
    ['a plain no', 'No, sorry'],
    ['a date that is not an absence', 'No, my new role starts on 3 March'],
    ['no note', undefined],
    ['a date in the past', 'away until 2026-01-01'],
    ['a date years away (a typo)', 'away until 2031-01-01'],
  ])('%s gives no date', (_why, note) => {
    expect(readAwayUntil(note, now)).toBeUndefined();
  });

  it("reads the return date in the introduction email's own NO example", () => {
    const text = renderAll().introduction.email.text.replace(/\s+/g, ' ');
    const example = /NO I am away[^"\n]*?months/.exec(text)?.[0];
    expect(example).toBeDefined();
    expect(readAwayUntil(example, now)).toBe('2027-01-19');
  });

  it('matching does not offer someone before their date, and does from that day', () => {
    expect(availableOn({ availableFrom: '2027-01-19' }, new Date('2027-01-18T23:00:00Z'))).toBe(false);
    expect(availableOn({ availableFrom: '2027-01-19' }, new Date('2027-01-19T00:00:00Z'))).toBe(true);
    expect(availableOn({}, now)).toBe(true);
  });
});

describe('rematchOutcome: what becomes of one person after an early end', () => {
  it('a decline returns the person to the pool (not the immediate rematch), from the away date', () => {
    const out = rematchOutcome({}, { answer: 'declined', note: 'away until 3 March', wantsRematch: false }, defaults, now);
    expect(out).toEqual({ kind: 'pool', status: 'enrolled', standing: { unansweredIntroductions: 0, availableFrom: '2027-03-03' } });
    expect(rematchOutcome({}, { answer: 'declined', note: 'No', wantsRematch: false }, defaults, now).standing).not.toHaveProperty('availableFrom');
  });

  it('silence gets one more offer by default, then the person is inactive', () => {
    const first = rematchOutcome({}, { answer: 'no-answer', wantsRematch: true }, defaults, now);
    expect(first).toMatchObject({ kind: 'rematch', status: 'awaiting-rematch', standing: { unansweredIntroductions: 1, rematchAttempts: 1 } });
    const second = rematchOutcome(first.standing, { answer: 'no-answer', wantsRematch: true }, defaults, now);
    expect(second).toEqual({ kind: 'inactive', status: 'inactive', standing: { unansweredIntroductions: 2 } });
  });

  it('follows the program setting: with no offers after silence, the first silence is final; with two, the third', () => {
    expect(rematchOutcome({}, { answer: 'no-answer', wantsRematch: true }, { ...defaults, offersAfterSilence: 0 }, now).kind).toBe('inactive');
    const two = { ...defaults, offersAfterSilence: 2 };
    expect(rematchOutcome({ unansweredIntroductions: 1 }, { answer: 'no-answer', wantsRematch: true }, two, now).kind).toBe('rematch');
    expect(rematchOutcome({ unansweredIntroductions: 2 }, { answer: 'no-answer', wantsRematch: true }, two, now).kind).toBe('inactive');
  });

  it("an introduction cut short by the partner's decline keeps the silence count as it was", () => {
    expect(rematchOutcome({ unansweredIntroductions: 1 }, { answer: 'interrupted', wantsRematch: true }, defaults, now)).toMatchObject({
      kind: 'rematch',
      standing: { unansweredIntroductions: 1 },
    });
  });

  it('an answer resets the silence count', () => {
    const out = rematchOutcome({ unansweredIntroductions: 1 }, { answer: 'accepted', wantsRematch: true }, defaults, now);
    expect(out.standing.unansweredIntroductions).toBe(0);
    expect(out.kind).toBe('rematch');
  });

  it('caps automatic rematches per person (default 3): past the cap they wait for the admin', () => {
    expect(defaults.maxAttempts).toBe(3);
    const third = rematchOutcome({ rematchAttempts: 2 }, { answer: 'ended', wantsRematch: true }, defaults, now);
    expect(third).toMatchObject({ kind: 'rematch', standing: { rematchAttempts: 3 } });
    expect(pastRematchCap(third.standing, defaults)).toBe(true);
    expect(rematchOutcome(third.standing, { answer: 'ended', wantsRematch: true }, defaults, now)).toMatchObject({ kind: 'capped', status: 'waitlisted' });
  });

  it('an end without a rematch returns both to the pool', () => {
    expect(rematchOutcome({}, { answer: 'ended', wantsRematch: false }, defaults, now)).toMatchObject({ kind: 'pool', status: 'enrolled' });
  });
});

describe('program settings and closing', () => {
  it('programs get the rematch settings by default, and refuse nonsense', () => {
    const p = programSchema.parse({ programId: 'p1', name: 'P', startDate: '2027-01-04', admins: ['a@example.com'] });
    expect(p.rematch).toEqual({ offersAfterSilence: 1, maxAttempts: 3, needsApproval: false });
    expect(
      programSchema.safeParse({ programId: 'p1', name: 'P', startDate: '2027-01-04', admins: ['a@example.com'], rematch: { maxAttempts: -1 } }).success,
    ).toBe(false);
  });

  it('a program closes when its start date plus its duration has passed', () => {
    const program = { endDate: '2026-07-04', timeZone: 'Europe/Berlin' } as Parameters<typeof programClosed>[0];
    // 4 July is the last day to match, in the program's own zone (Berlin is UTC+2 in summer).
    expect(programClosed(program, new Date('2026-07-04T21:59:00Z'))).toBe(false);
    expect(programClosed(program, new Date('2026-07-04T22:00:00Z'))).toBe(true);
    // Without an end date a program never closes by itself, however long ago it started.
    expect(programClosed({ timeZone: 'UTC' } as Parameters<typeof programClosed>[0], new Date('2040-01-01T00:00:00Z'))).toBe(false);
  });

  it('a pairing that ended after the last day told its people the program had closed; one that ended before did not', () => {
    const program = { endDate: '2026-07-04', timeZone: 'Europe/Berlin' } as Parameters<typeof toldClosedWhenEnded>[0];
    expect(toldClosedWhenEnded(program, ['2026-07-04T22:00:00Z'])).toBe(true);
    expect(toldClosedWhenEnded(program, ['2026-07-04T21:59:00Z', undefined])).toBe(false);
    expect(toldClosedWhenEnded(program, [undefined, '2026-05-01T10:00:00Z', '2026-07-10T10:00:00Z'])).toBe(true);
    expect(toldClosedWhenEnded({ timeZone: 'UTC' } as typeof program, ['2040-01-01T00:00:00Z'])).toBe(false);
  });
});

const peopleOf = (decisions: { decision: Decision }[]) => decisions.flatMap((d) => d.decision.people);

describe('the lifecycle core applies the policy', () => {
  it('a decline "away until" keeps the date for the decliner and rematches only the partner; a partner cut short is not counted silent', () => {
    const r = simulate({
      mentor: { unansweredIntroductions: 1 },
      // The mentee (Berlin, introduced an hour before the mentor in London) declines two hours
      // later, once the mentor has her introduction but before she answers: the round closes at once.
      answer: (_e, side) =>
        side === 'mentee' ? { text: { intent: 'no', note: 'I am on leave until 2027-04-01' }, delayHours: 2 } : { text: { intent: 'yes' }, delayHours: 30 },
    });
    expect(peopleOf(r.decisions)).toEqual([
      { participantId: 'pt_mentor', status: 'awaiting-rematch', standing: { unansweredIntroductions: 1, rematchAttempts: 1 } },
      { participantId: 'pt_mentee', status: 'enrolled', standing: { unansweredIntroductions: 0, availableFrom: '2027-04-01' } },
    ]);
    expect(r.events.find((e) => e.type === 'RematchRequested')?.detail.participantIds).toEqual(['pt_mentor']);
    // The mentor, whose introduction closed before she answered, is told it is off (and not thanked for a yes).
    const off = r.emails.find((e) => e.template === 'pairingNotStarted');
    expect(off).toMatchObject({ to: 'mentor@example.com', input: { answered: false } });
  });

  it("a decline before the partner's introduction went out: the partner hears nothing of a pairing they never knew, and is rematched", () => {
    const r = simulate({
      answer: (_e, side) => (side === 'mentee' ? { text: { intent: 'no' }, delayHours: 0.25 } : { text: { intent: 'yes' }, delayHours: 30 }),
    });
    expect(r.emails.filter((e) => e.to === 'mentor@example.com')).toEqual([]);
    expect(r.events.find((e) => e.type === 'RematchRequested')?.detail.participantIds).toEqual(['pt_mentor']);
  });

  it('a partner who leaves before either introduction went out: the one who stays is not told of a pairing they never knew, and is rematched', () => {
    const r = simulate({
      answer: agreeable,
      controls: [{ at: '2027-01-04T08:00:01Z', request: { kind: 'left', participantId: 'pt_mentor', reason: 'withdrawn' } }],
    });
    // It never started: one of the pair left before both said YES (docs/lifecycle.md, Rematch policy).
    expect(r.pairing).toMatchObject({ status: 'not-started', statusReason: 'participant-withdrew' });
    expect(r.emails.filter((e) => e.to === 'mentee@example.com')).toEqual([]);
    expect(r.events.find((e) => e.type === 'RematchRequested')?.detail.participantIds).toEqual(['pt_mentee']);
  });

  it('a mentee silent for the second time becomes inactive; the admins are told by name and the mentor is rematched', () => {
    const r = simulate({
      mentee: { unansweredIntroductions: 1 },
      answer: (_e, side) => (side === 'mentor' ? { text: { intent: 'yes' } } : undefined),
    });
    expect(r.pairing.status).toBe('not-started');
    const people = peopleOf(r.decisions);
    expect(people.find((p) => p.participantId === 'pt_mentee')).toMatchObject({ status: 'inactive', standing: { unansweredIntroductions: 2 } });
    expect(r.events.find((e) => e.type === 'RematchRequested')?.detail.participantIds).toEqual(['pt_mentor']);
    const held = r.emails.find((e) => e.template === 'adminRematchHeld');
    expect(held?.to).toBe('admin@example.com');
    expect(held?.input.people).toEqual([{ name: 'Sam Senior', role: 'mentee', held: 'inactive', count: 2 }]);
  });

  it('a person past the rematch cap is waitlisted with a reason instead of rematched, and their email does not promise a new match', () => {
    const r = simulate({
      mentor: { rematchAttempts: 3 },
      answer: (_e, side) => (side === 'mentor' ? { text: { intent: 'yes' } } : undefined),
    });
    const mentor = peopleOf(r.decisions).find((p) => p.participantId === 'pt_mentor');
    expect(mentor).toMatchObject({ status: 'waitlisted' });
    expect(mentor?.waitlistReason).toMatch(/all 3 automatic rematches/);
    expect(r.events.find((e) => e.type === 'RematchRequested')?.detail.participantIds).toEqual(['pt_mentee']);
    expect(r.emails.find((e) => e.template === 'pairingNotStarted')?.input.rematchRequested).toBe(false);
    expect(r.emails.find((e) => e.template === 'adminRematchHeld')?.input.people).toEqual([{ name: 'Mia Mentor', role: 'mentor', held: 'capped', count: 3 }]);
  });

  it('a REMATCH request ends the pairing, offers both a new partner, and tells both in neutral words', () => {
    const r = simulate({
      answer: (e) => (e.question ? { text: { intent: 'yes', rating: 4 } } : undefined),
      controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'end', reason: 'participant-rematch' } }],
    });
    expect(r.pairing.status).toBe('ended');
    expect(r.pairing.statusReason).toBe('participant-rematch');
    expect(peopleOf(r.decisions).map((p) => p.status)).toEqual(['awaiting-rematch', 'awaiting-rematch']);
    const rematch = r.events.find((e) => e.type === 'RematchRequested');
    expect([...((rematch?.detail.participantIds as string[] | undefined) ?? [])].sort()).toEqual(['pt_mentee', 'pt_mentor']);
    const ended = r.emails.filter((e) => e.template === 'pairingEnded');
    expect(ended).toHaveLength(2);
    for (const e of ended) expect(e.input).toMatchObject({ reason: 'program-change', rematchRequested: true });
  });

  it('the admin API rematch (admin-rematch) follows the same policy: a person past the cap waits for the admin', () => {
    const r = simulate({
      mentor: { rematchAttempts: 3 },
      answer: (e) => (e.question ? { text: { intent: 'yes', rating: 4 } } : undefined),
      controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'end', reason: 'admin-rematch' } }],
    });
    expect(peopleOf(r.decisions).map((p) => [p.participantId, p.status])).toEqual([
      ['pt_mentor', 'waitlisted'],
      ['pt_mentee', 'awaiting-rematch'],
    ]);
    expect(r.events.find((e) => e.type === 'RematchRequested')?.detail.participantIds).toEqual(['pt_mentee']);
    const ended = r.emails.filter((e) => e.template === 'pairingEnded');
    expect(ended.find((e) => e.to === 'mentor@example.com')?.input.rematchRequested).toBe(false);
    expect(ended.find((e) => e.to === 'mentee@example.com')?.input.rematchRequested).toBe(true);
  });

  it('an end without rematch returns both to the pool: nobody stays paired without a running pairing', () => {
    const r = simulate({
      answer: (e) => (e.question ? { text: { intent: 'yes', rating: 4 } } : undefined),
      controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'end', reason: 'participant-request' } }],
    });
    expect(peopleOf(r.decisions).map((p) => p.status)).toEqual(['enrolled', 'enrolled']);
    expect(r.events.some((e) => e.type === 'RematchRequested')).toBe(false);
  });

  it('a partner who left: the one who stays is offered a new partner; the leaver keeps their own status', () => {
    const r = simulate({
      answer: (e) => (e.question ? { text: { intent: 'yes', rating: 4 } } : undefined),
      controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'left', participantId: 'pt_mentee', reason: 'withdrawn' } }],
    });
    expect(peopleOf(r.decisions)).toEqual([
      { participantId: 'pt_mentor', status: 'awaiting-rematch', standing: { unansweredIntroductions: 0, rematchAttempts: 1 } },
    ]);
  });
});
