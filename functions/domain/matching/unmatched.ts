import type { Role } from '../participant';
import type { CohortModel } from './candidates';
import type { CompiledParticipant } from './features';
import { RULE, RULE_NAMES, describeRuleCounts, type RuleName } from './rules';
import { NOT_ALLOWED, quickScore, scoreCompiledPair } from './score';

/** `rejected-in-review`: an admin rejected the person's proposed pair (functions/domain/matching/review.ts). */
export type UnmatchedCode = 'no-eligible-partner' | 'capacity' | 'no-partners-in-cohort' | 'rejected-in-review';

export interface UnmatchedParticipant {
  readonly participantId: string;
  readonly role: Role;
  /** For the program admin: why, in a sentence, and what happens next. */
  readonly reason: string;
  readonly code: UnmatchedCode;
}

/** Every rule a pair breaks; cheap rules first, the scored ones only for pairs that fail them. */
function ruleBits(model: CohortModel, mentor: CompiledParticipant, mentee: CompiledParticipant): number {
  let bits = model.book.structural(mentor, mentee);
  if (quickScore(mentor, mentee, model.weights, model.minOverlapMinutes, -Infinity) === NOT_ALLOWED) {
    const detail = scoreCompiledPair(mentor, mentee, model.weights);
    if (detail.overlapMinutes < model.minOverlapMinutes) bits |= RULE.tooLittleOverlap;
    if (detail.missingMustHaves.length > 0) bits |= RULE.missingMustHave;
  }
  return bits;
}

/**
 * Why a person has no partner: nobody on the other side is allowed (and which rules say so), or
 * every allowed partner went to pairs that serve the cohort better (capacity).
 */
export function explainUnmatched(
  model: CohortModel,
  person: CompiledParticipant,
  others: readonly CompiledParticipant[],
  waitlistFirst = false,
): UnmatchedParticipant {
  const role = person.source.role;
  const otherWord = role === 'mentor' ? 'mentee' : 'mentor';
  const base = { participantId: person.source.participantId, role };
  if (others.length === 0) {
    return {
      ...base,
      code: 'no-partners-in-cohort',
      // Mentors have places; mentees do not: a lone mentor waits for a mentee to join.
      reason:
        role === 'mentee'
          ? 'No mentor has a free place in this cohort; waitlisted until one joins or a place frees up.'
          : 'No mentee is waiting to be matched in this cohort; waitlisted until one joins or a pairing ends.',
    };
  }
  const counts = Object.fromEntries(RULE_NAMES.map((r) => [r, 0])) as Record<RuleName, number>;
  let eligible = 0;
  for (const other of others) {
    const bits = role === 'mentor' ? ruleBits(model, person, other) : ruleBits(model, other, person);
    if (bits === 0) eligible++;
    for (const r of RULE_NAMES) if (bits & RULE[r]) counts[r]++;
  }
  const plural = others.length === 1 ? otherWord : `${otherWord}s`;
  if (eligible === 0) {
    return {
      ...base,
      code: 'no-eligible-partner',
      reason: `No eligible ${otherWord}: of the ${others.length} ${plural}, ${describeRuleCounts(counts)}. Waitlisted; a late joiner may fit.`,
    };
  }
  const eligibleWords = eligible === 1 ? `The only eligible ${otherWord} was` : `All ${eligible} eligible ${otherWord}s were`;
  const reason =
    role === 'mentee'
      ? waitlistFirst
        ? `${eligibleWords} fully booked: the places went to people on the waitlist, who are matched first, or to pairs that fit better overall (capacity). Waitlisted for a freed place or a new mentor.`
        : `${eligibleWords} fully booked with pairs that fit better overall (capacity). Waitlisted for a freed place or a new mentor.`
      : `${eligibleWords} paired with mentors who fit them better overall. Free for late joiners and rematches.`;
  return { ...base, code: 'capacity', reason };
}
