import { programContact } from './program-contact';
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { CONFIRMATION_RETRY_WITHIN_MINUTES, CONFIRMATION_SWEEP_MINUTES } from './confirmation-retry';
import { enrolmentConfirmation } from './emails/enrolment';
import { employeeIdElsewhereMessage } from './enrolment-checks';
import type { RenderedEmail } from './emails/types';
import { REMOVABLE_FIELDS, UPDATABLE_FIELDS } from './events';
import { checkTopics, emailKey, participantIntakeSchema, type Participant, type ParticipantIntake, type ParticipantStatus } from './participant';
import type { Program } from './program';
import { quotedProgramId } from './program-id';
import { type AddressSuppression, suppressedAddressMessage } from './suppression';
import { programClosed, programToday } from './rematch-policy';
import { boundIssues, describeIssues, fieldIssuesOf, type FieldIssue } from './validation';

/**
 * The one intake path behind every entry point (HTTP JSON, CSV row, web form, EventBridge):
 * parse -> the program must exist -> topics from its catalogue -> store -> confirm by email.
 * Pure domain: the store and the mailer come in as ports.
 */

/** The input was wrong: each issue names a field and what is wrong with it. */
export class IntakeRejected extends Error {
  override readonly name = 'IntakeRejected';
  constructor(readonly issues: FieldIssue[]) {
    super(`The intake was not accepted: ${describeIssues(issues)}. Correct these fields and send it again.`);
  }
}

const INTAKE_FIELDS = Object.keys(participantIntakeSchema.shape) as (keyof ParticipantIntake)[];

/** The answers in which an enrolment differs from the person as stored (names only, never values). */
export interface DifferingAnswers {
  /** In intake order. */
  readonly differing: readonly string[];
  /** Those of them the enrolment leaves out (a job title, a manager, a communication style): an update removes them with `null`. */
  readonly leftOut: readonly string[];
}

/**
 * Which intake answers differ from those the participant holds now (their enrolment with every HR
 * update since), compared as givesCurrentAnswers compares them (functions/domain/participant.ts):
 * the address without letter case, text in NFC. Empty exactly when that is a repeat.
 */
export function differingAnswers(intake: ParticipantIntake, participant: Participant): DifferingAnswers {
  const text = (value: unknown) => canonicalJson(value ?? null).normalize('NFC');
  const differing = INTAKE_FIELDS.filter((field) =>
    field === 'email' ? emailKey(intake.email) !== emailKey(participant.email) : text(intake[field]) !== text(participant[field]),
  );
  const removable: readonly string[] = REMOVABLE_FIELDS;
  return { differing, leftOut: differing.filter((f) => removable.includes(f) && intake[f] === undefined) };
}

