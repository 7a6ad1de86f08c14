import type { MatchingFactor } from '../program';
import type { CompiledParticipant } from './features';
import type { PairScore } from './score';
import { durationInWords, firstName, interestKey, listInWords, ordinal, goalTokens } from './text';
import { overlapByLocalDay } from './time-windows';

/**
 * Plain-language reasons for a pair, written to the mentee (who reads "you") about the mentor
 * (named by first name only), because the introduction email opens with them. No other
 * participant is ever named: trade-offs speak of "another mentor".
 */
export interface PairExplanation {
  readonly reasons: string[];
  readonly tradeOffs: string[];
}

const DAY_NAMES = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];
const MAX_REASONS = 3;
/** A factor worth at least this much of the program's attention is mentioned when it is weak. */
const NOTABLE_WEIGHT = 3;

type Label = (topicId: string) => string;

/** "Flexible and hybrid work" reads as "flexible and hybrid work" mid-sentence; "AI tools" stays. */
function inSentence(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function topicReason(mentor: CompiledParticipant, mentee: CompiledParticipant, label: Label): string | undefined {
  const offered = new Set(mentor.source.topicsOffered);
  const hits = mentee.source.topicsWanted.map((t, rank) => ({ t, rank })).filter((h) => offered.has(h.t));
  const first = hits[0];
  if (!first) return undefined;
  const more = hits.slice(1, 3).map((h) => inSentence(label(h.t)));
  const base = `${firstName(mentor.source.name)} can help with ${inSentence(label(first.t))}, which you ranked ${ordinal(first.rank)}`;
  return more.length > 0 ? `${base}, and also with ${listInWords(more)}` : base;
}

function reverseTopicReason(mentor: CompiledParticipant, mentee: CompiledParticipant, label: Label): string | undefined {
  const offered = new Set(mentee.source.topicsOffered);
  const hits = mentor.source.topicsWanted.filter((t) => offered.has(t)).slice(0, 3);
  if (hits.length === 0) return undefined;
  return `You can share ${listInWords(hits.map((t) => inSentence(label(t))))}, which ${firstName(mentor.source.name)} wants to learn about`;
}

function sharedInterests(mentor: CompiledParticipant, mentee: CompiledParticipant): string[] {
  const theirs = new Set((mentor.source.interests ?? []).map(interestKey));
  return (mentee.source.interests ?? []).filter((i) => theirs.has(interestKey(i)));
}

function sharedGoalWords(mentor: CompiledParticipant, mentee: CompiledParticipant): string[] {
  const theirs = new Set(goalTokens(mentor.source.goals));
  return goalTokens(mentee.source.goals).filter((w) => theirs.has(w));
}

function availabilityReason(mentor: CompiledParticipant, mentee: CompiledParticipant): string | undefined {
  const perDay = overlapByLocalDay(mentee.week, mentor.week);
  const total = perDay.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const best = perDay.indexOf(Math.max(...perDay));
  const main = `${durationInWords(perDay[best]!)} of shared availability on ${DAY_NAMES[best]}`;
  return total > perDay[best]! ? `${main} (${durationInWords(total)} a week in all, in your time zone)` : `${main} (in your time zone)`;
}

const MEETING_WORDS = { video: 'video calls', 'in-person': 'meeting in person', either: 'either way' } as const;

function reasonFor(factor: MatchingFactor, mentor: CompiledParticipant, mentee: CompiledParticipant, label: Label): string | undefined {
  const name = firstName(mentor.source.name);
  switch (factor) {
    case 'topics':
      return topicReason(mentor, mentee, label);
    case 'reverseTopics':
      return reverseTopicReason(mentor, mentee, label);
    case 'interests': {
      const shared = sharedInterests(mentor, mentee).slice(0, 3);
      return shared.length > 0 ? `You both care about ${listInWords(shared.map((s) => s.toLowerCase()))}` : undefined;
    }
    case 'availability':
      return availabilityReason(mentor, mentee);
    case 'meetingPreference': {
      const a = mentee.source.meetingPreference ?? 'either';
      const b = mentor.source.meetingPreference ?? 'either';
      if (a === 'in-person' && b !== 'video' && mentee.location === mentor.location) return `You can meet in person: you are both in ${mentee.source.location}`;
      if (a === b && a !== 'either') return `You both prefer ${MEETING_WORDS[a]}`;
      if (a === 'either' && b === 'either') return 'You are both happy to meet by video or in person';
      return `${name} is happy to meet the way you prefer`;
    }
    case 'communicationStyle':
      return mentor.source.communicationStyle && mentor.source.communicationStyle === mentee.source.communicationStyle
        ? `You both have a ${mentee.source.communicationStyle} communication style`
        : undefined;
    case 'goals': {
      const words = sharedGoalWords(mentor, mentee).slice(0, 3);
      return words.length > 0 ? `Your goals overlap on ${listInWords(words)}` : undefined;
    }
  }
}

function tradeOffFor(
  factor: MatchingFactor,
  value: number,
  mentor: CompiledParticipant,
  mentee: CompiledParticipant,
  label: Label,
  overlap: number,
): string | undefined {
  const name = firstName(mentor.source.name);
  switch (factor) {
    case 'topics': {
      const top = mentee.source.topicsWanted[0];
      if (value === 0) return `${name} does not offer any of the topics you asked for`;
      return top && !mentor.source.topicsOffered.includes(top) ? `${name} does not cover ${inSentence(label(top))}, your first choice` : undefined;
    }
    case 'reverseTopics':
      return value === 0 ? `You do not offer the topics ${name} wants to learn about` : undefined;
    case 'interests':
      return value === 0 ? 'You have no interests in common' : undefined;
    case 'availability':
      return overlap === 0
        ? 'Your usual weekly windows do not overlap: agree a time outside them'
        : `Only ${durationInWords(overlap)} of shared availability a week`;
    case 'meetingPreference':
      return `Your meeting preferences differ (you: ${MEETING_WORDS[mentee.source.meetingPreference ?? 'either']} in ${mentee.source.location}; ${name}: ${MEETING_WORDS[mentor.source.meetingPreference ?? 'either']} in ${mentor.source.location})`;
    case 'communicationStyle':
      return value === 0
        ? `Different communication styles (you: ${mentee.source.communicationStyle}, ${name}: ${mentor.source.communicationStyle}): worth talking about in the first session`
        : undefined;
    case 'goals':
      return value === 0 ? 'Your written goals have no words in common' : undefined;
  }
}

/**
 * The top reasons (largest contributions first) and what was given up: weak factors the program
 * cares about, and a better-scoring mentor the mentee could have had if the cohort allowed it.
 */
export function explainPair(
  mentor: CompiledParticipant,
  mentee: CompiledParticipant,
  detail: PairScore,
  label: Label,
  bestAlternativeScore?: number,
): PairExplanation {
  const byContribution = [...detail.factors].filter((f) => f.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  const reasons: string[] = [];
  for (const f of byContribution) {
    if (reasons.length === MAX_REASONS) break;
    if (f.value < 0.5 && reasons.length > 0) continue; // a weak factor is a trade-off, not a reason
    const r = reasonFor(f.factor, mentor, mentee, label);
    if (r) reasons.push(r);
  }
  const tradeOffs: string[] = [];
  for (const f of detail.factors) {
    if (f.weight < NOTABLE_WEIGHT || f.value >= 0.5) continue;
    const t = tradeOffFor(f.factor, f.value, mentor, mentee, label, detail.overlapMinutes);
    if (t) tradeOffs.push(t);
  }
  if (bestAlternativeScore !== undefined && bestAlternativeScore - detail.score >= 1) {
    tradeOffs.push(
      `Your best possible score was ${Math.round(bestAlternativeScore)} with another mentor; ${firstName(mentor.source.name)} (${Math.round(detail.score)}) gave the cohort as a whole better matches`,
    );
  }
  return { reasons, tradeOffs };
}
