import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { scopeOf } from '../../../functions/domain/program-changes';
import { DEFAULT_NOTES_DAYS, notesDueAt, notesExpired, withoutNotes } from '../../../functions/domain/retention';

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
