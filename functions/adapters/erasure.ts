import { createHash } from 'node:crypto';
import { DeleteObjectCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ErasedParticipant, type ErasureAudit, type ErasureMark, erasedEmployeeIndexKey, NO_COUNTS } from '../domain/erasure';
import { emailKey, employeeIdKey, type Participant } from '../domain/participant';
import { PAIRING_KEYS } from '../domain/pairing/model';
import { tracer } from '../shared/powertools';
import { dynamo, isConditionFailure, KEYS, queryByPrefix, queryPartition } from './dynamo';

/**
 * The table and bucket operations of an erasure (functions/lifecycle/erasure.ts): raw items, so
 * that nothing is lost or added on the way through an entity type.
 */

type Item = Record<string, unknown>;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const programPk = (programId: string) => `PROGRAM#${programId}`;
const participantKey = (programId: string, participantId: string) => ({ [KEYS.pk]: programPk(programId), [KEYS.sk]: `PARTICIPANT#${participantId}` });

/** The participant item as stored (with its standing reply id), by a consistent read. */
export async function participantItem(programId: string, participantId: string): Promise<Item | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: participantKey(programId, participantId), ConsistentRead: true }));
  return Item;
}

/**
 * Replaces the profile with its tombstone if it is still at the version read (a concurrent change
 * makes the caller read and decide again). False on a version conflict. A tombstone whose reporting
 * line keeps the digest of an employee id is indexed under it (GSI2, `ERASED#<digest>`, SK its
 * program and id), so that an HR event naming the id finds that the person was erased, and when
 * (adapters/participants.ts, erasedEnrolmentsByEmployeeId): the same digest, kept once more as a key.
 */
export async function putTombstone(tombstone: ErasedParticipant, expectedVersion: number): Promise<boolean> {
  const { client, tableName } = dynamo();
  const indexKey = erasedEmployeeIndexKey(tombstone);
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...participantKey(tombstone.programId, tombstone.participantId),
          [KEYS.gsi1.pk]: `PARTICIPANT#${tombstone.participantId}`,
          [KEYS.gsi1.sk]: '#PARTICIPANT',
          ...(indexKey ? { [KEYS.gsi2.pk]: indexKey, [KEYS.gsi2.sk]: `${programPk(tombstone.programId)}#PARTICIPANT#${tombstone.participantId}` } : {}),
          type: 'Participant',
          ...tombstone,
        },
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Ends the erasure on its tombstone: what to look for is forgotten. A tombstone of another erasure is left as it is. */
export async function finishTombstone(programId: string, participantId: string, mark: ErasureMark): Promise<void> {
  const { client, tableName } = dynamo();
  const { pending: _pending, ...done } = mark;
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: participantKey(programId, participantId),
        UpdateExpression: 'SET erasure = :mark',
        ConditionExpression: 'erasure.erasureId = :erasureId',
        ExpressionAttributeValues: { ':mark': done, ':erasureId': mark.erasureId },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Deletes the address and employee markers of an enrolment; returns how many existed. */
export async function deleteMarkers(p: Pick<Participant, 'programId' | 'email' | 'employeeId'>): Promise<number> {
  const { client, tableName } = dynamo();
  const keys = [`EMAIL#${sha256(emailKey(p.email))}`, ...(p.employeeId ? [`EMPLOYEE#${sha256(employeeIdKey(p.employeeId))}`] : [])];
  let deleted = 0;
  for (const sk of keys) {
    const out = await client.send(
      new DeleteCommand({ TableName: tableName, Key: { [KEYS.pk]: programPk(p.programId), [KEYS.sk]: sk }, ReturnValues: 'ALL_OLD' }),
    );
    if (out.Attributes) deleted++;
  }
  return deleted;
}

export async function deleteItem(pk: string, sk: string): Promise<boolean> {
  const { client, tableName } = dynamo();
  const out = await client.send(new DeleteCommand({ TableName: tableName, Key: { [KEYS.pk]: pk, [KEYS.sk]: sk }, ReturnValues: 'ALL_OLD' }));
  return out.Attributes !== undefined;
}

/** Rewrites a record as scrubbed, only if it still exists (a TTL may have removed it meanwhile). */
export async function replaceItem(item: Item): Promise<void> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_exists(#pk)', ExpressionAttributeNames: { '#pk': KEYS.pk } }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * Rewrites the pairing item if it is still at its version, bumping the version, so that a step
 * that read it before cannot store its older copy over the scrubbed one. False on a conflict.
 */
export async function replacePairingItem(item: Item): Promise<boolean> {
  const { client, tableName } = dynamo();
  const version = Number(item.version);
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...item, version: version + 1 },
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': version },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Every item of a pairing (its item, members, records, outbox), read consistently. */
export function pairingItems(pairingId: string): Promise<Item[]> {
  return queryPartition(PAIRING_KEYS.pk(pairingId), 'consistent');
}

/** A program's concern cases as stored, keys included (listed on GSI1, docs/data-model.md): the list may lag a write. */
export const concernItems = (programId: string) => queryPartition(`PROGRAM#${programId}#CONCERNS`, 'GSI1');

/** One concern case as stored, keys included, by a consistent read. */
export async function concernItem(concernId: string): Promise<Item | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: `CONCERN#${concernId}`, [KEYS.sk]: '#CONCERN' }, ConsistentRead: true }),
  );
  return Item;
}

