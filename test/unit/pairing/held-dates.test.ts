import { describe, expect, it } from 'vitest';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { EmailIntent } from '../../../functions/domain/pairing/decision';
import { datesBasis, stillHolds, whileDatesHold, withDatesAsTheyStand, withOpenQuestionAsItStands } from '../../../functions/domain/pairing/held';
import { renderIntent } from '../../../functions/domain/pairing/render';
import type { ControlRequest, Pairing } from '../../../functions/domain/pairing/model';
import type { ProgramInput } from '../../../functions/domain/program';
import { agreeable, participant, simProgram, simulate, type SimOptions, type SimResult } from './simulate';

/**
 * An email held for its reader's working hours that names a date the schedule decides (the next
 * check-in, the end-of-program review) goes only if that date still holds when it is due: a pause,
 * an end, a pause and resume, or HR's change of the schedule meanwhile drops it unsent
 * (docs/lifecycle.md, When emails go). The outbox asks `stillHolds` with the pairing and the
 * program as they stand at the send time.
 */

/** Only the introduction is answered: every check-in is missed. */
const silent: SimOptions['answer'] = (e, side) => (e.question?.purpose === 'acceptance' ? agreeable!(e, side) : undefined);

/** The pairing as stored at `iso` (the last step at or before it). */
function pairingAt(r: SimResult, iso: string): Pairing {
  return r.decisions.filter((d) => d.at <= iso).at(-1)!.decision.pairing;
}

/** Whether the outbox sends `email` when it is due, with the pairing and the program as they stand then. */
function goesWhenDue(r: SimResult, email: EmailIntent & { sentAt: string }, program: Partial<ProgramInput> = {}): boolean {
  const due = email.notBefore ?? email.sentAt;
  const pairing = pairingAt(r, due);
  return stillHolds(email, { status: pairing.status, dates: datesBasis({ program: simProgram(program) }, pairing) });
}

const hoursAfter = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();

describe('the nudge after a missed check-in, held for working hours', () => {
  const base = simulate({ answer: silent, maxSteps: 80 });
  const nudge = base.emails.find((e) => e.template === 'missedCheckInNudge' && e.to === 'mentor@example.com')!;
  const decidedAt = nudge.sentAt;
  const between = hoursAfter(decidedAt, 1);
  const withRequests = (controls: { at: string; request: Omit<ControlRequest, 'requestedAt'> }[], extra: Partial<SimOptions> = {}) =>
    simulate({ answer: silent, maxSteps: 80, controls, ...extra });
  const sameNudge = (r: SimResult) => r.emails.find((e) => e.key === nudge.key)!;

  it('names the next check-in and waits for the morning', () => {
    expect(nudge.input.nextCheckIn).toBeDefined();
    expect(nudge.notBefore).toBeDefined();
    expect(Date.parse(between)).toBeLessThan(Date.parse(nudge.notBefore!));
  });

  it('goes when nothing changed meanwhile', () => {
    expect(goesWhenDue(base, nudge)).toBe(true);
  });

  it('is dropped when the pair paused before it went', () => {
    const r = withRequests([{ at: between, request: { kind: 'pause', until: '2027-06-01' } }]);
    expect(pairingAt(r, sameNudge(r).notBefore!).status).toBe('paused');
    expect(goesWhenDue(r, sameNudge(r))).toBe(false);
  });

  it('is dropped when the pair paused and resumed before it went: the pause moved the date', () => {
    const r = withRequests([
      { at: between, request: { kind: 'pause', until: '2027-06-01' } },
      { at: hoursAfter(between, 2), request: { kind: 'resume' } },
    ]);
    const p = pairingAt(r, sameNudge(r).notBefore!);
    expect(p.status).toBe('active');
    expect(p.pausedMs).toBeGreaterThan(0);
    expect(goesWhenDue(r, sameNudge(r))).toBe(false);
  });

  it('is dropped when the pairing ended before it went', () => {
    const r = withRequests([{ at: between, request: { kind: 'end', reason: 'participant-request' } }]);
    expect(goesWhenDue(r, sameNudge(r))).toBe(false);
  });

  it('is dropped when HR changed the cadence before it went', () => {
    const weekly = { lifecycle: { checkInCadenceDays: 7 } } as Partial<ProgramInput>;
    const r = withRequests([], { programChanges: [{ at: between, program: weekly }] });
    expect(goesWhenDue(r, sameNudge(r), weekly)).toBe(false);
    // HR saving settings that move no date drops nothing.
    expect(goesWhenDue(r, sameNudge(r), { lifecycle: { concernEscalationDays: 5 } } as Partial<ProgramInput>)).toBe(true);
  });
});