const fieldList = (fields: readonly string[]) => (fields.length <= 1 ? fields.join('') : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`);

/**
 * What HR does about answers that differ from the stored ones: those an update may change are
 * sent with PATCH (or the HR event), after which the enrolment is a repeat; the others (role,
 * employee id, consent, doNotPairWith) cannot change. Short: an issue's message is clipped at
 * MAX_MESSAGE_CHARS (validation.ts).
 */
export function differingAnswersRemedy(participantId: string, answers: DifferingAnswers): string {
  const updatable: readonly string[] = UPDATABLE_FIELDS;
  const changeable = answers.differing.filter((f) => updatable.includes(f));
  const fixed = answers.differing.filter((f) => !updatable.includes(f));
  const parts: string[] = [];
  if (changeable.length > 0) {
    const them = changeable.length === 1 ? 'it' : 'them';
    const asNull = answers.leftOut.length > 0 ? `, ${fieldList(answers.leftOut)} as null` : '';
    parts.push(
      `to change ${fixed.length === 0 ? them : fieldList(changeable)}, send ${them} with PATCH /participants/${participantId} (or a ParticipantUpdated event)${asNull}`,
    );
  }
  if (fixed.length > 0) parts.push(`${fieldList(fixed)} cannot be changed once enrolled`);
  return parts.join('; ');
}

/**
 * The email is already enrolled in the program with different answers (field `email`; with
 * `answers`, which ones, by name: `differentAnswers`), or the
 * employee id is already enrolled under another email (field `employeeId`): in the program, or
 * (`employee-id-elsewhere`, with `holderProgramId`) in another program by someone still taking
 * part there (enrolment-checks.ts, employeeIdHeldElsewhere). `address-suppressed`
 * (field `email`): the address bounced or complained (its suppression marker). With `suppression`
 * (the marker's reason and time, and the time zone its day is told in), a new person is enrolled
 * under it, or someone who left under the address they had; without it, a person whose address
 * was suppressed (or who left) is enrolled again by their employee id under an address that
 * bounced or complained too (functions/domain/suppression.ts).
 */
export class EnrolmentConflict extends Error {
  override readonly name = 'EnrolmentConflict';
  readonly issues: FieldIssue[];
  constructor(
    readonly programId: string,
    /** Undefined when nobody holds the address or the employee id: a new person under a suppressed address. */
    readonly existingParticipantId: string | undefined,
    readonly field: 'email' | 'employeeId' = 'email',
    readonly why?: 'address-suppressed' | 'employee-id-elsewhere',
    readonly suppression?: AddressSuppression & { readonly timeZone?: string },
    /** With `employee-id-elsewhere`: the program whose enrolment holds the employee id. */
    readonly holderProgramId?: string,
    /** Field `email`, other answers: which ones differ from the person as stored (unknown when the record could not be read). */
    readonly answers?: DifferingAnswers,
  ) {
    const message =
      why === 'employee-id-elsewhere'
        ? employeeIdElsewhereMessage({ programId: holderProgramId ?? '', participantId: existingParticipantId ?? '' })
        : why === 'address-suppressed'
          ? suppression
            ? suppressedAddressMessage(suppression, suppression.timeZone)
            : `has itself bounced or been marked as spam, so it gets no email; participant ${existingParticipantId}, whose employee id this is, ` +
              `can come back only under a working address: enrol them under one, or give them one with PATCH /participants/${existingParticipantId} (or a ParticipantUpdated event)`
          : field === 'email' && answers !== undefined && answers.differing.length > 0
            ? `is already enrolled in program "${programId}" (as participant ${existingParticipantId}, compared without letter case) with different answers in ${fieldList(answers.differing)}; ` +
              differingAnswersRemedy(existingParticipantId ?? '', answers)
            : field === 'email'
              ? `is already enrolled in program "${programId}" (as participant ${existingParticipantId}, compared without letter case) with different answers; ` +
                `to change the enrolment, send the new answers with PATCH /participants/${existingParticipantId} (or your HR system's ParticipantUpdated event) instead of enrolling again`
              : // The route HR's API takes first, an HR system's event second, as the other conflicts name them (QA: HR on the API was
                // sent to an event only). Whole for any program id: an issue is clipped at MAX_MESSAGE_CHARS (the program is the request's own).
                'is already enrolled in this program under another email, compared without letter case: one employee id is one person. ' +
                `If their email changed, send the new one with PATCH /participants/${existingParticipantId} (or a ParticipantUpdated event); else correct the employee id`;
    super(`${field} ${message}.`);
    this.issues = [{ field, message }];
  }

  /**
   * The address is enrolled (as `existingParticipantId`) with other answers than `intake`'s: the
   * conflict names those that differ from `current`, the person as stored (QA: a bare "different
   * answers" left HR to guess what to send with PATCH).
   */
  static differentAnswers(intake: ParticipantIntake, existingParticipantId: string, current: Participant | undefined): EnrolmentConflict {
    const answers = current ? differingAnswers(intake, current) : undefined;
    return new EnrolmentConflict(intake.programId, existingParticipantId, 'email', undefined, undefined, undefined, answers);
  }
}

export interface EnrolmentResult {
  readonly participant: Participant;
  /** false when the same person with the same answers was already enrolled (nothing changed). */
  readonly created: boolean;
}

export interface IntakePorts {
  readonly getProgram: (programId: string) => Promise<Program | undefined>;
  readonly enrolParticipant: (intake: ParticipantIntake) => Promise<EnrolmentResult>;
  /**
   * Sends the enrolment confirmation if its outbox item is still pending (stored with the
   * participant, functions/adapters/confirmations.ts): after a creation, and after a repeat whose
   * first confirmation could not be sent. Never sends one twice.
   */
  readonly confirm: (participant: Participant, program: Program) => Promise<void>;
  /**
   * What a new enrolment does beyond the person, once they are stored and before their
   * confirmation (so that it runs even when the confirmation cannot be sent now): the program's
   * running pairings it puts in one reporting line end (functions/lifecycle/after-enrolment.ts).
   * A repeat runs it too, though it changed nobody's line: a request or event retried after this
   * step failed (the person stored, the check not made) checks then. A CSV import leaves it out
   * and runs it once per chunk instead.
   */
  readonly afterEnrolment?: (participant: Participant) => Promise<void>;
}

