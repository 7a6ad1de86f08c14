import { randomBytes } from 'node:crypto';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, dynamo, getItems, isConditionFailure, KEYS, queryByPrefix, queryPartition, withoutKeys } from './dynamo';
import type { BusySeries } from '../domain/meeting-slot';

import type { PendingSettle } from '../domain/pairing/settle';
import {
  PAIRING_KEYS,
  TERMINAL_STATUSES,
  type ConcernWatch,
  type ControlRequest,
  type NewPairing,
  type Pairing,
  type PairingStatus,
} from '../domain/pairing/model';

export { PAIRING_STATUSES, isTerminal, type PairingStatus, type Pairing, type ControlRequest, type NewPairing } from '../domain/pairing/model';

export class PairingNotFound extends Error {
  constructor(readonly pairingId: string) {
    super(`Pairing ${pairingId} does not exist.`);
    this.name = 'PairingNotFound';
  }
}
export class PairingVersionConflict extends Error {
  constructor(readonly pairingId: string) {
    super(`Pairing ${pairingId} was changed by someone else; read it again and retry.`);
    this.name = 'PairingVersionConflict';
  }
}

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** Opaque and PII-free: it names the Step Functions execution. */
export function newPairingId(): string {
  return `pr_${[...randomBytes(16)].map((b) => B32[b & 31]).join('')}`;
}

const pk = PAIRING_KEYS.pk;

/** Creates a pairing with its two member items; the same pairing id twice is a no-op. */
export async function createPairing(p: NewPairing, now = new Date()): Promise<{ pairing: Pairing; created: boolean }> {
  const { client, tableName } = dynamo();
  const at = now.toISOString();
  const pairing: Pairing = { ...p, status: 'proposed', checkInsHeld: 0, checkInsMissed: 0, missedInRow: 0, createdAt: at, updatedAt: at, version: 1 };
  const member = (participantId: string, role: 'mentor' | 'mentee') => ({
    Put: {
      TableName: tableName,
      Item: {
        [KEYS.pk]: pk(p.pairingId),
        [KEYS.sk]: `MEMBER#${participantId}`,
        [KEYS.gsi1.pk]: `PARTICIPANT#${participantId}`,
        [KEYS.gsi1.sk]: `PAIRING#${p.pairingId}`,
        type: 'PairingMember',
        pairingId: p.pairingId,
        participantId,
        role,
        programId: p.programId,
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEYS.pk },
    },
  });
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                [KEYS.pk]: pk(p.pairingId),
                [KEYS.sk]: '#PAIRING',
                [KEYS.gsi1.pk]: `PROGRAM#${p.programId}#PAIRINGS`,
                [KEYS.gsi1.sk]: p.pairingId,
                type: 'Pairing',
                ...pairing,
              },
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': KEYS.pk },
            },
          },
          member(p.mentorId, 'mentor'),
          member(p.menteeId, 'mentee'),
        ],
      }),
    );
    return { pairing, created: true };
  } catch (e) {
    if (!cancellationReasons(e)) throw e;
    const existing = await getPairing(p.pairingId);
    if (existing && existing.mentorId === p.mentorId && existing.menteeId === p.menteeId) return { pairing: existing, created: false };
    throw new Error(`Pairing ${p.pairingId} already exists with other members.`);
  }
}

export async function getPairing(pairingId: string): Promise<Pairing | undefined> {
  return (await loadPairingItem(pairingId))?.pairing;
}

/** The pairing and the shell's own bookkeeping on its item (never shown outside the lifecycle). */
export interface PairingItem {
  readonly pairing: Pairing;
  /** Outbox keys decided but not yet dispatched. */
  readonly pendingOutbox: string[];
  /** The task token the execution waits on between steps (it wakes on an answer or a request). */
  readonly wakeToken?: string;
  /** People to settle that a step decided and has not applied yet (functions/domain/pairing/settle.ts). */
  readonly pendingSettle?: PendingSettle;
}

export async function loadPairingItem(pairingId: string): Promise<PairingItem | undefined> {
  const { client, tableName } = dynamo();
  const out = await client.send(new GetCommand({ TableName: tableName, Key: pairingKey(pairingId), ConsistentRead: true }));
  return out.Item ? pairingItemOf(out.Item) : undefined;
}