describe("the senior's note and the admins' escalation, held for working hours", () => {
  const base = simulate({ answer: silent, maxSteps: 120 });
  const note = base.emails.find((e) => e.template === 'seniorCommitmentNote')!;
  const escalation = base.emails.find((e) => e.template === 'adminEscalation')!;
  const r = simulate({ answer: silent, maxSteps: 120, controls: [{ at: hoursAfter(note.sentAt, 1), request: { kind: 'pause', until: '2027-09-01' } }] });
  const asDecidedThere = (e: EmailIntent) => r.emails.find((x) => x.key === e.key)!;

  it("the senior's note names the next check-in and is dropped by a pause before it goes", () => {
    expect(note.input.nextCheckIn).toBeDefined();
    expect(note.notBefore).toBeDefined();
    expect(goesWhenDue(base, note)).toBe(true);
    expect(goesWhenDue(r, asDecidedThere(note))).toBe(false);
  });

  it("the admins' escalation goes once the senior's note has gone, and is dropped with it by a pause before then: it says the note was had (QA quiet3)", () => {
    expect(escalation.input.finalReviewOn).toBeUndefined();
    expect((escalation.notBefore ?? escalation.sentAt) >= (note.notBefore ?? note.sentAt)).toBe(true);
    expect(goesWhenDue(base, escalation)).toBe(true);
    expect(goesWhenDue(r, asDecidedThere(escalation))).toBe(false);
  });

  it("with the pair in Los Angeles and Auckland and the program in London, the admins' email still waits for the last of the pair's (QA quiet3)", () => {
    const far = simulate({
      answer: silent,
      maxSteps: 120,
      program: { timeZone: 'Europe/London' } as Partial<ProgramInput>,
      mentor: { timeZone: 'America/Los_Angeles' },
      mentee: { timeZone: 'Pacific/Auckland' },
    });
    const note = far.emails.find((e) => e.template === 'seniorCommitmentNote')!;
    const round = note.key.replace(/:senior-note$/, '');
    const toPair = far.emails.filter((e) => e.key === `${round}:senior-note` || e.key === `${round}:nudge:mentor`);
    const admin = far.emails.find((e) => e.key.startsWith(`${round}:escalation:admin`))!;
    const last = toPair
      .map((e) => e.notBefore ?? e.sentAt)
      .sort()
      .at(-1)!;
    expect((admin.notBefore ?? admin.sentAt) >= last).toBe(true);
  });

  it("the admins' escalation naming the end-of-program review's date is dropped by a pause before it goes", () => {
    // Too few check-ins left for a decision request: the email names the review's day instead.
    const program = { lifecycle: { durationMonths: 2, escalation: { nudgeAfter: 1, seniorNoteAfter: 2, adminDecisionAfter: 6 } } } as Partial<ProgramInput>;
    const short = simulate({ answer: silent, maxSteps: 120, program });
    const dated = short.emails.find((e) => e.template === 'adminEscalation')!;
    expect(dated.input.finalReviewOn).toBeDefined();
    const paused = simulate({
      answer: silent,
      maxSteps: 120,
      program,
      controls: [{ at: hoursAfter(dated.sentAt, 1), request: { kind: 'pause', until: '2027-09-01' } }],
    });
    const held = paused.emails.find((e) => e.key === dated.key)!;
    expect(held.notBefore).toBeDefined();
    expect(goesWhenDue(short, dated, program)).toBe(true);
    expect(goesWhenDue(paused, held, program)).toBe(false);
  });
});