/** What the intake needs from a mailer (functions/adapters/mailer.ts provides it). */
export interface ConfirmationMailer {
  send(message: {
    to: string;
    replyTo?: string;
    email: RenderedEmail;
    tags?: Record<string, string>;
    headers?: Record<string, string>;
  }): Promise<{ messageId: string }>;
}

/**
 * The confirmation's outbox: runs `send` only while the item is pending, marks it sent with the
 * message id, and leaves it pending when `send` throws (functions/adapters/confirmations.ts).
 */
export type ConfirmationOutbox = (programId: string, participantId: string, send: () => Promise<string>) => Promise<unknown>;

/**
 * The participant is stored, but the confirmation email could not be sent now: it stays pending
 * in the outbox, the same request again sends it (once), and otherwise the sweep does
 * (functions/domain/confirmation-retry.ts).
 */
export class ConfirmationNotSent extends Error {
  override readonly name = 'ConfirmationNotSent';
  constructor(
    readonly participant: Participant,
    readonly created: boolean,
    override readonly cause: unknown,
  ) {
    super(
      `${participant.participantId} is enrolled, but the confirmation email could not be sent yet: it is tried again automatically within ${CONFIRMATION_RETRY_WITHIN_MINUTES} minutes (and every ${CONFIRMATION_SWEEP_MINUTES} minutes until it goes), or send the same request again to send it now (the participant is not enrolled twice and the email goes out once).`,
    );
  }
}

/** Where a person's replies to an email that asks nothing go, and the unsubscribe headers. */
export type StandingAddressPort = (who: {
  programId: string;
  participantId: string;
  email: string;
}) => Promise<{ replyAddress: string; headers: Record<string, string>; concernUrl?: string } | undefined>;

/**
 * The `confirm` port: the enrolment confirmation (what happens next, data use, reply STOP), sent
 * with the person's standing reply address so that STOP works from it.
 */
export function confirmByEmail(mailer: ConfirmationMailer, standingAddress: StandingAddressPort, outbox: ConfirmationOutbox): IntakePorts['confirm'] {
  return async (participant, program) => {
    await outbox(program.programId, participant.participantId, () => sendConfirmation(mailer, standingAddress, participant, program));
  };
}

/** Renders and sends the enrolment confirmation now, without its outbox; returns the message id. */
export async function sendConfirmation(
  mailer: ConfirmationMailer,
  standingAddress: StandingAddressPort,
  participant: Participant,
  program: Program,
): Promise<string> {
  const standing = await standingAddress({ programId: program.programId, participantId: participant.participantId, email: participant.email });
  const email = enrolmentConfirmation({
    to: { name: participant.name, timeZone: participant.timeZone },
    // Named as every other email names the contact ("the program team"), never an admin who is the person themself.
    program: { ...programContact(program, [participant.email]), ...(standing?.concernUrl ? { concernUrl: standing.concernUrl } : {}) },
    role: participant.role,
    sharesProgressWithManager: participant.consent.shareProgressWithManager,
    managerEmailKnown: participant.manager?.email !== undefined,
    checkInCadenceDays: program.lifecycle.checkInCadenceDays,
    // Matching runs before the cohort starts, so the introduction arrives by then at the latest;
    // someone joining a cohort that has started is matched in a later run, on no date we can name.
    ...(programToday(program, new Date()) < program.startDate ? { matchingExpectedBy: program.startDate } : {}),
  });
  const { messageId } = await mailer.send({
    to: participant.email,
    email,
    ...(standing ? { replyTo: standing.replyAddress, headers: standing.headers } : {}),
    tags: { programId: program.programId, participantId: participant.participantId },
  });
  return messageId;
}

/**
 * Parses an intake and checks it against its program (the program exists and is open, the topics
 * are from its catalogue), without storing anything. Every problem is reported at once, so that HR
 * fixes a row in one go: the program's checks run on whatever fields are valid on their own even
 * when others are not (a row with an empty consent is told about its unknown topics too).
 */
