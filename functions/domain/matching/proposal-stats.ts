import { type ProposedPair, round2, type UnmatchedParticipant } from './match';

/** The figures of a proposal that follow its pairs and unmatched people (MatchStats). */
type PairFigures = 'pairs' | 'unmatchedMentees' | 'unmatchedMentors' | 'totalScore' | 'averageScore';

/**
 * A run's stats after match review changed its proposal: the figures that follow the pairs
 * (`pairs`, `unmatchedMentees`, `unmatchedMentors`, `totalScore`, `averageScore`) counted again
 * from the pairs and unmatched people as reviewed, so that they agree with `pairCount` and
 * `unmatchedCount`; what describes the solve itself (cohort size, places, mode, reference date,
 * `leftForTheirEndNews`) stays as the run solved it. The total adds the pairs' scores as shown
 * (two decimals each). Pure.
 */
export function reviewedStats(
  stats: Readonly<Record<string, unknown>>,
  proposal: { readonly pairs: readonly Pick<ProposedPair, 'score'>[]; readonly unmatched: readonly Pick<UnmatchedParticipant, 'role'>[] },
): Record<string, unknown> {
  const total = proposal.pairs.reduce((sum, p) => sum + p.score, 0);
  const figures: Record<PairFigures, number> = {
    pairs: proposal.pairs.length,
    unmatchedMentees: proposal.unmatched.filter((u) => u.role === 'mentee').length,
    unmatchedMentors: proposal.unmatched.filter((u) => u.role === 'mentor').length,
    totalScore: round2(total),
    averageScore: proposal.pairs.length > 0 ? round2(total / proposal.pairs.length) : 0,
  };
  return { ...stats, ...figures };
}
