import { z } from 'zod';
import './validation';
import { END_REASONS } from './pairing/model';
import { participantIntakeSchema } from './participant';
import { calendarDate } from './program';

/** Source of every event crossgen publishes. Inbound events may come from any source. */
export const EVENT_SOURCE = 'crossgen';

const id = z.string().min(1).max(80);

/** The intake's own field schemas: an update is validated exactly as an enrolment is. */
const intake = participantIntakeSchema.shape;
/**
 * What a ParticipantUpdated event (and `PATCH /participants/{id}`) may change: every intake answer
 * a person may change (functions/domain/participant-update.ts decides what follows). Not the role,
 * the employee id, the consent or `doNotPairWith`.
 */
export const UPDATABLE_FIELDS = [
  'name',
  'email',
  'department',
  'manager',
  'timeZone',
  'languages',
  'availability',
  'capacity',
  'jobTitle',
  'location',
  'topicsOffered',
  'topicsWanted',
  'interests',
  'goals',
  'meetingPreference',
  'communicationStyle',
] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];
/** The updatable answers the intake may leave out: an update removes one with `null`. */
export const REMOVABLE_FIELDS = ['manager', 'jobTitle', 'communicationStyle'] as const satisfies readonly UpdatableField[];

/** Events other systems (HRIS, Slack bots, the admin console) send to crossgen. */
/**
 * Who an HR event is about: crossgen's `participantId`, or the `employeeId` the HR system knows
 * (every enrolment under it, in every program), exactly one of them. An HRIS that enrols people by
 * `ParticipantEnrolled` never learns crossgen's ids (QA events3).
 */
const personRef = {
  participantId: id.optional(),
  employeeId: intake.employeeId,
};
function exactlyOnePerson(u: { participantId?: string; employeeId?: string }, ctx: z.RefinementCtx): void {
  if ((u.participantId === undefined) === (u.employeeId === undefined))
    ctx.addIssue({
      code: 'custom',
      // describeIssues prints the path before the message: each reads as one sentence with it.
      ...(u.participantId === undefined
        ? { path: ['participantId'], message: 'or employeeId is required: give exactly one of them to name the person' }
        : { path: ['employeeId'], message: 'cannot be given with participantId: give exactly one of them to name the person' }),
    });
}

/**
 * What HR may change on a participant, by a ParticipantUpdated event or by
 * `PATCH /participants/{id}` (functions/participants-api.ts): one shape, so the two cannot drift.
 */
export const participantChanges = {
  name: intake.name.optional(),
  /** A new address (a marriage, a new domain): emails go there, and replies from it count. */
  email: intake.email.optional(),
  department: intake.department.optional(),
  /** `null`: the participant has no manager on record any more. */
  manager: intake.manager.unwrap().nullable().optional(),
  timeZone: intake.timeZone.optional(),
  languages: intake.languages.optional(),
  availability: intake.availability.optional(),
  /**
   * A mentor's new capacity (1-5; a mentee's stays 1): matching proposes by it from then on.
   * Running pairings beyond it carry on until they end; none is ended for it.
   */
  capacity: intake.capacity.unwrap().optional(),
  /** `null`: no job title on record any more. */
  jobTitle: intake.jobTitle.unwrap().nullable().optional(),
  location: intake.location.optional(),
  // The answers matching reads: every matching run after the change reads the new ones, and a
  // pairing made before keeps the score and reasons it was made with (participant-update.ts).
  // Topics must be the program's (checkTopics, decided with the program's catalogue).
  topicsOffered: intake.topicsOffered.unwrap().optional(),
  topicsWanted: intake.topicsWanted.optional(),
  interests: intake.interests.unwrap().optional(),
  goals: intake.goals.optional(),
  meetingPreference: intake.meetingPreference.unwrap().optional(),
  /** `null`: no communication style on record any more (matching reads it as unknown). */
  communicationStyle: intake.communicationStyle.unwrap().nullable().optional(),
};

type ListedOnce = 'languages' | 'topicsOffered' | 'topicsWanted';

/** A change changes something, and lists no language or topic twice (as the intake refuses). */
export function checkParticipantChanges(u: { [F in UpdatableField]?: unknown } & { [L in ListedOnce]?: string[] }, ctx: z.RefinementCtx): void {
  if (UPDATABLE_FIELDS.every((f) => u[f] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: `must change at least one of ${UPDATABLE_FIELDS.join(', ')}` });
  }
  for (const key of ['topicsOffered', 'topicsWanted', 'languages'] as const) {
    const list = u[key];
    const twice = list?.find((x, i) => list.indexOf(x) !== i);
    if (twice !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `lists "${twice}" twice` });
  }
}

/**
 * The pairing's program, as crossgen's own control events carry it: an HR system that copies them
 * gets the check it expects (functions/domain/control-events.ts, programMismatchProblem).
 */
const controlProgramId = id
  .optional()
  .describe("The pairing's program. Optional: when given and not the pairing's program, the request is refused (dead-lettered) and the pairing is unchanged.");

