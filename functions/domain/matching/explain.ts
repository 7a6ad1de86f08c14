import type { MatchingFactor } from '../program';
import type { CompiledParticipant } from './features';
import type { PairScore } from './score';
import { capitalised, firstNameOr, fullNameOrErased, joinAnd, possessive } from '../emails/format';
import { durationInWords, interestKey, interestKeys, ordinal, goalTokens } from './text';
import { overlapByLocalDay } from './time-windows';

/**
 * Plain-language reasons for a pair, once for each reader:
 * - the mentee reads "you" and the mentor by first name (what the mentor can help with);
 * - the mentor reads "you" and the mentee by first name (what they bring, what they will learn);
 * - the program admin reads both people in the third person, by full name (admins are staff).
 * A participant's list never names anyone but their partner, by first name. Trade-offs are for the
 * admin (the approval email and the admin API), so they are in the admin's voice.
 */
export type Reader = 'mentor' | 'mentee' | 'admin';
export type ReasonsByReader = Record<Reader, string[]>;

export interface PairExplanation {
  /** The admin's list (third person, names): what `reasons` has always been stored as. */
  readonly reasons: string[];
  readonly reasonsFor: ReasonsByReader;
  readonly tradeOffs: string[];
}

export const READERS: readonly Reader[] = ['mentor', 'mentee', 'admin'];
const DAY_NAMES = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];
const MAX_REASONS = 3;
/** A factor worth at least this much of the program's attention is mentioned when it is weak. */
const NOTABLE_WEIGHT = 3;

type Label = (topicId: string) => string;
/** One sentence per reader; undefined when the factor has nothing true to say. */
type Said = Record<Reader, string> | undefined;

