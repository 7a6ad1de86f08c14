import { isTerminal } from './pairing/model';
import { topicLabel } from './topics';
import { peopleIn, type Facts, type PersonReview, type ReportPairingRecords, type ReportParticipant } from './report-facts';
import {
  guarded,
  mean,
  netPromoterScore,
  protectByDifference,
  ratio,
  secondarySuppression,
  withheld,
  withheldByDifference,
  type Measure,
  type Withheld,
} from './report-privacy';

/** One group of people (a role, a department, a topic) and how it is doing. */
export interface GroupFigures {
  readonly group: string;
  readonly label: string;
  readonly people: number;
  /**
   * Members in a running pairing now (not ended, completed or not started): those
   * `participants.byStatus.paired` counts. Someone whose pairing ended without a new partner is not.
   */
  readonly paired: number;
  /** Members who have had at least one pairing, running or not (ended, completed, did not start). */
  readonly everPaired: number;
  readonly retentionRate: Measure;
  readonly checkInsHeld: Measure;
  readonly checkInsMissed: Measure;
  readonly attendanceRate: Measure;
  readonly answerRate: Measure;
  readonly averageCheckInRating: Measure;
  readonly netPromoterScore: Measure;
  readonly averageProgress: Measure;
}
/** A group smaller than k, or one that would give such a group away by difference: only its name is shown. */
export type GroupRow = GroupFigures | ({ readonly group: string; readonly label: string } & Withheld);

export interface Breakdown {
  readonly byRole: GroupRow[];
  readonly byDepartment: GroupRow[];
  readonly byTopic: GroupRow[];
}

const GONE = new Set(['left', 'withdrawn', 'suppressed']);

export const NO_DEPARTMENT = '(not given)';

/**
 * Each person's latest answer to one review question, in the order they answered (by `at`; a review
 * stored without it counts as the oldest). A Net Promoter Score and an average progress are read per
 * person: someone who answered the Day 30 review and the end-of-program review counts once, with
 * what they said last, not twice (QA finale3). A review whose author is unknown counts as one person.
 * Callers pass the reviews of the period a figure covers (a trend month: that month's).
 */
export function latestAnswers(reviews: readonly PersonReview[], question: 'recommend' | 'progress'): PersonReview[] {
  const latest = new Map<string, PersonReview>();
  const answered = reviews
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => typeof r[question] === 'number')
    .sort((a, b) => (a.r.at ?? '').localeCompare(b.r.at ?? '') || a.i - b.i);
  for (const { r, i } of answered) latest.set(r.participantId ?? `\u0000review ${i}`, r);
  return [...latest.values()];
}

function figures(
  k: number,
  group: string,
  label: string,
  members: readonly ReportParticipant[],
  pairings: readonly ReportPairingRecords[],
  facts: Facts,
): GroupFigures {
  const ids = new Set(members.map((m) => m.participantId));
  const inPairing = (p: ReportPairingRecords['pairing']) => ids.has(p.mentorId) || ids.has(p.menteeId);
  const theirPairings = pairings.filter((p) => inPairing(p.pairing));
  const checkIns = facts.checkIns.filter((c) => c.people.some((id) => ids.has(id)));
  const checkInPeople = peopleIn(checkIns.flatMap((c) => c.people.filter((id) => ids.has(id))));
  const held = checkIns.filter((c) => c.met).length;
  const questions = facts.questions.filter((q) => ids.has(q.personId));
  const rated = questions.filter((q) => q.rating !== undefined);
  const theirs = (r: PersonReview) => r.participantId !== undefined && ids.has(r.participantId);
  const recommend = latestAnswers(facts.reviews, 'recommend').filter(theirs);
  const progress = latestAnswers(facts.reviews, 'progress').filter(theirs);
  const stayed = members.filter((m) => !GONE.has(m.status)).length;
  const membersOf = (list: readonly ReportPairingRecords[]) =>
    new Set(list.flatMap((p) => [p.pairing.mentorId, p.pairing.menteeId]).filter((id) => ids.has(id))).size;
  return {
    group,
    label,
    people: members.length,
    paired: membersOf(theirPairings.filter((p) => !isTerminal(p.pairing.status))),
    everPaired: membersOf(theirPairings),
    retentionRate: guarded(k, members.length, () => ratio(stayed, members.length)),
    checkInsHeld: guarded(k, checkInPeople, () => held),
    checkInsMissed: guarded(k, checkInPeople, () => checkIns.length - held),
    attendanceRate: guarded(k, checkInPeople, () => ratio(held, checkIns.length)),
    answerRate: guarded(k, peopleIn(questions.map((q) => q.personId)), () => ratio(questions.filter((q) => q.answered).length, questions.length)),
    averageCheckInRating: guarded(k, peopleIn(rated.map((q) => q.personId)), () => mean(rated.map((q) => q.rating!))),
    netPromoterScore: guarded(k, peopleIn(recommend.map((r) => r.participantId)), () => netPromoterScore(recommend.map((r) => r.recommend!))),
    averageProgress: guarded(k, peopleIn(progress.map((r) => r.participantId)), () => mean(progress.map((r) => r.progress!))),
  };
}

