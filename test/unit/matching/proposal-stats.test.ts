import { describe, expect, it } from 'vitest';
import { matchCohort } from '../../../functions/domain/matching/match';
import { reviewedStats } from '../../../functions/domain/matching/proposal-stats';
import { NO_REVIEW, reviewProposal } from '../../../functions/domain/matching/review';
import { cohort, ok } from './review-fixtures';

/**
 * A run's stats follow its proposal through match review (QA: after force, reject, swap or forbid,
 * the run showed pairCount 21 and unmatchedCount 8, but stats still said 22 pairs, 0 unmatched
 * mentees and the first proposal's scores).
 */
describe('reviewedStats', () => {
  it('counts pairs, unmatched people and scores again from the reviewed proposal, and keeps what describes the solve', () => {
    const c = cohort();
    const solved = matchCohort({ program: c.program, participants: c.participants });
    const stats = { ...solved.stats, leftForTheirEndNews: 2 };
    // Before any change, the figures agree with the solver's (to the rounding of each score).
    const before = reviewedStats(stats, solved);
    expect(before.pairs).toBe(solved.stats.pairs);
    expect(before.unmatchedMentees).toBe(solved.stats.unmatchedMentees);
    expect(before.unmatchedMentors).toBe(solved.stats.unmatchedMentors);
    expect(before.totalScore as number).toBeCloseTo(solved.stats.totalScore, 1);

    const rejected = solved.pairs[0]!;
    const after = ok(reviewProposal(c, solved, NO_REVIEW, { kind: 'reject', pair: { mentorId: rejected.mentorId, menteeId: rejected.menteeId } })).proposal;
    const total = Math.round(after.pairs.reduce((sum, p) => sum + p.score, 0) * 100) / 100;
    expect(reviewedStats(stats, after)).toEqual({
      ...stats,
      pairs: after.pairs.length,
      unmatchedMentees: after.unmatched.filter((u) => u.role === 'mentee').length,
      unmatchedMentors: after.unmatched.filter((u) => u.role === 'mentor').length,
      totalScore: total,
      averageScore: Math.round((total / after.pairs.length) * 100) / 100,
    });
    expect(after.pairs.length).toBe(solved.pairs.length - 1);
    expect(reviewedStats(stats, after).unmatchedMentees).toBeGreaterThan(0);
  });

  it('gives an average of 0 when review leaves no pair', () => {
    expect(
      reviewedStats({ mode: 'exact', pairs: 1, totalScore: 80, averageScore: 80 }, { pairs: [], unmatched: [{ role: 'mentee' }, { role: 'mentor' }] }),
    ).toEqual({
      mode: 'exact',
      pairs: 0,
      unmatchedMentees: 1,
      unmatchedMentors: 1,
      totalScore: 0,
      averageScore: 0,
    });
  });
});
