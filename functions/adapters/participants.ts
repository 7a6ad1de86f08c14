import { createHash, randomBytes } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { EnrolmentConflict, type EnrolmentResult } from '../domain/intake';
import type { ProfileChanges } from '../domain/participant-update';
import { enrolmentIsOlderThanLeave, hrEventTime, returnStamps } from '../domain/rejoin';
import { type AddressSuppression, CLEARED_ON_COMEBACK, cancelledEnrolmentOutcome, enrolmentOfKnownEmployee } from '../domain/suppression';
import {
  emailKey,
  employeeIdKey,
  givesCurrentAnswers,
  type MatchStanding,
  type Participant,
  type ParticipantIntake,
  type ParticipantStatus,
} from '../domain/participant';
import { confirmationOutboxItem } from './confirmations';
import { cancellationReasons, dynamo, isConditionFailure, KEYS, queryAll, queryByPrefix, queryPartition, withoutKeys } from './dynamo';
import { erasedEmployeeIndexKeyOf, isErased } from '../domain/erasure';
import { canonicalJson } from '../domain/canonical-json';
import { enrolmentsOfPerson, isSamePerson } from '../domain/same-person';
import { employeeIdHeldElsewhere } from '../domain/enrolment-checks';
import { listPrograms, programNames } from './programs';

export class ParticipantNotFound extends Error {
  override readonly name = 'ParticipantNotFound';
  constructor(readonly participantId: string) {
    super(`No participant has the id ${participantId}: check the id (it starts with "pt_").`);
  }
}

