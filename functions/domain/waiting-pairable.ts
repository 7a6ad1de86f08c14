import { hardRuleCheck, type MatchParticipant, type PairedElsewhere, type PastPair, type RuleCheckOptions } from './matching/match';
import { reportingLinkOf, type ReportingLink } from './matching/reporting-chain';
import type { RuleName } from './matching/rules';
import { isTerminal, type Pairing } from './pairing/model';
import { isSamePerson } from './same-person';

/**
 * Whether the people waiting for a partner can be paired with each other at all, by every hard rule
 * a matching run applies (QA: two former partners, the only two waiting, were told to the admins as
 * pairable every week for months; a mentee who shares no language with any mentor was too, and
 * each run proposed nothing). The rules are the matcher's own (matching/match.ts, hardRuleCheck),
 * read on the same input a cohort run reads (cohort-matching.ts, solveFor): the admins' digest says
 * "Matching can pair them now" only when a run may propose some pair. Whether a run then proposes
 * that pair (the places, the best total) is the solve's to say.
 */

/** Why a mentor and a mentee may never be proposed to each other. */
export type PairBar =
  | 'partners-before'
  | 'ruled-out'
  | 'same-person'
  | 'do-not-pair'
  | 'reporting-line'
  | 'same-department'
  | 'no-shared-language'
  | 'too-little-overlap'
  | 'missing-must-have';

/** The matcher's rule names as the digest says them; one person in "one reporting line" with themselves is said as the same person. */
const BAR_OF: Record<RuleName, PairBar> = {
  previousPair: 'partners-before',
  ruledOutInReview: 'ruled-out',
  doNotPair: 'do-not-pair',
  reportingChain: 'reporting-line',
  sameDepartment: 'same-department',
  noSharedLanguage: 'no-shared-language',
  tooLittleOverlap: 'too-little-overlap',
  missingMustHave: 'missing-must-have',
};

/** Someone the program knows who is not a candidate: their place in the reporting lines still links the others. */
export type LinePerson = ReportingLink & { readonly participantId: string };

export interface PairRules {
  /** The program's topics, matching weights (must-haves) and rules, and its start (the week availability is compared on). */
  readonly program: RuleCheckOptions['program'];
  /** Everyone the program knows, those who left or finished too: their reporting lines still link the others. */
  readonly everyone: readonly LinePerson[];
  /** The program's pairings: two people who had one together (ended, completed or not started) are never proposed again. */
  readonly pairings: readonly Pick<Pairing, 'mentorId' | 'menteeId' | 'status'>[];
  /** Pairs the admins rejected or forbade in an approved review (cohort-matching.ts, excludedPairs). */
  readonly excluded?: readonly PastPair[];
  /** The same two people's pairings in other programs; those that ended as never again bar them (past-partners.ts). */
  readonly pairedElsewhere?: readonly PairedElsewhere[];
  /** The reporting lines of managers enrolled only in other programs (adapters/reporting-elsewhere.ts). */
  readonly linesElsewhere?: readonly ReportingLink[];
}

/** Every pair of the candidates is ruled out: how many pairs there are, and how many each bar rules out (a pair may have several). */
export interface NoPairAllowed {
  readonly pairs: number;
  readonly bars: Partial<Record<PairBar, number>>;
  /** Mentors of running pairs with a free place, counted among the candidates. */
  readonly freePlaceMentors: number;
}

/** Whether a stored person carries everything matching reads of a participant (an erased one does not). */
export function readsAsMatchParticipant(p: object): p is MatchParticipant {
  const q = p as Partial<Record<keyof MatchParticipant, unknown>>;
  const texts = [q.participantId, q.email, q.timeZone, q.department, q.location, q.goals];
  const lists = [q.topicsOffered, q.topicsWanted, q.interests, q.availability, q.languages];
  return texts.every((t) => typeof t === 'string') && lists.every((l) => Array.isArray(l)) && (q.role === 'mentor' || q.role === 'mentee');
}

/**
 * Undefined when at least one of `mentees` may be paired with one of `mentors`; otherwise how many
 * pairs they make and why each is ruled out. No candidates of a role: undefined (nothing to say).
 * Capacity is the caller's: `mentors` are those with a free place.
 */
export function noPairAllowed(
  mentors: readonly MatchParticipant[],
  mentees: readonly MatchParticipant[],
  rules: PairRules,
  freePlaceMentors = 0,
): NoPairAllowed | undefined {
  if (mentors.length === 0 || mentees.length === 0) return undefined;
  const candidates = [...mentors, ...mentees];
  const ids = new Set(candidates.map((p) => p.participantId));
  const pairOf = (p: PastPair): PastPair => ({ mentorId: p.mentorId, menteeId: p.menteeId });
  const breaks = hardRuleCheck({
    program: rules.program,
    participants: candidates,
    previousPairs: rules.pairings.filter((p) => isTerminal(p.status)).map(pairOf),
    pairedElsewhere: rules.pairedElsewhere ?? [],
    ruledOutPairs: (rules.excluded ?? []).map(pairOf),
    reportingLines: [...rules.everyone.filter((p) => !ids.has(p.participantId)).map(reportingLinkOf), ...(rules.linesElsewhere ?? [])],
  });
  const bars: Partial<Record<PairBar, number>> = {};
  let pairs = 0;
  for (const mentor of mentors) {
    for (const mentee of mentees) {
      pairs++;
      const found = breaks(mentor.participantId, mentee.participantId);
      if (found.length === 0) return undefined;
      const same = found.includes('reportingChain') && isSamePerson(mentor, mentee);
      for (const rule of found) {
        const bar = same && rule === 'reportingChain' ? 'same-person' : BAR_OF[rule];
        bars[bar] = (bars[bar] ?? 0) + 1;
      }
    }
  }
  return { pairs, bars, freePlaceMentors };
}
