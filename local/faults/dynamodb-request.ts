import { DYNAMODB_OPERATIONS, type DynamoDbOperation } from './spec';

/** DynamoDB's JSON protocol: POST / with `X-Amz-Target: DynamoDB_20120810.<Operation>`. */
export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810.';

type AttributeValue = { S?: string; N?: string; B?: string } & Record<string, unknown>;
type Item = Record<string, AttributeValue>;
type Body = Record<string, any>;

export function dynamoDbOperationOf(target: string): DynamoDbOperation | undefined {
  if (!target.startsWith(DYNAMODB_TARGET_PREFIX)) return undefined;
  const op = target.slice(DYNAMODB_TARGET_PREFIX.length);
  return (DYNAMODB_OPERATIONS as readonly string[]).includes(op) ? (op as DynamoDbOperation) : undefined;
}

/** One item a request touches: its table, its key (or whole item) and where it sits in the request. */
export interface TouchedItem {
  readonly table: string;
  readonly item: Item;
  /** Index in TransactItems, for a transaction's CancellationReasons. */
  readonly index?: number;
  /** The part of the request that names it (Update, Put, Delete, ConditionCheck), for transactions. */
  readonly part?: Body;
}

/**
 * The items a request names, from its Key or Item. A Query names its partition through the
 * expression values, so every string value of a Query counts (good enough to aim a fault at it).
 */
export function touchedItems(operation: DynamoDbOperation, body: Body): TouchedItem[] {
  switch (operation) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return body.Key ? [{ table: String(body.TableName), item: body.Key }] : [];
    case 'PutItem':
      return body.Item ? [{ table: String(body.TableName), item: body.Item }] : [];
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return ((body.TransactItems ?? []) as Body[]).flatMap((t, index) => {
        const part = t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck ?? t.Get;
        const item = part?.Item ?? part?.Key;
        return part && item ? [{ table: String(part.TableName), item, index, part }] : [];
      });
    case 'BatchWriteItem':
      return Object.entries((body.RequestItems ?? {}) as Record<string, Body[]>).flatMap(([table, requests]) =>
        requests.flatMap((r) => {
          const item = r.PutRequest?.Item ?? r.DeleteRequest?.Key;
          return item ? [{ table, item }] : [];
        }),
      );
    case 'BatchGetItem':
      return Object.entries((body.RequestItems ?? {}) as Record<string, { Keys?: Item[] }>).flatMap(([table, r]) =>
        (r.Keys ?? []).map((item) => ({ table, item })),
      );
    case 'Query':
    case 'Scan': {
      const values = Object.values((body.ExpressionAttributeValues ?? {}) as Item).filter((v) => typeof v.S === 'string');
      return values.map((v) => ({ table: String(body.TableName), item: { '': v } }));
    }
  }
}

/** The partition key values (strings and numbers as text) of the items, for `keyPrefix` matching. */
export function partitionKeysOf(items: readonly TouchedItem[], partitionKeyOf: (table: string) => string | undefined): string[] {
  return items.flatMap(({ table, item }) => {
    const name = '' in item ? '' : partitionKeyOf(table);
    const value = name === undefined ? undefined : item[name];
    const text = value?.S ?? value?.N;
    return typeof text === 'string' ? [text] : [];
  });
}

/** The primary key of a touched item (for reading the item a conflict reports). */
export function keyOf(item: Item, keyNames: readonly string[]): Item {
  return Object.fromEntries(keyNames.filter((k) => k in item).map((k) => [k, item[k]!]));
}