/** The participant changed since the caller read it. */
export class ParticipantVersionConflict extends Error {
  override readonly name = 'ParticipantVersionConflict';
  constructor(
    readonly participantId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number | undefined,
  ) {
    super(`Participant ${participantId} is at version ${currentVersion ?? 'unknown'}, not ${expectedVersion}: read it again and reapply the change.`);
  }
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `pt_` + 20 base32 characters: 100 random bits, nothing personal in it. */
export function newParticipantId(): string {
  const bytes = randomBytes(20);
  let id = 'pt_';
  for (const byte of bytes) id += BASE32[byte & 31];
  return id;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The same answers always give the same digest (sorted keys). The address is one answer whatever
 * its letter case (markers compare it so), so the digest reads it as its marker does: the same
 * person typed once as "Ada@Example.com" and once as "ada@example.com" gave the same answers.
 */
export const intakeDigest = (intake: ParticipantIntake) => sha256(canonicalJson({ ...intake, email: emailKey(intake.email) }));
/** The digest as enrolments stored it before the address was read without letter case. */
const typedDigest = (intake: ParticipantIntake, email: string) => sha256(canonicalJson({ ...intake, email }));
const programPk = (programId: string) => `PROGRAM#${programId}`;
const emailSk = (email: string) => `EMAIL#${sha256(emailKey(email))}`;
const employeeSk = (employeeId: string) => `EMPLOYEE#${sha256(employeeIdKey(employeeId))}`;

interface EmailMarker {
  readonly participantId: string;
  readonly intakeDigest: string;
}

/**
 * Enrols a participant: the participant and its email marker are written in one transaction,
 * each only if absent, so an address is enrolled once per program whatever its letter case.
 * The same answers again return the existing participant (`created: false`, nothing written);
 * other answers for the address throw EnrolmentConflict (field `email`). An employee id gets a
 * marker of its own in the same transaction, so one employee is not enrolled twice under two
 * addresses (EnrolmentConflict, field `employeeId`), unless they left or their address was
 * suppressed and they come back under a new, working address with their current answers otherwise
 * (a re-hire, a person whose address bounced or complained: `rejoin`; domain/suppression.ts). The
 * enrolment confirmation's outbox item is written with them, pending (functions/adapters/confirmations.ts).
 * The same transaction checks that the address has no suppression marker: a new person under an
 * address that bounced or complained is refused (EnrolmentConflict, field `email`, with the
 * marker's reason and time), in the one round trip, whatever feedback arrives meanwhile. Someone
 * new to the program whose employee id another program holds under another address is refused
 * first (refuseEmployeeIdHeldElsewhere). `eventAt`, a `ParticipantEnrolled`'s own time: recorded as
 * when HR enrolled them (`enrolledAt`, domain/rejoin.ts hrEventTime; without it, now), by which a
 * departure is judged older than the enrolment or not, whenever either arrives.
 */
export async function enrolParticipant(intake: ParticipantIntake, attempt = 1, origin?: string, eventAt?: string): Promise<EnrolmentResult> {
  const { client, tableName } = dynamo();
  const digest = intakeDigest(intake);
  const pk = programPk(intake.programId);
  const existing = await client.send(new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: pk, [KEYS.sk]: emailSk(intake.email) } }));
  if (existing.Item) return repeatOrConflict(intake, existing.Item as unknown as EmailMarker, digest, eventAt);
  await refuseEmployeeIdHeldElsewhere(intake);

  const now = new Date().toISOString();
  // `enrolledBy`: the import job that stored the person, so a retry of that job knows them as its own.
  const participant: Participant = {
    ...intake,
    participantId: newParticipantId(),
    status: 'enrolled',
    enrolledAt: hrEventTime(eventAt, now),
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...(origin ? { enrolledBy: origin } : {}),
  };
  const absent = { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': KEYS.pk } };
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                [KEYS.pk]: pk,
                [KEYS.sk]: `PARTICIPANT#${participant.participantId}`,
                [KEYS.gsi1.pk]: `PARTICIPANT#${participant.participantId}`,
                [KEYS.gsi1.sk]: '#PARTICIPANT',
                type: 'Participant',
                intakeDigest: digest,
                ...participant,
              },
              ...absent,
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                [KEYS.pk]: pk,
                [KEYS.sk]: emailSk(intake.email),
                // GSI2: every enrolment of one address, across programs (bounces, complaints).
                [KEYS.gsi2.pk]: emailSk(intake.email),
                [KEYS.gsi2.sk]: pk,
                type: 'EmailMarker',
                programId: intake.programId,
                participantId: participant.participantId,
                intakeDigest: digest,
                createdAt: now,
              },
              ...absent,
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          ...(intake.employeeId === undefined
            ? []
            : [
                {
                  Put: {
                    TableName: tableName,
                    Item: {
                      [KEYS.pk]: pk,
                      [KEYS.sk]: employeeSk(intake.employeeId),
                      type: 'EmployeeMarker',
                      programId: intake.programId,
                      participantId: participant.participantId,
                      createdAt: now,
                    },
                    ...absent,
                    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
                  },
                },
              ]),
          // The confirmation, pending, in the same transaction: a participant is never stored without it.
          confirmationOutboxItem(tableName, intake.programId, participant.participantId, now),
          // Last, so that the items above keep their places in the cancellation reasons.
          suppressionCheck(tableName, intake.email),
        ],
      }),
    );
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    // DynamoDB reports every item whose condition failed, each with the item as it was.
    const marker = reasons[1]?.item;
    const employee = intake.employeeId === undefined ? undefined : reasons[2]?.item;
    const suppression = reasons.at(-1)?.code === 'ConditionalCheckFailed' ? suppressionOf(reasons.at(-1)?.item) : undefined;
    const outcome = cancelledEnrolmentOutcome(
      {
        addressEnrolled: marker !== undefined,
        employeeEnrolled: employee !== undefined,
        contended: reasons.some((r) => r.code === 'TransactionConflict'),
        addressSuppressed: suppression !== undefined,
      },
      attempt < 3,
    );
    switch (outcome) {
      // Someone enrolled the same address between our read and our write.
      case 'repeat-or-conflict':
        return repeatOrConflict(intake, marker as unknown as EmailMarker, digest, eventAt);
      // The address is new here but the employee id is enrolled under another address.
      case 'known-employee':
        return enrolKnownEmployee(intake, digest, String(employee!.participantId), suppression !== undefined, eventAt);
      // Two transactions on the same marker at once: DynamoDB cancels one without the item; the
      // next attempt meets the winner's markers and ends as a repeat or a conflict.
      case 'retry':
        return enrolParticipant(intake, attempt + 1, origin, eventAt);
      case 'address-suppressed':
        throw new EnrolmentConflict(intake.programId, undefined, 'email', 'address-suppressed', { ...suppression, timeZone: intake.timeZone });
      default:
        throw error;
    }
  }
  return { participant, created: true };
}

