import type { Participant, ParticipantStatus } from './participant';
import { PARTICIPANT_STATUSES } from './participant';
import { PAIRING_STATUSES, type PairingStatus } from './pairing-status';
import type { Program } from './program';

/**
 * A program's report (GET /programs/{id}/report): what DOMAIN.md says success is measured by,
 * participation and engagement, retention, skill development per topic and satisfaction, in
 * aggregates only. No names, addresses, notes or per-person rows: it can go to HR and leadership
 * as it is (docs/report.md).
 */


export interface ReportPairing {
  readonly status: PairingStatus;
  readonly acceptedAt?: string;
  readonly checkInsHeld: number;
  readonly checkInsMissed: number;
}

/** One stored check-in: each side's answer, with a 1-5 rating when they gave one. */
export interface ReportCheckIn {
  readonly met: boolean;
  readonly mentor?: { rating?: number };
  readonly mentee?: { rating?: number };
}

/** One person's milestone review: progress 1-5 and would-recommend 0-10, against the pairing's topics. */
export interface ReportReview {
  readonly progress?: number;
  readonly recommend?: number;
  readonly topics: readonly string[];
}

export interface ProgramReportInput {
  readonly program: Program;
  readonly participants: readonly Pick<Participant, 'role' | 'status'>[];
  readonly pairings: readonly { readonly pairing: ReportPairing; readonly checkIns: readonly ReportCheckIn[]; readonly reviews: readonly ReportReview[] }[];
  readonly now: Date;
}

export interface ProgramReport {
  readonly programId: string;
  readonly name: string;
  readonly objectives: readonly string[];
  readonly generatedAt: string;
  readonly participants: { total: number; mentors: number; mentees: number; byStatus: Record<ParticipantStatus, number> };
  readonly pairings: {
    total: number;
    byStatus: Record<PairingStatus, number>;
    /** Pairings both people accepted, of those where acceptance was decided. */
    acceptanceRate: number | null;
    /** Completed, of the pairings that have finished after starting (completed or ended early). */
    completionRate: number | null;
  };
  readonly engagement: { checkInsHeld: number; checkInsMissed: number; attendanceRate: number | null; averageCheckInRating: number | null; checkInRatings: number };
  readonly retention: { stayed: number; left: number; withdrawn: number; suppressed: number; rate: number | null };
  readonly skills: { topic: string; label: string; reviews: number; averageProgress: number | null }[];
  readonly satisfaction: { reviews: number; averageRecommend: number | null; netPromoterScore: number | null };
}

const ratio = (part: number, whole: number, digits = 3) => (whole === 0 ? null : round(part / whole, digits));
const mean = (xs: readonly number[], digits = 2) => (xs.length === 0 ? null : round(xs.reduce((a, b) => a + b, 0) / xs.length, digits));
function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export function programReport(input: ProgramReportInput): ProgramReport {
  const { program, participants, pairings } = input;
  const people = countBy(PARTICIPANT_STATUSES, participants.map((p) => p.status));
  const byStatus = countBy(PAIRING_STATUSES, pairings.map((p) => p.pairing.status));
  const accepted = pairings.filter((p) => p.pairing.acceptedAt !== undefined).length;
  const held = pairings.reduce((n, p) => n + p.pairing.checkInsHeld, 0);
  const missed = pairings.reduce((n, p) => n + p.pairing.checkInsMissed, 0);
  const ratings = pairings.flatMap((p) => p.checkIns.flatMap((c) => [c.mentor?.rating, c.mentee?.rating].filter((r): r is number => typeof r === 'number')));
  const reviews = pairings.flatMap((p) => p.reviews);
  const gone = people.left + people.withdrawn + people.suppressed;

  const labels = new Map(program.topics.map((t) => [t.id, t.label]));
  const progressByTopic = new Map<string, number[]>();
  for (const r of reviews) {
    if (r.progress === undefined) continue;
    for (const topic of r.topics) progressByTopic.set(topic, [...(progressByTopic.get(topic) ?? []), r.progress]);
  }
  const skills = [...progressByTopic]
    .map(([topic, xs]) => ({ topic, label: labels.get(topic) ?? topic, reviews: xs.length, averageProgress: mean(xs) }))
    .sort((a, b) => b.reviews - a.reviews || a.topic.localeCompare(b.topic));

  const recommend = reviews.map((r) => r.recommend).filter((x): x is number => typeof x === 'number');
  const promoters = recommend.filter((x) => x >= 9).length;
  const detractors = recommend.filter((x) => x <= 6).length;

  return {
    programId: program.programId,
    name: program.name,
    objectives: program.objectives,
    generatedAt: input.now.toISOString(),
    participants: { total: participants.length, mentors: participants.filter((p) => p.role === 'mentor').length, mentees: participants.filter((p) => p.role === 'mentee').length, byStatus: people },
    pairings: {
      total: pairings.length,
      byStatus,
      acceptanceRate: ratio(accepted, accepted + byStatus['not-started']),
      completionRate: ratio(byStatus.completed, byStatus.completed + byStatus.ended),
    },
    engagement: { checkInsHeld: held, checkInsMissed: missed, attendanceRate: ratio(held, held + missed), averageCheckInRating: mean(ratings), checkInRatings: ratings.length },
    retention: { stayed: participants.length - gone, left: people.left, withdrawn: people.withdrawn, suppressed: people.suppressed, rate: ratio(participants.length - gone, participants.length) },
    skills,
    satisfaction: { reviews: recommend.length, averageRecommend: mean(recommend, 1), netPromoterScore: recommend.length === 0 ? null : Math.round(((promoters - detractors) / recommend.length) * 100) },
  };
}