describe('the thanks for a check-in, decided in the same step as a pause', () => {
  // Both said they met; the partner's PAUSE arrives in the same step: the round closes first, with
  // its thanks naming the next check-in, then the pair pauses, which moves that date.
  // A check-in after the fit check: its thanks names the next check-in's day.
  const r = simulate({ answer: agreeable, maxSteps: 400 });
  const asked = (p: Pairing) => p.round?.kind === 'check-in' && p.round.asks.mentor?.sent && p.round.asks.mentee?.sent && p.fitCheckAskedAt !== undefined;
  const open = r.decisions.map((d) => d.decision.pairing).find(asked)!;
  const now = new Date(Date.parse(open.round!.closesAt) - 3_600_000);
  const met = { intent: 'rating', rating: 4, at: now.toISOString() } as const;
  const step = (controls: ControlRequest[]) =>
    decideNext({
      pairing: { ...open, round: { ...open.round!, answers: { mentor: met, mentee: met } }, ...(controls.length ? { controls } : {}) },
      program: simProgram(),
      mentor: participant('mentor'),
      mentee: participant('mentee'),
      now,
      execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
    });
  const sends = (d: ReturnType<typeof step>, e: EmailIntent) =>
    stillHolds(e, { status: d.pairing.status, dates: datesBasis({ program: simProgram() }, d.pairing) });

  it('is not sent naming a date the pause moved; without the pause it goes', () => {
    const pause: ControlRequest = { kind: 'pause', requestedAt: now.toISOString(), until: '2027-09-01', participantId: 'pt_mentee' };
    const d = step([pause]);
    expect(d.pairing.status).toBe('paused');
    const thanks = d.emails.filter((e) => e.template === 'checkInThanks');
    expect(thanks).toHaveLength(2);
    for (const e of thanks) {
      expect(e.input.nextCheckIn).toBeDefined();
      expect(sends(d, e)).toBe(false);
    }
    const quiet = step([]);
    for (const e of quiet.emails) expect(sends(quiet, e)).toBe(true);
    // Safe to run twice: the same step decides the same conditions.
    expect(step([pause]).emails).toEqual(d.emails);
  });
});

describe('the pause email, held for working hours, when a second PAUSE moves the date', () => {
  const base = simulate({ answer: silent, maxSteps: 80 });
  const nudge = base.emails.find((e) => e.template === 'missedCheckInNudge' && e.to === 'mentor@example.com')!;
  // Decided in the evening (the nudge waits for the morning), then moved an hour later.
  const first = hoursAfter(nudge.sentAt, 1);
  const second = hoursAfter(nudge.sentAt, 2);
  const r = simulate({
    answer: silent,
    maxSteps: 80,
    controls: [
      { at: first, request: { kind: 'pause', until: '2027-06-01' } },
      { at: second, request: { kind: 'pause', until: '2027-07-01' } },
    ],
  });
  const pauses = r.emails.filter((e) => e.template === 'pairingPaused' && e.to === 'mentor@example.com');

  it('sends only the one with the date that holds', () => {
    expect(pauses).toHaveLength(2);
    expect(pauses[0]!.input.resumeOn).not.toEqual(pauses[1]!.input.resumeOn);
    expect(Date.parse(pauses[0]!.notBefore!)).toBeGreaterThan(Date.parse(second));
    expect(goesWhenDue(r, pauses[0]!)).toBe(false);
    expect(goesWhenDue(r, pauses[1]!)).toBe(true);
  });
});

describe('the resume email, held for working hours, when HR changes the schedule before it goes', () => {
  const base = simulate({ answer: silent, maxSteps: 80 });
  const nudge = base.emails.find((e) => e.template === 'missedCheckInNudge' && e.to === 'mentor@example.com')!;
  // The nudge is decided at Sunday midnight: paused on the Thursday before at noon (both told at
  // once), resumed that evening (the resume waits for Friday morning), the schedule changed at 23:00.
  const paused = hoursAfter(nudge.sentAt, -84);
  const resumedAt = hoursAfter(nudge.sentAt, -74);
  const changedAt = hoursAfter(nudge.sentAt, -73);
  const weekly = { lifecycle: { checkInCadenceDays: 7 } } as Partial<ProgramInput>;
  const run = (changes: SimOptions['programChanges'] = []) =>
    simulate({
      answer: silent,
      maxSteps: 80,
      controls: [
        { at: paused, request: { kind: 'pause', until: '2027-12-01' } },
        { at: resumedAt, request: { kind: 'resume' } },
      ],
      programChanges: changes,
    });
  const resumedEmail = (r: SimResult) => r.emails.find((e) => e.template === 'pairingResumed' && e.to === 'mentor@example.com')!;
  const asSent = (r: SimResult, program: Partial<ProgramInput> = {}) => {
    const email = resumedEmail(r);
    const pairing = pairingAt(r, email.notBefore ?? email.sentAt);
    return withDatesAsTheyStand(email, datesBasis({ program: simProgram(program) }, pairing));
  };

  it('still goes (it is their news and carries the series), without the date the change moved', () => {
    const quiet = run();
    expect(resumedEmail(quiet).notBefore).toBeDefined();
    expect(Date.parse(resumedEmail(quiet).notBefore!)).toBeGreaterThan(Date.parse(changedAt));
    // Nothing changed: the date stays.
    // Nothing changed: it goes as decided (here it names the check-in kept open through the pause).
    expect(resumedEmail(quiet).input.openCheckIn).toBe(true);
    expect(asSent(quiet)).toEqual(resumedEmail(quiet));
    const changed = run([{ at: changedAt, program: weekly }]);
    expect(goesWhenDue(changed, resumedEmail(changed), weekly)).toBe(true);
    const sent = asSent(changed, weekly);
    expect(sent.input.nextCheckIn).toBeUndefined();
    expect(sent.input.openCheckIn).toBeUndefined();
    expect(sent.input.datesMoved).toBe(true);
    expect(sent.input.calendar).toEqual(resumedEmail(changed).input.calendar);
    const text = renderIntent('pairingResumed', sent.input).text.replace(/\s+/g, ' ');
    expect(text).toContain('has changed the schedule');
    expect(text).not.toMatch(/next check-in comes on|end-of-program review comes next/);
  });
});

