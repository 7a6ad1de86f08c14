import { isErased } from './erasure';
import type { ReportingLink } from './matching/reporting-chain';
import type { LineMember } from './matching/same-person-lines';
import { emailKey, type Participant } from './participant';
import { decideParticipantUpdate, type ParticipantUpdate, type RunningPairing, type UpdateInput } from './participant-update';
import { type ControlRequest, isTerminal, type PairingStatus } from './pairing/model';
import type { MatchingRules } from './program';
import type { AddressSuppression } from './suppression';
import type { FieldIssue } from './validation';

/**
 * Which running pairings a participant change ends, and whether HR said it means it (docs/admin-api.md,
 * "A change that ends pairings"; docs/decisions.md, "No pairing ends by surprise").
 * A new manager, address or department can end pairings (participant-update.ts): in the
 * participant's program and, since those facts are the person's, in every program the same person
 * is enrolled in. `PATCH /participants/{id}` answers 409 naming them unless the request carries
 * `?confirm=end-pairings`; a ParticipantUpdated event has nobody to ask, so it goes ahead and its
 * outcome names them. The decision is the one the update applies (decideParticipantUpdate, on the
 * same stored data), so what is announced is what ends.
 */

/** The query parameter, and its one value, by which a PATCH says it means the pairings it ends. */
export const CONFIRM_PARAMETER = 'confirm';
export const CONFIRM_END_PAIRINGS = 'end-pairings';

/** The fields whose change can end a pairing: all three are the person's, so they reach their other programs too. */
export const ENDING_FIELDS = ['manager', 'email', 'department'] as const;

export type ChangeEndReason = 'reporting-line-changed' | 'department-changed';

/** A running pairing a change ends: ids and the reason's code only (never the partner). */
export interface PairingEnd {
  readonly pairingId: string;
  readonly programId: string;
  readonly reason: ChangeEndReason;
}

/** A pairing of a program as stored: a running one is checked, one already asked to end is not a surprise. */
export interface ProgramPairing extends RunningPairing {
  readonly status: PairingStatus;
  readonly controls?: readonly ControlRequest[];
}

/** One enrolment a change reaches, as stored: what decideParticipantUpdate reads for it. */
export interface ReachedEnrolment {
  readonly participant: Participant;
  /** What this enrolment takes of the change (the named one all of it; the same person's other enrolments the facts that are the person's). */
  readonly update: ParticipantUpdate;
  readonly cohort: readonly Participant[];
  readonly linesElsewhere?: readonly ReportingLink[];
  readonly pairings: readonly ProgramPairing[];
  readonly rules: Pick<MatchingRules, 'notSameDepartment'>;
  readonly topics?: UpdateInput['topics'];
  readonly newAddressSuppression?: AddressSuppression;
}

export interface ChangeEnds {
  /** Every running pairing the change ends, the named enrolment's first, each once. */
  readonly ends: readonly PairingEnd[];
  /** Those of them nobody has asked to end yet (no end or departure waiting on the pairing): the ones HR must confirm. */
  readonly unasked: readonly PairingEnd[];
}

const NO_ENDS: ChangeEnds = { ends: [], unasked: [] };

/**
 * The pairings a change ends, over every enrolment it reaches (`reached`, the named one first). A
 * change the named enrolment refuses (a person as their own manager, a suppressed address) ends
 * nothing: it is answered with its refusal. An enrolment of the same person elsewhere that refuses
 * keeps its own facts, as the update leaves it. `at`: when HR made the change (now for the API).
 * Pure.
 */
export function pairingsAChangeEnds(reached: readonly ReachedEnrolment[], at?: string): ChangeEnds {
  const ends: PairingEnd[] = [];
  const unasked: PairingEnd[] = [];
  for (const [index, enrolment] of reached.entries()) {
    const running = enrolment.pairings.filter((p) => !isTerminal(p.status));
    const decision = decideParticipantUpdate({
      participant: enrolment.participant,
      update: enrolment.update,
      cohort: enrolment.cohort,
      running,
      rules: enrolment.rules,
      ...(enrolment.linesElsewhere ? { linesElsewhere: enrolment.linesElsewhere } : {}),
      ...(enrolment.topics ? { topics: enrolment.topics } : {}),
      ...(at ? { at } : {}),
      newAddressSuppressed: enrolment.newAddressSuppression !== undefined,
      ...(enrolment.newAddressSuppression ? { newAddressSuppression: enrolment.newAddressSuppression } : {}),
    });
    if (!decision.ok) {
      if (index === 0) return NO_ENDS;
      continue;
    }
    for (const { pairingId, reason } of decision.end) {
      if (ends.some((e) => e.pairingId === pairingId)) continue;
      const end = { pairingId, programId: enrolment.participant.programId, reason };
      ends.push(end);
      if (!askedToEnd(running.find((p) => p.pairingId === pairingId))) unasked.push(end);
    }
  }
  return { ends, unasked };
}

