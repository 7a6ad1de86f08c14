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
 * Whether the waitlist going first (people waiting are paired before better fits) is why a person
 * has no partner. For a mentee, `true`: people on the waitlist were matched in this run, so the
 * places may have gone to them. For a mentor, `true`: the best assignment without the waitlist
 * going first pairs this mentor; `{ toWaitingMentors: n }`: and the n mentees they would have had
 * there all went to mentors on the waitlist.
 */
export type WaitlistEffect = boolean | { readonly toWaitingMentors: number };

/**
 * Why a person has no partner: nobody on the other side is allowed (and which rules say so), or
 * every allowed partner went to pairs that serve the cohort better, or was already taken (capacity).
 * `others`: the other side with a free place in this run; `booked`: the rest of the other side in
 * the cohort, whose places running pairs (or pairs an admin set in review) have taken. A partner
 * who fits but is booked makes it capacity, never "nobody fits" or "nobody on the other side".
 */
export function explainUnmatched(
  model: CohortModel,
  person: CompiledParticipant,
  others: readonly CompiledParticipant[],
  waitlistFirst: WaitlistEffect = false,
  booked: readonly CompiledParticipant[] = [],
): UnmatchedParticipant {
  const role = person.source.role;
  const otherWord = role === 'mentor' ? 'mentee' : 'mentor';
  const base = { participantId: person.source.participantId, role };
  if (others.length === 0 && booked.length === 0) {
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
  const allowed = (other: CompiledParticipant) => {
    const bits = role === 'mentor' ? ruleBits(model, person, other) : ruleBits(model, other, person);
    for (const r of RULE_NAMES) if (bits & RULE[r]) counts[r]++;
    return bits === 0;
  };
  const eligible = others.filter(allowed).length;
  const eligibleBooked = booked.filter(allowed).length;
  const everyone = others.length + booked.length;
  const plural = everyone === 1 ? otherWord : `${otherWord}s`;
  if (eligible === 0 && eligibleBooked === 0) {
    return {
      ...base,
      code: 'no-eligible-partner',
      reason: `No eligible ${otherWord}: of the ${everyone} ${plural}, ${describeRuleCounts(counts)}. Waitlisted; a late joiner may fit.`,
    };
  }
  if (eligible === 0) {
    const taken =
      role === 'mentee'
        ? `${eligibleBooked === 1 ? 'The only mentor who fits has' : `All ${eligibleBooked} mentors who fit have`} no free place: running pairings, or pairs set in review, take them (capacity). Waitlisted for a freed place or a new mentor.`
        : `${eligibleBooked === 1 ? 'The only mentee who fits is in a running pairing or a pair set in review' : `All ${eligibleBooked} mentees who fit are in running pairings or pairs set in review`} (capacity). Free for late joiners and rematches.`;
    return { ...base, code: 'capacity', reason: taken };
  }
  const eligibleWords = eligible === 1 ? `The only eligible ${otherWord} was` : `All ${eligible} eligible ${otherWord}s were`;
  const reason =
    role === 'mentee'
      ? waitlistFirst
        ? `${eligibleWords} fully booked: the places went to people on the waitlist, who are matched first, or to pairs that fit better overall (capacity). Waitlisted for a freed place or a new mentor.`
        : `${eligibleWords} fully booked with pairs that fit better overall (capacity). Waitlisted for a freed place or a new mentor.`
      : `${mentorTaken(eligible, eligibleWords, waitlistFirst)} Free for late joiners and rematches.`;
  return { ...base, code: 'capacity', reason };
}

/** Where the eligible mentees of an unpaired mentor went: to better fits, or to the waitlist first. */
function mentorTaken(eligible: number, eligibleWords: string, waitlistFirst: WaitlistEffect): string {
  if (typeof waitlistFirst === 'object') {
    if (eligible === 1) return 'The only eligible mentee went to a mentor on the waitlist, who is matched first.';
    const k = waitlistFirst.toWaitingMentors;
    const went =
      k === 1
        ? 'the mentee this mentor would otherwise have had went to a mentor on the waitlist, who is'
        : `the ${k} mentees this mentor would otherwise have had went to mentors on the waitlist, who are`;
    return `${eligibleWords} paired with other mentors: ${went} matched first.`;
  }
  if (waitlistFirst) {
    return `${eligibleWords} paired with other mentors so that people on the waitlist could be matched first.`;
  }
  return `${eligibleWords} paired with mentors who fit them better overall.`;
}
