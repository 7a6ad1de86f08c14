import { describe, expect, it } from 'vitest';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { Answer, ControlRequest, Pairing, Round, RoundKind } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, participant, simProgram, simulate } from './simulate';

/**
 * A request that arrives in the same step as a round that has run its course (everyone asked has
 * answered, or its deadline passed): the round closes with its own outcome first, as it would have a
 * moment earlier; only a round still open meets the request (docs/lifecycle.md, "A pause keeps what
 * was already asked").
 */

const PURPOSE: Partial<Record<RoundKind, string>> = { 'fit-check': 'fit', 'check-in': 'check-in', milestone: 'milestone' };

/** The pairing as it stands with the first round of `kind` sent to both and nobody's answer in yet. */
function openRound(kind: RoundKind): Pairing {
  const r = simulate({ answer: (e, side) => (e.question?.purpose === PURPOSE[kind] ? undefined : agreeable!(e, side)), maxSteps: 200 });
  const sent = (p: Pairing) => p.round?.kind === kind && p.round.asks.mentor?.sent && p.round.asks.mentee?.sent;
  return r.decisions.map((d) => d.decision.pairing).find(sent)!;
}

function step(pairing: Pairing, answers: Round['answers'], now: Date, controls: ControlRequest[]) {
  return decideNext({
    pairing: { ...pairing, round: { ...pairing.round!, answers }, ...(controls.length > 0 ? { controls } : {}) },
    program: simProgram(),
    mentor: participant('mentor'),
    mentee: participant('mentee'),
    now,
    execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
  });
}

const said = (intent: string, extra: Partial<Answer> = {}): Answer => ({ intent, at: '2027-01-01T00:00:00Z', ...extra }) as Answer;
const beforeDeadline = (round: Round) => new Date(Date.parse(round.closesAt) - 3_600_000);
const pastDeadline = (round: Round) => new Date(Date.parse(round.closesAt) + 1);
const pauseBy = (now: Date, participantId?: string): ControlRequest => ({
  kind: 'pause',
  requestedAt: now.toISOString(),
  until: new Date(now.getTime() + 20 * 86_400_000).toISOString().slice(0, 10),
  ...(participantId ? { participantId } : {}),
});
const templates = (d: ReturnType<typeof step>) => d.emails.map((e) => e.template);
const eventTypes = (d: ReturnType<typeof step>) => d.events.map((e) => e.type);

describe('a pause in the same step as a fit check that has run its course', () => {
  const fit = openRound('fit-check');
  const round = fit.round!;

  it('both answered, one "no": the pairing ends as not-a-fit with new partners for both, the one who asked for the pause from the day they are back', () => {
    const now = beforeDeadline(round);
    const d = step(fit, { mentor: said('yes'), mentee: said('no', { note: 'we do not click' }) }, now, [pauseBy(now, 'pt_mentor')]);
    expect(d.pairing.status).toBe('ended');
    expect(d.pairing.statusReason).toBe('not-a-fit');
    expect(d.pairing.controls).toBeUndefined();
    expect(d.records.find((r) => r.sk === `FIT#${round.key}`)?.item).toMatchObject({ mentor: { answer: 'yes' }, mentee: { answer: 'no' } });
    // The PAUSE says the mentor is away: as an end among the requests would (pause-with-end.test.ts).
    const back = pauseBy(now).until!;
    const rematches = d.events.filter((e) => e.type === 'RematchRequested');
    expect(rematches.map((e) => e.detail)).toMatchObject([
      { participantIds: ['pt_mentee'], reason: 'not-a-fit' },
      { participantIds: ['pt_mentor'], reason: 'not-a-fit' },
    ]);
    expect(rematches[1]!.notBefore).toBe(`${back}T00:00:00.000Z`);
    expect(eventTypes(d)).not.toContain('PairingPaused');
    expect(templates(d)).not.toContain('pairingPaused');
    expect(d.emails.filter((e) => e.template === 'pairingEnded')).toHaveLength(2);
    // Their end email answers the PAUSE: no "nothing to pause" beside it.
    expect(templates(d)).not.toContain('nothingRunning');
    const told = d.emails.find((e) => e.template === 'pairingEnded' && e.to === 'mentor@example.com')!;
    expect(renderIntent(told.template, told.input).text.replace(/\s+/g, ' ')).toContain('We also received your request to pause until');
    // Safe to run twice: the same step decides the same keys.
    expect(step(fit, { mentor: said('yes'), mentee: said('no') }, now, [pauseBy(now, 'pt_mentor')]).emails.map((e) => e.key)).toEqual(
      d.emails.map((e) => e.key),
    );
  });

  it('its deadline passed with a "not sure": the admins hear of it, then the pairing pauses', () => {
    const now = pastDeadline(round);
    const d = step(fit, { mentor: said('unsure', { note: 'different expectations' }) }, now, [pauseBy(now)]);
    const notes = d.emails.filter((e) => e.template === 'adminFitUnsure');
    expect(notes.map((e) => e.to)).toEqual(['admin@example.com']);
    // "The pairing carries on", it says: dropped if an end comes before it goes.
    expect(notes[0]!.cancelIfEnded).toBe(true);
    expect(d.records.find((r) => r.sk === `FIT#${round.key}`)?.item).toMatchObject({ mentor: { answer: 'unsure' }, mentee: { answer: 'no-answer' } });
    expect(d.pairing.status).toBe('paused');
    expect(d.pairing.round).toBeUndefined();
    expect(eventTypes(d)).toContain('PairingPaused');
  });

  it('still open (the mentee has not answered, the deadline is ahead): it is kept across the pause, as before', () => {
    const now = beforeDeadline(round);
    const d = step(fit, { mentor: said('no') }, now, [pauseBy(now, 'pt_mentor')]);
    expect(d.pairing.status).toBe('paused');
    expect(d.pairing.round?.key).toBe(round.key);
    expect(d.records.some((r) => r.sk.startsWith('FIT#'))).toBe(false);
  });

  it('an admin\'s END with a fit check both answered: the "no" ends it as not-a-fit, with new partners for both', () => {
    const now = beforeDeadline(round);
    const d = step(fit, { mentor: said('no'), mentee: said('yes') }, now, [{ kind: 'end', requestedAt: now.toISOString(), reason: 'admin-decision' }]);
    expect(d.pairing.statusReason).toBe('not-a-fit');
    expect(d.events.filter((e) => e.type === 'PairingEnded')).toHaveLength(1);
    expect(d.events.find((e) => e.type === 'RematchRequested')?.detail).toMatchObject({ participantIds: ['pt_mentor', 'pt_mentee'] });
  });
});