/**
 * An employee id is one person in every program: a new enrolment whose id another program holds
 * under another address, for someone still taking part there, is refused (EnrolmentConflict, field
 * `employeeId`; domain/enrolment-checks.ts decides). Read only for someone new to the program (a
 * repeat meets its address marker first). Two such enrolments at the same moment in two programs
 * are not held back: the employee markers are per program (docs/data-model.md).
 */
async function refuseEmployeeIdHeldElsewhere(intake: ParticipantIntake): Promise<void> {
  if (intake.employeeId === undefined) return;
  const holder = employeeIdHeldElsewhere(intake, await participantsByEmployeeId(intake.employeeId));
  if (holder) throw new EnrolmentConflict(intake.programId, holder.participantId, 'employeeId', 'employee-id-elsewhere', undefined, holder.programId);
}

/**
 * The transaction item that holds an enrolment back when the address bounced or complained: its
 * suppression marker must not exist, and comes back with the cancellation when it does.
 */
function suppressionCheck(tableName: string, email: string) {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: suppressedAddressKey(email),
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEYS.pk },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
}

/** Why and when an address stopped taking our email, from its suppression marker (its keys left behind). */
function suppressionOf(item: Record<string, unknown> | undefined): AddressSuppression {
  return {
    ...(typeof item?.reason === 'string' ? { reason: item.reason } : {}),
    ...(typeof item?.suppressedAt === 'string' ? { suppressedAt: item.suppressedAt } : {}),
  };
}

/**
 * An enrolment whose employee id is enrolled in the program under another address: someone who
 * left (a re-hire) or whose address was suppressed comes back on the same record under the new
 * address if it works (`newAddressSuppressed`: its marker, as the enrolment's transaction met it);
 * anyone else is a conflict (domain/suppression.ts, enrolmentOfKnownEmployee). HR's enrolment
 * from before the person left, delivered late or replayed, changes nothing whatever the address.
 */
async function enrolKnownEmployee(
  intake: ParticipantIntake,
  digest: string,
  holderId: string,
  newAddressSuppressed: boolean,
  eventAt: string | undefined,
): Promise<EnrolmentResult> {
  const holder = await getParticipantIn(intake.programId, holderId);
  const outcome = holder ? enrolmentOfKnownEmployee(holder, intake, newAddressSuppressed) : 'conflict';
  if (holder && outcome !== 'conflict' && enrolmentIsOlderThanLeave(holder, eventAt)) return { participant: holder, created: false };
  if (holder && outcome === 'rejoin') return rejoin(holder, eventAt, { intake, digest });
  if (outcome === 'address-suppressed') throw new EnrolmentConflict(intake.programId, holderId, 'email', 'address-suppressed');
  throw new EnrolmentConflict(intake.programId, holderId, 'employeeId');
}

/**
 * The address is enrolled: the same answers are a repeat, other answers a conflict. The same
 * answers are those the person holds now (their enrolment with every HR update since), or those
 * of their first enrolment, which the marker's digest keeps: a redelivered or replayed first
 * `ParticipantEnrolled` stays a repeat after an update. A marker stored before digests read the
 * address without letter case holds the digest of the address as first typed, the stored one.
 */
async function repeatOrConflict(intake: ParticipantIntake, marker: EmailMarker, digest: string, eventAt?: string): Promise<EnrolmentResult> {
  const participant = await getParticipantIn(intake.programId, marker.participantId);
  const same =
    marker.intakeDigest === digest ||
    (participant !== undefined && (marker.intakeDigest === typedDigest(intake, participant.email) || givesCurrentAnswers(intake, participant)));
  if (!same) throw EnrolmentConflict.differentAnswers(intake, marker.participantId, participant);
  if (!participant) throw new ParticipantNotFound(marker.participantId);
  // A re-hire, unless this is HR's enrolment from before they left, delivered late or replayed.
  if (participant.status === 'left' && !enrolmentIsOlderThanLeave(participant, eventAt)) return rejoin(participant, eventAt);
  return { participant, created: false };
}