export function validateIntake(input: unknown, program: Program | undefined, now: Date = new Date()): ParticipantIntake {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new IntakeRejected([{ field: '(body)', message: "must be a JSON object with the participant's fields" }]);
  }
  const parsed = participantIntakeSchema.safeParse(input);
  const schemaIssues = parsed.success ? [] : fieldIssuesOf(parsed.error);
  const programId = programIdOf(input);
  const programIssues: FieldIssue[] = [];
  let known: Program | undefined;
  if (programId !== undefined && program?.programId !== programId) {
    // A programId the schema refuses has its own issue: no second one saying no program has it.
    if (!schemaIssues.some((i) => i.field === 'programId'))
      programIssues.push({
        field: 'programId',
        message: `names no known program ("${quotedProgramId(programId)}"); ask the program admin for the program's id`,
      });
  } else if (program) {
    known = program;
    const closed = closedProgramIssue(program, now);
    if (closed) programIssues.push(closed);
  }
  const topicIssues = known ? checkTopics(input, known.topics) : [];
  const issues = [...programIssues, ...schemaIssues, ...topicIssues];
  if (!parsed.success || issues.length > 0 || !known) throw new IntakeRejected(boundIssues(issues));
  return parsed.data;
}

/**
 * A closed program matches nobody: enrolling someone would promise an introduction that never
 * comes. The issue (field `programId`) when it is closed; a CSV import is refused as a whole with it.
 */
export function closedProgramIssue(program: Pick<Program, 'endDate' | 'timeZone'>, now: Date = new Date()): FieldIssue | undefined {
  if (!programClosed(program, now)) return undefined;
  return {
    field: 'programId',
    message: `names a program that closed after ${program.endDate}, its last day to match people: nobody joins it any more; ask the program admin for a current program`,
  };
}

/**
 * Why someone already enrolled is not matched any more, in words HR reads (after their name), or
 * undefined while matching still offers them. Enrolling them again changes nothing (their own
 * choice, a bounce, or a program done is not undone by a re-import), so HR must be told.
 */
export function notMatchedBecause(status: ParticipantStatus): string | undefined {
  switch (status) {
    case 'withdrawn':
      return 'withdrew from the program (replied STOP): they are not matched and get no more emails';
    case 'left':
      return 'is recorded as having left the organisation: they are not matched and get no more emails';
    case 'suppressed':
      return 'cannot be emailed at this address (it bounced or they marked an email as spam): they are not matched and get no more emails; under a working address they can take part again';
    case 'inactive':
      return 'is no longer offered to matching automatically (they never answered their introductions, or the program closed before a partner was found for them)';
    case 'completed':
      return 'completed the program: they are not offered to matching again';
    default:
      return undefined;
  }
}

/** The program id of an input, if it has a usable one (to load the program before validating). */
export function programIdOf(input: unknown): string | undefined {
  const shape = z.object({ programId: z.string().trim().min(1) }).safeParse(input);
  return shape.success ? shape.data.programId : undefined;
}

export async function enrol(input: unknown, ports: IntakePorts): Promise<EnrolmentResult> {
  const programId = programIdOf(input);
  const program = programId === undefined ? undefined : await ports.getProgram(programId);
  const intake = validateIntake(input, program);
  const result = await ports.enrolParticipant(intake);
  if (ports.afterEnrolment) await ports.afterEnrolment(result.participant);
  // The confirmation goes out once, from its outbox: a repeated enrolment (CSV re-import, event
  // redelivery, a retried request) sends only a confirmation that is still pending.
  if (program) {
    try {
      await ports.confirm(result.participant, program);
    } catch (error) {
      throw new ConfirmationNotSent(result.participant, result.created, error);
    }
  }
  return result;
}

/** Ports whose program lookups are remembered, for a batch (CSV import) that names one program many times. */
export function withProgramCache(ports: IntakePorts): IntakePorts {
  const programs = new Map<string, Promise<Program | undefined>>();
  return {
    ...ports,
    getProgram: (programId) => {
      let program = programs.get(programId);
      if (!program) {
        program = ports.getProgram(programId);
        programs.set(programId, program);
      }
      return program;
    },
  };
}

/** The intake issues of an input, none when it is valid. */
export function issuesOf(check: () => unknown): FieldIssue[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof IntakeRejected) return error.issues;
    throw error;
  }
}
