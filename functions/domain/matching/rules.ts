import { emailKey } from '../participant';
import type { MatchingRules } from '../program';
import { sharedCount as sharedCountImport, type CompiledParticipant, type MatchParticipant } from './features';
import { buildReportingChains, type ReportingChains, type ReportingLink } from './reporting-chain';

// Bound once: tsx/esbuild may turn imported calls into getter calls, and this runs 10^8 times.
const sharedCount = sharedCountImport;

/** Why a pair is forbidden; a bit set so one pair can carry several reasons. */
export const RULE = {
  reportingChain: 1,
  noSharedLanguage: 2,
  sameDepartment: 4,
  doNotPair: 8,
  previousPair: 16,
  tooLittleOverlap: 32,
  missingMustHave: 64,
  /** An admin ruled the pair out while reviewing a proposal (docs/admin-api.md, Match review). */
  ruledOutInReview: 128,
} as const;
export type RuleName = keyof typeof RULE;
export const RULE_NAMES = Object.keys(RULE) as RuleName[];

/** A pairing that existed before (by participant id); it is never proposed again. */
export interface PastPair {
  readonly mentorId: string;
  readonly menteeId: string;
}

export interface RuleBook {
  readonly rules: MatchingRules;
  readonly chains: ReportingChains;
  /** The rules that need no scoring (checked first, they are the cheapest); 0 = allowed so far. */
  structural(mentor: CompiledParticipant, mentee: CompiledParticipant): number;
  /** Mentees a mentor may take: their own capacity capped by the program. */
  capacity(mentor: MatchParticipant): number;
}

export function buildRuleBook(
  participants: readonly CompiledParticipant[],
  rules: MatchingRules,
  previousPairs: readonly PastPair[] = [],
  ruledOut: readonly PastPair[] = [],
  reportingLines: readonly ReportingLink[] = [],
): RuleBook {
  const chains = buildReportingChains(
    participants.map((p) => p.source),
    reportingLines,
  );
  const n = participants.length;
  // Pairs are stored both ways as a*n+b: doNotPairWith and past pairs bind whichever side asked.
  const blocked = new Set<number>();
  const pastPairs = new Set<number>();
  const ruledOutPairs = new Set<number>();
  const hasExceptions = new Uint8Array(n);
  const block = (set: Set<number>, a: number, b: number) => {
    set.add(a * n + b);
    set.add(b * n + a);
    hasExceptions[a] = 1;
    hasExceptions[b] = 1;
  };
  const byEmail = new Map<string, number[]>();
  const byId = new Map<string, number>();
  participants.forEach((p) => {
    const key = emailKey(p.source.email);
    byEmail.set(key, [...(byEmail.get(key) ?? []), p.index]);
    byId.set(p.source.participantId, p.index);
  });
  for (const p of participants) {
    for (const email of p.source.doNotPairWith ?? []) for (const other of byEmail.get(emailKey(email)) ?? []) block(blocked, p.index, other);
  }
  for (const pair of previousPairs) {
    const a = byId.get(pair.mentorId);
    const b = byId.get(pair.menteeId);
    if (a !== undefined && b !== undefined) block(pastPairs, a, b);
  }
  for (const pair of ruledOut) {
    const a = byId.get(pair.mentorId);
    const b = byId.get(pair.menteeId);
    if (a !== undefined && b !== undefined) block(ruledOutPairs, a, b);
  }

  return {
    rules,
    chains,
    structural(mentor, mentee) {
      let bits = 0;
      if (sharedCount(mentor.languages, mentee.languages) === 0) bits |= RULE.noSharedLanguage;
      if (rules.notSameDepartment && mentor.department === mentee.department) bits |= RULE.sameDepartment;
      if (chains.sameChain(mentor.index, mentee.index)) bits |= RULE.reportingChain;
      if (hasExceptions[mentor.index] === 1) {
        const key = mentor.index * n + mentee.index;
        if (blocked.has(key)) bits |= RULE.doNotPair;
        if (pastPairs.has(key)) bits |= RULE.previousPair;
        if (ruledOutPairs.has(key)) bits |= RULE.ruledOutInReview;
      }
      return bits;
    },
    capacity(mentor) {
      return Math.max(0, Math.min(mentor.capacity ?? 1, rules.maxMenteesPerMentor));
    },
  };
}

const PHRASES: Record<RuleName, (n: number) => string> = {
  reportingChain: (n) => `${n} ${n === 1 ? 'is' : 'are'} in the same reporting line`,
  noSharedLanguage: (n) => `${n} ${n === 1 ? 'shares' : 'share'} no language`,
  sameDepartment: (n) => `${n} ${n === 1 ? 'is' : 'are'} in the same department`,
  doNotPair: (n) => `${n} ${n === 1 ? 'is' : 'are'} on a do-not-pair list`,
  previousPair: (n) => `${n} ${n === 1 ? 'was a partner' : 'were partners'} before`,
  tooLittleOverlap: (n) => `${n} ${n === 1 ? 'has' : 'have'} too little shared availability`,
  missingMustHave: (n) => `${n} ${n === 1 ? 'lacks' : 'lack'} a must-have`,
  ruledOutInReview: (n) => `${n} ${n === 1 ? 'was' : 'were'} ruled out in review`,
};

/** "3 are in the same reporting line and 9 share no language" from per-rule counts. */
export function describeRuleCounts(counts: Readonly<Record<RuleName, number>>): string {
  const parts = RULE_NAMES.filter((r) => counts[r] > 0).map((r) => PHRASES[r](counts[r]));
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
