import { topicLabel } from './topics';
import { peopleIn, type Facts, type ReportPairingRecords, type ReportParticipant } from './report-facts';
import { guarded, mean, netPromoterScore, ratio, withheld, type Measure, type Withheld } from './report-privacy';

/** One group of people (a role, a department, a topic) and how it is doing. */
export interface GroupFigures {
  readonly group: string;
  readonly label: string;
  readonly people: number;
  readonly paired: number;
  readonly retentionRate: Measure;
  readonly checkInsHeld: Measure;
  readonly checkInsMissed: Measure;
  readonly attendanceRate: Measure;
  readonly answerRate: Measure;
  readonly averageCheckInRating: Measure;
  readonly netPromoterScore: Measure;
  readonly averageProgress: Measure;
}
/** A group smaller than k: only its name is shown. */
export type GroupRow = GroupFigures | ({ readonly group: string; readonly label: string } & Withheld);

export interface Breakdown {
  readonly byRole: GroupRow[];
  readonly byDepartment: GroupRow[];
  readonly byTopic: GroupRow[];
}

const GONE = new Set(['left', 'withdrawn', 'suppressed']);
export const NO_DEPARTMENT = '(not given)';

function figures(
  k: number,
  group: string,
  label: string,
  members: readonly ReportParticipant[],
  pairings: readonly ReportPairingRecords[],
  facts: Facts,
): GroupRow {
  if (members.length < k) return { group, label, ...withheld(k) };
  const ids = new Set(members.map((m) => m.participantId));
  const inPairing = (p: ReportPairingRecords['pairing']) => ids.has(p.mentorId) || ids.has(p.menteeId);
  const theirPairings = pairings.filter((p) => inPairing(p.pairing));
  const checkIns = facts.checkIns.filter((c) => c.people.some((id) => ids.has(id)));
  const checkInPeople = peopleIn(checkIns.flatMap((c) => c.people.filter((id) => ids.has(id))));
  const held = checkIns.filter((c) => c.met).length;
  const questions = facts.questions.filter((q) => ids.has(q.personId));
  const rated = questions.filter((q) => q.rating !== undefined);
  const reviews = facts.reviews.filter((r) => r.participantId !== undefined && ids.has(r.participantId));
  const recommend = reviews.filter((r) => typeof r.recommend === 'number');
  const progress = reviews.filter((r) => typeof r.progress === 'number');
  const stayed = members.filter((m) => !GONE.has(m.status)).length;
  const paired = new Set(theirPairings.flatMap((p) => [p.pairing.mentorId, p.pairing.menteeId]).filter((id) => ids.has(id))).size;
  return {
    group,
    label,
    people: members.length,
    paired,
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

export function breakdown(
  k: number,
  participants: readonly ReportParticipant[],
  pairings: readonly ReportPairingRecords[],
  facts: Facts,
  topics: readonly { id: string; label: string }[],
): Breakdown {
  const byKey = (keyOf: (p: ReportParticipant) => readonly string[]) => {
    const groups = new Map<string, ReportParticipant[]>();
    for (const p of participants) for (const key of new Set(keyOf(p))) groups.set(key, [...(groups.get(key) ?? []), p]);
    return groups;
  };
  const roleLabels: Record<string, string> = { mentor: 'Mentors (early-career)', mentee: 'Mentees (senior leaders)' };
  const byRole = [...byKey((p) => [p.role])]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, members]) => figures(k, role, roleLabels[role] ?? role, members, pairings, facts));
  const byDepartment = [...byKey((p) => [p.department?.trim() || NO_DEPARTMENT])]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([department, members]) => figures(k, department, department, members, pairings, facts));
  const labels = new Map(topics.map((t) => [t.id, t.label]));
  const byTopic = [...byKey((p) => [...(p.topicsOffered ?? []), ...(p.topicsWanted ?? [])])]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, members]) => figures(k, topic, labels.get(topic) ?? topicLabel(topic, []), members, pairings, facts));
  return { byRole, byDepartment, byTopic };
}