/**
 * HR enrols again someone who left the company (a re-hire, a return), or someone whose address was
 * suppressed under a new address: the same record becomes `enrolled` again, as a new person would
 * be (no rematch count, no "away until"), and its confirmation is pending again, in one
 * transaction, so that they are told they are enrolled and the next matching run offers them.
 * Someone who withdrew (STOP) is not: that was their own choice. With `newAddress` (a person known
 * by their employee id, under a new address) the address moves in the same transaction, as an HR
 * update moves it. The return records when it happened (by HR's clock: the enrolment event's time,
 * `eventAt`, else now), and the address when it was set (domain/rejoin.ts, returnStamps): a
 * departure or an address update HR dated before it, delivered late or replayed from the archive,
 * does not undo it, and one dated after it applies whenever it arrives.
 */
async function rejoin(
  participant: Participant,
  eventAt: string | undefined,
  newAddress?: { intake: ParticipantIntake; digest: string },
): Promise<EnrolmentResult> {
  const { client, tableName } = dynamo();
  const now = new Date().toISOString();
  const confirmation = confirmationOutboxItem(tableName, participant.programId, participant.participantId, now).Put;
  const stamps = returnStamps(participant, newAddress ? ['email'] : [], hrEventTime(eventAt, now));
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: updateAt(tableName, participant.programId, participant.participantId, participant.version, {
              set: { status: 'enrolled', ...stamps, ...(newAddress ? { email: newAddress.intake.email } : {}) },
              remove: [...CLEARED_ON_COMEBACK],
            }),
          },
          // A new confirmation for the new enrolment: the first one was sent long ago.
          { Put: { TableName: confirmation.TableName, Item: confirmation.Item } },
          // A re-hire under a new address: it moves as an HR update moves it (moveAddress), the
          // old one is free for someone else.
          ...(newAddress ? addressMoveItems(tableName, participant, newAddress.intake.email, newAddress.digest, now) : []),
          // The confirmation goes to an address that takes our email, whatever feedback arrived since it was read.
          suppressionCheck(tableName, newAddress?.intake.email ?? participant.email),
        ],
      }),
    );
  } catch (error) {
    // Changed meanwhile (another request rejoined them first): read what is stored now. The new
    // address enrolled meanwhile: the enrolment meets its marker, a repeat or a conflict.
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    const marker = reasons[2]?.item;
    if (newAddress && marker) return repeatOrConflict(newAddress.intake, marker as unknown as EmailMarker, newAddress.digest, eventAt);
    // The address bounced or complained: a person known by their employee id is told as before
    // the transaction would have; someone who left, enrolled again under their own address, is
    // told what happened to it.
    const suppressed = reasons.at(-1);
    if (suppressed?.code === 'ConditionalCheckFailed') {
      if (newAddress) throw new EnrolmentConflict(participant.programId, participant.participantId, 'email', 'address-suppressed');
      throw new EnrolmentConflict(participant.programId, participant.participantId, 'email', 'address-suppressed', {
        ...suppressionOf(suppressed.item),
        timeZone: participant.timeZone,
      });
    }
  }
  const stored = await getParticipantIn(participant.programId, participant.participantId);
  if (!stored) throw new ParticipantNotFound(participant.participantId);
  return { participant: stored, created: stored.status === 'enrolled' && stored.version === participant.version + 1 };
}

/** The key of a participant's item in its program. */
export const participantKey = (programId: string, participantId: string) => ({ [KEYS.pk]: programPk(programId), [KEYS.sk]: `PARTICIPANT#${participantId}` });

/** A participant item as read from the table, without its keys and bookkeeping. */
export function toParticipant(item: Record<string, unknown>): Participant {
  const {
    intakeDigest: _digest,
    standingReplyId: _standing,
    ...participant
  } = withoutKeys<Participant & { intakeDigest?: string; standingReplyId?: string }>(item);
  return participant;
}

