import type { ParticipantStatus } from './participant';
import { PARTICIPANT_STATUSES } from './participant';
import { PAIRING_STATUSES, type PairingStatus } from './pairing-status';
import type { Program } from './program';
import { breakdown, type Breakdown } from './report-breakdown';
import { factsOf, peopleIn, type ReportPairingRecords, type ReportParticipant } from './report-facts';
import { guarded, mean, netPromoterScore, ratio, type Measure } from './report-privacy';
import { pairsAtRisk, type PairAtRisk } from './report-risk';
import { monthlyTrend, type MonthFigures } from './report-trend';

export type { ReportCheckIn, ReportParticipant, ReportReview } from './report-facts';

/**
 * A program's report (GET /programs/{id}/report): what DOMAIN.md says success is measured by,
 * participation and engagement, retention, skill development per topic and satisfaction, broken
 * down by role, department and topic and month by month, plus the pairs that need an admin now.
 * No names, addresses or notes, and every figure computed from fewer than the program's
 * `reportMinGroupSize` people is withheld (docs/admin-api.md, The program report).
 */

export interface ProgramReportInput {
  readonly program: Program;
  readonly participants: readonly ReportParticipant[];
  readonly pairings: readonly ReportPairingRecords[];
  readonly now: Date;
}

export interface ProgramReport {
  readonly programId: string;
  readonly name: string;
  readonly objectives: readonly string[];
  readonly generatedAt: string;
  /** k: figures from fewer people than this are withheld. */
  readonly minGroupSize: number;
  readonly participants: { total: number; mentors: number; mentees: number; byStatus: Record<ParticipantStatus, number> };
  readonly pairings: {
    total: number;
    byStatus: Record<PairingStatus, number>;
    /** Pairings both people accepted, of those where acceptance was decided. */
    acceptanceRate: Measure;
    /** Completed, of the pairings that have finished after starting (completed or ended early). */
    completionRate: Measure;
  };
  readonly engagement: {
    checkInsHeld: number;
    checkInsMissed: number;
    attendanceRate: Measure;
    answerRate: Measure;
    averageCheckInRating: Measure;
    checkInRatings: number;
  };
  readonly retention: { stayed: number; left: number; withdrawn: number; suppressed: number; rate: Measure };
  readonly skills: { topic: string; label: string; reviews: number; averageProgress: Measure }[];
  readonly satisfaction: { reviews: number; averageRecommend: Measure; netPromoterScore: Measure };
  readonly breakdown: Breakdown;
  readonly trend: MonthFigures[];
  readonly atRisk: PairAtRisk[];
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export function programReport(input: ProgramReportInput): ProgramReport {
  const { program, participants, pairings } = input;
  const k = program.reportMinGroupSize;
  const facts = factsOf(pairings);
  const members = (list: readonly ReportPairingRecords[]) => peopleIn(list.flatMap((p) => [p.pairing.mentorId, p.pairing.menteeId]));

  const people = countBy(
    PARTICIPANT_STATUSES,
    participants.map((p) => p.status),
  );
  const byStatus = countBy(
    PAIRING_STATUSES,
    pairings.map((p) => p.pairing.status),
  );
  const accepted = pairings.filter((p) => p.pairing.acceptedAt !== undefined);
  const decided = pairings.filter((p) => p.pairing.acceptedAt !== undefined || p.pairing.status === 'not-started');
  const finished = pairings.filter((p) => p.pairing.status === 'completed' || p.pairing.status === 'ended');
  const held = pairings.reduce((n, p) => n + p.pairing.checkInsHeld, 0);
  const missed = pairings.reduce((n, p) => n + p.pairing.checkInsMissed, 0);
  const withCheckIns = pairings.filter((p) => p.pairing.checkInsHeld + p.pairing.checkInsMissed > 0);
  const rated = facts.questions.filter((q) => q.rating !== undefined);
  const gone = people.left + people.withdrawn + people.suppressed;

  const labels = new Map(program.topics.map((t) => [t.id, t.label]));
  const progressByTopic = new Map<string, { progress: number; participantId: string | undefined }[]>();
  for (const r of facts.reviews) {
    if (typeof r.progress !== 'number') continue;
    for (const topic of r.topics) progressByTopic.set(topic, [...(progressByTopic.get(topic) ?? []), { progress: r.progress, participantId: r.participantId }]);
  }
  const skills = [...progressByTopic]
    .map(([topic, xs]) => ({
      topic,
      label: labels.get(topic) ?? topic,
      reviews: xs.length,
      averageProgress: guarded(k, peopleIn(xs.map((x) => x.participantId)), () => mean(xs.map((x) => x.progress))),
    }))
    .sort((a, b) => b.reviews - a.reviews || a.topic.localeCompare(b.topic));
  const recommend = facts.reviews.filter((r) => typeof r.recommend === 'number');
  const recommenders = peopleIn(recommend.map((r) => r.participantId));

  return {
    programId: program.programId,
    name: program.name,
    objectives: program.objectives,
    generatedAt: input.now.toISOString(),
    minGroupSize: k,
    participants: {
      total: participants.length,
      mentors: participants.filter((p) => p.role === 'mentor').length,
      mentees: participants.filter((p) => p.role === 'mentee').length,
      byStatus: people,
    },
    pairings: {
      total: pairings.length,
      byStatus,
      acceptanceRate: guarded(k, members(decided), () => ratio(accepted.length, decided.length)),
      completionRate: guarded(k, members(finished), () => ratio(byStatus.completed, finished.length)),
    },
    engagement: {
      checkInsHeld: held,
      checkInsMissed: missed,
      attendanceRate: guarded(k, members(withCheckIns), () => ratio(held, held + missed)),
      answerRate: guarded(k, peopleIn(facts.questions.map((q) => q.personId)), () =>
        ratio(facts.questions.filter((q) => q.answered).length, facts.questions.length),
      ),
      averageCheckInRating: guarded(k, peopleIn(rated.map((q) => q.personId)), () => mean(rated.map((q) => q.rating!))),
      checkInRatings: rated.length,
    },
    retention: {
      stayed: participants.length - gone,
      left: people.left,
      withdrawn: people.withdrawn,
      suppressed: people.suppressed,
      rate: guarded(k, participants.length, () => ratio(participants.length - gone, participants.length)),
    },
    skills,
    satisfaction: {
      reviews: recommend.length,
      averageRecommend: guarded(k, recommenders, () =>
        mean(
          recommend.map((r) => r.recommend!),
          1,
        ),
      ),
      netPromoterScore: guarded(k, recommenders, () => netPromoterScore(recommend.map((r) => r.recommend!))),
    },
    breakdown: breakdown(k, participants, pairings, facts, program.topics),
    trend: monthlyTrend(k, { startDate: program.startDate, timeZone: program.timeZone, now: input.now, pairings: pairings.map((p) => p.pairing), facts }),
    atRisk: pairsAtRisk(pairings, program.lifecycle.escalation),
  };
}
