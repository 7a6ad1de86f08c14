import type { Participant } from './participant';
import type { PairingStatus } from './pairing-status';
import type { ReportFeedback, ReportSkillRatings } from './report-outcomes';
import { isPairingCommand } from './replies/commands';

/** What the report reads of a pairing (functions/adapters/pairings.ts keeps these fields). */
export interface ReportPairing {
  readonly pairingId: string;
  readonly mentorId: string;
  readonly menteeId: string;
  readonly status: PairingStatus;
  readonly statusReason?: string;
  readonly createdAt?: string;
  readonly startedAt?: string;
  readonly acceptedAt?: string;
  readonly endedAt?: string;
  readonly lastMetAt?: string;
  readonly checkInsHeld: number;
  readonly checkInsMissed: number;
  readonly missedInRow?: number;
  /** The escalation ladder reached the admin: an open escalation. */
  readonly pendingDecision?: boolean;
}

/** One side's answer to a check-in question. */
export interface ReportAnswer {
  /** Only on a side that did not answer (`{ answered: false }`); an answer carries its intent. */
  readonly answered?: boolean;
  readonly intent?: string;
  readonly rating?: number;
}

/** One stored check-in (CHECKIN#): each side's answer, with a 1-5 rating when they gave one. */
export interface ReportCheckIn {
  readonly at?: string;
  readonly met: boolean;
  readonly mentor?: ReportAnswer;
  readonly mentee?: ReportAnswer;
}

/** One person's milestone review (REVIEW#): progress 1-5 and would-recommend 0-10, against the pairing's topics. */
export interface ReportReview {
  readonly participantId?: string;
  /** When the review's round closed. */
  readonly at?: string;
  /** When this person answered (stored since QA finale3; older records have only `at`). */
  readonly answeredAt?: string;
  readonly progress?: number;
  readonly recommend?: number;
  readonly topics: readonly string[];
}

export type ReportParticipant = Pick<Participant, 'participantId' | 'role' | 'status'> &
  Partial<Pick<Participant, 'department' | 'topicsOffered' | 'topicsWanted' | 'createdAt'>>;

export interface ReportPairingRecords {
  readonly pairing: ReportPairing;
  readonly checkIns: readonly ReportCheckIn[];
  readonly reviews: readonly ReportReview[];
  /** Self-ratings per topic: the baseline at acceptance and each review (SKILLS#). */
  readonly skills?: readonly ReportSkillRatings[];
  /** End-of-program answers on the program itself (FEEDBACK#). */
  readonly feedback?: readonly ReportFeedback[];
}

/** A check-in question put to one person. */
export interface Question {
  readonly personId: string;
  readonly pairingId: string;
  readonly at?: string;
  readonly answered: boolean;
  readonly rating?: number;
}

/** A review with the person who gave it (unknown for records written before it was stored). */
export interface PersonReview extends ReportReview {
  readonly pairingId: string;
}

/** The report's raw material as flat lists, each fact carrying the person it is about. */
export interface Facts {
  readonly questions: readonly Question[];
  readonly reviews: readonly PersonReview[];
  readonly checkIns: readonly (ReportCheckIn & { readonly pairingId: string; readonly people: readonly [string, string] })[];
}

export function factsOf(pairings: readonly ReportPairingRecords[]): Facts {
  const questions: Question[] = [];
  const reviews: PersonReview[] = [];
  const checkIns: Facts['checkIns'][number][] = [];
  for (const { pairing, checkIns: records, reviews: given } of pairings) {
    const people = [pairing.mentorId, pairing.menteeId] as const;
    for (const c of records) {
      checkIns.push({ ...c, pairingId: pairing.pairingId, people });
      for (const [personId, answer] of [
        [pairing.mentorId, c.mentor],
        [pairing.menteeId, c.mentee],
      ] as const) {
        const rating = typeof answer?.rating === 'number' ? answer.rating : undefined;
        questions.push({
          personId,
          pairingId: pairing.pairingId,
          ...(c.at ? { at: c.at } : {}),
          // Any answer counts, a NO or a YES without a rating too; a command written to the check-in
          // (REMATCH, END, PAUSE, STOP) says nothing of whether they met (QA journey3).
          answered: answer?.answered ?? ((typeof answer?.intent === 'string' && !isPairingCommand(answer.intent)) || rating !== undefined),
          ...(rating !== undefined ? { rating } : {}),
        });
      }
    }
    // Dated by when the person answered, where stored: a month, and whose answer is latest, follow it.
    for (const r of given) reviews.push({ ...r, at: r.answeredAt ?? r.at, pairingId: pairing.pairingId });
  }
  return { questions, reviews, checkIns };
}

/** Distinct people behind a list of facts; facts about nobody known count as one person each. */
export function peopleIn(ids: readonly (string | undefined)[]): number {
  const known = new Set(ids.filter((id): id is string => id !== undefined));
  return known.size + ids.filter((id) => id === undefined).length;
}
