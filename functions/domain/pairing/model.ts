/**
 * The one definition of a pairing and everything its lifecycle exchanges: statuses and the legal
 * moves between them, control requests, question rounds and answers, end reasons, step names and
 * table keys. Imported by functions/ and lib/ alike; no AWS SDK, no I/O.
 */

import type { MeetingSlot } from '../meeting-slot';

/** Where a pairing is in its life; the last three are final. */
export const PAIRING_STATUSES = ['proposed', 'introduced', 'active', 'paused', 'completed', 'not-started', 'ended'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];
export const TERMINAL_STATUSES: readonly PairingStatus[] = ['completed', 'not-started', 'ended'];

/** Every status change the lifecycle may make; anything else is a bug and is refused. */
export const LEGAL_TRANSITIONS: Readonly<Record<PairingStatus, readonly PairingStatus[]>> = {
  proposed: ['introduced', 'ended'],
  introduced: ['active', 'not-started', 'ended'],
  active: ['paused', 'completed', 'ended'],
  // A pause that runs past the last question completes the pairing when it ends.
  paused: ['active', 'completed', 'ended'],
  completed: [],
  'not-started': [],
  ended: [],
};

/**
 * The day a pause lasts until, as emails name it. A pause "until 2027-11-21" ends when that day has
 * begun for both people (schedule.ts, pauseEndsAt): an instant at which the 21st is the date in each
 * of their zones, so each reader, in their own zone, is told the 21st. Pairings stored before that
 * hold the day's first instant in UTC, which is 20 November in New York; the people asked for the
 * 21st, so that is the day every reader is told (a calendar date is that day everywhere). A pause
 * that came with no date (two weeks from a moment) keeps its instant.
 */
export function pauseDay(pausedUntil: string): string {
  return pausedUntil.endsWith('T00:00:00.000Z') ? pausedUntil.slice(0, 10) : pausedUntil;
}

/** The other person of a pairing, seen from one of its two people. */
export function partnerIdOf(pairing: Pick<Pairing, 'mentorId' | 'menteeId'>, participantId: string): string {
  return pairing.mentorId === participantId ? pairing.menteeId : pairing.mentorId;
}