/** The key of a pairing's own item. */
export const pairingKey = (pairingId: string) => ({ [KEYS.pk]: pk(pairingId), [KEYS.sk]: PAIRING_KEYS.item });

/** A pairing item as read from the table: the pairing, its pending outbox refs and its wake token. */
export function pairingItemOf(item: Record<string, unknown>): PairingItem {
  const { wakeToken, pendingOutbox, pendingSettle, ...rest } = withoutKeys<Record<string, unknown>>(item);
  return {
    pairing: rest as unknown as Pairing,
    pendingOutbox: pendingOutbox instanceof Set ? [...(pendingOutbox as Set<string>)].sort() : [],
    ...(typeof wakeToken === 'string' ? { wakeToken } : {}),
    ...(pendingSettle && typeof pendingSettle === 'object' ? { pendingSettle: pendingSettle as PendingSettle } : {}),
  };
}

export async function requirePairing(pairingId: string): Promise<Pairing> {
  const p = await getPairing(pairingId);
  if (!p) throw new PairingNotFound(pairingId);
  return p;
}

export async function listPairings(programId: string): Promise<Pairing[]> {
  const items = await queryPartition(`PROGRAM#${programId}#PAIRINGS`, 'GSI1');
  return items.map((i) => withoutKeys<Pairing>(i));
}

/** The program's pairings with the outbox refs each still holds (GSI1 carries the whole item). */
export async function listPairingItems(programId: string): Promise<PairingItem[]> {
  return (await queryPartition(`PROGRAM#${programId}#PAIRINGS`, 'GSI1')).map(pairingItemOf);
}

/** Pairing ids a participant is or was a member of. */
export async function pairingIdsOf(participantId: string): Promise<string[]> {
  const items = await queryByPrefix(`PARTICIPANT#${participantId}`, 'PAIRING#', 'GSI1');
  return items.map((i) => String(i.pairingId));
}

/** The pairings a participant is or was a member of, as stored now. */
export async function pairingsOf(participantId: string): Promise<Pairing[]> {
  const found = await Promise.all((await pairingIdsOf(participantId)).map((id) => getPairing(id)));
  return found.filter((p): p is Pairing => p !== undefined);
}

/**
 * What the people's other pairings hold as meeting series, for a new pairing's slot: the stored
 * slot of each one introduced or active (a paused one's series was cancelled), and the ids of
 * those still being introduced (`proposed`, no slot yet), which the introduction's commit checks
 * are still without one (commitStep, `undecided`). One GSI1 query per enrolment (P2), then one
 * BatchGetItem of the pairings.
 */
export async function otherSeries(participantIds: readonly string[], except: string): Promise<{ series: BusySeries[]; undecided: string[] }> {
  const ids = [...new Set((await Promise.all(participantIds.map(pairingIdsOf))).flat())].filter((id) => id !== except);
  const items = ids.length > 0 ? await getItems(ids.map(pairingKey)) : [];
  const pairings = items.filter((i): i is Record<string, unknown> => i !== undefined).map((i) => pairingItemOf(i).pairing);
  return {
    series: pairings.flatMap((p) => (SERIES_HELD.includes(p.status) && p.meetingSlot?.found ? [p.meetingSlot] : [])),
    undecided: pairings.filter((p) => p.status === 'proposed' && p.meetingSlot === undefined).map((p) => p.pairingId),
  };
}
const SERIES_HELD: readonly PairingStatus[] = ['introduced', 'active'];

/** One line of a pairing's audit trail (ids and facts, no personal data beyond ids). */
export interface AuditEntry {
  readonly at: string;
  readonly kind: string;
  readonly detail?: Record<string, unknown>;
}

export async function listAudit(pairingId: string): Promise<AuditEntry[]> {
  return listChildren<AuditEntry>(pairingId, 'AUDIT#');
}

export async function listChildren<T>(pairingId: string, prefix: string): Promise<T[]> {
  return (await queryByPrefix(pk(pairingId), prefix)).map((i) => withoutKeys<T>(i));
}

/** One item written with a step: a record under the pairing (check-in, review, audit) or an outbox entry. */
export interface StepItem {
  readonly sk: string;
  readonly item: Record<string, unknown>;
}

