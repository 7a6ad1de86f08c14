import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ConcernCase } from '../domain/concerns';
import { dynamo, isConditionFailure, KEYS, queryPartition, withoutKeys } from './dynamo';

/**
 * Concern cases (docs/data-model access patterns): PK=CONCERN#{concernId}, SK=#CONCERN, listed per
 * program on GSI1 (GSI1PK=PROGRAM#{programId}#CONCERNS, GSI1SK=<raisedAt>#<concernId>). A case
 * lives in its own partition, so the admin API may write cases (PutItem in CONCERN#*) and nothing else.
 * Markers (`adminsNotifiedAt`, `acknowledgementSentAt`, `watchedAt`) make each side effect of
 * raising a case happen once across retries.
 */

const key = (concernId: string) => ({ [KEYS.pk]: `CONCERN#${concernId}`, [KEYS.sk]: '#CONCERN' });
const listKey = (programId: string) => `PROGRAM#${programId}#CONCERNS`;

export type ConcernMarker = 'adminsNotifiedAt' | 'acknowledgementSentAt' | 'watchedAt';
export type StoredConcern = ConcernCase & Partial<Record<ConcernMarker, string>>;

function itemOf(c: StoredConcern): Record<string, unknown> {
  return {
    ...key(c.concernId),
    [KEYS.gsi1.pk]: listKey(c.programId),
    [KEYS.gsi1.sk]: `${c.raisedAt}#${c.concernId}`,
    type: 'Concern',
    ...c,
  };
}

/** Stores a new case; an existing one (the same message delivered again) is returned as it is. */
export async function createConcern(c: ConcernCase): Promise<{ created: boolean; concern: StoredConcern }> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new PutCommand({ TableName: tableName, Item: itemOf(c), ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': KEYS.pk } }),
    );
    return { created: true, concern: c };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await getConcern(c.concernId);
    if (!existing) throw error;
    return { created: false, concern: existing };
  }
}

export async function getConcern(concernId: string): Promise<StoredConcern | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key(concernId), ConsistentRead: true }));
  return Item ? withoutKeys<StoredConcern>(Item) : undefined;
}

export async function listConcerns(programId: string): Promise<StoredConcern[]> {
  const items = await queryPartition(listKey(programId), 'GSI1');
  return items.map((i) => withoutKeys<StoredConcern>(i));
}

export class ConcernVersionConflict extends Error {
  constructor(concernId: string) {
    super(`Concern ${concernId} was changed meanwhile: read it again and repeat the action.`);
    this.name = 'ConcernVersionConflict';
  }
}

/** Writes an admin's change (whole item, PutItem only), if nobody changed the case since `expectedVersion`. */
export async function saveConcern(c: StoredConcern, expectedVersion: number): Promise<StoredConcern> {
  const { client, tableName } = dynamo();
  const next = { ...c, version: expectedVersion + 1 };
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: itemOf(next),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
    return next;
  } catch (error) {
    if (isConditionFailure(error)) throw new ConcernVersionConflict(c.concernId);
    throw error;
  }
}

/** Sets a marker once; false when it was already set (that side effect happened before). */
export async function markConcern(concernId: string, marker: ConcernMarker, now: Date): Promise<boolean> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key(concernId),
        UpdateExpression: 'SET #m = :now',
        ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#m)',
        ExpressionAttributeNames: { '#m': marker, '#pk': KEYS.pk },
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