export const inboundEvents = {
  // ParticipantEnrolled's detail is the intake itself (participantIntakeSchema).
  ParticipantUpdated: z
    .object({ ...personRef, ...participantChanges })
    .strict()
    .superRefine((u, ctx) => {
      exactlyOnePerson(u, ctx);
      checkParticipantChanges(u, ctx);
    }),
  ParticipantLeft: z.object({ ...personRef, reason: z.string().max(500).optional() }).superRefine(exactlyOnePerson),
  /** STOP by reply: the participant leaves the program. */
  ParticipantWithdrew: z.object({ participantId: id, pairingId: id.optional() }),
  MatchingRequested: z.object({ programId: id, requestedBy: z.string().max(254).optional() }),
  // Pause/resume/end come from admins (until) and from replies (pauseUntil); extra fields are kept.
  PairingPauseRequested: z.object({
    pairingId: id,
    programId: controlProgramId,
    /** The member who asked (a reply PAUSE): their confirmation answers what they just wrote. */
    participantId: id.optional(),
    until: calendarDate.optional(),
    pauseUntil: calendarDate.optional(),
    /** A later start: the pause is booked for that day (YYYY-MM-DD) and begins then. */
    from: calendarDate.optional(),
    pauseFrom: calendarDate.optional(),
    reason: z.string().max(500).optional(),
  }),
  PairingResumeRequested: z.object({ pairingId: id, programId: controlProgramId }),
  /** `participantId`: the member who asked (a reply END); `reason`: an end reason code, or an HR system's own words. */
  PairingEndRequested: z.object({ pairingId: id, programId: controlProgramId, participantId: id.optional(), reason: z.string().max(500).optional() }),
  /** Data rights: a copy of everything held about the person, emailed to them (a confirmed DATA reply). */
  ParticipantDataRequested: z.object({ participantId: id }),
  /** Data rights: erase the person (a confirmed ERASE reply); functions/lifecycle/erasure.ts. */
  ParticipantErasureRequested: z.object({ participantId: id }),
} as const;

const pairingRef = { pairingId: id, programId: id };

/** Why a pairing ended, as a code (the email wording lives in functions/domain/emails). */
/** Why a pairing ended early: the one list the lifecycle decides from (functions/domain/pairing/model.ts). */
export const PAIRING_END_REASONS = END_REASONS;
/** Why a rematch was asked for: a pairing that never started (declined, no answer) or an end reason. */
export const REMATCH_REASONS = ['not-started-declined', 'not-started-no-answer', ...PAIRING_END_REASONS] as const;
export const SUPPRESSION_REASONS = ['email-bounced', 'email-complaint'] as const;

const rematchReason = z.enum(REMATCH_REASONS);

/**
 * Events crossgen announces on its bus: ids, numbers and codes only, never free text (notes,
 * reasons people typed, names, addresses). The bus archive keeps events for 90 days and any rule
 * may forward them; consumers look people up with permission. Unknown fields are stripped when an
 * event is published (functions/adapters/events.ts parses every detail with these schemas).
 */
export const outboundEvents = {
  PairingMatched: z.object({ ...pairingRef, mentorId: id, menteeId: id, score: z.number() }),
  PairingAccepted: z.object({ ...pairingRef }),
  PairingNotStarted: z.object({ ...pairingRef, reason: z.enum(['declined', 'no-answer']), declinedBy: id.optional() }),
  RematchRequested: z.object({ programId: id, participantIds: z.array(id), previousPairingId: id, reason: rematchReason }),
  CheckInCompleted: z.object({
    ...pairingRef,
    checkIn: z.number().int(),
    rating: z
      .number()
      .optional()
      .describe('The mean of the 1-5 ratings the two people gave in this check-in (one person alone: theirs); absent when neither rated it.'),
  }),
  CheckInMissed: z.object({ ...pairingRef, checkIn: z.number().int(), missedInRow: z.number().int() }),
  EscalationRaised: z.object({ ...pairingRef, level: z.enum(['nudge', 'senior-note', 'admin-decision']), missedInRow: z.number().int() }),
  /** `milestone` is the plan item's label, made by code from the program's milestone days ("Day 30 review"). */
  MilestoneReviewed: z.object({
    ...pairingRef,
    milestone: z.string().regex(/^[A-Za-z0-9 -]{1,40}$/, 'must be a plan label'),
    participantId: id,
    progress: z.number().optional(),
    recommend: z.number().optional(),
  }),
  PairingPaused: z.object({ ...pairingRef, until: z.iso.datetime({ offset: true }) }),
  PairingResumed: z.object({ ...pairingRef }),
  PairingEnded: z.object({ ...pairingRef, reason: z.string().pipe(z.enum(PAIRING_END_REASONS)) }),
  PairingCompleted: z.object({ ...pairingRef, checkInsHeld: z.number().int() }),
  RecognitionAwarded: z.object({ ...pairingRef, participantIds: z.array(id) }),
  ParticipantSuppressed: z.object({ participantId: id, reason: z.string().pipe(z.enum(SUPPRESSION_REASONS)) }),
  /** CohortMatching stored a proposal; `kind` says whether a whole cohort or a rematch was solved. */
  MatchingProposed: z.object({ programId: id, runId: id, kind: z.enum(['cohort', 'rematch']), pairs: z.number().int(), unmatched: z.number().int() }),
  /** Nobody fitted this person now; a rematch or a late joiner may. */
  ParticipantWaitlisted: z.object({
    programId: id,
    participantId: id,
    code: z.enum(['no-eligible-partner', 'capacity', 'no-partners-in-cohort', 'rejected-in-review', 'partner-unavailable', 'rematch-not-approved']),
  }),
  /**
   * An admin changed settings that running pairings plan their next dates from (the programs
   * API): the changed fields as dotted paths (`lifecycle.checkInCadenceDays`), never their values.
   * PairingControl wakes the program's running pairings so that each plans again now.
   */
  ProgramChanged: z.object({
    programId: id,
    version: z.number().int().positive(),
    fields: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,79}$/, 'must be a setting path'))
      .min(1)
      .max(50),
  }),
} as const;

export type OutboundEventName = keyof typeof outboundEvents;
export type OutboundEventDetail<N extends OutboundEventName> = z.input<(typeof outboundEvents)[N]>;
