import type { OutboundEventDetail, OutboundEventName } from '../events';
import type { TemplateName } from '../emails';
import type { Pairing, PairingStatus, PersonSide, Side } from './model';
import type { PersonOutcome } from './rematch';

/** The reply channel an email opens: answers to it are recorded on round `roundKey` for `side`. */
export interface QuestionIntent {
  readonly purpose: 'acceptance' | 'check-in' | 'milestone' | 'admin-decision' | 'fit';
  readonly roundKey: string;
  readonly side: Side;
  readonly closesAt: string;
  readonly choices: readonly string[];
  readonly participantId?: string;
  readonly context?: Record<string, unknown>;
}

/**
 * One email decided by the lifecycle. `key` is unique within the pairing for the whole of its
 * life, so that deciding (or sending) the same thing twice is impossible: the outbox keeps one
 * entry per key. `input` is the template's input without answer links, which are added when the
 * question's reply address is issued.
 */
export interface EmailIntent {
  readonly key: string;
  readonly to: string;
  /**
   * The pairing member it is for (absent for admins and managers): sent to their address as it
   * stands when it goes, so that an email held for working hours follows an address HR changed.
   */
  readonly toParticipant?: string;
  readonly template: TemplateName;
  readonly input: Record<string, unknown>;
  readonly question?: QuestionIntent;
  /** Held until the reader's working hours (ISO); absent = send now (answers to a reply, decisions due now). */
  readonly notBefore?: string;
  /**
   * The time zone `notBefore` was worked out in, for an email held for a member's working hours:
   * if HR moves them to another zone before it goes, it waits for their hours there (outbox.ts).
   */
  readonly heldForZone?: string;
  /** Dropped unsent if the pairing has ended by then (a nudge must never follow an end). */
  readonly cancelIfEnded?: boolean;
  /**
   * Dropped unsent unless the pairing is in one of these states when it is due: news that no
   * longer holds ("has resumed" held for working hours while the pair paused again) is not sent.
   */
  readonly sendWhile?: readonly PairingStatus[];
  /**
   * What the dates it names were decided on (held.ts, whileDatesHold): dropped unsent if, when it
   * is due, the program's schedule or the time paused is another (the dates have moved).
   */
  readonly sendWhileDates?: DatesBasis;
  /** A pause email's "paused until": dropped unsent if the pause has another date when it is due (a second PAUSE moved it). */
  readonly sendWhilePausedUntil?: string;
  /** A booked pause's email: dropped unsent if that booking no longer stands when it is due (held.ts, DatesBasis.booked). */
  readonly sendWhileBooked?: string;
  /**
   * What the dates of an email that must go anyway (the resume: its news and its invitation) were
   * decided on (held.ts, withDatesAsTheyStand): if they have moved when it is due, it goes without them.
   */
  readonly datesDecidedOn?: DatesBasis;
  /**
   * The question this email tells its reader is still open (`openQuestionUntil`), as the round's
   * key and the reader's side: when it is due, the sentence goes only if that question still waits
   * for their answer (held.ts, withOpenQuestionAsItStands).
   */
  readonly openQuestion?: { readonly round: string; readonly side: PersonSide };
}

/** The program's schedule (a fingerprint) and the time the pairing has spent paused (held.ts, datesBasis). */
export interface DatesBasis {
  readonly schedule: string;
  readonly pausedMs: number;
  /** The day the pairing is paused until, while paused. */
  readonly pausedUntil?: string;
  /** A pause booked for later (its start and end instants): the plan's later items move by it. */
  readonly booked?: string;
}

export interface EventIntent<N extends OutboundEventName = OutboundEventName> {
  readonly key: string;
  readonly type: N;
  readonly detail: OutboundEventDetail<N>;
  /** Published no earlier than this (ISO): after the emails it must follow. */
  readonly notBefore?: string;
}

/** A record stored under the pairing (check-in, review, recognition, audit line), written once. */
export interface RecordIntent {
  readonly sk: string;
  readonly item: Record<string, unknown>;
}

/** Business facts a step can make true, counted per program once the step is stored. */
export type LifecycleMetric = 'pairingsStarted' | 'pairingsCompleted' | 'pairingsEnded' | 'escalations';

/** What the workflow does next. */
export type Next =
  | { readonly action: 'wait'; readonly at: string }
  | { readonly action: 'done'; readonly outcome: 'completed' | 'ended' | 'not-started' }
  | { readonly action: 'hand-over'; readonly generation: number };

/**
 * Everything one step decided: the pairing as it should be stored (written only if nobody changed
 * it meanwhile), records, emails and events (dispatched once each, by key), and what comes next.
 */
export interface Decision {
  readonly pairing: Pairing;
  readonly changed: boolean;
  readonly records: readonly RecordIntent[];
  readonly emails: readonly EmailIntent[];
  readonly events: readonly EventIntent[];
  readonly graduate: readonly string[];
  /** After an early end or a pairing that did not start: each person's status and standing (the rematch policy). */
  readonly people: readonly PersonOutcome[];
  readonly next: Next;
  /** Business facts of this step (emails sent are counted where mail is sent). */
  readonly metrics: Readonly<Partial<Record<LifecycleMetric, number>>>;
}
