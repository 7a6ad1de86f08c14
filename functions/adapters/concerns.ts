import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { concernIdFor, type ConcernCase, type ConcernChannel } from '../domain/concerns';
import { dynamo, isConditionFailure, KEYS, queryPartition, withoutKeys } from './dynamo';

/**
 * Concern cases (docs/data-model access patterns): PK=CONCERN#{concernId}, SK=#CONCERN, listed per
 * program on GSI1 (GSI1PK=PROGRAM#{programId}#CONCERNS, GSI1SK=<raisedAt>#<concernId>). A case
 * lives in its own partition, so the admin API may write cases (PutItem in CONCERN#*) and nothing else.
 * The marker `watchedAt` puts a case under its pairing's watch once across retries; each email of
 * the case is claimed before it is sent (`EMAIL#{key}` in the case's partition, pending then sent:
 * claimConcernEmail), so that the form sent twice at once, or a message delivered twice, sends it
 * once. Cases raised before those claims carry `adminsNotifiedAt` and `acknowledgementSentAt`.
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

/**
 * The cases a seed opened so far, in order (round 0, 1, ...: domain/concerns.ts, concernRaise); a
 * message (`email`) opens one at most.
 */
export async function casesRaisedBy(seed: string, channel: ConcernChannel): Promise<StoredConcern[]> {
  const cases: StoredConcern[] = [];
  for (;;) {
    const found = await getConcern(concernIdFor(seed, cases.length));
    if (!found) return cases;
    cases.push(found);
    if (channel === 'email') return cases;
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

/** A conditional write: true when it applied, false when its condition did not hold. */
async function applied(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Sets a marker once; false when it was already set (that side effect happened before). */
export function markConcern(concernId: string, marker: ConcernMarker, now: Date): Promise<boolean> {
  const { client, tableName } = dynamo();
  return applied(
    client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key(concernId),
        UpdateExpression: 'SET #m = :now',
        ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#m)',
        ExpressionAttributeNames: { '#m': marker, '#pk': KEYS.pk },
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    ),
  );
}

/**
 * How long a claimed email that was never marked sent holds back everyone else: longer than any
 * function that sends one may run (5 minutes), so that a claim is taken over only from a sender
 * that died (a timeout, a lost process), never from one still sending.
 */
export const CONCERN_EMAIL_LEASE_MS = 15 * 60_000;
/** A claim outlives every retry of what raised the case (the inbound ledger keeps a message 30 days). */
const KEEP_EMAIL_CLAIMS_S = 60 * 86_400;

const emailItemKey = (concernId: string, emailKey: string) => ({ [KEYS.pk]: `CONCERN#${concernId}`, [KEYS.sk]: `EMAIL#${emailKey}` });

/**
 * Claims one email of a case (e.g. `concernReceived`, `adminConcernRaised:<admin>`) before it is
 * sent: true when this sender may send it now. False when it was sent, or another sender holds it
 * (claimed less than CONCERN_EMAIL_LEASE_MS ago). The same `claimant` claims again (the SDK repeating
 * a write whose response was lost); a pending claim past its lease is taken over, so an email whose
 * sender died between its claim and its send is still sent by a retry.
 */
export function claimConcernEmail(concernId: string, emailKey: string, claimant: string, now: Date): Promise<boolean> {
  const { client, tableName } = dynamo();
  return applied(
    client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...emailItemKey(concernId, emailKey),
          type: 'ConcernEmail',
          status: 'pending',
          claimant,
          claimedAt: now.toISOString(),
          [KEYS.ttl]: Math.ceil(now.getTime() / 1000) + KEEP_EMAIL_CLAIMS_S,
        },
        ConditionExpression: 'attribute_not_exists(#pk) OR #claimant = :claimant OR (#status = :pending AND claimedAt < :staleBefore)',
        ExpressionAttributeNames: { '#pk': KEYS.pk, '#claimant': 'claimant', '#status': 'status' },
        ExpressionAttributeValues: {
          ':claimant': claimant,
          ':pending': 'pending',
          ':staleBefore': new Date(now.getTime() - CONCERN_EMAIL_LEASE_MS).toISOString(),
        },
      }),
    ),
  );
}

/** The claimed email went: nobody sends it again. */
export async function concernEmailSent(concernId: string, emailKey: string, now: Date, messageId: string): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: emailItemKey(concernId, emailKey),
      UpdateExpression: 'SET #status = :sent, sentAt = :now, messageId = :mid',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':now': now.toISOString(), ':mid': messageId },
    }),
  );
}

/** Gives back a claim whose send failed, so that the next try (the form sent again, the message redelivered) sends it at once. */
export async function releaseConcernEmail(concernId: string, emailKey: string, claimant: string): Promise<void> {
  const { client, tableName } = dynamo();
  await applied(
    client.send(
      new DeleteCommand({
        TableName: tableName,
        Key: emailItemKey(concernId, emailKey),
        ConditionExpression: '#status = :pending AND #claimant = :claimant',
        ExpressionAttributeNames: { '#status': 'status', '#claimant': 'claimant' },
        ExpressionAttributeValues: { ':pending': 'pending', ':claimant': claimant },
      }),
    ),
  );
}