/**
 * The opaque id of the participant's standing reply address (docs/inbound.md): `candidate` the
 * first time, the remembered one ever after, so every email carries the same address. Undefined
 * when the participant does not exist (nothing is written then).
 */
export async function rememberStandingReplyId(programId: string, participantId: string, candidate: string): Promise<string | undefined> {
  const { client, tableName } = dynamo();
  try {
    const { Attributes } = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: programPk(programId), [KEYS.sk]: `PARTICIPANT#${participantId}` },
        UpdateExpression: 'SET standingReplyId = if_not_exists(standingReplyId, :candidate)',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
        ExpressionAttributeValues: { ':candidate': candidate },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return typeof Attributes?.standingReplyId === 'string' ? Attributes.standingReplyId : candidate;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** One participant of a program, by a consistent read (GSI1, which `getParticipant` reads, may lag behind a write). */
export async function getParticipantIn(programId: string, participantId: string): Promise<Participant | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: participantKey(programId, participantId), ConsistentRead: true }));
  return Item ? toParticipant(Item) : undefined;
}

/**
 * Everyone enrolled under this address (any letter case), in every program, through GSI2
 * (eventually consistent): what a bounce or a complaint about the address concerns.
 */
export async function participantsByEmail(email: string): Promise<Participant[]> {
  const found = await Promise.all((await enrolmentsByEmail(email)).map((m) => getParticipantIn(m.programId, m.participantId)));
  return found.filter((p): p is Participant => p !== undefined);
}

/**
 * The key of an address's suppression marker: one item per address (any letter case), across
 * programs, holding only the address's hash (docs/data-model.md, "Suppressed address").
 */
const suppressedAddressKey = (email: string) => ({ [KEYS.pk]: `ADDRESS#${sha256(emailKey(email))}`, [KEYS.sk]: 'SUPPRESSED' });

/**
 * Remembers for good that an address hard-bounced or complained, whoever it belongs to (a
 * participant, a participant's manager, nobody we know): manager notes are not sent to it, and a
 * suppressed person does not come back under it. The first feedback's reason and time are kept.
 */
export async function markAddressSuppressed(email: string, reason: 'email-bounced' | 'email-complaint', at: string): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: suppressedAddressKey(email),
      UpdateExpression: 'SET #type = :type, reason = if_not_exists(reason, :reason), suppressedAt = if_not_exists(suppressedAt, :at)',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'SuppressedAddress', ':reason': reason, ':at': at },
    }),
  );
}

/** Whether an address (any letter case) hard-bounced or complained (markAddressSuppressed). */
export async function isAddressSuppressed(email: string): Promise<boolean> {
  return (await addressSuppression(email)) !== undefined;
}

/** Why and when the address stopped taking our email (its suppression marker), or undefined while it works. */
export async function addressSuppression(email: string): Promise<AddressSuppression | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: suppressedAddressKey(email), ConsistentRead: true }));
  return Item === undefined ? undefined : suppressionOf(Item);
}

/** Where the address is enrolled, in every program: the address markers alone (one GSI2 query). */
export async function enrolmentsByEmail(email: string): Promise<{ programId: string; participantId: string }[]> {
  const markers = await queryByPrefix(emailSk(email), programPk(''), 'GSI2');
  return markers.map((m) => ({ programId: String(m.programId), participantId: String(m.participantId) }));
}

/**
 * Where any of `emails` is enrolled in the `programs`, read from each program's address markers (one
 * paged query a program) rather than one GSI2 query an address: the cheaper way when many addresses
 * are looked up in few programs (a matching run's members, reporting-elsewhere.ts).
 */
export async function enrolmentsOfAddressesIn(programs: readonly string[], emails: readonly string[]): Promise<{ programId: string; participantId: string }[]> {
  const wanted = new Set(emails.map(emailSk));
  const found: { programId: string; participantId: string }[] = [];
  for (const programId of programs) {
    for (const m of await queryByPrefix(programPk(programId), 'EMAIL#'))
      if (wanted.has(String(m[KEYS.sk]))) found.push({ programId: String(m.programId), participantId: String(m.participantId) });
  }
  return found;
}