/**
 * Stores one step of the lifecycle in one transaction: the pairing as decided (only if nobody
 * changed it since it was read: answers and requests bump its version), its records, and the
 * outbox entries of the emails and events it decided (each written once, never overwritten).
 */
export async function commitStep(
  before: Pairing,
  after: Pairing,
  opts: {
    records: readonly StepItem[];
    outbox: readonly StepItem[];
    pendingOutbox: readonly string[];
    settle?: PendingSettle;
    /** Pairings that had no meeting slot when this step read them: stored only if they still have none (otherSeries). */
    undecided?: readonly string[];
    now: Date;
  },
): Promise<Pairing> {
  const { client, tableName } = dynamo();
  const stored: Pairing = { ...after, version: before.version + 1, updatedAt: opts.now.toISOString() };
  const items = [
    {
      Put: {
        TableName: tableName,
        Item: {
          [KEYS.pk]: pk(before.pairingId),
          [KEYS.sk]: PAIRING_KEYS.item,
          [KEYS.gsi1.pk]: `PROGRAM#${before.programId}#PAIRINGS`,
          [KEYS.gsi1.sk]: before.pairingId,
          type: 'Pairing',
          ...stored,
          ...(opts.pendingOutbox.length > 0 ? { pendingOutbox: new Set(opts.pendingOutbox) } : {}),
          ...(opts.settle ? { pendingSettle: opts.settle } : {}),
        },
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': before.version },
      },
    },
    ...opts.records.map((r) => ({ Put: { TableName: tableName, Item: { [KEYS.pk]: pk(before.pairingId), [KEYS.sk]: r.sk, ...r.item } } })),
    ...opts.outbox.map((r) => ({
      Put: {
        TableName: tableName,
        Item: { [KEYS.pk]: pk(before.pairingId), [KEYS.sk]: r.sk, ...r.item },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
      },
    })),
    ...(opts.undecided ?? []).map((id) => ({
      ConditionCheck: { TableName: tableName, Key: pairingKey(id), ConditionExpression: 'attribute_not_exists(meetingSlot)' },
    })),
  ];
  if (items.length > 100) throw new Error(`A step of pairing ${before.pairingId} wrote ${items.length} items; a DynamoDB transaction takes at most 100.`);
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
    return stored;
  } catch (e) {
    const reasons = cancellationReasons(e);
    if (!reasons) throw e;
    // A pairing of the same people stored its slot meanwhile: read again, and decide clear of it.
    const outboxEnd = 1 + opts.records.length + opts.outbox.length;
    if (reasons[0]?.code === 'ConditionalCheckFailed' || reasons.slice(outboxEnd).some((r) => r.code === 'ConditionalCheckFailed'))
      throw new PairingVersionConflict(before.pairingId);
    const duplicate = reasons.findIndex((r, i) => i > opts.records.length && r.code === 'ConditionalCheckFailed');
    if (duplicate >= 0)
      throw new Error(`Pairing ${before.pairingId}: outbox entry ${String(opts.outbox[duplicate - 1 - opts.records.length]?.sk)} was decided twice.`);
    throw e;
  }
}

/**
 * The people a step decided about are settled: their record leaves the pairing item. No version
 * check and no version bump: only the step that applied it removes it, and applying it twice
 * changes nothing (each person's change is conditional on their status and version).
 */
export async function clearPendingSettle(pairingId: string): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(new UpdateCommand({ TableName: tableName, Key: pairingKey(pairingId), UpdateExpression: 'REMOVE pendingSettle' }));
}

/** Marks outbox entries dispatched: they leave the pairing's pending set in one write (no version change). */
export async function clearPendingOutbox(pairingId: string, refs: readonly string[]): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { [KEYS.pk]: pk(pairingId), [KEYS.sk]: PAIRING_KEYS.item },
      UpdateExpression: 'DELETE pendingOutbox :k',
      ExpressionAttributeValues: { ':k': new Set(refs) },
    }),
  );
}

/**
 * Appends a control request to a running pairing (never overwriting one that is waiting: the step
 * folds them by priority). Returns the token that wakes its execution, or false when the pairing
 * has already ended.
 */