/** A pairing with an end or a departure waiting on it ends anyway: a change repeated before it has, or after an admin's END, surprises nobody. */
function askedToEnd(pairing: ProgramPairing | undefined): boolean {
  return (pairing?.controls ?? []).some((c) => c.kind === 'end' || c.kind === 'left');
}

/** Whether a PATCH says it means the pairings it ends, from its query; a value other than the one we know is a mistake to show. */
export function endsConfirmation(
  query: Readonly<Record<string, string | undefined>> | undefined,
): { confirmed: boolean } | { issue: FieldIssue; message: string } {
  const value = query?.[CONFIRM_PARAMETER];
  if (value === undefined) return { confirmed: false };
  if (value === CONFIRM_END_PAIRINGS) return { confirmed: true };
  return {
    issue: { field: CONFIRM_PARAMETER, message: `must be ${CONFIRM_END_PAIRINGS}` },
    message: `"${value.slice(0, 40)}" is not a confirmation crossgen knows: send ?${CONFIRM_PARAMETER}=${CONFIRM_END_PAIRINGS} to go ahead with a change that ends running pairings, or leave ${CONFIRM_PARAMETER} out.`,
  };
}

/** Why a change ends a pairing, in words that name neither of the pair (an answer to HR, a log). */
const WHY: Record<ChangeEndReason, string> = {
  'reporting-line-changed': 'the two people of the pair would be in one reporting line, which matching never allows',
  'department-changed': "the two people of the pair would be in one department, which the program's rules do not allow",
};

/** The field of the change that ends a pairing for `reason` (a new address can join a reporting line too). */
function causeOf(reason: ChangeEndReason, change: Partial<Record<(typeof ENDING_FIELDS)[number], unknown>>): (typeof ENDING_FIELDS)[number] {
  if (reason === 'department-changed') return 'department';
  return change.manager !== undefined ? 'manager' : 'email';
}

/** The message names this many pairings at most (it stays readable); `issues` and `pairingsToEnd` name them all. */
const NAMED_IN_MESSAGE = 3;

export interface EndsRefusal {
  readonly message: string;
  readonly issues: FieldIssue[];
  /** The pairings the change would end, to show HR beside the message. */
  readonly pairingsToEnd: readonly PairingEnd[];
}

/**
 * A PATCH that would end pairings nobody has asked to end, sent without the confirmation: the
 * 409's message and issues (one per pairing, on the field that ends it), or undefined when it may
 * go ahead (it ends none of them, or HR confirmed). Nothing of the change is stored before.
 */
export function endsRefusal(result: ChangeEnds, change: Partial<Record<(typeof ENDING_FIELDS)[number], unknown>>, confirmed: boolean): EndsRefusal | undefined {
  if (confirmed || result.unasked.length === 0) return undefined;
  const { unasked } = result;
  const one = unasked.length === 1;
  const each = unasked.slice(0, NAMED_IN_MESSAGE).map((e) => `${e.pairingId} in program ${e.programId}, as ${WHY[e.reason]}`);
  if (unasked.length > NAMED_IN_MESSAGE) each.push(`and ${unasked.length - NAMED_IN_MESSAGE} more, each in pairingsToEnd`);
  return {
    message:
      `The change was not made: it would end ${one ? 'a running pairing' : `${unasked.length} running pairings`}: ${each.join('; ')}. ` +
      `Both people of ${one ? 'that pairing' : 'each'} would be told it has ended and offered a new partner. ` +
      `If the change is right and ${one ? 'the pairing should' : 'they should'} end, send it again with ?${CONFIRM_PARAMETER}=${CONFIRM_END_PAIRINGS}; ` +
      'if a value is wrong (a typo in the department or the manager), correct it and send it again.',
    issues: unasked.map((e) => ({
      field: causeOf(e.reason, change),
      message: `would end running pairing ${e.pairingId} in program ${e.programId}: ${WHY[e.reason]}`,
    })),
    pairingsToEnd: unasked,
  };
}

