import { describe, expect, it } from 'vitest';
import { awayForAdmins, awayInNote, awayNotesAfterCheckIn } from '../../../functions/domain/pairing/away';
import type { Round } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimOptions, type SimResult } from './simulate';

/**
 * "NO, I'm on holiday until 1 March" to a check-in (QA quiet4, pair E): the NO got no answer at
 * all, then the nudge and the senior's note came while away, and the admins were asked to decide
 * without a word of it. Now the NO is acknowledged with the PAUSE line that would cover the days
 * away, as a YES with such a note is, and the admins' escalation and decision request name the
 * days (only the days, never the note's words).
 */
const LINKS = Object.fromEntries(['continue', 'pause', 'end', 'rematch'].map((c) => [c, `https://answers.example.com/r/${c}`]));
const text = (r: SimResult['emails'][number]) => renderIntent(r.template, r.input, r.question ? LINKS : {}).text.replace(/\s+/g, ' ');
const threeMonths = { lifecycle: { durationMonths: 3 } as never };

/** The mentee answers the first check-in `first`, then nothing; the mentor stays silent. */
const firstCheckIn =
  (first: { intent: string; note?: string; rating?: number }): SimOptions['answer'] =>
  (email, side) => {
    if (email.question?.purpose === 'check-in') return side === 'mentee' && email.question.roundKey === 'round-001' ? { text: first } : undefined;
    return agreeable!(email, side);
  };