/**
 * The person's other enrolments under their address: the same person by the same-person rule
 * (domain/same-person.ts), so a colleague who shares a team mailbox under another employee id is
 * not one of them (QA multiprog3). A DATA or ERASE request covers these.
 */
export async function sameAddressEnrolments(person: Pick<Participant, 'participantId' | 'email' | 'employeeId'>): Promise<Participant[]> {
  if (!person.email) return [];
  return (await participantsByEmail(person.email)).filter((p) => p.participantId !== person.participantId && isSamePerson(person, p));
}

/**
 * The names of the other programs the person is enrolled in under their address: a DATA or ERASE
 * request covers each such enrolment (sameAddressEnrolments), and its emails and page name them.
 */
export async function otherProgramNames(person: Pick<Participant, 'participantId' | 'email' | 'employeeId' | 'programId'>): Promise<string[]> {
  const others = (await sameAddressEnrolments(person)).filter((p) => p.programId !== person.programId);
  return programNames(others.map((p) => p.programId));
}

/**
 * Everyone enrolled under this employee id (any letter case), in every program: one read of the
 * id's marker in each program (the marker has no cross-program index, and programs are few).
 */
export async function participantsByEmployeeId(employeeId: string): Promise<Participant[]> {
  const { client, tableName } = dynamo();
  const found = await Promise.all(
    (await listPrograms()).map(async ({ programId }) => {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: programPk(programId), [KEYS.sk]: employeeSk(employeeId) }, ConsistentRead: true }),
      );
      return Item ? getParticipantIn(programId, String(Item.participantId)) : undefined;
    }),
  );
  return found.filter((p): p is Participant => p !== undefined);
}

/**
 * The tombstones of everyone erased under this employee id (any letter case), in every program:
 * one query of the index their reporting line's digest keys (adapters/erasure.ts, putTombstone).
 * The index is eventually consistent: an erasure a moment old may not show yet. Nobody erased
 * without an employee id is found (the tombstone keeps no digest of an address).
 */
export async function erasedEnrolmentsByEmployeeId(employeeId: string): Promise<Participant[]> {
  const key = erasedEmployeeIndexKeyOf(employeeId);
  if (key === undefined) return [];
  return (await queryPartition(key, 'GSI2')).map(toParticipant).filter((p) => isErased(p));
}

/**
 * Every enrolment of `person` in every program, read by address and by employee id and kept as
 * same-person.ts counts the same person (enrolmentsOfPerson: their own first, erased ones left out).
 */
export async function enrolmentsOfSamePerson(person: Participant): Promise<Participant[]> {
  const found = [...(await participantsByEmail(person.email)), ...(person.employeeId !== undefined ? await participantsByEmployeeId(person.employeeId) : [])];
  return enrolmentsOfPerson(person, found);
}

/** By id alone, through GSI1 (eventually consistent). */
export async function getParticipant(participantId: string): Promise<Participant | undefined> {
  const { client, tableName } = dynamo();
  const { Items } = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: KEYS.gsi1.name,
      KeyConditionExpression: '#pk = :pk AND #sk = :sk',
      ExpressionAttributeNames: { '#pk': KEYS.gsi1.pk, '#sk': KEYS.gsi1.sk },
      ExpressionAttributeValues: { ':pk': `PARTICIPANT#${participantId}`, ':sk': '#PARTICIPANT' },
    }),
  );
  const item = Items?.[0];
  return item ? toParticipant(item) : undefined;
}

/** Everyone of the program; `consistent`: a strongly consistent read, which sees a write just made. */
export async function listParticipants(programId: string, { consistent = false }: { consistent?: boolean } = {}): Promise<Participant[]> {
  const { client, tableName } = dynamo();
  const items = await queryAll<Record<string, unknown>>((startKey) =>
    client.send(
      new QueryCommand({
        TableName: tableName,
        ...(consistent ? { ConsistentRead: true } : {}),
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :participant)',
        ExpressionAttributeNames: { '#pk': KEYS.pk, '#sk': KEYS.sk },
        ExpressionAttributeValues: { ':pk': programPk(programId), ':participant': 'PARTICIPANT#' },
        ExclusiveStartKey: startKey,
      }),
    ),
  );
  return items.map(toParticipant);
}

