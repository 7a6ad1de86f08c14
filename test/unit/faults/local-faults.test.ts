import { describe, expect, it } from 'vitest';
import { keySchemasOf, LocalFaults, type AwsJsonAnswer } from '../../../local/faults';

/**
 * No request reaches DynamoDB here: only the SES, EventBridge, Step Functions and local API hooks.
 * Real time stands still (`realMs`), so that a slow machine cannot refill a bucket mid-test.
 */
const faults = (quotas = {}) => {
  let sim = 0;
  const f = new LocalFaults({ dynamoDbEndpoint: 'http://127.0.0.1:9', keySchemas: {}, simulatedMs: () => sim, realMs: () => 0, quotas });
  return { f, tick: (ms: number) => (sim += ms) };
};
const sendBody = (to: string) => Buffer.from(JSON.stringify({ Destination: { ToAddresses: [to] } }));
/** What the bus answers: every entry put. */
const serve = (body: Record<string, unknown>): AwsJsonAnswer => ({
  status: 200,
  body: { FailedEntryCount: 0, Entries: (body.Entries as { DetailType: string }[]).map((e) => ({ EventId: `id-${e.DetailType}` })) },
});
const json = (body: unknown) => async () => Buffer.from(JSON.stringify(body));

describe('LocalFaults hooks', () => {
  it('answers a failed-entries fault in the order of the entries, passing the others to the bus', () => {
    const { f } = faults();
    f.book.add([{ service: 'eventbridge', kind: 'failedEntries', count: 1, skip: 0, detailType: 'B' }]);
    const seen: unknown[] = [];
    const out = f.events('AWSEvents.PutEvents', { Entries: [{ DetailType: 'A' }, { DetailType: 'B' }, { DetailType: 'C' }] }, (b) => {
      seen.push(b.Entries);
      return serve(b);
    });
    expect(seen).toEqual([[{ DetailType: 'A' }, { DetailType: 'C' }]]);
    expect(out.body).toEqual({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'id-A' }, { ErrorCode: 'InternalFailure', ErrorMessage: expect.any(String) }, { EventId: 'id-C' }],
    });
  });

  it('fails every entry and calls no bus when the fault names no detail type', () => {
    const { f } = faults();
    f.book.add([{ service: 'eventbridge', kind: 'failedEntries', count: 1, skip: 0 }]);
    const out = f.events('AWSEvents.PutEvents', { Entries: [{ DetailType: 'A' }] }, () => {
      throw new Error('The bus must not be called.');
    });
    expect(out.body.FailedEntryCount).toBe(1);
  });

  it('leaves other EventBridge operations alone', () => {
    const { f } = faults();
    f.book.add([{ service: 'eventbridge', kind: 'fail', count: 1, skip: 0 }]);
    expect(f.events('AWSEvents.ListRules', {}, () => ({ status: 200, body: { Rules: [] } })).body).toEqual({ Rules: [] });
    expect(f.events('AWSEvents.PutEvents', { Entries: [{ DetailType: 'A' }] }, serve).status).toBe(500);
  });

  it('applies an SES fault before the rate, so that an injected throttle uses no send token', () => {
    const { f } = faults({ sesMaxSendRate: 1 });
    f.book.add([{ service: 'ses', kind: 'throttle', count: 1, skip: 0 }]);
    expect(f.ses('POST', '/v2/email/outbound-emails', sendBody('a@x.org'))?.status).toBe(429);
    expect(f.ses('POST', '/v2/email/outbound-emails', sendBody('a@x.org'))).toBeUndefined();
    expect(JSON.parse(f.ses('POST', '/v2/email/outbound-emails', sendBody('a@x.org'))!.body).message).toBe('Maximum sending rate exceeded.');
    expect(f.quotas.report().ses).toMatchObject({ sent: 1, throttled: 1 });
  });

  it('forwards SES requests other than sends, and answers GetAccount with the configured rate', () => {
    const { f } = faults({ sesMaxSendRate: 3 });
    expect(f.ses('GET', '/v2/email/templates', Buffer.alloc(0))).toBeUndefined();
    expect(JSON.parse(f.ses('GET', '/v2/email/account', Buffer.alloc(0))!.body).SendQuota.MaxSendRate).toBe(3);
  });

  it('throttles StartExecution from the API and from a state machine out of one bucket', () => {
    const { f, tick } = faults({ startExecutionBurst: 2, startExecutionRefillPerSecond: 1 });
    expect(f.sfn('AWSStepFunctions.StartExecution')).toBeUndefined();
    expect(() => f.checkStartExecution()).not.toThrow();
    expect(f.sfn('AWSStepFunctions.StartExecution')?.body).toEqual({ __type: 'ThrottlingException', message: 'Rate exceeded' });
    let error: Error | undefined;
    try {
      f.checkStartExecution();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('ThrottlingException');
    expect(f.sfn('AWSStepFunctions.DescribeExecution')).toBeUndefined();
    tick(1000);
    expect(f.sfn('AWSStepFunctions.StartExecution')).toBeUndefined();
  });

  it('serves the local API routes and refuses wrong bodies with the field named', async () => {
    const { f } = faults();
    const posted = await f.localApi('POST', '/local/faults', json([{ service: 'ses', kind: 'fail', count: 2 }]));
    expect(posted?.status).toBe(201);
    expect((await f.localApi('GET', '/local/faults', json(null)))?.body).toMatchObject({ faults: [{ id: 'fault-1', remaining: 2 }] });
    const bad = await f.localApi('POST', '/local/faults', json([{ service: 'ses', kind: 'fail', count: 'two' }]));
    expect(bad?.status).toBe(400);
    expect((bad?.body as { issues: { field: string }[] } | undefined)?.issues[0]?.field).toBe('0.count');
    const notJson = await f.localApi('POST', '/local/faults', async () => Buffer.from('{'));
    expect(notJson?.status).toBe(400);
    expect((await f.localApi('DELETE', '/local/faults', json(null)))?.body).toEqual({ cleared: 1 });
    expect((await f.localApi('POST', '/local/quotas', json({ sesMaxSendRate: 2 })))?.body).toMatchObject({ settings: { sesMaxSendRate: 2 } });
    expect((await f.localApi('DELETE', '/local/quotas', json(null)))?.body).toMatchObject({ settings: { sesMaxSendRate: 14 } });
    expect(await f.localApi('GET', '/local/emails', json(null))).toBeUndefined();
    f.close();
  });
});

describe('keySchemasOf', () => {
  it('lists each table key, partition key first', () => {
    const tables = [
      {
        logicalId: 'Table',
        properties: {
          KeySchema: [
            { AttributeName: 'SK', KeyType: 'RANGE' },
            { AttributeName: 'PK', KeyType: 'HASH' },
          ],
        },
      },
    ];
    expect(keySchemasOf(tables)).toEqual({ Table: ['PK', 'SK'] });
  });
});