describe('a check-in NO whose note says the writer will be away', () => {
  const r = simulate({ answer: firstCheckIn({ intent: 'no', note: "I'm on holiday until 1 March" }), program: threeMonths });

  it('is acknowledged at once with the PAUSE line for those days, and nothing is paused', () => {
    const ack = r.emails.filter((e) => e.template === 'checkInThanks');
    expect(ack).toHaveLength(1);
    expect(ack[0]!.to).toBe('mentee@example.com');
    expect(ack[0]!.input).toMatchObject({ notMet: true, awayPause: 'PAUSE until 1 March' });
    const body = text(ack[0]!);
    expect(body).toContain('you and Mia did not meet this time: your answer is recorded');
    expect(body).toContain('reply to this email with just "PAUSE until 1 March"');
    expect(body).toContain('Without a pause, check-ins are still asked while you are away');
    expect(body).not.toContain('meeting with Mia is recorded');
    expect(r.statuses).not.toContain('paused');
  });

  it('is named to the admins in the escalation and the decision request: who, when, and the days', () => {
    const escalation = r.emails.find((e) => e.template === 'adminEscalation')!;
    const decision = r.emails.find((e) => e.template === 'adminDecisionRequest')!;
    for (const e of [escalation, decision]) {
      expect(e.input.away).toEqual([{ role: 'mentee', saidOn: expect.stringMatching(/^2027-01-19/), until: '2027-03-01' }]);
      expect(text(e)).toContain(
        'Sam Senior (mentee) wrote in their check-in answer of Tuesday 19 January 2027 that they would be away until Monday 1 March 2027.',
      );
      // The note's own words stay in the check-in record.
      expect(text(e)).not.toContain('holiday');
    }
  });

  it('is not kept once the pairing has finished', () => {
    expect(r.statuses.at(-1)).toBe('completed');
    expect(r.pairing.awayNotes).toBeUndefined();
    const ended = simulate({
      answer: firstCheckIn({ intent: 'no', note: "I'm on holiday until 1 March" }),
      program: threeMonths,
      controls: [{ at: '2027-02-01T12:00:00Z', request: { kind: 'end', reason: 'participant-request', participantId: 'pt_mentor' } }],
    });
    expect(ended.statuses.at(-1)).toBe('ended');
    expect(ended.pairing.awayNotes).toBeUndefined();
  });

  it('a plain NO, or a NO whose note tells of no time away, still asks for no answer and tells the admins nothing', () => {
    for (const first of [
      { intent: 'no' },
      { intent: 'no', note: 'Diaries clashed, we will try next week' },
      { intent: 'no', note: 'I was off until 3 January' },
    ]) {
      const plain = simulate({ answer: firstCheckIn(first), program: threeMonths });
      expect(
        plain.emails.filter((e) => e.template === 'checkInThanks'),
        JSON.stringify(first),
      ).toHaveLength(0);
      const admin = plain.emails.filter((e) => e.template === 'adminEscalation' || e.template === 'adminDecisionRequest');
      expect(admin.length).toBe(2);
      expect(admin.every((e) => e.input.away === undefined)).toBe(true);
    }
  });

  it('a YES with such a note is thanked as before, and its days reach the admins when the misses follow', () => {
    const yes = simulate({
      answer: firstCheckIn({ intent: 'rating', rating: 4, note: "Good chat. I'm off from 1 February, back 1 March" }),
      program: threeMonths,
    });
    const thanks = yes.emails.find((e) => e.template === 'checkInThanks')!;
    expect(thanks.input.notMet).toBeUndefined();
    expect(thanks.input.awayPause).toBe('PAUSE from 1 February until 1 March');
    expect(text(thanks)).toContain('your meeting with Mia is recorded');
    const escalation = yes.emails.find((e) => e.template === 'adminEscalation')!;
    expect(text(escalation)).toContain('that they would be away from Monday 1 February 2027 until Monday 1 March 2027');
  });

  it("the admins' decision drops it: the next ladder names only what is told after it", () => {
    const long = simulate({
      answer: firstCheckIn({ intent: 'no', note: "I'm on holiday until 1 March" }),
      program: { lifecycle: { durationMonths: 6 } as never },
    });
    const admin = long.emails.filter((e) => e.template === 'adminEscalation' || e.template === 'adminDecisionRequest');
    const decided = long.emails.findIndex((e) => e.template === 'adminDecisionRequest');
    expect(admin.length).toBeGreaterThan(2);
    expect(long.emails[decided]!.input.away).toBeDefined();
    const later = admin.filter((e) => e.sentAt > long.emails[decided]!.sentAt);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((e) => e.input.away === undefined)).toBe(true);
  });

  it('a pause drops it: the admins of a later ladder are not told of days the pause was for', () => {
    // Paused once the check-in with the note has closed as missed (the nudge is decided then).
    const nudge = r.emails.find((e) => e.template === 'missedCheckInNudge')!;
    const paused = simulate({
      answer: firstCheckIn({ intent: 'no', note: "I'm on holiday until 1 March" }),
      program: { lifecycle: { durationMonths: 6 } as never },
      controls: [
        { at: new Date(Date.parse(nudge.sentAt) + 3_600_000).toISOString(), request: { kind: 'pause', until: '2027-02-15', participantId: 'pt_mentee' } },
      ],
    });
    expect(paused.statuses).toContain('paused');
    const admin = paused.emails.filter((e) => e.template === 'adminEscalation' || e.template === 'adminDecisionRequest');
    expect(admin.length).toBeGreaterThan(0);
    expect(admin.every((e) => e.input.away === undefined)).toBe(true);
  });

  it('a round kept open through the pause the writer asked for, and held in it by the partner, leaves nothing for the admins', () => {
    const ack = r.emails.find((e) => e.template === 'checkInThanks')!;
    const partnerMet: SimOptions['answer'] = (email, side) =>
      email.question?.purpose === 'check-in' && email.question.roundKey === 'round-001' && side === 'mentor'
        ? { text: { intent: 'rating', rating: 3 }, delayHours: 48 }
        : firstCheckIn({ intent: 'no', note: "I'm on holiday until 1 March" })!(email, side);
    const paused = simulate({
      answer: partnerMet,
      program: { lifecycle: { durationMonths: 6 } as never },
      controls: [
        { at: new Date(Date.parse(ack.sentAt) + 3_600_000).toISOString(), request: { kind: 'pause', until: '2027-03-01', participantId: 'pt_mentee' } },
      ],
    });
    const admin = paused.emails.filter((e) => e.template === 'adminEscalation' || e.template === 'adminDecisionRequest');
    expect(admin.length).toBeGreaterThan(0);
    expect(admin.every((e) => e.input.away === undefined)).toBe(true);
  });
});

