import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, dynamo, isConditionFailure, KEYS, putOnce, queryAll, queryByPrefix, withoutKeys } from './dynamo';

import type { PairingStatus } from '../domain/pairing-status';

export { PAIRING_STATUSES, type PairingStatus } from '../domain/pairing-status';
const TERMINAL: readonly PairingStatus[] = ['completed', 'not-started', 'ended'];

/** A request from an admin, HR or a participant, honoured by the workflow at its next step. */
export interface ControlRequest {
  readonly kind: 'pause' | 'resume' | 'end' | 'left';
  readonly requestedAt: string;
  readonly until?: string;
  readonly reason?: string;
  /** Who left, for `left`. */
  readonly participantId?: string;
}

export interface Pairing {
  readonly pairingId: string;
  readonly programId: string;
  readonly mentorId: string;
  readonly menteeId: string;
  readonly score: number;
  readonly reasons: string[];
  readonly tradeOffs: string[];
  readonly status: PairingStatus;
  readonly statusReason?: string;
  readonly control?: ControlRequest;
  readonly pausedUntil?: string;
  readonly checkInsHeld: number;
  readonly checkInsMissed: number;
  readonly missedInRow: number;
  readonly startedAt?: string;
  readonly acceptedAt?: string;
  readonly lastCheckInAt?: string;
  readonly lastMetAt?: string;
  /** How many items of the pairing's plan (check-ins, reviews) are done. */
  readonly planPosition?: number;
  /** Time spent paused so far: the plan shifts by it. */
  readonly pausedMs?: number;
  readonly pausedAt?: string;
  /** The ladder's top rung was reached: the admin decides before the next check-in. */
  readonly pendingDecision?: boolean;
  readonly endedAt?: string;
  readonly executionArn?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export type NewPairing = Pick<Pairing, 'pairingId' | 'programId' | 'mentorId' | 'menteeId' | 'score' | 'reasons' | 'tradeOffs'>;

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

const pk = (pairingId: string) => `PAIRING#${pairingId}`;

/** Creates a pairing with its two member items; the same pairing id twice is a no-op. */
export async function createPairing(p: NewPairing, now = new Date()): Promise<{ pairing: Pairing; created: boolean }> {
  const { client, tableName } = dynamo();
  const at = now.toISOString();
  const pairing: Pairing = { ...p, status: 'proposed', checkInsHeld: 0, checkInsMissed: 0, missedInRow: 0, createdAt: at, updatedAt: at, version: 1 };
  const member = (participantId: string, role: 'mentor' | 'mentee') => ({
    Put: {
      TableName: tableName,
      Item: { [KEYS.pk]: pk(p.pairingId), [KEYS.sk]: `MEMBER#${participantId}`, [KEYS.gsi1.pk]: `PARTICIPANT#${participantId}`, [KEYS.gsi1.sk]: `PAIRING#${p.pairingId}`, type: 'PairingMember', pairingId: p.pairingId, participantId, role, programId: p.programId },
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
              Item: { [KEYS.pk]: pk(p.pairingId), [KEYS.sk]: '#PAIRING', [KEYS.gsi1.pk]: `PROGRAM#${p.programId}#PAIRINGS`, [KEYS.gsi1.sk]: p.pairingId, type: 'Pairing', ...pairing },
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
  const { client, tableName } = dynamo();
  const out = await client.send(new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: pk(pairingId), [KEYS.sk]: '#PAIRING' }, ConsistentRead: true }));
  return out.Item ? withoutKeys<Pairing>(out.Item) : undefined;
}

export async function requirePairing(pairingId: string): Promise<Pairing> {
  const p = await getPairing(pairingId);
  if (!p) throw new PairingNotFound(pairingId);
  return p;
}

export async function listPairings(programId: string): Promise<Pairing[]> {
  const { client, tableName } = dynamo();
  const items = await queryAll<Record<string, unknown>>((start) =>
    client.send(new QueryCommand({ TableName: tableName, IndexName: KEYS.gsi1.name, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': KEYS.gsi1.pk }, ExpressionAttributeValues: { ':pk': `PROGRAM#${programId}#PAIRINGS` }, ExclusiveStartKey: start })),
  );
  return items.map((i) => withoutKeys<Pairing>(i));
}

/** Pairing ids a participant is or was a member of. */
export async function pairingIdsOf(participantId: string): Promise<string[]> {
  const items = await queryByPrefix(`PARTICIPANT#${participantId}`, 'PAIRING#', 'GSI1');
  return items.map((i) => String(i.pairingId));
}

type Nullable<T> = { [K in keyof T]?: T[K] | null };
type Changes = Nullable<Omit<Pairing, 'pairingId' | 'programId' | 'mentorId' | 'menteeId' | 'createdAt' | 'version'>>;

/** Conditional on the version read; removes attributes set to null. */
export async function updatePairing(pairingId: string, expectedVersion: number, changes: Changes, now = new Date()): Promise<Pairing> {
  const { client, tableName } = dynamo();
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':now': now.toISOString() };
  const sets = ['#version = #version + :one', '#updatedAt = :now'];
  const removes: string[] = [];
  Object.entries(changes).forEach(([k, v], i) => {
    if (v === undefined) return;
    names[`#a${i}`] = k;
    if (v === null) removes.push(`#a${i}`);
    else {
      values[`:v${i}`] = v;
      sets.push(`#a${i} = :v${i}`);
    }
  });
  try {
    const out = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: pk(pairingId), [KEYS.sk]: '#PAIRING' },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<Pairing>(out.Attributes!);
  } catch (e) {
    if (isConditionFailure(e)) {
      if (!(await getPairing(pairingId))) throw new PairingNotFound(pairingId);
      throw new PairingVersionConflict(pairingId);
    }
    throw e;
  }
}

/**
 * Records a control request on a running pairing; the workflow honours it at its next step.
 * Returns false when the pairing has already ended (nothing to do).
 */
export async function requestControl(pairingId: string, control: ControlRequest): Promise<boolean> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: pk(pairingId), [KEYS.sk]: '#PAIRING' },
        UpdateExpression: 'SET #control = :control',
        ConditionExpression: 'attribute_exists(#pk) AND NOT #status IN (:t0, :t1, :t2)',
        ExpressionAttributeNames: { '#control': 'control', '#pk': KEYS.pk, '#status': 'status' },
        ExpressionAttributeValues: { ':control': control, ':t0': TERMINAL[0], ':t1': TERMINAL[1], ':t2': TERMINAL[2] },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export function isTerminal(status: PairingStatus): boolean {
  return TERMINAL.includes(status);
}

/** One line of a pairing's audit trail (ids and facts, no personal data beyond ids). */
export interface AuditEntry {
  readonly at: string;
  readonly kind: string;
  readonly detail?: Record<string, unknown>;
}

export async function appendAudit(pairingId: string, kind: string, detail?: Record<string, unknown>, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await putOnce({ [KEYS.pk]: pk(pairingId), [KEYS.sk]: `AUDIT#${at}#${randomBytes(3).toString('hex')}`, type: 'Audit', at, kind, ...(detail ? { detail } : {}) });
}

export async function listAudit(pairingId: string): Promise<AuditEntry[]> {
  return listChildren<AuditEntry>(pairingId, 'AUDIT#');
}

/** Stores a record under the pairing once (check-in, milestone review, recognition); false if it existed. */
export async function putPairingRecord(pairingId: string, sortKey: string, record: Record<string, unknown>): Promise<boolean> {
  return putOnce({ [KEYS.pk]: pk(pairingId), [KEYS.sk]: sortKey, ...record });
}

export async function listChildren<T>(pairingId: string, prefix: string): Promise<T[]> {
  return (await queryByPrefix(pk(pairingId), prefix)).map((i) => withoutKeys<T>(i));
}