export function appendControl(pairingId: string, control: ControlRequest, now = new Date()): Promise<{ wakeToken?: string } | false> {
  return appendToRunningPairing(pairingId, 'controls', control, now);
}

/**
 * Puts a concern case under the running pairing's watch (its step escalates it when due) and
 * returns the token that wakes the execution; false when the pairing has ended.
 */
export function appendConcernWatch(pairingId: string, watch: ConcernWatch, now = new Date()): Promise<{ wakeToken?: string } | false> {
  return appendToRunningPairing(pairingId, 'concerns', watch, now);
}

/**
 * Moves a running pairing's version on without changing what it holds, and returns the token that
 * wakes its execution (false when it has ended). A step that is deciding now fails its commit on
 * the new version and decides again; one that waits is woken. Used when the program's schedule
 * changed, so that each running pairing plans again with it.
 */
export function touchRunningPairing(pairingId: string, now = new Date()): Promise<{ wakeToken?: string } | false> {
  return updateRunningPairing(pairingId, undefined, now);
}

/** Appends `value` to one list of a pairing that has not ended, moving its version on (which wakes the step). */
function appendToRunningPairing(
  pairingId: string,
  list: 'controls' | 'concerns',
  value: ControlRequest | ConcernWatch,
  now: Date,
): Promise<{ wakeToken?: string } | false> {
  return updateRunningPairing(pairingId, { list, value }, now);
}

async function updateRunningPairing(
  pairingId: string,
  append: { list: 'controls' | 'concerns'; value: ControlRequest | ConcernWatch } | undefined,
  now: Date,
): Promise<{ wakeToken?: string } | false> {
  const { client, tableName } = dynamo();
  try {
    const out = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: pk(pairingId), [KEYS.sk]: PAIRING_KEYS.item },
        UpdateExpression: `SET ${append ? '#list = list_append(if_not_exists(#list, :empty), :value), ' : ''}#version = #version + :one, #updatedAt = :now`,
        ConditionExpression: 'attribute_exists(#pk) AND NOT #status IN (:t0, :t1, :t2)',
        ExpressionAttributeNames: {
          ...(append ? { '#list': append.list } : {}),
          '#pk': KEYS.pk,
          '#status': 'status',
          '#version': 'version',
          '#updatedAt': 'updatedAt',
        },
        ExpressionAttributeValues: {
          ...(append ? { ':empty': [], ':value': [append.value] } : {}),
          ':one': 1,
          ':now': now.toISOString(),
          ':t0': TERMINAL_STATUSES[0],
          ':t1': TERMINAL_STATUSES[1],
          ':t2': TERMINAL_STATUSES[2],
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return wakeTokenOf(out.Attributes);
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Stores the open round with a new answer, if the pairing is still at `expectedVersion`. */
export async function saveRound(
  pairingId: string,
  expectedVersion: number,
  round: NonNullable<Pairing['round']>,
  now = new Date(),
): Promise<{ wakeToken?: string }> {
  const { client, tableName } = dynamo();
  try {
    const out = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: pk(pairingId), [KEYS.sk]: PAIRING_KEYS.item },
        UpdateExpression: 'SET #round = :round, #version = #version + :one, #updatedAt = :now',
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#round': 'round', '#version': 'version', '#updatedAt': 'updatedAt' },
        ExpressionAttributeValues: { ':round': round, ':one': 1, ':now': now.toISOString(), ':expected': expectedVersion },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return wakeTokenOf(out.Attributes);
  } catch (e) {
    if (isConditionFailure(e)) throw new PairingVersionConflict(pairingId);
    throw e;
  }
}

/**
 * Parks the execution's task token on the pairing while it waits, only if nothing arrived since
 * the step that decided to wait (same version). False means: something did, wake up now.
 */
export async function storeWakeToken(pairingId: string, version: number, token: string): Promise<boolean> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: pk(pairingId), [KEYS.sk]: PAIRING_KEYS.item },
        UpdateExpression: 'SET wakeToken = :token',
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':token': token, ':version': version },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** The execution's parked wake token, as an update's new image shows it. */
function wakeTokenOf(attributes: Record<string, unknown> | undefined): { wakeToken?: string } {
  const token = attributes?.wakeToken;
  return typeof token === 'string' ? { wakeToken: token } : {};
}
