import { DynamoDBClient, type DynamoDBClientConfig, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { requireEnv } from '../shared/config';
import { tracer } from '../shared/powertools';

/**
 * Attribute names of the single table. They mirror TABLE_KEYS in lib/stateful-stack.ts (a test
 * keeps the two equal): function code must not import lib/, or the bundle would carry the CDK.
 */
export const KEYS = {
  pk: 'PK',
  sk: 'SK',
  gsi1: { name: 'GSI1', pk: 'GSI1PK', sk: 'GSI1SK' },
  gsi2: { name: 'GSI2', pk: 'GSI2PK', sk: 'GSI2SK' },
  ttl: 'expiresAt',
} as const;

export interface Dynamo {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

let shared: Dynamo | undefined;

/**
 * Where the local cloud, which runs every handler in its own process, leaves the SDK request
 * handler its DynamoDB clients use (local/dynamodb-transport.ts): straight to DynamoDB Local
 * unless a fault is armed. A process-wide symbol, because the cloud and the handlers it loads may
 * hold separate copies of this module. Nothing sets it on AWS, where the SDK's own handler serves.
 */
export const LOCAL_DYNAMODB_HANDLER = Symbol.for('crossgen.local.dynamodb-request-handler');

/**
 * The document client and table of this Lambda, created on first use from TABLE_NAME. The SDK
 * reads AWS_ENDPOINT_URL_DYNAMODB itself, which is how the local cloud points it at DynamoDB Local.
 */
export function dynamo(): Dynamo {
  if (!shared) {
    const requestHandler = (globalThis as Record<symbol, DynamoDBClientConfig['requestHandler']>)[LOCAL_DYNAMODB_HANDLER];
    // Captured by the tracer: each call is a subsegment in X-Ray (a no-op outside Lambda).
    const client = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient(requestHandler ? { requestHandler } : {})), {
      marshallOptions: { removeUndefinedValues: true },
    });
    shared = { client, tableName: requireEnv('TABLE_NAME') };
  }
  return shared;
}

/** A failed `ConditionExpression` on a single-item write. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

export interface CancellationReason {
  readonly code: string;
  /** The item as it was, when the write asked for `ReturnValuesOnConditionCheckFailure: ALL_OLD`. */
  readonly item?: Record<string, unknown>;
}

/**
 * Why each action of a cancelled transaction failed, or undefined for any other error.
 * lib-dynamodb does not unmarshall error payloads, so the returned items are unmarshalled here.
 */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if (!(error instanceof TransactionCanceledException) && !(error instanceof Error && error.name === 'TransactionCanceledException')) {
    return undefined;
  }
  const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
  return reasons.map((r) => ({
    code: r.Code ?? 'None',
    ...(r.Item ? { item: unmarshall(r.Item) } : {}),
  }));
}

/** Every item of a query (the first `limit` of them), following LastEvaluatedKey. */
export async function queryAll<T>(
  page: (startKey?: Record<string, unknown>) => Promise<{ Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> }>,
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await page(startKey);
    items.push(...((result.Items ?? []) as T[]));
    startKey = result.LastEvaluatedKey;
  } while (startKey && items.length < limit);
  return items.slice(0, limit);
}

export type ItemKey = Readonly<Record<string, string>>;

/**
 * Several items of the table in one strongly consistent BatchGetItem (at most 100 keys), in the
 * order of `keys`, undefined where an item does not exist. Keys DynamoDB leaves unprocessed
 * (throttling) are asked again, a few times, with a short backoff.
 */
export async function getItems(keys: readonly ItemKey[]): Promise<(Record<string, unknown> | undefined)[]> {
  const { client, tableName } = dynamo();
  const id = (k: Record<string, unknown>) => `${String(k[KEYS.pk])}\u0000${String(k[KEYS.sk])}`;
  const found = new Map<string, Record<string, unknown>>();
  let pending: Record<string, unknown>[] = [...new Map(keys.map((k) => [id(k), { ...k }])).values()];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= 5) throw new Error(`DynamoDB left ${pending.length} of ${keys.length} keys unprocessed after ${attempt} tries; the step is tried again.`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const out = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
    for (const item of out.Responses?.[tableName] ?? []) found.set(id(item), item);
    pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
  }
  return keys.map((k) => found.get(id(k)));
}

/** Removes the key attributes and bookkeeping so that callers get the business entity. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { [KEYS.pk]: _pk, [KEYS.sk]: _sk, [KEYS.gsi1.pk]: _g1p, [KEYS.gsi1.sk]: _g1s, [KEYS.gsi2.pk]: _g2p, [KEYS.gsi2.sk]: _g2s, type: _type, ...rest } = item;
  return rest as T;
}

/**
 * Every item under a partition key whose sort key starts with `prefix`: from the table (eventually
 * consistent by default, `'consistent'` for a strongly consistent read) or from GSI1 or GSI2
 * (which only offer eventual consistency).
 */
export function queryByPrefix(partition: string, prefix: string, read?: IndexRead): Promise<Record<string, unknown>[]> {
  return queryKey(partition, prefix, read);
}

/** Every item under a partition key (of the table or an index, read as in `queryByPrefix`), at most `limit`. */
export function queryPartition(partition: string, read?: IndexRead, limit?: number): Promise<Record<string, unknown>[]> {
  return queryKey(partition, undefined, read, limit);
}

type IndexRead = 'GSI1' | 'GSI2' | 'consistent';

function queryKey(partition: string, prefix: string | undefined, read: IndexRead | undefined, limit?: number): Promise<Record<string, unknown>[]> {
  const gsi = read === 'GSI1' ? KEYS.gsi1 : read === 'GSI2' ? KEYS.gsi2 : undefined;
  const { client, tableName } = dynamo();
  const [pkName, skName] = gsi ? [gsi.pk, gsi.sk] : [KEYS.pk, KEYS.sk];
  return queryAll<Record<string, unknown>>(
    (start) =>
      client.send(
        new QueryCommand({
          TableName: tableName,
          ...(gsi ? { IndexName: gsi.name } : {}),
          ...(read === 'consistent' ? { ConsistentRead: true } : {}),
          ...(prefix === undefined
            ? { KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': pkName }, ExpressionAttributeValues: { ':pk': partition } }
            : {
                KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
                ExpressionAttributeNames: { '#pk': pkName, '#sk': skName },
                ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
              }),
          ExclusiveStartKey: start,
        }),
      ),
    limit,
  );
}
