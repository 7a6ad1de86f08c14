import { neverPairAgain, type PairedElsewhere } from './matching/past-partners';
import { buildReportingChains, type ReportingLink } from './matching/reporting-chain';
import type { PastPair } from './matching/rules';
import { interestKey } from './matching/text';
import { isTerminal, type Pairing } from './pairing/model';
import { emailKey, type Role } from './participant';
import { isSamePerson } from './same-person';

/**
 * Whether the people waiting for a partner can be paired with each other at all, by the hard rules
 * that are cheap and certain (no scoring, no solve: matching/rules.ts checks the same): the admins'
 * digest says "Matching can pair them now" only when some pair may be proposed (QA: two former
 * partners, the only two waiting, were told to the admins as pairable every week for months, and
 * each run proposed nothing). Rules that need scoring (shared language, availability, must-haves)
 * are not checked: a pair they rule out still reads as pairable.
 */

/** Why a mentor and a mentee may never be proposed to each other. */
export type PairBar = 'partners-before' | 'ruled-out' | 'same-person' | 'do-not-pair' | 'reporting-line' | 'same-department';

/** A person as the rules read them: who they are, their place in the reporting lines, their lists. */
export interface RulePerson extends ReportingLink {
  readonly participantId: string;
  readonly role: Role;
  readonly department?: string;
  readonly doNotPairWith?: readonly string[];
}

export interface PairRules {
  /** Everyone the program knows, those who left or finished too: their reporting lines still link the others. */
  readonly everyone: readonly RulePerson[];
  /** The program's pairings: two people who had one together (ended, completed or not started) are never proposed again. */
  readonly pairings: readonly Pick<Pairing, 'mentorId' | 'menteeId' | 'status'>[];
  /** Pairs the admins rejected or forbade in an approved review (cohort-matching.ts, excludedPairs). */
  readonly excluded?: readonly PastPair[];
  /** The same two people's pairings in other programs; those that ended as never again bar them (past-partners.ts). */
  readonly pairedElsewhere?: readonly PairedElsewhere[];
  /** The program's rule `matching.rules.notSameDepartment`. */
  readonly notSameDepartment?: boolean;
}

/** Every pair of the candidates is ruled out: how many pairs there are, and how many each bar rules out (a pair may have several). */
export interface NoPairAllowed {
  readonly pairs: number;
  readonly bars: Partial<Record<PairBar, number>>;
  /** Mentors of running pairs with a free place, counted among the candidates. */
  readonly freePlaceMentors: number;
}

const pairKey = (mentorId: string, menteeId: string) => `${mentorId}\n${menteeId}`;

/**
 * Undefined when at least one of `mentees` may be paired with one of `mentors` (ids); otherwise how
 * many pairs they make and why each is ruled out. No candidates of a role: undefined (nothing to say).
 */
export function noPairAllowed(mentors: readonly string[], mentees: readonly string[], rules: PairRules, freePlaceMentors = 0): NoPairAllowed | undefined {
  if (mentors.length === 0 || mentees.length === 0) return undefined;
  const byId = new Map(rules.everyone.map((p) => [p.participantId, p]));
  const candidates = [...mentors, ...mentees].flatMap((id) => byId.get(id) ?? []);
  const index = new Map(candidates.map((p, i) => [p.participantId, i]));
  const ids = new Set(index.keys());
  const chains = buildReportingChains(
    candidates,
    rules.everyone.filter((p) => !ids.has(p.participantId)),
  );
  const never = new Set<string>();
  const addNever = (p: PastPair, set: Set<string>) => {
    set.add(pairKey(p.mentorId, p.menteeId));
    set.add(pairKey(p.menteeId, p.mentorId));
  };
  for (const p of rules.pairings) if (isTerminal(p.status)) addNever(p, never);
  for (const p of (rules.pairedElsewhere ?? []).filter(neverPairAgain)) addNever(p, never);
  const excluded = new Set<string>();
  for (const p of rules.excluded ?? []) addNever(p, excluded);
  const bars: Partial<Record<PairBar, number>> = {};
  let pairs = 0;
  for (const mentorId of mentors) {
    const mentor = byId.get(mentorId);
    for (const menteeId of mentees) {
      const mentee = byId.get(menteeId);
      // Someone the rules cannot read is not ruled out: the digest never says "cannot" on a guess.
      if (!mentor || !mentee) return undefined;
      pairs++;
      const found = barsBetween(mentor, mentee, {
        never: never.has(pairKey(mentorId, menteeId)),
        excluded: excluded.has(pairKey(mentorId, menteeId)),
        sameChain: chains.sameChain(index.get(mentorId)!, index.get(menteeId)!),
        notSameDepartment: rules.notSameDepartment === true,
      });
      if (found.length === 0) return undefined;
      for (const bar of found) bars[bar] = (bars[bar] ?? 0) + 1;
    }
  }
  return { pairs, bars, freePlaceMentors };
}

function barsBetween(
  mentor: RulePerson,
  mentee: RulePerson,
  o: { never: boolean; excluded: boolean; sameChain: boolean; notSameDepartment: boolean },
): PairBar[] {
  const out: PairBar[] = [];
  if (o.never) out.push('partners-before');
  if (o.excluded) out.push('ruled-out');
  const same = isSamePerson(mentor, mentee);
  if (same) out.push('same-person');
  const lists = (a: RulePerson, b: RulePerson) => (a.doNotPairWith ?? []).some((e) => emailKey(e) !== '' && emailKey(e) === emailKey(b.email));
  if (lists(mentor, mentee) || lists(mentee, mentor)) out.push('do-not-pair');
  // One person is "in one line" with themselves: said once, as the same person.
  if (o.sameChain && !same) out.push('reporting-line');
  if (
    o.notSameDepartment &&
    mentor.department !== undefined &&
    mentee.department !== undefined &&
    interestKey(mentor.department) === interestKey(mentee.department)
  )
    out.push('same-department');
  return out;
}