describe('the pause email, held for working hours past the deadline of the question it says is still open', () => {
  const base = simulate({ answer: silent, maxSteps: 80 });
  // Decided as the check-in closes (the end of its last day): the pause comes three hours before.
  const nudge = base.emails.find((e) => e.template === 'missedCheckInNudge' && e.to === 'mentor@example.com')!;
  const pausedAt = hoursAfter(nudge.sentAt, -3);
  const r = simulate({ answer: silent, maxSteps: 80, controls: [{ at: pausedAt, request: { kind: 'pause', until: '2027-12-01' } }] });
  const pause = r.emails.find((e) => e.template === 'pairingPaused' && e.to === 'mentor@example.com')!;
  const asSentAt = (iso: string, round = pairingAt(r, iso).round) => withOpenQuestionAsItStands(pause, round, new Date(iso));
  const text = (e: EmailIntent) => renderIntent('pairingPaused', e.input).text.replace(/\s+/g, ' ');

  it('names the open question only while it is open when the email goes', () => {
    const until = pause.input.openQuestionUntil as string;
    expect(until).toBeDefined();
    expect(pause.openQuestion).toEqual({ round: pairingAt(r, pausedAt).round!.key, side: 'mentor' });
    // Held to the morning, after that deadline.
    expect(Date.parse(pause.notBefore!)).toBeGreaterThan(Date.parse(until));
    // Had it gone at once, the sentence would hold.
    expect(asSentAt(pausedAt)).toEqual(pause);
    expect(text(asSentAt(pausedAt))).toContain('is still open');
    // As it goes: the question has closed, so the email does not say it is open.
    const sent = asSentAt(pause.notBefore!);
    expect(sent.input.openQuestionUntil).toBeUndefined();
    expect(text(sent)).not.toContain('still open');
    expect(text(sent)).toContain('is paused until');
  });

  it('leaves the sentence out once the reader has answered, or when another question is open', () => {
    const round = pairingAt(r, pausedAt).round!;
    const answered = { ...round, answers: { ...round.answers, mentor: { intent: 'met', at: pausedAt } } } as typeof round;
    expect(asSentAt(pausedAt, answered).input.openQuestionUntil).toBeUndefined();
    expect(asSentAt(pausedAt, { ...round, key: `${round.key}:next` }).input.openQuestionUntil).toBeUndefined();
    expect(withOpenQuestionAsItStands(pause, undefined, new Date(pausedAt)).input.openQuestionUntil).toBeUndefined();
  });
});

describe('an email naming only the end-of-program review to come', () => {
  const ctx = { program: simProgram() };
  const pairing = { pausedMs: 0 } as Pick<Pairing, 'pausedMs' | 'pauseBooked'>;
  const email = (input: Record<string, unknown>): EmailIntent => ({ key: 'k', to: 'mentor@example.com', template: 'missedCheckInNudge', input });
  const decided = datesBasis(ctx, pairing);
  const review = { finalReviewNextOn: '2027-06-01T08:00:00.000Z' };

  it('is held like one naming a check-in when its words name the day (the last nudge): a pause before it goes drops it', () => {
    const held = whileDatesHold(ctx, pairing, email(review), { namesFinalReviewDay: true });
    expect(stillHolds(held, { status: 'active', dates: decided })).toBe(true);
    expect(stillHolds(held, { status: 'paused', dates: decided })).toBe(false);
    expect(stillHolds(held, { status: 'active', dates: { ...decided, pausedMs: 86_400_000 } })).toBe(false);
  });

  it('is not held when its words only say the review comes next (the last thanks), nor is one naming no date', () => {
    expect(whileDatesHold(ctx, pairing, email(review)).sendWhile).toBeUndefined();
    expect(whileDatesHold(ctx, pairing, email({ partner: { name: 'Sam' } }), { namesFinalReviewDay: true }).sendWhile).toBeUndefined();
  });
});
