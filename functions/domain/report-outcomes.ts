import { topicLabel } from './topics';
import { peopleIn, type ReportPairingRecords } from './report-facts';
import { guarded, mean, withheldByDifference, type Measure, type Withheld } from './report-privacy';

/**
 * What the pairs got out of the program (issue 13): skills per topic from each person's own
 * baseline to their last review, for each role, and the end-of-program feedback on the program
 * itself, grouped and without names. Both follow the report's k-anonymity rule.
 */

/** One person's 1-5 self-ratings per topic in one round (SKILLS#): the baseline at acceptance, or a review. */
export interface ReportSkillRatings {
  readonly participantId?: string;
  readonly role?: 'mentor' | 'mentee';
  readonly baseline?: boolean;
  readonly ratings?: Readonly<Record<string, number>>;
  readonly at?: string;
}

/** One person's answer on what the program should keep and change (FEEDBACK#), names already removed. */
export interface ReportFeedback {
  readonly participantId?: string;
  readonly keep?: string;
  readonly change?: string;
}

/** Per role and topic: the people with both a baseline and a later rating, and how they moved. */
export interface SkillChange {
  readonly role: 'mentor' | 'mentee';
  readonly topic: string;
  readonly label: string;
  /** People with a baseline and at least one review rating of this topic. */
  readonly people: number;
  readonly averageBaseline: Measure;
  readonly averageLatest: Measure;
  /** Average of each person's (last review - baseline), in points on the 1-5 scale. */
  readonly averageChange: Measure;
}

/** One person's change on one topic, in one pairing. */
export interface PersonTopicChange {
  readonly participantId: string;
  readonly role: 'mentor' | 'mentee';
  readonly topic: string;
  readonly baseline: number;
  readonly latest: number;
}

const valid = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;

/** Each person's baseline and last review rating per topic (never one number spread over topics). */
export function topicChanges(pairings: readonly ReportPairingRecords[]): PersonTopicChange[] {
  const out: PersonTopicChange[] = [];
  for (const { pairing, skills = [] } of pairings) {
    for (const participantId of [pairing.mentorId, pairing.menteeId]) {
      const role = participantId === pairing.mentorId ? 'mentor' : 'mentee';
      const mine = skills.filter((s) => s.participantId === participantId);
      const baseline = mine.find((s) => s.baseline);
      if (!baseline) continue;
      const reviews = mine.filter((s) => !s.baseline).sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
      for (const [topic, start] of Object.entries(baseline.ratings ?? {})) {
        if (!valid(start)) continue;
        const latest = reviews
          .map((r) => r.ratings?.[topic])
          .filter(valid)
          .at(-1);
        if (latest !== undefined) out.push({ participantId, role, topic, baseline: start, latest });
      }
    }
  }
  return out;
}

export function skillChanges(k: number, changes: readonly PersonTopicChange[], topics: readonly { id: string; label: string }[]): SkillChange[] {
  const labels = new Map(topics.map((t) => [t.id, t.label]));
  const groups = new Map<string, PersonTopicChange[]>();
  for (const c of changes) groups.set(`${c.role}\u0000${c.topic}`, [...(groups.get(`${c.role}\u0000${c.topic}`) ?? []), c]);
  return [...groups.values()]
    .map((xs) => {
      const { role, topic } = xs[0]!;
      const people = peopleIn(xs.map((x) => x.participantId));
      return {
        role,
        topic,
        label: labels.get(topic) ?? topicLabel(topic, []),
        people,
        averageBaseline: guarded(k, people, () => mean(xs.map((x) => x.baseline))),
        averageLatest: guarded(k, people, () => mean(xs.map((x) => x.latest))),
        averageChange: guarded(k, people, () => mean(xs.map((x) => x.latest - x.baseline))),
      };
    })
    .sort((a, b) => a.role.localeCompare(b.role) || a.topic.localeCompare(b.topic));
}

/**
 * The average change on `topic` (for `role`, or both roles), guarded by the people behind it. For
 * both roles it is withheld too when one role's figure in `skills` is withheld for its few people
 * while the other's is shown: both roles' minus the shown one would give the withheld one away.
 */
export function averageTopicChange(k: number, changes: readonly PersonTopicChange[], topic: string, role?: 'mentor' | 'mentee'): Measure {
  const xs = changes.filter((c) => c.topic === topic && (!role || c.role === role));
  const people = (r: 'mentor' | 'mentee') => peopleIn(xs.filter((x) => x.role === r).map((x) => x.participantId));
  const few = (n: number) => n > 0 && n < k;
  if (!role && ((few(people('mentor')) && people('mentee') >= k) || (few(people('mentee')) && people('mentor') >= k))) return withheldByDifference(k);
  return guarded(k, peopleIn(xs.map((x) => x.participantId)), () => mean(xs.map((x) => x.latest - x.baseline)));
}