/**
 * The facts behind each family of group figures (those computed from the same facts), each with the
 * people it is about, for secondary suppression: a group's figures are computed from the facts
 * about its members (a check-in is about both people in it).
 */
function families(facts: Facts) {
  const family = <F>(measures: readonly (keyof GroupFigures)[], all: readonly F[], people: (f: F, i: number) => readonly string[]) => ({
    measures,
    unitPeople: all.map(people),
    unitsOf: (ids: ReadonlySet<string>) => all.flatMap((f, i) => (people(f, i).some((id) => ids.has(id)) ? [i] : [])),
  });
  // A review whose author is unknown is nobody's group's, and one person of its own.
  const author = (r: Facts['reviews'][number], i: number) => [r.participantId ?? `\u0000review ${i}`];
  return [
    family(['checkInsHeld', 'checkInsMissed', 'attendanceRate'], facts.checkIns, (c) => c.people),
    family(['answerRate'], facts.questions, (q) => [q.personId]),
    family(
      ['averageCheckInRating'],
      facts.questions.filter((q) => q.rating !== undefined),
      (q) => [q.personId],
    ),
    family(['netPromoterScore'], latestAnswers(facts.reviews, 'recommend'), author),
    family(['averageProgress'], latestAnswers(facts.reviews, 'progress'), author),
  ];
}

/**
 * One breakdown (the groups of one dimension, which may overlap: a person wants several topics).
 * A group of fewer than k people shows its name only; so does a group whose members, with the
 * program's total and the other shown groups, would give such a group away (its size, how many
 * stayed). Then each family of figures is protected the same way within the groups shown.
 */
function dimension(
  k: number,
  groups: readonly { group: string; label: string; members: readonly number[] }[],
  participants: readonly ReportParticipant[],
  pairings: readonly ReportPairingRecords[],
  facts: Facts,
): GroupRow[] {
  const shown = secondarySuppression(
    k,
    participants.map((p) => [p.participantId]),
    groups.map((g) => ({ units: g.members, shown: g.members.length >= k })),
  );
  let rows: GroupRow[] = groups.map(({ group, label, members }, i) => {
    if (members.length < k) return { group, label, ...withheld(k) };
    if (!shown[i]) return { group, label, ...withheldByDifference(k) };
    return figures(
      k,
      group,
      label,
      members.map((m) => participants[m]!),
      pairings,
      facts,
    );
  });
  const ids = groups.map((g) => new Set(g.members.map((m) => participants[m]!.participantId)));
  for (const f of families(facts)) {
    rows = protectByDifference(k, rows, f.measures, f.unitPeople, (row, i) => ('withheld' in row ? undefined : f.unitsOf(ids[i]!)));
  }
  return rows;
}

export function breakdown(
  k: number,
  participants: readonly ReportParticipant[],
  pairings: readonly ReportPairingRecords[],
  facts: Facts,
  topics: readonly { id: string; label: string }[],
): Breakdown {
  const byKey = (keyOf: (p: ReportParticipant) => readonly string[]) => {
    const groups = new Map<string, number[]>();
    participants.forEach((p, i) => {
      for (const key of new Set(keyOf(p))) groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    return [...groups].sort(([a], [b]) => a.localeCompare(b));
  };
  const roleLabels: Record<string, string> = { mentor: 'Mentors (early-career)', mentee: 'Mentees (senior leaders)' };
  const labels = new Map(topics.map((t) => [t.id, t.label]));
  const rows = (groups: [string, number[]][], labelOf: (group: string) => string) =>
    dimension(
      k,
      groups.map(([group, members]) => ({ group, label: labelOf(group), members })),
      participants,
      pairings,
      facts,
    );
  return {
    byRole: rows(
      byKey((p) => [p.role]),
      (role) => roleLabels[role] ?? role,
    ),
    byDepartment: rows(
      byKey((p) => [p.department?.trim() || NO_DEPARTMENT]),
      (d) => d,
    ),
    byTopic: rows(
      byKey((p) => [...(p.topicsOffered ?? []), ...(p.topicsWanted ?? [])]),
      (topic) => labels.get(topic) ?? topicLabel(topic, []),
    ),
  };
}
