import { describe, expect, it } from 'vitest';
import { dynamoDbOperationOf, keyOf, partitionKeysOf, touchedItems } from '../../../local/faults/dynamodb-request';

const pk = (table: string) => (table === 'Table' ? 'PK' : undefined);

describe('reading a DynamoDB request', () => {
  it('takes the operation from X-Amz-Target and refuses other targets', () => {
    expect(dynamoDbOperationOf('DynamoDB_20120810.TransactWriteItems')).toBe('TransactWriteItems');
    expect(dynamoDbOperationOf('DynamoDB_20120810.DescribeTable')).toBeUndefined();
    expect(dynamoDbOperationOf('AWSEvents.PutEvents')).toBeUndefined();
  });

  it('finds the partition key of a Key, an Item and every part of a transaction', () => {
    const update = touchedItems('UpdateItem', { TableName: 'Table', Key: { PK: { S: 'PAIRING#p1' }, SK: { S: 'PAIRING' } } });
    const putItem = touchedItems('PutItem', { TableName: 'Table', Item: { PK: { S: 'PARTICIPANT#a' }, SK: { S: 'X' }, name: { S: 'PAIRING#not-a-key' } } });
    const transaction = touchedItems('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 'Table', Item: { PK: { S: 'CHECKIN#1' }, SK: { S: 'A' } } } },
        { Update: { TableName: 'Table', Key: { PK: { S: 'PAIRING#p1' }, SK: { S: 'B' } }, ConditionExpression: 'version = :v' } },
        { ConditionCheck: { TableName: 'Table', Key: { PK: { S: 'PROGRAM#pilot' }, SK: { S: 'C' } } } },
      ],
    });
    expect(partitionKeysOf(update, pk)).toEqual(['PAIRING#p1']);
    expect(partitionKeysOf(putItem, pk)).toEqual(['PARTICIPANT#a']);
    expect(partitionKeysOf(transaction, pk)).toEqual(['CHECKIN#1', 'PAIRING#p1', 'PROGRAM#pilot']);
    expect(transaction.map((t) => t.index)).toEqual([0, 1, 2]);
  });

  it('finds the items of batch writes and gets', () => {
    const batch = touchedItems('BatchWriteItem', {
      RequestItems: { Table: [{ PutRequest: { Item: { PK: { S: 'A#1' } } } }, { DeleteRequest: { Key: { PK: { S: 'B#2' } } } }] },
    });
    const gets = touchedItems('BatchGetItem', { RequestItems: { Table: { Keys: [{ PK: { S: 'C#3' } }] } } });
    expect(partitionKeysOf([...batch, ...gets], pk)).toEqual(['A#1', 'B#2', 'C#3']);
  });

  it('reads a Query by its string expression values', () => {
    const query = touchedItems('Query', {
      TableName: 'Table',
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': { S: 'PAIRING#p1' }, ':n': { N: '3' } },
    });
    expect(partitionKeysOf(query, pk)).toEqual(['PAIRING#p1']);
  });

  it('finds no key for a table it does not know', () => {
    expect(partitionKeysOf(touchedItems('GetItem', { TableName: 'Other', Key: { PK: { S: 'A' } } }), pk)).toEqual([]);
  });

  it('cuts an item down to its primary key', () => {
    expect(keyOf({ PK: { S: 'A' }, SK: { S: 'B' }, version: { N: '3' } }, ['PK', 'SK'])).toEqual({ PK: { S: 'A' }, SK: { S: 'B' } });
  });
});
