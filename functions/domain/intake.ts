import { z } from 'zod';
import { enrolmentConfirmation } from './emails/enrolment';
import type { RenderedEmail } from './emails/types';
import { parseIntakeCsv, rowIssue, type CsvIntakeRow, type RowIssue } from './intake-csv';
import { checkTopics, emailKey, employeeIdKey, participantIntakeSchema, type Participant, type ParticipantIntake } from './participant';
import type { Program } from './program';
import { describeIssues, toFieldIssues, type FieldIssue } from './validation';

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

/**
 * The email is already enrolled in the program with different answers (field `email`), or the
 * employee id is already enrolled under another email (field `employeeId`).
 */
export class EnrolmentConflict extends Error {
  override readonly name = 'EnrolmentConflict';
  readonly issues: FieldIssue[];
  constructor(
    readonly programId: string,
    readonly existingParticipantId: string,
    readonly field: 'email' | 'employeeId' = 'email',
  ) {
    const message =
      field === 'email'
        ? `is already enrolled in program "${programId}" (as participant ${existingParticipantId}, compared without letter case) with different answers; ` +
          'to change an enrolment, update that participant instead of enrolling again'
        : `is already enrolled in program "${programId}" under another email (as participant ${existingParticipantId}, compared without letter case); ` +
          'one person is enrolled once: check the employee id, or update that participant if their email changed';
    super(`${field} ${message}.`);
    this.issues = [{ field, message }];
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
  /** Sends the enrolment confirmation; called only when a participant was created. */
  readonly confirm: (participant: Participant, program: Program) => Promise<void>;
}

/** What the intake needs from a mailer (functions/adapters/mailer.ts provides it). */
export interface ConfirmationMailer {
  send(message: { to: string; replyTo?: string; email: RenderedEmail; tags?: Record<string, string>; headers?: Record<string, string> }): Promise<unknown>;
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
export function confirmByEmail(mailer: ConfirmationMailer, standingAddress: StandingAddressPort): IntakePorts['confirm'] {
  return async (participant, program) => {
    const standing = await standingAddress({ programId: program.programId, participantId: participant.participantId, email: participant.email });
    const email = enrolmentConfirmation({
      to: { name: participant.name, timeZone: participant.timeZone },
      program: {
        name: program.name,
        admin: { name: 'the program admin', email: program.admins[0] ?? '' },
        ...(standing?.concernUrl ? { concernUrl: standing.concernUrl } : {}),
      },
      role: participant.role,
      sharesProgressWithManager: participant.consent.shareProgressWithManager,
      // Matching runs before the cohort starts, so the introduction arrives by then at the latest.
      matchingExpectedBy: program.startDate,
    });
    await mailer.send({
      to: participant.email,
      email,
      ...(standing ? { replyTo: standing.replyAddress, headers: standing.headers } : {}),
      tags: { programId: program.programId, participantId: participant.participantId },
    });
  };
}

/** Parses an intake and checks it against the program's catalogue, without storing anything. */
export function validateIntake(input: unknown, program: Program | undefined): ParticipantIntake {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new IntakeRejected([{ field: '(body)', message: "must be a JSON object with the participant's fields" }]);
  }
  const parsed = participantIntakeSchema.safeParse(input);
  const programId = programIdOf(input);
  const unknownProgram: FieldIssue[] =
    programId !== undefined && program?.programId !== programId
      ? [{ field: 'programId', message: `names no known program ("${programId}"); ask the program admin for the program's id` }]
      : [];
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    // Report every problem at once, so that HR fixes a row in one go.
    throw new IntakeRejected(issues.some((i) => i.field === 'programId') ? issues : [...unknownProgram, ...issues]);
  }
  if (unknownProgram.length > 0 || !program) throw new IntakeRejected(unknownProgram);
  const topicIssues = checkTopics(parsed.data, program.topics);
  if (topicIssues.length > 0) throw new IntakeRejected(topicIssues);
  return parsed.data;
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
  // The confirmation goes out once: a repeated enrolment (CSV re-import, event redelivery) is silent.
  if (result.created && program) await ports.confirm(result.participant, program);
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

export interface ImportReport {
  readonly rows: number;
  readonly created: number;
  readonly alreadyEnrolled: number;
  readonly enrolled: { line: number; participantId: string; created: boolean }[];
  readonly rejected: RowIssue[];
}

/** Rows stored at once; each costs one read and one transaction. */
const IMPORT_CONCURRENCY = 8;

/**
 * Imports a CSV file into one program through the same path as a single enrolment. Valid rows
 * are stored, every invalid row is reported by line and column; importing the same file again
 * changes nothing (each row is then "already enrolled").
 */
export async function importParticipants(csv: string, programId: string, ports: IntakePorts): Promise<ImportReport> {
  const cached = withProgramCache(ports);
  const program = await cached.getProgram(programId);
  if (!program) {
    throw new IntakeRejected([{ field: 'programId', message: `names no known program ("${programId}"); ask the program admin for the program's id` }]);
  }
  const { rows, unreadable } = parseIntakeCsv(csv, programId);
  const rejected: RowIssue[] = [...unreadable];
  const enrolled: ImportReport['enrolled'] = [];

  const importRow = async (row: CsvIntakeRow) => {
    try {
      if (row.issues.length > 0) {
        // Report the unreadable cells and whatever else is wrong with the row, in one go.
        const badColumns = new Set(row.issues.map((i) => i.column));
        const others = issuesOf(() => validateIntake(row.input, program))
          .map((i) => rowIssue(row.line, i))
          .filter((i) => !badColumns.has(i.column));
        rejected.push(...row.issues, ...others);
        return;
      }
      const result = await enrol(row.input, cached);
      enrolled.push({ line: row.line, participantId: result.participant.participantId, created: result.created });
    } catch (error) {
      if (error instanceof IntakeRejected || error instanceof EnrolmentConflict) rejected.push(...error.issues.map((i) => rowIssue(row.line, i)));
      else throw error;
    }
  };

  // Rows repeating an address or an employee id already in the file wait for its first row, so
  // that they meet its stored marker instead of racing it.
  const seen = new Set<string>();
  const firsts: CsvIntakeRow[] = [];
  const repeats: CsvIntakeRow[] = [];
  for (const row of rows) {
    const keys = [
      typeof row.input.email === 'string' ? `email:${emailKey(row.input.email)}` : undefined,
      typeof row.input.employeeId === 'string' ? `employee:${employeeIdKey(row.input.employeeId)}` : undefined,
    ].filter((k): k is string => k !== undefined);
    if (keys.some((k) => seen.has(k))) repeats.push(row);
    else firsts.push(row);
    for (const k of keys) seen.add(k);
  }
  for (let i = 0; i < firsts.length; i += IMPORT_CONCURRENCY) {
    await Promise.all(firsts.slice(i, i + IMPORT_CONCURRENCY).map(importRow));
  }
  for (const row of repeats) await importRow(row);

  rejected.sort((a, b) => a.line - b.line);
  enrolled.sort((a, b) => a.line - b.line);
  const created = enrolled.filter((e) => e.created).length;
  return { rows: rows.length + unreadable.length, created, alreadyEnrolled: enrolled.length - created, enrolled, rejected };
}

function issuesOf(check: () => unknown): FieldIssue[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof IntakeRejected) return error.issues;
    throw error;
  }
}