/** What the loader reads (functions/adapters provide each). */
export interface ChangeEndsPorts {
  readonly getProgram: (
    programId: string,
  ) => Promise<{ readonly matching: { readonly rules: Pick<MatchingRules, 'notSameDepartment'> }; readonly topics?: UpdateInput['topics'] } | undefined>;
  readonly getParticipantIn: (programId: string, participantId: string) => Promise<Participant | undefined>;
  readonly listParticipants: (programId: string) => Promise<Participant[]>;
  readonly listPairings: (programId: string) => Promise<ProgramPairing[]>;
  /** The same person's enrolments (domain/same-person.ts), the one given included. */
  readonly enrolmentsOfSamePerson: (person: Participant) => Promise<Participant[]>;
  readonly reportingLinesElsewhere: (programId: string, people: readonly LineMember[]) => Promise<ReportingLink[]>;
  readonly addressSuppression: (email: string) => Promise<AddressSuppression | undefined>;
}

/** The change's fields: a ParticipantUpdated without who it names. */
export type ChangeFields = Omit<ParticipantUpdate, 'participantId' | 'employeeId'>;

/**
 * Reads what pairingsAChangeEnds decides on, as functions/shared/apply-participant-update.ts reads it
 * to apply the change: the named enrolment takes every field, so does each one the caller also
 * named (`alsoNamed`, under one employee id), and the same person's enrolments in other programs
 * take the facts that end pairings (ENDING_FIELDS, among the person's facts they take). A change of
 * none of those fields ends nothing and reads nothing.
 */
export async function loadChangeEnds(
  named: Participant,
  alsoNamed: readonly Participant[],
  fields: ChangeFields,
  at: string | undefined,
  ports: ChangeEndsPorts,
): Promise<ChangeEnds> {
  const ending = Object.fromEntries(ENDING_FIELDS.filter((f) => fields[f] !== undefined).map((f) => [f, fields[f]])) as Pick<
    ChangeFields,
    (typeof ENDING_FIELDS)[number]
  >;
  if (Object.keys(ending).length === 0) return NO_ENDS;
  const sameProgram = new Set(alsoNamed.map((p) => p.participantId));
  const elsewhere = (await ports.enrolmentsOfSamePerson(named)).filter(
    (p) => p.participantId !== named.participantId && p.programId !== named.programId && !isErased(p) && !sameProgram.has(p.participantId),
  );
  const targets: { enrolment: Participant; takes: ChangeFields }[] = [
    { enrolment: named, takes: fields },
    ...alsoNamed.map((enrolment) => ({ enrolment, takes: fields })),
    ...elsewhere.map((enrolment) => ({ enrolment, takes: ending })),
  ];
  const reached: ReachedEnrolment[] = [];
  for (const { enrolment, takes } of targets) {
    const loaded = await loadEnrolment(enrolment, { ...takes, participantId: enrolment.participantId }, ports);
    if (loaded) reached.push(loaded);
    else if (enrolment === named) return NO_ENDS;
  }
  return pairingsAChangeEnds(reached, at);
}

async function loadEnrolment(enrolment: Participant, update: ParticipantUpdate, ports: ChangeEndsPorts): Promise<ReachedEnrolment | undefined> {
  const [program, participant, cohort, pairings] = await Promise.all([
    ports.getProgram(enrolment.programId),
    ports.getParticipantIn(enrolment.programId, enrolment.participantId),
    ports.listParticipants(enrolment.programId),
    ports.listPairings(enrolment.programId),
  ]);
  // Gone meanwhile: the update refuses it (the named one) or leaves it (another).
  if (!program || !participant) return undefined;
  const suppression =
    update.email !== undefined && emailKey(update.email) !== emailKey(participant.email) ? await ports.addressSuppression(update.email) : undefined;
  // A new manager or address re-checks the lines, with those of managers held only in other programs (QA matching3).
  const linesElsewhere =
    update.manager === undefined && update.email === undefined
      ? []
      : await ports.reportingLinesElsewhere(participant.programId, [
          ...cohort,
          { email: update.email ?? participant.email, ...(update.manager ? { manager: update.manager } : {}) },
        ]);
  return {
    participant,
    update,
    cohort,
    linesElsewhere,
    pairings,
    rules: program.matching.rules,
    ...(program.topics ? { topics: program.topics } : {}),
    ...(suppression ? { newAddressSuppression: suppression } : {}),
  };
}