/** "Flexible and hybrid work" reads as "flexible and hybrid work" mid-sentence; "AI tools" stays. */
function inSentence(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** How each person is named: first name to their partner, full name (and first name again) to the admin. */
interface Names {
  readonly mentor: string;
  readonly mentee: string;
  readonly mentorFull: string;
  readonly menteeFull: string;
}

function namesOf(mentor: CompiledParticipant, mentee: CompiledParticipant): Names {
  return {
    mentor: firstNameOr(mentor.source.name, 'the mentor'),
    mentee: firstNameOr(mentee.source.name, 'the mentee'),
    mentorFull: fullNameOrErased(mentor.source.name).replace(/\s+/g, ' '),
    menteeFull: fullNameOrErased(mentee.source.name).replace(/\s+/g, ' '),
  };
}

const alsoWith = (more: string[]) => (more.length > 0 ? `, and also with ${joinAnd(more)}` : '');

function topicReason(mentor: CompiledParticipant, mentee: CompiledParticipant, label: Label, n: Names): Said {
  const offered = new Set(mentor.source.topicsOffered);
  const hits = mentee.source.topicsWanted.map((t, rank) => ({ t, rank })).filter((h) => offered.has(h.t));
  const first = hits[0];
  if (!first) return undefined;
  const topic = inSentence(label(first.t));
  const rank = ordinal(first.rank);
  const more = alsoWith(hits.slice(1, 3).map((h) => inSentence(label(h.t))));
  return {
    mentee: `${n.mentor} can help with ${topic}, which you ranked ${rank}${more}`,
    mentor: `You can help ${n.mentee} with ${topic}, which ${n.mentee} ranked ${rank}${more}`,
    admin: `${n.mentorFull} can help ${n.menteeFull} with ${topic}, which ${n.mentee} ranked ${rank}${more}`,
  };
}

function reverseTopicReason(mentor: CompiledParticipant, mentee: CompiledParticipant, label: Label, n: Names): Said {
  const offered = new Set(mentee.source.topicsOffered);
  const hits = mentor.source.topicsWanted.filter((t) => offered.has(t)).slice(0, 3);
  if (hits.length === 0) return undefined;
  const topics = joinAnd(hits.map((t) => inSentence(label(t))));
  return {
    mentee: `You can share ${topics}, which ${n.mentor} wants to learn about`,
    mentor: `You will learn about ${topics} from ${n.mentee}, who offered to share it`,
    admin: `${n.menteeFull} can share ${topics}, which ${n.mentorFull} wants to learn about`,
  };
}

function sharedInterests(mentor: CompiledParticipant, mentee: CompiledParticipant): string[] {
  const theirs = new Set(interestKeys(mentor.source.interests));
  return (mentee.source.interests ?? []).filter((i) => theirs.has(interestKey(i)));
}

function sharedGoalWords(mentor: CompiledParticipant, mentee: CompiledParticipant): string[] {
  const theirs = new Set(goalTokens(mentor.source.goals));
  return goalTokens(mentee.source.goals).filter((w) => theirs.has(w));
}

/** The best day and the weekly total, counted in the viewer's own time zone. */
function overlapWords(viewer: CompiledParticipant, other: CompiledParticipant, zone: string): string | undefined {
  const perDay = overlapByLocalDay(viewer.week, other.week);
  const total = perDay.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const best = perDay.indexOf(Math.max(...perDay));
  const main = `${durationInWords(perDay[best]!)} of shared availability on ${DAY_NAMES[best]}`;
  return total > perDay[best]! ? `${main} (${durationInWords(total)} a week in all, in ${zone})` : `${main} (in ${zone})`;
}

function availabilityReason(mentor: CompiledParticipant, mentee: CompiledParticipant, n: Names): Said {
  const mentee_ = overlapWords(mentee, mentor, 'your time zone');
  const mentor_ = overlapWords(mentor, mentee, 'your time zone');
  const admin = overlapWords(mentee, mentor, `${n.mentee}'s time zone`);
  return mentee_ && mentor_ && admin ? { mentee: mentee_, mentor: mentor_, admin } : undefined;
}

const MEETING_WORDS = { video: 'video calls', 'in-person': 'meeting in person', either: 'either way' } as const;

/** The same sentence for all three readers, "you both" to the pair and "both" to the admin. */
function both(youBoth: string, theyBoth: string): Record<Reader, string> {
  return { mentor: youBoth, mentee: youBoth, admin: theyBoth };
}

function meetingReason(mentor: CompiledParticipant, mentee: CompiledParticipant, n: Names): Said {
  const a = mentee.source.meetingPreference ?? 'either';
  const b = mentor.source.meetingPreference ?? 'either';
  if (a === 'in-person' && b !== 'video' && mentee.location === mentor.location) {
    return both(`You can meet in person: you are both in ${mentee.source.location}`, `They can meet in person: both are in ${mentee.source.location}`);
  }
  // In person wanted across two places fits only half (the distance is a trade-off, not a reason).
  if (apartInPerson(mentor, mentee)) return undefined;
  if (a === b && a !== 'either') return both(`You both prefer ${MEETING_WORDS[a]}`, `Both prefer ${MEETING_WORDS[a]}`);
  if (a === 'either' && b === 'either') return both('You are both happy to meet by video or in person', 'Both are happy to meet by video or in person');
  // One of them is flexible: say who adapts to whom, to each from their own side.
  if (a === 'either') {
    return {
      mentee: `You are happy to meet the way ${n.mentor} prefers (${MEETING_WORDS[b]})`,
      mentor: `${n.mentee} is happy to meet the way you prefer`,
      admin: `${n.menteeFull} is happy to meet the way ${n.mentorFull} prefers (${MEETING_WORDS[b]})`,
    };
  }
  return {
    mentee: `${n.mentor} is happy to meet the way you prefer`,
    mentor: `You are happy to meet the way ${n.mentee} prefers (${MEETING_WORDS[a]})`,
    admin: `${n.mentorFull} is happy to meet the way ${n.menteeFull} prefers (${MEETING_WORDS[a]})`,
  };
}

/** One wants to meet in person, the other would either way, but they are not in the same place (meeting value 0.5). */
function apartInPerson(mentor: CompiledParticipant, mentee: CompiledParticipant): boolean {
  const a = mentee.source.meetingPreference ?? 'either';
  const b = mentor.source.meetingPreference ?? 'either';
  return ((a === 'in-person' && b === 'either') || (a === 'either' && b === 'in-person')) && mentee.location !== mentor.location;
}

/** For the admin: the distance between two people of whom one asked to meet in person. */
function distanceTradeOff(mentor: CompiledParticipant, mentee: CompiledParticipant, n: Names): string {
  const [wants, wantsIn, other, otherIn] =
    (mentee.source.meetingPreference ?? 'either') === 'in-person'
      ? [n.menteeFull, mentee.source.location, n.mentorFull, mentor.source.location]
      : [n.mentorFull, mentor.source.location, n.menteeFull, mentee.source.location];
  return `${wants} prefers meeting in person, in ${wantsIn}, but ${other} is in ${otherIn}: meeting in person means travelling, or they meet by video`;
}

function reasonFor(factor: MatchingFactor, mentor: CompiledParticipant, mentee: CompiledParticipant, label: Label, n: Names): Said {
  switch (factor) {
    case 'topics':
      return topicReason(mentor, mentee, label, n);
    case 'reverseTopics':
      return reverseTopicReason(mentor, mentee, label, n);
    case 'interests': {
      const shared = joinAnd(
        sharedInterests(mentor, mentee)
          .slice(0, 3)
          .map((s) => s.toLowerCase()),
      );
      return shared ? both(`You both care about ${shared}`, `Both care about ${shared}`) : undefined;
    }
    case 'availability':
      return availabilityReason(mentor, mentee, n);
    case 'meetingPreference':
      return meetingReason(mentor, mentee, n);
    case 'communicationStyle': {
      const style = mentee.source.communicationStyle;
      return style && mentor.source.communicationStyle === style
        ? both(`You both have a ${style} communication style`, `Both have a ${style} communication style`)
        : undefined;
    }
    case 'goals': {
      const words = joinAnd(sharedGoalWords(mentor, mentee).slice(0, 3));
      return words ? both(`Your goals overlap on ${words}`, `Their goals overlap on ${words}`) : undefined;
    }
  }
}

/** What was given up, for the admin: third person, both people named. */
function tradeOffFor(
  factor: MatchingFactor,
  value: number,
  mentor: CompiledParticipant,
  mentee: CompiledParticipant,
  label: Label,
  overlap: number,
  n: Names,
): string | undefined {
  switch (factor) {
    case 'topics': {
      const top = mentee.source.topicsWanted[0];
      if (value === 0) return `${n.mentorFull} does not offer any of the topics ${n.menteeFull} asked for`;
      return top && !mentor.source.topicsOffered.includes(top)
        ? `${n.mentorFull} does not cover ${inSentence(label(top))}, ${possessive(n.menteeFull, 'first choice')}`
        : undefined;
    }
    case 'reverseTopics':
      return value === 0 ? `${n.menteeFull} does not offer the topics ${n.mentorFull} wants to learn about` : undefined;
    case 'interests':
      return value === 0 ? interestsTradeOff(mentor, mentee, n) : undefined;
    case 'availability':
      return overlap === 0
        ? 'Their usual weekly windows do not overlap: they will have to agree a time outside them'
        : `Only ${durationInWords(overlap)} of shared availability a week`;
    case 'meetingPreference':
      return `Their meeting preferences differ (${n.menteeFull}: ${MEETING_WORDS[mentee.source.meetingPreference ?? 'either']} in ${mentee.source.location}; ${n.mentorFull}: ${MEETING_WORDS[mentor.source.meetingPreference ?? 'either']} in ${mentor.source.location})`;
    case 'communicationStyle':
      return value === 0
        ? `Different communication styles (${n.menteeFull}: ${mentee.source.communicationStyle}, ${n.mentorFull}: ${mentor.source.communicationStyle}): worth talking about in the first session`
        : undefined;
    case 'goals':
      return value === 0 ? goalsTradeOff(mentor, mentee, n) : undefined;
  }
}

/** No interest shared: different ones, or someone listed none and there was nothing to share. */
function interestsTradeOff(mentor: CompiledParticipant, mentee: CompiledParticipant, n: Names): string {
  const none = [mentor, mentee].map((p) => interestKeys(p.source.interests).length === 0);
  if (none[0] && none[1]) return 'Neither of them listed any interests';
  if (none[0] || none[1]) return `${none[0] ? n.mentorFull : n.menteeFull} listed no interests`;
  return 'They have no interests in common';
}

/** Goals sharing no word: different aims, or one is only filler ("get better at what we do") and says nothing to compare. */
function goalsTradeOff(mentor: CompiledParticipant, mentee: CompiledParticipant, n: Names): string {
  const general = [mentor, mentee].map((p) => goalTokens(p.source.goals).length === 0);
  if (general[0] && general[1]) return 'Their written goals are too general to compare';
  if (general[0] || general[1]) return `${capitalised(possessive(general[0] ? n.mentorFull : n.menteeFull, 'written goals'))} are too general to compare`;
  return 'Their written goals have no words in common';
}

/**
 * Who chose a pair, for the trade-off that names a better mentor: the solver for the whole cohort
 * (`optimal`), the solver around pairs an admin fixed in review (`around-forced`: the cohort's best
 * was given up by the admin, not by the solver), or an admin who forced it (`forced`).
 */
export type PairChoice = 'optimal' | 'around-forced' | 'forced';

/**
 * A pair the waitlist decided: the best assignment without the waitlist going first (most pairs,
 * then best total) would have given this mentee `instead`, who scores `insteadScore` with them.
 * `mentorWaits`: the chosen mentor is on the waitlist themselves.
 */
export interface WaitlistCost {
  readonly mentorWaits: boolean;
  readonly instead: CompiledParticipant;
  readonly insteadScore: number;
}

/**
 * The top reasons (largest contributions first) for each reader, and what was given up: weak
 * factors the program cares about, and a better-scoring mentor the mentee could have had if the
 * cohort allowed it. Every reader's list comes from the same factors, in the same order.
 */
export function explainPair(
  mentor: CompiledParticipant,
  mentee: CompiledParticipant,
  detail: PairScore,
  label: Label,
  bestAlternativeScore?: number,
  choice: PairChoice = 'optimal',
  waitlist?: WaitlistCost,
): PairExplanation {
  const n = namesOf(mentor, mentee);
  const byContribution = [...detail.factors].filter((f) => f.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  const reasonsFor: ReasonsByReader = { mentor: [], mentee: [], admin: [] };
  for (const f of byContribution) {
    if (reasonsFor.admin.length === MAX_REASONS) break;
    if (f.value < 0.5 && reasonsFor.admin.length > 0) continue; // a weak factor is a trade-off, not a reason
    const said = reasonFor(f.factor, mentor, mentee, label, n);
    // A stand-in for a name with nothing readable ("the mentor") may open the sentence.
    if (said) for (const reader of READERS) reasonsFor[reader].push(capitalised(said[reader]));
  }
  const tradeOffs: string[] = [];
  for (const f of detail.factors) {
    if (f.weight < NOTABLE_WEIGHT || f.value >= 0.5) continue;
    const t = tradeOffFor(f.factor, f.value, mentor, mentee, label, detail.overlapMinutes, n);
    if (t) tradeOffs.push(t);
  }
  // Said whenever meeting counts at all: the person asked to meet in person, and would not.
  const meeting = detail.factors.find((f) => f.factor === 'meetingPreference');
  if (meeting && meeting.weight > 0 && apartInPerson(mentor, mentee)) tradeOffs.push(distanceTradeOff(mentor, mentee, n));
  if (waitlist) {
    tradeOffs.push(waitlistTradeOff(n, detail.score, waitlist, bestAlternativeScore));
  } else if (bestAlternativeScore !== undefined && bestAlternativeScore - detail.score >= 1) {
    const chosen = `${n.mentorFull} (${Math.round(detail.score)})`;
    const why =
      choice === 'forced'
        ? `an admin chose ${chosen} for them in review`
        : choice === 'around-forced'
          ? `${chosen} gave the best matches possible around the pairs the admins chose`
          : `${chosen} gave the cohort as a whole better matches`;
    tradeOffs.push(`${capitalised(possessive(n.menteeFull, 'best possible score'))} was ${Math.round(bestAlternativeScore)} with another mentor; ${why}`);
  }
  return { reasons: reasonsFor.admin, reasonsFor, tradeOffs: tradeOffs.map(capitalised) };
}

/**
 * For the admins: a mentor who would have fitted the mentee better was left out only because one of
 * the two is above the other in a reporting line (pairs are never made within one).
 */
export function reportingLineTradeOff(mentorName: string, menteeName: string, score: number): string {
  const mentor = mentorName.trim().replace(/\s+/g, ' ');
  const mentee = menteeName.trim().replace(/\s+/g, ' ');
  return `${mentor} would have fitted ${mentee} better (${Math.round(score)}), but the two are in one reporting line, and pairs are never made within one`;
}

/**
 * The waitlist, not a better total, chose this mentor: say so, name the mentor the mentee would
 * otherwise have had, and (when higher still) the mentee's best possible score.
 */
function waitlistTradeOff(n: Names, score: number, cost: WaitlistCost, bestAlternativeScore?: number): string {
  const instead = cost.instead.source.name.trim().replace(/\s+/g, ' ');
  const against = `(${Math.round(cost.insteadScore)} against ${Math.round(score)})`;
  const main = cost.mentorWaits
    ? `${n.menteeFull} was paired with ${n.mentorFull}, who is on the waitlist: people waiting are paired first, though ${instead} would fit ${n.mentee} better ${against}`
    : `${n.menteeFull} was paired with ${n.mentorFull} because people on the waitlist are paired first: otherwise ${n.mentee} would have had ${instead} ${against}`;
  const best =
    bestAlternativeScore !== undefined && Math.round(bestAlternativeScore) > Math.round(cost.insteadScore) ? Math.round(bestAlternativeScore) : undefined;
  return best === undefined ? main : `${main}; ${n.mentee}'s best possible score was ${best} with another mentor`;
}
