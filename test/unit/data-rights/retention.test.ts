import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { scopeOf } from '../../../functions/domain/program-changes';
import {
  DEFAULT_NOTES_DAYS,
  notesDueAt,
  notesExpired,
  pairingWithoutNotes,
  replyWithoutNotes,
  unsentNote,
  withoutNotes,
} from '../../../functions/domain/retention';

const ended = { status: 'completed', endedAt: '2027-07-01T10:00:00.000Z', updatedAt: '2027-07-02T00:00:00.000Z' };

describe('retention of notes', () => {
  it('keeps notes while a pairing runs, and for notesDays after it ends', () => {
    expect(notesDueAt({ ...ended, status: 'active' }, 30)).toBeUndefined();
    expect(notesDueAt(ended, 30)).toBe('2027-07-31T10:00:00.000Z');
    expect(notesExpired(ended, 30, new Date('2027-07-31T09:59:59.999Z'))).toBe(false);
    expect(notesExpired(ended, 30, new Date('2027-07-31T10:00:00.000Z'))).toBe(true);
    expect(notesExpired({ ...ended, status: 'paused' }, 0, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('counts from the last change when a pairing that never started has no end date, and sweeps a pairing once', () => {
    expect(notesDueAt({ status: 'not-started', updatedAt: '2027-02-01T00:00:00.000Z' }, 0)).toBe('2027-02-01T00:00:00.000Z');
    expect(notesExpired({ ...ended, notesRemovedAt: '2028-01-01T00:00:00.000Z' }, 0, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('removes the notes of both sides of a check-in and of a review, and keeps ratings, answers and dates', () => {
    expect(withoutNotes({ type: 'CheckIn', met: true, at: 'x', mentor: { answered: true, rating: 4, note: 'a' }, mentee: { answered: false } })).toEqual({
      type: 'CheckIn',
      met: true,
      at: 'x',
      mentor: { answered: true, rating: 4 },
      mentee: { answered: false },
    });
    expect(withoutNotes({ type: 'MilestoneReview', participantId: 'pt_1', progress: 4, recommend: 9, note: 'b' })).toEqual({
      type: 'MilestoneReview',
      participantId: 'pt_1',
      progress: 4,
      recommend: 9,
    });
    expect(withoutNotes({ type: 'CheckIn', mentor: { rating: 3 }, mentee: { rating: 2 } })).toBeUndefined();
    expect(withoutNotes({ type: 'Audit', note: 'not a person note' })).toBeUndefined();
  });

  it('waits for a round an early end left open to close before counting the days', () => {
    const kept = { ...ended, status: 'ended', round: { closesAt: '2027-07-05T23:59:59.999Z' } };
    expect(notesDueAt(kept, 0)).toBe('2027-07-05T23:59:59.999Z');
    expect(notesExpired(kept, 0, new Date('2027-07-03T00:00:00Z'))).toBe(false);
    expect(notesDueAt({ ...ended, round: { closesAt: '2027-06-20T00:00:00.000Z' } }, 1)).toBe('2027-07-02T10:00:00.000Z');
  });

  it("removes both people's fit-check notes and a decliner's note from the audit trail, and keeps their answers", () => {
    const fit = { type: 'FitCheck', round: 'round-002', mentor: { answer: 'yes' }, mentee: { answer: 'unsure', note: 'NOT SURE we never meet' } };
    expect(withoutNotes(fit)).toEqual({ type: 'FitCheck', round: 'round-002', mentor: { answer: 'yes' }, mentee: { answer: 'unsure' } });
    expect(withoutNotes({ ...fit, mentee: { answer: 'unsure' } })).toBeUndefined();
    const declined = { type: 'Audit', kind: 'not-started', detail: { reason: 'declined', answers: { mentor: 'declined' }, note: 'away until March' } };
    expect(withoutNotes(declined)).toEqual({ type: 'Audit', kind: 'not-started', detail: { reason: 'declined', answers: { mentor: 'declined' } } });
    expect(withoutNotes({ type: 'Audit', kind: 'fit-check', detail: { mentor: 'yes', mentee: 'unsure' } })).toBeUndefined();
  });

  it("keeps goals (the pair's plan) and the program feedback the report reads", () => {
    expect(withoutNotes({ type: 'SkillRatings', goals: [{ goal: 'Learn prompts', progress: 4 }] })).toBeUndefined();
    expect(withoutNotes({ type: 'ProgramFeedback', participantId: 'pt_1', keep: 'the [name] check-ins' })).toBeUndefined();
    expect(pairingWithoutNotes({ type: 'Pairing', status: 'completed', goals: { mentee: ['Learn prompts'] } })).toBeUndefined();
  });

  it('removes the notes an email quoted from its stored copy once it went out, and leaves one still to go for the next sweep', () => {
    const email = (template: string, input: Record<string, unknown>, status = 'sent') => ({
      type: 'Outbox',
      kind: 'email',
      status,
      key: `email:${template}`,
      messageId: 'ses-1',
      email: { template, to: 'mia@example.com', input: { to: { name: 'Mia' }, partner: { name: 'Sam' }, ...input } },
    });
    const partner = email('partnerNote', { note: { valued: 'your patience', try: 'a podcast' } });
    expect(withoutNotes(partner)).toEqual(email('partnerNote', {}));
    const unsure = email('adminFitUnsure', {
      pairingId: 'pr_1',
      unsure: [
        { name: 'Sam', role: 'mentee', note: 'NOT SURE we never meet' },
        { name: 'Mia', role: 'mentor' },
      ],
    });
    expect(withoutNotes(unsure)).toEqual(
      email('adminFitUnsure', {
        pairingId: 'pr_1',
        unsure: [
          { name: 'Sam', role: 'mentee' },
          { name: 'Mia', role: 'mentor' },
        ],
      }),
    );
    const notStarted = email('adminPairingNotStarted', { participants: [{ name: 'Sam', role: 'mentee', answer: 'declined', reason: 'away until March' }] });
    expect(withoutNotes(notStarted)).toEqual(email('adminPairingNotStarted', { participants: [{ name: 'Sam', role: 'mentee', answer: 'declined' }] }));
    expect(withoutNotes(email('partnerNote', { note: { valued: 'x' } }, 'cancelled'))).toEqual(email('partnerNote', {}, 'cancelled'));
    // Goals quoted back to the pair are their plan, and an email with no note is left alone.
    expect(withoutNotes(email('goalsConfirmed', { goals: { mine: ['Learn prompts'], partner: ['Delegate'] } }))).toBeUndefined();
    // Still to go: the sender may claim it at any moment, so it is not rewritten, and the sweep says so.
    const waiting = email('partnerNote', { note: { valued: 'your patience' } }, 'pending');
    expect(withoutNotes(waiting)).toBeUndefined();
    expect(unsentNote(waiting)).toBe(true);
    expect(unsentNote(partner)).toBe(false);
    expect(unsentNote(email('goalsConfirmed', { goals: { mine: ['x'] } }, 'pending'))).toBe(false);
    expect(unsentNote({ type: 'Outbox', kind: 'event', status: 'pending' })).toBe(false);
  });

  it('removes the words of a reply item once its question was answered or closed, and leaves an open one', () => {
    const now = new Date('2027-07-10T00:00:00Z');
    const reply = {
      type: 'ReplyToken',
      closesAt: '2027-07-05T23:59:59.999Z',
      expiresAt: 1_800_000_000,
      answer: {
        intent: 'review',
        rating: null,
        note: 'learned prompts',
        keep: 'the check-ins',
        change: 'more',
        partnerNote: { valued: 'x' },
        goals: ['Learn prompts'],
      },
    };
    expect(replyWithoutNotes(reply, now)).toEqual({ ...reply, answer: { intent: 'review', rating: null, goals: ['Learn prompts'] } });
    // Open and answered (a review both answered before its deadline): it takes no other answer.
    const answeredEarly = { ...reply, closesAt: '2027-07-11T00:00:00.000Z', usedAt: '2027-07-01T09:00:00.000Z' };
    expect(replyWithoutNotes(answeredEarly, now)).toEqual({ ...answeredEarly, answer: { intent: 'review', rating: null, goals: ['Learn prompts'] } });
    expect(replyWithoutNotes({ ...reply, closesAt: '2027-07-11T00:00:00.000Z' }, now)).toBeUndefined();
    expect(replyWithoutNotes({ ...reply, answer: { intent: 'yes', rating: 4 } }, now)).toBeUndefined();
    expect(replyWithoutNotes({ type: 'ReplyToken', closesAt: reply.closesAt }, now)).toBeUndefined();
  });

  it("removes a decliner's note from the pairing's status reason and the words of a round it still holds", () => {
    const pairing = {
      type: 'Pairing',
      status: 'not-started',
      statusReason: 'declined: away until March',
      goals: { mentor: ['Delegate'] },
      round: { key: 'round-004', closesAt: 'x', answers: { mentor: { intent: 'yes', rating: 4, note: 'good talk' }, mentee: { intent: 'no' } } },
    };
    expect(pairingWithoutNotes(pairing)).toEqual({
      ...pairing,
      statusReason: 'declined',
      round: { key: 'round-004', closesAt: 'x', answers: { mentor: { intent: 'yes', rating: 4 }, mentee: { intent: 'no' } } },
    });
    expect(pairingWithoutNotes({ type: 'Pairing', status: 'not-started', statusReason: 'no-answer' })).toBeUndefined();
    expect(pairingWithoutNotes({ type: 'Pairing', status: 'ended', statusReason: 'not-a-fit' })).toBeUndefined();
  });

  it('is a program setting, 365 days by default, 0 to 3650, applied by the next sweep to ended pairings', () => {
    const base = { programId: 'q3', name: 'Q3', startDate: '2027-01-04', admins: ['hr@example.com'] };
    expect(programSchema.parse(base).retention).toEqual({ notesDays: DEFAULT_NOTES_DAYS });
    expect(DEFAULT_NOTES_DAYS).toBe(365);
    expect(programSchema.parse({ ...base, retention: { notesDays: 0 } }).retention.notesDays).toBe(0);
    const refused = programSchema.safeParse({ ...base, retention: { notesDays: 4000 } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['retention', 'notesDays']);
    expect(programSchema.safeParse({ ...base, retention: { rawMailDays: 5 } }).success).toBe(false);
    expect(scopeOf('retention.notesDays')).toBe('ended-pairings-from-next-sweep');
  });
});
