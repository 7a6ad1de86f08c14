import { describe, expect, it } from 'vitest';
import { matchIncrementally, pairRuleBreaks, type PairedElsewhere } from '../../../functions/domain/matching/match';
import { NEVER_AGAIN_REASONS, neverPairAgain, partnersBeforeNote } from '../../../functions/domain/matching/past-partners';
import { NO_REVIEW, solveUnderReview } from '../../../functions/domain/matching/review';
import { person, program } from './fixtures';

// Two mentors and one mentee: ana fits yan best (she also offers what he wants most), bob less well.
const ana = person('ana', 'mentor', { topicsOffered: ['ai-tools', 'digital-fluency'], languages: ['en', 'de'] });
const bob = person('bob', 'mentor', { topicsOffered: ['digital-fluency'] });
const yan = person('yan', 'mentee', { topicsWanted: ['ai-tools', 'digital-fluency'], languages: ['en', 'de'] });
const cohort = { program: program(), participants: [ana, bob, yan], activePairs: [] };
const elsewhere = (over: Partial<PairedElsewhere>): PairedElsewhere => ({
  mentorId: 'ana',
  menteeId: 'yan',
  programName: 'Spring 2026',
  status: 'ended',
  ...over,
});

describe('pairs from other programs (pairedElsewhere)', () => {
  it('without history, ana and yan are the best pair and nothing is said of the past', () => {
    const { pairs } = matchIncrementally(cohort);
    expect(pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([['ana', 'yan']]);
    expect(pairs[0]!.tradeOffs.join(' ')).not.toMatch(/partners before/);
  });

  it.each(NEVER_AGAIN_REASONS)('a pair that ended as %s in another program is never proposed again', (endReason) => {
    const history = [elsewhere({ endReason })];
    const { pairs, unmatched } = matchIncrementally({ ...cohort, pairedElsewhere: history });
    expect(pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([['bob', 'yan']]);
    expect(pairs[0]!.tradeOffs.join(' ')).not.toMatch(/partners before/);
    // ana is told truly why she waits: the only mentee was her partner before.
    expect(unmatched.find((u) => u.participantId === 'ana')?.reason).toMatch(/partner before/);
    // An admin cannot force it in review either.
    expect(pairRuleBreaks({ ...cohort, pairedElsewhere: history }, 'ana', 'yan')).toContain('previousPair');
  });

  it('blocks the pair whichever role each had then (yan mentored ana there)', () => {
    const { pairs } = matchIncrementally({ ...cohort, pairedElsewhere: [elsewhere({ mentorId: 'yan', menteeId: 'ana', endReason: 'not-a-fit' })] });
    expect(pairs.map((p) => p.mentorId)).toEqual(['bob']);
  });

  it.each([
    ['completed', undefined, 'it completed'],
    ['ended', 'participant-left', 'it ended early'],
    ['not-started', undefined, 'it never started'],
  ] as const)('a pair that was %s (%s) may be proposed again, and the admins read that they were partners before', (status, endReason, outcome) => {
    const history = [elsewhere({ status, ...(endReason ? { endReason } : {}) })];
    const { pairs } = matchIncrementally({ ...cohort, pairedElsewhere: history });
    expect(pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([['ana', 'yan']]);
    expect(pairs[0]!.tradeOffs[0]).toBe(`Ana Lastname and Yan Lastname were partners before, in Spring 2026 (${outcome})`);
    // Only the admins: the introduction's reasons never mention it.
    expect(JSON.stringify(pairs[0]!.reasonsFor.mentor) + JSON.stringify(pairs[0]!.reasonsFor.mentee)).not.toMatch(/before/);
  });

  it('keeps the rule in a review re-solve and notes a forced pair', () => {
    const blocked = { ...cohort, previousPairs: [], waitingIds: ['ana', 'bob', 'yan'], pairedElsewhere: [elsewhere({ endReason: 'admin-decision' })] };
    expect(solveUnderReview(blocked, NO_REVIEW).pairs.map((p) => p.mentorId)).toEqual(['bob']);
    const noted = { ...blocked, pairedElsewhere: [elsewhere({ status: 'completed' })] };
    const forced = solveUnderReview(noted, { ...NO_REVIEW, forced: [{ mentorId: 'ana', menteeId: 'yan' }] });
    expect(forced.pairs[0]!.tradeOffs[0]).toMatch(/were partners before, in Spring 2026/);
  });

  it('names every earlier program, and says nothing of other pairs', () => {
    const history = [
      elsewhere({ status: 'completed' }),
      elsewhere({ programName: 'Autumn 2025', status: 'not-started' }),
      elsewhere({ mentorId: 'bob', endReason: 'not-a-fit' }),
    ];
    expect(partnersBeforeNote(history, 'ana', 'yan', { mentor: 'Ana', mentee: 'Yan' })).toBe(
      'Ana and Yan were partners before, in Spring 2026 (it completed), Autumn 2025 (it never started)',
    );
    expect(partnersBeforeNote(history, 'bob', 'yan', { mentor: 'Bob', mentee: 'Yan' })).toBeUndefined();
    expect(neverPairAgain(elsewhere({ status: 'completed', endReason: 'not-a-fit' }))).toBe(false);
  });
});