/** Moves a participant to `status` if it is still at `expectedVersion`; returns it as stored now. */
export async function updateParticipantStatus(
  participantId: string,
  expectedVersion: number,
  status: ParticipantStatus,
  also: Pick<Participant, 'leftAt'> = {},
): Promise<Participant> {
  const found = await getParticipant(participantId);
  if (!found) throw new ParticipantNotFound(participantId);
  return updateIfAt(found.programId, participantId, expectedVersion, { set: { status, ...also } });
}

/**
 * Stores a status with the rematch policy's standing (availableFrom, counters) if the participant
 * is still at `expectedVersion`; values are absolute, so storing the same outcome twice changes nothing.
 */
export async function updateParticipantStanding(
  participantId: string,
  expectedVersion: number,
  status: ParticipantStatus,
  standing: MatchStanding,
): Promise<Participant> {
  const found = await getParticipant(participantId);
  if (!found) throw new ParticipantNotFound(participantId);
  const set: Record<string, unknown> = { status };
  for (const [field, value] of Object.entries(standing)) if (value !== undefined) set[field] = value;
  return updateIfAt(found.programId, participantId, expectedVersion, { set });
}

/**
 * Records that someone whose pairings all completed asked for no more email (a STOP after
 * completion: domain/participant.ts, whatStopDoes) if they are still at `expectedVersion`; their
 * status stays as it is. Throws ParticipantVersionConflict when they changed meanwhile.
 */
export async function recordMailStopped(participant: Pick<Participant, 'programId' | 'participantId' | 'version'>, at: string): Promise<Participant> {
  return updateIfAt(participant.programId, participant.participantId, participant.version, { set: { mailStoppedAt: at } });
}

/**
 * Stores a changed profile (ParticipantUpdated) if the participant is still at the version it was
 * read at; `manager: null` removes the manager. Throws ParticipantVersionConflict when someone
 * changed it meanwhile: read it again and decide again. Returns it as stored now. `comesBack`: a
 * suppressed person moved to a working address (domain/suppression.ts, comesBackUnder) is enrolled
 * again in the same transaction, as an enrolment under the new address would (rejoin).
 */
export async function updateParticipantProfile(
  participant: Pick<Participant, 'participantId' | 'programId' | 'version' | 'email'>,
  changes: ProfileChanges & Pick<Participant, 'formerNames' | 'formerEmails' | 'fieldUpdatedAt' | 'rejoinedAt'>,
  { comesBack = false }: { comesBack?: boolean } = {},
): Promise<Participant> {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) remove.push(field);
    else if (value !== undefined) set[field] = value;
  }
  if (changes.email !== undefined && emailKey(changes.email) !== emailKey(participant.email)) {
    if (comesBack) {
      set.status = 'enrolled';
      remove.push(...CLEARED_ON_COMEBACK);
    }
    return moveAddress(participant, changes.email, { set, remove }, comesBack);
  }
  return updateIfAt(participant.programId, participant.participantId, participant.version, { set, remove });
}

/** Another participant of the program has the address an update gives (field `email`). */
export class EmailTaken extends Error {
  override readonly name = 'EmailTaken';
  constructor(
    readonly programId: string,
    readonly holder: string,
  ) {
    super(`email is already enrolled in program "${programId}" as participant ${holder}: one address belongs to one person`);
  }
}

/**
 * A new address: the profile, the new address's marker (only if no one of the program has it)
 * and the old marker's removal, in one transaction, so that the address is enrolled once and the
 * old one is free again (a later enrolment under it is a new person).
 */