describe('the away notes a pairing keeps (away.ts)', () => {
  const zones = { mentor: 'Europe/London', mentee: 'Europe/Berlin' };
  const now = new Date('2026-12-09T11:06:00Z');
  const round = (answers: Round['answers']): Round => ({ key: 'round-002', kind: 'check-in', label: 'Check-in', dueAt: '', closesAt: '', asks: {}, answers });
  const away = { intent: 'no', note: "I'm on holiday until 2026-12-29", at: now.toISOString() };

  it('reads the days as the PAUSE line does', () => {
    expect(awayInNote("I'm on holiday until 2026-12-29", now, 'Europe/Berlin')).toEqual({ line: 'PAUSE until 29 December', until: '2026-12-29' });
    expect(awayInNote("Sorry.\nI'm off from 21 Dec, back 11 Jan", now, 'Europe/Berlin')).toEqual({
      line: 'PAUSE from 21 December until 11 January',
      until: '2027-01-11',
      from: '2026-12-21',
    });
    expect(awayInNote('Busy week, sorry', now, 'Europe/Berlin')).toBeUndefined();
    expect(awayInNote(undefined, now)).toBeUndefined();
  });

  it("keeps each person's latest through the misses, and drops the earlier ones when the pair met or the ladder restarted", () => {
    const kept = awayNotesAfterCheckIn(undefined, round({ mentee: away }), zones, now);
    expect(kept).toEqual({ mentee: { until: '2026-12-29', saidAt: now.toISOString() } });
    expect(awayNotesAfterCheckIn(kept, round({}), zones, now)).toEqual(kept);
    expect(awayNotesAfterCheckIn(kept, round({ mentor: { intent: 'yes', at: now.toISOString() } }), zones, now)).toBeUndefined();
    expect(awayNotesAfterCheckIn(kept, round({}), zones, now, true)).toBeUndefined();
    expect(awayForAdmins({ awayNotes: kept })).toEqual({ away: [{ role: 'mentee', saidOn: now.toISOString(), until: '2026-12-29' }] });
    expect(awayForAdmins({})).toEqual({});
  });
});

describe('the nudge (QA quiet4, pair I: "we actually met" replied to it was refused)', () => {
  const silent: SimOptions['answer'] = (e, side) => (e.question?.purpose === 'acceptance' ? agreeable!(e, side) : undefined);
  const r = simulate({ answer: silent, program: threeMonths });
  const nudges = r.emails.filter((e) => e.template === 'missedCheckInNudge');

  it('says how a meeting the closed check-in missed is reported: YES to the next check-in, since a reply to it records nothing', () => {
    const first = nudges[0]!;
    expect(first.input.checkInLeft).toBe(true);
    expect(text(first)).toContain(
      'Did you meet after all? The last check-in has closed and takes no answer now, and a reply here cannot record a meeting: answer YES to your next check-in instead, with the day you met. It then counts as held',
    );
    // The next check-in asks about meetings since the closed one was asked, so that meeting is in it.
    const closedAsk = r.emails.find((e) => e.key === 'round-001:ask:mentor')!;
    const nextAsk = r.emails.find((e) => e.template === 'checkInRequest' && e.to === 'mentor@example.com' && e.sentAt > first.sentAt)!;
    expect(nextAsk.input.since).toBe(closedAsk.sentAt);
  });

  it('does not offer it when no check-in is left', () => {
    const last = nudges.at(-1)!;
    expect(last.input.checkInLeft).toBeUndefined();
    expect(text(last)).not.toContain('Did you meet after all?');
  });
});