export function isTerminal(status: PairingStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function isLegalTransition(from: PairingStatus, to: PairingStatus): boolean {
  return from === to || LEGAL_TRANSITIONS[from].includes(to);
}

/** Why a pairing ended early: stored on the pairing and published in PairingEnded. */
export const END_REASONS = [
  'participant-request',
  'admin-decision',
  'admin-rematch',
  'not-meeting',
  'circumstances-changed',
  'participant-left',
  'participant-withdrew',
  'address-suppressed',
  /** A change of manager put mentor and mentee in one reporting line (ParticipantUpdated). */
  'reporting-line-changed',
  /** A change of department broke the program's notSameDepartment rule (ParticipantUpdated). */
  'department-changed',
  /** A participant replied REMATCH: both are offered a new partner, nobody is blamed. */
  'participant-rematch',
  /**
   * A person said the pairing is not a good fit (the fit check's "no", or an exit asked for through
   * the concern channel): no blame on either, the partner reads only that the program is changing pairings.
   */
  'not-a-fit',
] as const;
export type EndReason = (typeof END_REASONS)[number];

/**
 * Ends that are neither partner's doing and after which both are offered a new partner at once
 * (a departure rematches whoever stays; the other reasons release both to the next matching run).
 */
export const REMATCH_BOTH_REASONS: readonly EndReason[] = ['admin-rematch', 'reporting-line-changed', 'department-changed', 'participant-rematch', 'not-a-fit'];

export function endReasonOf(text: string | undefined): EndReason {
  return (END_REASONS as readonly string[]).includes(text ?? '') ? (text as EndReason) : 'participant-request';
}

/** Pause, resume, end, or a member leaving (left the company, STOP, suppressed address). */
export type ControlKind = 'pause' | 'resume' | 'end' | 'left';
export interface ControlRequest {
  readonly kind: ControlKind;
  readonly requestedAt: string;
  /** pause: the day (YYYY-MM-DD) it lasts until. */
  readonly until?: string;
  /** pause: the day (YYYY-MM-DD) it starts, when later than the request (a booked pause). */
  readonly from?: string;
  /** end: an EndReason; left: why the member left. */
  readonly reason?: string;
  /** left: who left; pause and end: who asked, by reply (absent for HR's and the admins' requests). */
  readonly participantId?: string;
}

/**
 * A pause booked for later. `startsAt` is when `fromDay` has begun for either of the pair (no
 * question goes out on a day one of them is away), `endsAt` when `untilDay` has begun for both (as
 * for any pause "until <day>"); the plan's items from `startsAt` on move by the pause's length.
 */
export interface PauseBooking {
  readonly fromDay: string;
  readonly untilDay: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly requestedAt: string;
  /** Who asked by reply (absent when HR booked it). */
  readonly by?: PersonSide;
}

/** Who a question is put to. */
export type Side = 'mentor' | 'mentee' | 'admin';
export type PersonSide = Exclude<Side, 'admin'>;
export const PERSON_SIDES: readonly PersonSide[] = ['mentor', 'mentee'];

/** What a reply or an answer link recorded (the reply reader's reading, normalised). */
export interface Answer {
  readonly intent: string;
  readonly rating?: number;
  readonly score?: number;
  readonly note?: string;
  readonly pauseUntil?: string;
  /** PAUSE from a later day (YYYY-MM-DD): an admin's decision to pause books it from then (decide.ts). */
  readonly pauseFrom?: string;
  readonly decision?: string;
  readonly at: string;
  readonly channel?: 'email' | 'link';
  /** 1-5 per topic id, and per goal (`goal-1`..`goal-3`): a baseline at acceptance, progress at a review. */
  readonly items?: Readonly<Record<string, number>>;
  /** Up to three goals the person stated (acceptance, or the first check-in). */
  readonly goals?: readonly string[];
  /** The end-of-program review: what the program should keep and change. */
  readonly keep?: string;
  readonly change?: string;
  /** A note for the partner, present only when the writer consented (SHARE). */
  readonly partnerNote?: { readonly valued?: string; readonly try?: string };
  /** The reply came with files, which are not kept: its thanks says so. */
  readonly attachmentsNotKept?: boolean;
}

export type RoundKind = 'acceptance' | 'check-in' | 'milestone' | 'final-review' | 'admin-decision' | 'fit-check';

/** One person's (or the admins') part of a round: when their email goes out, and its reminder. */
export interface Ask {
  readonly sendAt: string;
  readonly sent?: boolean;
  readonly remindAt?: string;
  readonly reminded?: boolean;
  readonly thanked?: boolean;
  /**
   * The reader's zone its times were planned again in, after HR moved them (decide.ts, replanAsks);
   * absent, the zone the pairing's `peopleBasis` keeps for them.
   */
  readonly timeZone?: string;
}

/**
 * One question put to the pair (or the admins) with one deadline: every email of the round (the
 * question and its reminder) states `closesAt`, and a reply to any of them counts until then.
 */
export interface Round {
  readonly key: string;
  readonly kind: RoundKind;
  readonly label: string;
  readonly dueAt: string;
  readonly closesAt: string;
  readonly asks: Partial<Record<Side, Ask>>;
  readonly answers: Partial<Record<Side, Answer>>;
  /** For a round of the plan: how far into the plan its item falls (ms from the plan's start, pauses excluded). */
  readonly planOffsetMs?: number;
}

export interface Pairing {
  readonly pairingId: string;
  readonly programId: string;
  readonly mentorId: string;
  readonly menteeId: string;
  readonly score: number;
  /** Why the pair was made, for the program admin (both people in the third person, by name). */
  readonly reasons: string[];
  /**
   * The same reasons written for each reader: the mentor's and the mentee's introductions each use
   * their own list. Absent on pairings made by hand (POST /local/pairings, older pairings).
   */
  readonly reasonsFor?: { readonly mentor: string[]; readonly mentee: string[]; readonly admin: string[] };
  readonly tradeOffs: string[];
  readonly status: PairingStatus;
  readonly statusReason?: string;
  /** Requests not yet acted on, in arrival order (appended, never overwritten). */
  readonly controls?: readonly ControlRequest[];
  /** Each person's goals for the pairing (up to three each), stated at acceptance or the first check-in. */
  readonly goals?: Readonly<Partial<Record<PersonSide, readonly string[]>>>;
  /** The open question round, if any. */
  readonly round?: Round;
  readonly checkInsHeld: number;
  readonly checkInsMissed: number;
  readonly missedInRow: number;
  readonly startedAt?: string;
  readonly acceptedAt?: string;
  readonly lastCheckInAt?: string;
  /** When the last check-in closed was asked (its first send): the next one asks about meetings since then. */
  readonly lastCheckInAskedAt?: string;
  /**
   * When each person's own question of that check-in went out: the next one asks each about
   * meetings since theirs. A holiday of one of them moves their send by days, so the pair's first
   * send could name a day before the other's previous question even arrived.
   */
  readonly lastCheckInAskedOf?: Partial<Record<PersonSide, string>>;
  /** When the end-of-program review was opened: until then the plan keeps it, however HR shortens the program. */
  readonly finalReviewAskedAt?: string;
  /**
   * The program settings the pair's next dates were last decided on (held.ts, planSettings: the
   * lifecycle, time zone, holidays and working hours, as JSON): when HR changes them and that moves
   * the next question a person was told of, the person is told its new date (decide.ts,
   * announceMovedDates).
   */
  readonly planSettings?: string;
  /**
   * The program settings the pair's calendar series was last sent for (meeting.ts, seriesBasis):
   * when HR changes them, the series is sent again to match.
   */
  readonly seriesBasis?: string;
  /**
   * The people's time zones and weekly hours the pair's dates and series were last decided for
   * (meeting.ts, peopleBasis): when HR gives either person another zone or other hours, their
   * questions not sent yet go at their send time in the new zone and the series is decided again
   * for both (decide.ts, followPeople). Kept from the introduction on; a pairing stored before it
   * was kept only starts keeping it.
   */
  readonly peopleBasis?: PeopleBasis;
  /**
   * The pair's current series: the slot the introduction proposed, decided once as the pairing is
   * introduced with both people's other series as busy times (meeting.ts, introductionMeeting),
   * then the one a resume or a schedule change sends again (meeting.ts, nextSeries). The emails
   * read it rather than search again, and a later pairing of either person takes it as busy.
   * Absent on pairings introduced before it was kept.
   */
  readonly meetingSlot?: MeetingSlot;
  readonly lastMetAt?: string;
  /** How many items of the pairing's plan (check-ins, reviews) are done. */
  readonly planPosition?: number;
  /**
   * How far into the plan the pairing has come (the offset of the last item done, in ms from the
   * plan's start, pauses excluded): the next item is the first one after it, so a program whose
   * cadence or milestones change carries on from where it is instead of re-counting.
   */
  readonly planDoneMs?: number;
  /** Time spent paused so far: the plan shifts by it. */
  readonly pausedMs?: number;
  readonly pausedAt?: string;
  /** When the pause ends: for a pause "until <day>", the instant that day has begun for both people. */
  readonly pausedUntil?: string;
  /** The day a pause "until <day>" was asked for, as both people were told it (absent for a dateless pause). */
  readonly pausedUntilDay?: string;
  /** Who asked for the pause by reply: told at once, as an answer to what they wrote. */
  readonly pausedBy?: PersonSide;
  /** A pause asked for a later day ("PAUSE from 3 March until 17 March"): the pairing runs until it starts. */
  readonly pauseBooked?: PauseBooking;
  /**
   * When each of the pair was last sent the new end HR's schedule change gave this paused pairing
   * (decide.ts, announcePausedEnd). That email goes only while the pause stands: one still held for
   * its reader's working hours when the pause ends is dropped, so the welcome back tells the new end
   * instead (decide.ts, resume). Cleared by the resume.
   */
  readonly pausedEndToldAt?: Readonly<Partial<Record<PersonSide, string>>>;
  /**
   * The deadline of the last plan round closed (a check-in or a review): the next one never opens
   * before it, even when everyone answered early, so every date an email names for the next
   * question holds whoever answers when (a weekly check-in pushed back by a holiday can have its
   * deadline after the next one's due day).
   */
  readonly previousRoundClosesAt?: string;
  /**
   * Time away the pair's check-in answers told of since they last met (away.ts): the days only,
   * which the admins' escalation and decision request name. Dropped by a held check-in, a pause, the
   * admins' decision and the end of the pairing.
   */
  readonly awayNotes?: Readonly<Partial<Record<PersonSide, { readonly until: string; readonly from?: string; readonly saidAt: string }>>>;
  /**
   * The admins' last decision on this pairing's ladder (what, when, whether an admin answered or
   * silence let it continue): a later escalation and decision request say it was not the first
   * (QA quiet4). The decision's note stays on its DECISION# record.
   */
  readonly lastDecision?: { readonly decision: string; readonly at: string; readonly answered: boolean };
  /** The ladder's top rung was reached: the admins decide before the next check-in. */
  readonly pendingDecision?: boolean;
  /** When the pending decision was first asked: asked again (a pause closed it), it is announced again. */
  readonly decisionAskedAt?: string;
  /** How many question rounds were opened (names each round). */
  readonly roundsOpened?: number;
  readonly endedAt?: string;
  /**
   * The round an early end left answerable until its deadline, and for whom (ended-round.ts): a
   * question of theirs in it closed at its own deadline, not on the day the pairing ended.
   */
  readonly keptAfterEnd?: { readonly roundKey: string; readonly sides: readonly PersonSide[] };
  /** A step failed even after its retries: the pairing waits for an admin to resume (or end) it. */
  readonly fault?: { readonly at: string; readonly error: string };
  /** Concerns raised about this pairing whose escalation the lifecycle still watches (functions/domain/pairing/concerns.ts). */
  readonly concerns?: readonly ConcernWatch[];
  /** When the fit check was asked (once, after the first check-in in which the pair met). */
  readonly fitCheckAskedAt?: string;
  /** Every execution that ran this pairing, oldest first (a program past one year hands over). */
  readonly executions?: readonly string[];
  readonly executionArn?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/**
 * One person as the pair's dates and series were decided for them: their time zone, and a digest
 * of their weekly availability (the windows themselves stay on the participant: they are theirs).
 */
export interface PersonBasis {
  readonly timeZone: string;
  readonly hoursDigest: string;
}
export type PeopleBasis = Readonly<Record<PersonSide, PersonBasis>>;

/** A concern case the lifecycle escalates at `escalateAt` if no admin has acknowledged it by then. */
export interface ConcernWatch {
  readonly concernId: string;
  readonly escalateAt: string;
}

export type NewPairing = Pick<Pairing, 'pairingId' | 'programId' | 'mentorId' | 'menteeId' | 'score' | 'reasons' | 'reasonsFor' | 'tradeOffs'>;

/** State names of PairingLifecycle, as an admin reads them in the console. */
export const LIFECYCLE_STATES = {
  advance: 'Act on what is due',
  choice: 'Carry on?',
  park: 'Wait for an answer, a request or the next date',
  handOver: 'Hand over to the next execution',
  done: 'Done',
  handedOver: 'Handed over',
  parked: 'Parked: an admin must resume it',
} as const;

/** An execution reaches AWS's one-year limit at 365 days: hand over well before. */
export const HAND_OVER_AFTER_DAYS = 360;

/** Execution names: the pairing id, then `<pairingId>-2`, `-3`... for successors. */
export function executionName(pairingId: string, generation: number): string {
  return generation <= 1 ? pairingId : `${pairingId}-${generation}`;
}

/** Table keys of a pairing and the records under it. */
export const PAIRING_KEYS = {
  pk: (pairingId: string) => `PAIRING#${pairingId}`,
  item: '#PAIRING',
  member: (participantId: string) => `MEMBER#${participantId}`,
  checkIn: (roundKey: string) => `CHECKIN#${roundKey}`,
  review: (roundKey: string, participantId: string) => `REVIEW#${roundKey}#${participantId}`,
  /** One person's 1-5 self-rating per topic in one round (the acceptance baseline, each review). */
  skills: (roundKey: string, participantId: string) => `SKILLS#${roundKey}#${participantId}`,
  /** One person's answer on what the program should keep and change (end-of-program review). */
  feedback: (roundKey: string, participantId: string) => `FEEDBACK#${roundKey}#${participantId}`,
  /** The admins' decision on a pair that stopped meeting: what was decided, and the note kept with it. */
  decision: (roundKey: string) => `DECISION#${roundKey}`,
  recognition: 'RECOGNITION',
  audit: (at: string, kind: string) => `AUDIT#${at}#${kind}`,
  outbox: (key: string) => `OUTBOX#${key}`,
} as const;

/**
 * Whether the check-in round open now, once held, brings the fit check as it closes: it would be
 * the pairing's first held check-in, and no fit check was asked yet (fit-check.ts).
 */
export function firstHeldBringsFitCheck(p: Pick<Pairing, 'status' | 'fitCheckAskedAt'> & { readonly checkInsHeld?: number }): boolean {
  return p.status === 'active' && p.fitCheckAskedAt === undefined && p.checkInsHeld === 0;
}
