import type { Participant, ParticipantIntake } from '../participant';
import { COMMUNICATION_STYLES } from '../participant';
import { goalTokens, interestKey, interestKeys, languageKey } from './text';
import { toUtcWeek, type WeeklyIntervals } from './time-windows';

/**
 * What matching needs of a participant: the stored Participant fits, so does intake + an id. The
 * addresses HR replaced (`formerEmails`) still name the person in the reporting lines.
 */
export type MatchParticipant = ParticipantIntake & Pick<Participant, 'formerEmails'> & { readonly participantId: string };

export const MEETING = { video: 0, 'in-person': 1, either: 2 } as const;

/**
 * A participant turned into small integer sets once, so that scoring 100 million pairs of a
 * 20,000-person cohort is arithmetic on typed arrays instead of string work.
 */
export interface CompiledParticipant {
  readonly index: number;
  readonly source: MatchParticipant;
  /** Topic indices this person offers. */
  readonly offered: Int32Array;
  /** Per topic index, the share of this person's wishes it stands for (first wish weighs most; sums to 1). */
  readonly wantWeight: Float64Array;
  readonly interests: Int32Array;
  readonly goals: Int32Array;
  readonly languages: Int32Array;
  readonly week: WeeklyIntervals;
  readonly meeting: number;
  readonly location: number;
  /** -1 when the person did not say. */
  readonly style: number;
  readonly department: number;
}

/** Shared ids for strings within one matching run; ids are assigned in first-seen order. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
    }
    return id;
  }
  idSet(words: Iterable<string>): Int32Array {
    const set = new Set<number>();
    for (const w of words) set.add(this.id(w));
    return Int32Array.from(set).sort();
  }
}

export interface CompileContext {
  readonly topics: Vocabulary;
  readonly words: Vocabulary;
  readonly referenceDate: string;
}

export function newCompileContext(topicIds: readonly string[], referenceDate: string): CompileContext {
  const topics = new Vocabulary();
  for (const t of topicIds) topics.id(t);
  return { topics, words: new Vocabulary(), referenceDate };
}

/**
 * The mentee's ordering carries the priority: wish k (0-based) weighs 1/(k+1), normalised so that
 * a partner who covers every wish scores 1 and one who covers only the first of three scores 0.55.
 */
function priorityWeights(wanted: readonly string[], topics: Vocabulary): Map<number, number> {
  let harmonic = 0;
  for (let k = 0; k < wanted.length; k++) harmonic += 1 / (k + 1);
  const out = new Map<number, number>();
  wanted.forEach((t, k) => out.set(topics.id(t), 1 / (k + 1) / harmonic));
  return out;
}

export function compileParticipant(p: MatchParticipant, index: number, ctx: CompileContext): CompiledParticipant {
  const offered = Int32Array.from(new Set(p.topicsOffered.map((t) => ctx.topics.id(t))));
  const weights = priorityWeights(p.topicsWanted, ctx.topics);
  const w = ctx.words;
  return {
    index,
    source: p,
    offered,
    // compileCohort registers every topic first, so all weight vectors have the same length.
    wantWeight: Float64Array.from({ length: ctx.topics.words.length }, (_, t) => weights.get(t) ?? 0),
    interests: w.idSet(interestKeys(p.interests).map((key) => `i:${key}`)),
    goals: w.idSet(goalTokens(p.goals).map((g) => `g:${g}`)),
    languages: w.idSet(p.languages.map((l) => `l:${languageKey(l)}`)),
    week: toUtcWeek(p.availability, p.timeZone, ctx.referenceDate),
    meeting: MEETING[p.meetingPreference ?? 'either'],
    location: w.id(`loc:${interestKey(p.location)}`),
    style: p.communicationStyle ? COMMUNICATION_STYLES.indexOf(p.communicationStyle) : -1,
    department: w.id(`dep:${interestKey(p.department)}`),
  };
}

/** Compiles a whole cohort; topic weight vectors all get the cohort's full topic count. */
export function compileCohort(participants: readonly MatchParticipant[], ctx: CompileContext): CompiledParticipant[] {
  for (const p of participants) for (const t of [...p.topicsOffered, ...p.topicsWanted]) ctx.topics.id(t);
  return participants.map((p, i) => compileParticipant(p, i, ctx));
}

/** Number of common elements of two sorted id sets. */
export function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}
