import { describe, expect, it } from 'vitest';
import { dynamoDbConditionalCheckFailed, dynamoDbThrottle, dynamoDbTransactionCanceled, sesError, sfnThrottled } from '../../../local/faults/aws-errors';

describe('AWS error answers', () => {
  it('throttles SES v2 with 429 TooManyRequestsException in x-amzn-ErrorType', () => {
    const rate = sesError('rate');
    expect(rate.status).toBe(429);
    expect(rate.headers['x-amzn-errortype']).toBe('TooManyRequestsException');
    expect(JSON.parse(rate.body).message).toBe('Maximum sending rate exceeded.');
    expect(sesError('fail').status).toBe(500);
  });

  it('names DynamoDB errors with their namespace, as DynamoDB does', () => {
    expect(JSON.parse(dynamoDbThrottle('ProvisionedThroughputExceededException').body).__type).toBe(
      'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    );
    expect(JSON.parse(dynamoDbConditionalCheckFailed({ PK: { S: 'A' } }).body)).toMatchObject({
      message: 'The conditional request failed',
      Item: { PK: { S: 'A' } },
    });
  });

  it('cancels a transaction with one ConditionalCheckFailed reason at the failed index', () => {
    const body = JSON.parse(dynamoDbTransactionCanceled(3, 1).body);
    expect(body.CancellationReasons.map((r: { Code: string }) => r.Code)).toEqual(['None', 'ConditionalCheckFailed', 'None']);
    expect(body.Message).toContain('[None, ConditionalCheckFailed, None]');
  });

  it('throttles StartExecution with 400 ThrottlingException "Rate exceeded"', () => {
    const w = sfnThrottled();
    expect([w.status, JSON.parse(w.body)]).toEqual([400, { __type: 'ThrottlingException', message: 'Rate exceeded' }]);
  });
});
