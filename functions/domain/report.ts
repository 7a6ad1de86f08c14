import type { ParticipantStatus } from './participant';
import { PARTICIPANT_STATUSES } from './participant';
import { PAIRING_STATUSES, type PairingStatus } from './pairing-status';
import type { Program } from './program';
import { breakdown, latestAnswers, type Breakdown } from './report-breakdown';
import { factsOf, peopleIn, type ReportPairingRecords, type ReportParticipant } from './report-facts';
import { guarded, mean, netPromoterScore, ratio, type Measure } from './report-privacy';
import { pairsAtRisk, type PairAtRisk } from './report-risk';
import { monthlyTrend, type MonthFigures } from './report-trend';
import { evaluateObjectives, type ObjectiveResult } from './objectives';
import {
  averageTopicChange,
  meetingsPerPairMeasure,
  programFeedback,
  skillChanges,
  topicChanges,
  type ProgramFeedback,
  type SkillChange,
} from './report-outcomes';

export type { ReportCheckIn, ReportParticipant, ReportReview } from './report-facts';
export type { ReportFeedback, ReportSkillRatings } from './report-outcomes';

/**
 * A program's report (GET /programs/{id}/report): what DOMAIN.md says success is measured by,
 * participation and engagement, retention, skill development per topic and satisfaction, broken
 * down by role, department and topic and month by month, plus the pairs that need an admin now.
 * No names, addresses or notes, and every figure computed from fewer than the program's
 * `reportMinGroupSize` people is withheld, and so is every figure that would give such a figure
 * away by difference (docs/admin-api.md, The program report).
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
  /** Each objective with its target, the current value and whether it is met (functions/domain/objectives.ts). */
  readonly objectives: readonly ObjectiveResult[];
  readonly generatedAt: string;
  /** k: figures from fewer people than this are withheld. */
  readonly minGroupSize: number;
  readonly participants: { total: number; mentors: number; mentees: number; byStatus: Record<ParticipantStatus, number> };
  readonly pairings: {
    total: number;
    byStatus: Record<PairingStatus, number>;
    /** Pairings both people accepted, of those where acceptance was decided. */
    acceptanceRate: Measure;
    /**
     * Completed with at least one meeting held, of the pairings that have finished after starting
     * (completed or ended early): a pair that reached the end without ever meeting did not complete
     * the program, and is counted in `completedWithoutMeeting` instead.
     */
    completionRate: Measure;
    /** Pairings that reached the end of the program without a single meeting held (status `completed`). */
    completedWithoutMeeting: number;
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
  /** Per role and topic: each person's own rating at acceptance against their last review, averaged. */
  readonly skills: SkillChange[];
  /** Meetings held (check-ins where the pair met) per pairing both people accepted. */
  readonly meetingsPerPair: Measure;
  /** What the end-of-program review said the program should keep and change: grouped, no names, at least five people. */
  readonly programFeedback: ProgramFeedback;
  /**
   * `reviews`: every answer to the would-recommend question (a person answers it at each review).
   * `respondents`: the people behind the two figures, which take each person's latest answer once.
   */
  readonly satisfaction: { reviews: number; respondents: number; averageRecommend: Measure; netPromoterScore: Measure };
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
  // Finished after starting: an end before both accepted (an admin ending an introduction) is not a pair that failed to complete.
  const finished = pairings.filter((p) => p.pairing.status === 'completed' || (p.pairing.status === 'ended' && p.pairing.acceptedAt !== undefined));
  const completedWithoutMeeting = pairings.filter((p) => p.pairing.status === 'completed' && p.pairing.checkInsHeld === 0).length;
  const held = pairings.reduce((n, p) => n + p.pairing.checkInsHeld, 0);
  const missed = pairings.reduce((n, p) => n + p.pairing.checkInsMissed, 0);
  const withCheckIns = pairings.filter((p) => p.pairing.checkInsHeld + p.pairing.checkInsMissed > 0);
  const rated = facts.questions.filter((q) => q.rating !== undefined);
  const gone = people.left + people.withdrawn + people.suppressed;

  const labels = new Map(program.topics.map((t) => [t.id, t.label]));
  const changes = topicChanges(pairings);
  const skills = skillChanges(k, changes, program.topics);
  const meetingsPerPair = meetingsPerPairMeasure(k, accepted);
  const answers = facts.reviews.filter((r) => typeof r.recommend === 'number').length;
  const recommend = latestAnswers(facts.reviews, 'recommend');
  const recommenders = peopleIn(recommend.map((r) => r.participantId));

  const pairingsFigures = {
    total: pairings.length,
    byStatus,
    acceptanceRate: guarded(k, members(decided), () => ratio(accepted.length, decided.length)),
    completionRate: guarded(k, members(finished), () => ratio(byStatus.completed - completedWithoutMeeting, finished.length)),
    completedWithoutMeeting,
  };
  const answerRate = guarded(k, peopleIn(facts.questions.map((q) => q.personId)), () =>
    ratio(facts.questions.filter((q) => q.answered).length, facts.questions.length),
  );
  const retentionRate = guarded(k, participants.length, () => ratio(participants.length - gone, participants.length));
  const nps = guarded(k, recommenders, () => netPromoterScore(recommend.map((r) => r.recommend!)));
  const objectives = evaluateObjectives(
    program.objectives,
    (o) => {
      switch (o.measure) {
        case 'completion-rate':
          return pairingsFigures.completionRate;
        case 'retention-rate':
          return retentionRate;
        case 'answer-rate':
          return answerRate;
        case 'nps':
          return nps;
        case 'meetings-per-pair':
          return meetingsPerPair;
        case 'skill-change':
          return averageTopicChange(k, changes, o.topic ?? '', o.role);
        default:
          return null;
      }
    },
    (id) => labels.get(id) ?? id,
  );

  return {
    programId: program.programId,
    name: program.name,
    objectives,
    generatedAt: input.now.toISOString(),
    minGroupSize: k,
    participants: {
      total: participants.length,
      mentors: participants.filter((p) => p.role === 'mentor').length,
      mentees: participants.filter((p) => p.role === 'mentee').length,
      byStatus: people,
    },
    pairings: pairingsFigures,
    engagement: {
      checkInsHeld: held,
      checkInsMissed: missed,
      attendanceRate: guarded(k, members(withCheckIns), () => ratio(held, held + missed)),
      answerRate,
      averageCheckInRating: guarded(k, peopleIn(rated.map((q) => q.personId)), () => mean(rated.map((q) => q.rating!))),
      checkInRatings: rated.length,
    },
    retention: {
      stayed: participants.length - gone,
      left: people.left,
      withdrawn: people.withdrawn,
      suppressed: people.suppressed,
      rate: retentionRate,
    },
    skills,
    meetingsPerPair,
    programFeedback: programFeedback(
      k,
      pairings.flatMap((p) => p.feedback ?? []),
    ),
    satisfaction: {
      reviews: answers,
      respondents: recommenders,
      averageRecommend: guarded(k, recommenders, () =>
        mean(
          recommend.map((r) => r.recommend!),
          1,
        ),
      ),
      netPromoterScore: nps,
    },
    breakdown: breakdown(k, participants, pairings, facts, program.topics),
    trend: monthlyTrend(k, { startDate: program.startDate, timeZone: program.timeZone, now: input.now, pairings: pairings.map((p) => p.pairing), facts }),
    atRisk: pairsAtRisk(pairings, program),
  };
}