describe('a pause in the same step as a check-in or review whose deadline passed', () => {
  it('a check-in nobody answered counts as missed, as at its deadline, then the pairing pauses', () => {
    const p = openRound('check-in');
    const now = pastDeadline(p.round!);
    const plain = step(p, {}, now, []);
    const d = step(p, {}, now, [pauseBy(now)]);
    expect(d.records.find((r) => r.sk === `CHECKIN#${p.round!.key}`)?.item).toEqual(plain.records.find((r) => r.sk === `CHECKIN#${p.round!.key}`)?.item);
    expect(d.pairing.checkInsMissed).toBe(p.checkInsMissed + 1);
    expect(eventTypes(d)).toContain('CheckInMissed');
    expect(d.pairing.status).toBe('paused');
  });

  it('a milestone review both answered is stored and done: the plan moves past it, so it is not asked again after the pause', () => {
    const p = openRound('milestone');
    const now = pastDeadline(p.round!);
    const d = step(p, { mentor: said('rating', { rating: 4, score: 9 }), mentee: said('rating', { rating: 3, score: 8 }) }, now, [pauseBy(now)]);
    expect(d.records.filter((r) => r.item.type === 'MilestoneReview')).toHaveLength(2);
    expect(d.pairing.planPosition).toBe((p.planPosition ?? 0) + 1);
    expect(d.pairing.status).toBe('paused');
  });
});

describe('a check-in a pause caught after one email of it went out and before the other (QA promises)', () => {
  it("asks the one it never reached, at the next check-in, about meetings since their own previous question, not since the partner's or the dropped one", () => {
    const open = openRound('check-in');
    const round = open.round!;
    const menteeSent = round.asks.mentee!.sendAt;
    const mentorPreviously = new Date(Date.parse(menteeSent) - 28 * 86_400_000).toISOString();
    const menteePreviously = new Date(Date.parse(menteeSent) - 27 * 86_400_000).toISOString();
    // The mentee's email went out; the mentor's, in a later time zone, was still held for their morning.
    const caught: Pairing = {
      ...open,
      lastCheckInAskedOf: { mentor: mentorPreviously, mentee: menteePreviously },
      round: { ...round, asks: { mentee: round.asks.mentee!, mentor: { sendAt: new Date(Date.parse(menteeSent) + 15 * 3_600_000).toISOString() } } },
    };
    const now = new Date(Date.parse(menteeSent) + 3_600_000);
    const paused = step(caught, {}, now, [pauseBy(now, 'pt_mentee')]).pairing;
    expect(paused.status).toBe('paused');
    expect(Object.keys(paused.round!.asks)).toEqual(['mentee']);
    // The mentee answers the question she had: they met. The check-in is held.
    const closed = step(paused, { mentee: said('rating', { rating: 4 }) }, new Date(now.getTime() + 3_600_000), []).pairing;
    expect(closed.checkInsHeld).toBe(open.checkInsHeld + 1);
    expect(closed.lastCheckInAskedOf).toEqual({ mentor: mentorPreviously, mentee: menteeSent });
  });
});