const KEY_ATTRIBUTES: ReadonlySet<string> = new Set([KEYS.pk, KEYS.sk, KEYS.gsi1.pk, KEYS.gsi1.sk, 'version']);

/**
 * Writes a scrubbed concern case if it is still at the version read (`before`), moving the version
 * on, so that an admin's action read before it cannot store its older copy over the scrubbed one,
 * nor the scrub a copy read from a lagging list. Only the attributes the scrub changed are written
 * (a marker the lifecycle sets meanwhile stays). False on a conflict or when the case is gone.
 */
export async function rewriteConcernItem(before: Item, after: Item): Promise<boolean> {
  const { client, tableName } = dynamo();
  const names: Record<string, string> = { '#version': 'version', '#pk': KEYS.pk };
  const values: Record<string, unknown> = {};
  const set: string[] = [];
  const remove: string[] = [];
  for (const [i, k] of [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !KEY_ATTRIBUTES.has(k)).entries()) {
    if (after[k] === undefined) {
      if (before[k] === undefined) continue;
      names[`#a${i}`] = k;
      remove.push(`#a${i}`);
    } else if (JSON.stringify(after[k]) !== JSON.stringify(before[k])) {
      names[`#a${i}`] = k;
      values[`:a${i}`] = after[k];
      set.push(`#a${i} = :a${i}`);
    }
  }
  const version = typeof before.version === 'number' ? before.version : undefined;
  values[':next'] = (version ?? 0) + 1;
  if (version !== undefined) values[':expected'] = version;
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: before[KEYS.pk], [KEYS.sk]: before[KEYS.sk] },
        UpdateExpression: `SET ${[...set, '#version = :next'].join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression:
          version === undefined ? 'attribute_exists(#pk) AND attribute_not_exists(#version)' : 'attribute_exists(#pk) AND #version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Items of a program's partition under a prefix (matching proposals, waitlist). */
export const programItems = (programId: string, prefix: string) => queryByPrefix(programPk(programId), prefix, 'consistent');

export async function getReplyItem(opaqueId: string): Promise<Item | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: `REPLY#${opaqueId}`, [KEYS.sk]: '#REPLY' }, ConsistentRead: true }),
  );
  return Item;
}

/** Raw messages received from this address, as the inbound ledger indexed them (GSI1 `SENDER#<hash>`). */
export async function ledgerBySender(email: string): Promise<Item[]> {
  return queryByPrefix(senderPartition(email), 'INBOUND#', 'GSI1');
}

/** The ledger item of every raw message whose reply answered one of these questions. */
export async function ledgerOfSenderFor(email: string, opaqueIds: ReadonlySet<string>): Promise<Item[]> {
  return (await ledgerBySender(email)).filter((i) => typeof i.opaqueId === 'string' && opaqueIds.has(i.opaqueId));
}

export const senderPartition = (email: string) => `SENDER#${sha256(emailKey(email))}`;

/** The ledger keeps the outcome; the link to the sender and the object goes with the object. */
export async function forgetLedgerOrigin(item: Item): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { [KEYS.pk]: item[KEYS.pk], [KEYS.sk]: item[KEYS.sk] },
      UpdateExpression: `REMOVE ${KEYS.gsi1.pk}, ${KEYS.gsi1.sk}, objectKey`,
    }),
  );
}

let s3: S3Client | undefined;

/**
 * Deletes a raw message and every version of it (the bucket is versioned: a plain delete would
 * only hide it). A store that cannot list versions (the local one) gets the plain delete.
 */
export async function deleteRawMessage(bucket: string, key: string): Promise<void> {
  s3 ??= tracer.captureAWSv3Client(new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }));
  let versions: string[] = [];
  try {
    const out = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
    versions = [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])]
      .filter((v) => v.Key === key && v.VersionId && v.VersionId !== 'null')
      .map((v) => v.VersionId!);
  } catch {
    versions = [];
  }
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  for (const VersionId of versions) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId }));
}

const erasureKey = (erasureId: string) => ({ [KEYS.pk]: `ERASURE#${erasureId}`, [KEYS.sk]: '#ERASURE' });

/**
 * Writes the audit entry once: `claimed` for the caller that wrote it (the one that answers
 * "erased" and sends the last email); a later caller finds it and gets the entry as stored.
 */
export async function recordErasure(audit: ErasureAudit): Promise<{ claimed: boolean; audit: ErasureAudit }> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...erasureKey(audit.erasureId), [KEYS.gsi1.pk]: 'ERASURES', [KEYS.gsi1.sk]: `${audit.erasedAt}#${audit.erasureId}`, type: 'Erasure', ...audit },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
      }),
    );
    return { claimed: true, audit };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { claimed: false, audit: (await getErasureAudit(audit.erasureId)) ?? audit };
  }
}

export async function getErasureAudit(erasureId: string): Promise<ErasureAudit | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: erasureKey(erasureId), ConsistentRead: true }));
  return Item ? auditOf(Item) : undefined;
}

function auditOf(item: Item): ErasureAudit {
  const { erasureId, startedAt, erasedAt, requestedBy, counts } = item as unknown as ErasureAudit;
  return { erasureId, startedAt, erasedAt, requestedBy, counts: { ...NO_COUNTS, ...counts } };
}
