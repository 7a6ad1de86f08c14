import { matchCohort, type MatchParticipant } from '../../../functions/domain/matching/match';
import type { ReviewCohort, ReviewOutcome, ReviewRefusal } from '../../../functions/domain/matching/review';
import { person, program } from './fixtures';

const TOPICS = ['ai-tools', 'social-media', 'inclusive-communication', 'sustainability'];
const WANTS = ['strategy', 'leadership'];

/** Four mentors and four mentees whose topics overlap unevenly, so that scores differ pair by pair. */
export function cohort(extra: { mentors?: Partial<MatchParticipant>[]; mentees?: Partial<MatchParticipant>[] } = {}): ReviewCohort {
  const mentors = [0, 1, 2, 3].map((i) =>
    person(`mentor${i}`, 'mentor', { topicsOffered: [TOPICS[i]!], topicsWanted: [WANTS[i % 2]!], ...(extra.mentors?.[i] ?? {}) }),
  );
  const mentees = [0, 1, 2, 3].map((i) =>
    person(`mentee${i}`, 'mentee', {
      topicsOffered: [WANTS[(i + 1) % 2]!],
      topicsWanted: [TOPICS[i]!, TOPICS[(i + 1) % 4]!],
      ...(extra.mentees?.[i] ?? {}),
    }),
  );
  const participants = [...mentors, ...mentees];
  return { program: program(), participants, activePairs: [], previousPairs: [], waitingIds: participants.map((p) => p.participantId) };
}

/** The first proposal for the cohort, before any review. */
export function first(c: ReviewCohort) {
  const { pairs, unmatched } = matchCohort({ program: c.program, participants: c.participants });
  return { pairs, unmatched };
}

/** The outcome of a review change the test expects to be taken. */
export function ok(outcome: ReviewOutcome | ReviewRefusal): ReviewOutcome {
  if (outcome.refused) throw new Error(`refused: ${outcome.message}`);
  return outcome;
}

export const pairOf = (p: { mentorId: string; menteeId: string }) => ({ mentorId: p.mentorId, menteeId: p.menteeId });