async function moveAddress(
  participant: Pick<Participant, 'participantId' | 'programId' | 'version' | 'email'>,
  email: string,
  change: { set: Record<string, unknown>; remove: string[] },
  comesBack = false,
): Promise<Participant> {
  const { client, tableName } = dynamo();
  const pk = programPk(participant.programId);
  const old = await client.send(new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: pk, [KEYS.sk]: emailSk(participant.email) }, ConsistentRead: true }));
  const now = new Date().toISOString();
  // Enrolled again: a new confirmation to the new address (the confirmation sweep sends it).
  const confirmation = comesBack ? confirmationOutboxItem(tableName, participant.programId, participant.participantId, now).Put : undefined;
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: updateAt(tableName, participant.programId, participant.participantId, participant.version, change) },
          ...addressMoveItems(tableName, participant, email, typeof old.Item?.intakeDigest === 'string' ? old.Item.intakeDigest : '', now),
          ...(confirmation ? [{ Put: { TableName: confirmation.TableName, Item: confirmation.Item } }] : []),
        ],
      }),
    );
  } catch (error) {
    const reasons = cancellationReasons(error);
    const holder = reasons?.[1]?.item;
    if (holder) throw new EmailTaken(participant.programId, String(holder.participantId));
    if (reasons?.[0]?.code === 'ConditionalCheckFailed') throw new ParticipantVersionConflict(participant.participantId, participant.version, undefined);
    throw error;
  }
  const moved = await getParticipantIn(participant.programId, participant.participantId);
  if (!moved) throw new ParticipantNotFound(participant.participantId);
  return moved;
}

/** The update of a participant item at a version: what updateIfAt sends, alone or in a transaction. */
function updateAt(
  tableName: string,
  programId: string,
  participantId: string,
  expectedVersion: number,
  change: { set: Record<string, unknown>; remove?: string[] },
) {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':one': 1, ':now': new Date().toISOString(), ':expected': expectedVersion };
  const sets = ['#version = #version + :one', '#updatedAt = :now'];
  Object.entries(change.set).forEach(([field, value], i) => {
    names[`#f${i}`] = field;
    values[`:v${i}`] = value;
    sets.push(`#f${i} = :v${i}`);
  });
  const removes = (change.remove ?? []).map((field, i) => {
    names[`#r${i}`] = field;
    return `#r${i}`;
  });
  return {
    TableName: tableName,
    Key: { [KEYS.pk]: programPk(programId), [KEYS.sk]: `PARTICIPANT#${participantId}` },
    UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

async function updateIfAt(
  programId: string,
  participantId: string,
  expectedVersion: number,
  change: { set: Record<string, unknown>; remove?: string[] },
): Promise<Participant> {
  const { client, tableName } = dynamo();
  try {
    const { Attributes } = await client.send(
      new UpdateCommand({
        ...updateAt(tableName, programId, participantId, expectedVersion, change),
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return toParticipant(Attributes ?? {});
  } catch (error) {
    if (isConditionFailure(error)) {
      // lib-dynamodb leaves the returned item marshalled.
      const current = (error as { Item?: Record<string, AttributeValue> }).Item;
      throw new ParticipantVersionConflict(participantId, expectedVersion, current ? Number(unmarshall(current).version) : undefined);
    }
    throw error;
  }
}

/**
 * A participant's address moving in a transaction: the new address's marker is written only if
 * nobody in the program has it (its holder comes back with the cancellation), and the old one is
 * deleted if it is still theirs.
 */
function addressMoveItems(
  tableName: string,
  participant: Pick<Participant, 'programId' | 'participantId' | 'email'>,
  email: string,
  intakeDigest: string,
  now: string,
) {
  const pk = programPk(participant.programId);
  return [
    {
      Put: {
        TableName: tableName,
        Item: {
          [KEYS.pk]: pk,
          [KEYS.sk]: emailSk(email),
          [KEYS.gsi2.pk]: emailSk(email),
          [KEYS.gsi2.sk]: pk,
          type: 'EmailMarker',
          programId: participant.programId,
          participantId: participant.participantId,
          intakeDigest,
          createdAt: now,
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    },
    {
      Delete: {
        TableName: tableName,
        Key: { [KEYS.pk]: pk, [KEYS.sk]: emailSk(participant.email) },
        ConditionExpression: 'attribute_not_exists(#pk) OR participantId = :id',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
        ExpressionAttributeValues: { ':id': participant.participantId },
      },
    },
  ];
}