/**
 * Meetings held per pairing both people accepted (`meetingsPerPair`, the `meetings-per-pair`
 * objective), guarded by the people behind it. Not yet measurable (null) until one of those
 * pairings has had a check-in close (held or missed) or has finished: on the day pairs accept, no
 * meeting can have been counted yet, and a 0 read as "not-met" (QA hr8), as a completion rate
 * before any pairing finished would.
 */
export function meetingsPerPairMeasure(k: number, accepted: readonly ReportPairingRecords[]): Measure {
  const counted = accepted.some(({ pairing: p }) => p.checkInsHeld + p.checkInsMissed > 0 || p.status === 'completed' || p.status === 'ended');
  if (!counted) return null;
  return guarded(k, peopleIn(accepted.flatMap((p) => [p.pairing.mentorId, p.pairing.menteeId])), () => mean(accepted.map((p) => p.pairing.checkInsHeld)));
}

// ---- Program feedback ----

/** Program feedback is shown only when at least this many people answered (and never below the program's k). */
export const MIN_FEEDBACK_PEOPLE = 5;

export interface FeedbackGroup {
  readonly theme: string;
  readonly label: string;
  readonly count: number;
  /** The answers, names replaced by "[name]", sorted alphabetically (never in the order given). */
  readonly answers: readonly string[];
}

export interface ProgramFeedback {
  /** People who answered either question. */
  readonly people: number;
  readonly minPeople: number;
  readonly keep: readonly FeedbackGroup[] | Withheld;
  readonly change: readonly FeedbackGroup[] | Withheld;
}

/** Themes, first match wins; what fits none is "Other". */
const THEMES: readonly { theme: string; label: string; words: RegExp }[] = [
  { theme: 'meetings', label: 'Meetings and time', words: /\b(meet\w*|session\w*|call\w*|time|cadence|schedul\w*|calendar|frequen\w*|hour\w*|minutes?)\b/iu },
  { theme: 'matching', label: 'Matching and partners', words: /\b(match\w*|partner\w*|pair\w*|mentor\w*|mentee\w*)\b/iu },
  { theme: 'emails', label: 'Emails, check-ins and reviews', words: /\b(e-?mails?|remind\w*|check-?ins?|nudge\w*|survey\w*|questions?|reviews?)\b/iu },
  { theme: 'topics', label: 'Topics and content', words: /\b(topics?|ai|tools?|skills?|learn\w*|content|strategy|social|starters?)\b/iu },
  { theme: 'guidance', label: 'Guidance and structure', words: /\b(guid\w*|structure\w*|format|kick-?off|training|workshop\w*|onboard\w*|framing)\b/iu },
];

export function themeOf(answer: string): { theme: string; label: string } {
  return THEMES.find((t) => t.words.test(answer)) ?? { theme: 'other', label: 'Other' };
}

function grouped(answers: readonly string[]): FeedbackGroup[] {
  const groups = new Map<string, { label: string; answers: string[] }>();
  for (const a of answers) {
    const { theme, label } = themeOf(a);
    groups.set(theme, { label, answers: [...(groups.get(theme)?.answers ?? []), a] });
  }
  return [...groups]
    .map(([theme, g]) => ({ theme, label: g.label, count: g.answers.length, answers: [...g.answers].sort((x, y) => x.localeCompare(y)) }))
    .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme));
}

/**
 * The answers on what to keep and what to change, each grouped by theme, only when at least
 * `max(5, k)` distinct people gave that answer; otherwise a withheld marker in its place.
 */
export function programFeedback(k: number, records: readonly ReportFeedback[]): ProgramFeedback {
  const minPeople = Math.max(MIN_FEEDBACK_PEOPLE, k);
  const part = (field: 'keep' | 'change'): readonly FeedbackGroup[] | Withheld => {
    const given = records.filter((r) => typeof r[field] === 'string' && r[field]!.trim());
    if (peopleIn(given.map((r) => r.participantId)) < minPeople) return { withheld: true, reason: `fewer than ${minPeople} people answered` };
    return grouped(given.map((r) => r[field]!.trim()));
  };
  return {
    people: peopleIn(records.filter((r) => r.keep || r.change).map((r) => r.participantId)),
    minPeople,
    keep: part('keep'),
    change: part('change'),
  };
}
