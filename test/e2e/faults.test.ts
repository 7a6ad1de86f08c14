import { randomBytes } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetAccountCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createMailer } from '../../functions/adapters/mailer';
import { recognition } from '../../functions/domain/emails';
import { clearFaults, faultsRemaining, injectFaults, listFaults, quotaReport, resetQuotas, setQuotas } from '../workflows/faults';
import { localCloud } from './local-cloud-client';

/**
 * Each fault kind and each quota, injected by the local cloud and met by the real SDK clients
 * pointed at its port, as the handlers' clients are. `maxAttempts: 1` clients see each injected
 * answer; default clients show what the SDK's own retries (3 attempts) absorb.
 */

const { baseUrl, region, tableName, dynamoEndpoint } = inject('cloud');
const cloud = localCloud(baseUrl);
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const run = randomBytes(3).toString('hex');
const clients: { destroy(): void }[] = [];
const client = <T extends { destroy(): void }>(c: T): T => {
  clients.push(c);
  return c;
};

const ses = (maxAttempts?: number) => client(new SESv2Client({ endpoint: baseUrl, region, credentials, ...(maxAttempts ? { maxAttempts } : {}) }));
/** Through the cloud's port: the route the handlers take. */
const dynamo = (maxAttempts?: number) => client(new DynamoDBClient({ endpoint: baseUrl, region, credentials, ...(maxAttempts ? { maxAttempts } : {}) }));
/** Straight to DynamoDB Local: what is really stored. */
const stored = client(new DynamoDBClient({ endpoint: dynamoEndpoint, region, credentials }));
const events = (maxAttempts?: number) => client(new EventBridgeClient({ endpoint: baseUrl, region, credentials, ...(maxAttempts ? { maxAttempts } : {}) }));

const address = (who: string) => `${who}.${run}@example.com`;
const sendEmail = (to: string) =>
  new SendEmailCommand({
    FromEmailAddress: 'crossgen@example.com',
    Destination: { ToAddresses: [to] },
    Content: { Simple: { Subject: { Data: 'Fault test' }, Body: { Text: { Data: 'Hello' } } } },
  });
const delivered = async (to: string) => (await cloud.emails()).filter((e) => e.to.includes(to)).length;
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('The call succeeded, but a fault was expected.');
    },
    (e: Error & { $metadata?: { httpStatusCode?: number } }) => e,
  );

afterEach(async () => {
  await clearFaults(baseUrl);
  await resetQuotas(baseUrl);
});
afterAll(() => clients.forEach((c) => c.destroy()));

describe('the local API for faults', () => {
  it('arms a list, shows the counts, and clears', async () => {
    const armed = await injectFaults(baseUrl, [
      { service: 'ses', kind: 'throttle', count: 2 },
      { service: 'eventbridge', kind: 'fail', count: 1 },
    ]);
    expect(armed.map((f) => [f.service, f.remaining, f.injected])).toEqual([
      ['ses', 2, 0],
      ['eventbridge', 1, 0],
    ]);
    expect(await faultsRemaining(baseUrl)).toBe(3);
    expect(await clearFaults(baseUrl)).toBe(2);
    expect(await listFaults(baseUrl)).toEqual([]);
  });

  it('refuses a wrong fault with 400 naming the field, and arms none of the list', async () => {
    const res = await cloud.post('/local/faults', [
      { service: 'ses', kind: 'throttle', count: 1 },
      { service: 'dynamodb', kind: 'throttle' },
    ]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; issues: { field: string }[] };
    expect(body.issues.map((i) => i.field)).toContain('1.count');
    expect(body.message).toMatch(/nothing was armed/);
    expect(await listFaults(baseUrl)).toEqual([]);
  });
});

describe('SES SendEmail faults', () => {
  it('throttles with 429 TooManyRequestsException, counted, then sends again', async () => {
    await injectFaults(baseUrl, [{ service: 'ses', kind: 'throttle', count: 1 }]);
    const to = address('throttled');
    const error = await rejection(ses(1).send(sendEmail(to)));
    expect([error.name, error.$metadata?.httpStatusCode]).toEqual(['TooManyRequestsException', 429]);
    expect((await listFaults(baseUrl))[0]).toMatchObject({ injected: 1, remaining: 0 });
    await ses(1).send(sendEmail(to));
    expect(await delivered(to)).toBe(1);
  });

  it('is absorbed by the SDK retries below 3, and reaches the caller from 3 on', async () => {
    const to = address('sdk-retries');
    await injectFaults(baseUrl, [{ service: 'ses', kind: 'throttle', count: 2 }]);
    await ses().send(sendEmail(to));
    expect(await delivered(to)).toBe(1);
    await injectFaults(baseUrl, [{ service: 'ses', kind: 'throttle', count: 3 }]);
    expect((await rejection(ses().send(sendEmail(to)))).name).toBe('TooManyRequestsException');
    expect((await listFaults(baseUrl)).map((f) => f.injected)).toEqual([2, 3]);
    expect(await delivered(to)).toBe(1);
  });

  it('fails with 500 and sends nothing; a recipient filter hits only that address', async () => {
    const [hit, spared] = [address('failing'), address('spared')];
    await injectFaults(baseUrl, [{ service: 'ses', kind: 'fail', count: 1, recipient: hit.toUpperCase() }]);
    await ses(1).send(sendEmail(spared));
    const error = await rejection(ses(1).send(sendEmail(hit)));
    expect([error.name, error.$metadata?.httpStatusCode]).toEqual(['InternalFailure', 500]);
    expect([await delivered(hit), await delivered(spared)]).toEqual([0, 1]);
    expect((await listFaults(baseUrl))[0]).toMatchObject({ matched: 1, injected: 1 });
  });
});

describe('the mailer under SES throttling', () => {
  const email = recognition({
    to: { name: 'Alex Morgan', timeZone: 'Europe/London' },
    program: { name: 'Pilot', admin: { name: 'Priya', email: 'priya@example.org' } },
    role: 'mentor',
    partner: { name: 'Sam Lee' },
    journey: { startedOn: '2027-01-12T09:00:00Z', completedOn: '2027-07-13T09:00:00Z', checkInsHeld: 11, topics: ['ai-tools'], milestones: [] },
  });
  const mailer = () => createMailer({ from: 'crossgen@example.com', client: ses(1), retry: { attempts: 5, baseDelayMs: 5 } });

  it('gets through after four throttled calls', async () => {
    const to = address('mailer-retry');
    await injectFaults(baseUrl, [{ service: 'ses', kind: 'throttle', count: 4 }]);
    const { messageId } = await mailer().send({ to, email });
    expect(messageId).toBeTruthy();
    expect(await delivered(to)).toBe(1);
    expect((await listFaults(baseUrl))[0]).toMatchObject({ injected: 4, remaining: 0 });
  });

  it('gets a message id of its own for every email, as SES gives (the emulator drew 9 random digits, shared now and then)', async () => {
    const to = address('mailer-ids');
    const ids = await Promise.all(
      [1, 2, 3].map(() =>
        mailer()
          .send({ to, email })
          .then((r) => r.messageId),
      ),
    );
    for (const id of ids) expect(id).toMatch(/^ses-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(3);
    expect(await delivered(to)).toBe(3);
  });

  it('gives up after its attempts with the throttling error, and does not retry a 500', async () => {
    const to = address('mailer-gives-up');
    await injectFaults(baseUrl, [{ service: 'ses', kind: 'throttle', count: 10 }]);
    expect((await rejection(mailer().send({ to, email }))).name).toBe('TooManyRequestsException');
    expect((await listFaults(baseUrl))[0]).toMatchObject({ injected: 5, remaining: 5 });
    await clearFaults(baseUrl);
    await injectFaults(baseUrl, [{ service: 'ses', kind: 'fail', count: 2 }]);
    expect((await rejection(mailer().send({ to, email }))).name).toBe('InternalFailure');
    expect((await listFaults(baseUrl))[0]).toMatchObject({ injected: 1, remaining: 1 });
    expect(await delivered(to)).toBe(0);
  });
});

describe('DynamoDB faults, through the cloud port', () => {
  const key = (id: string) => ({ PK: { S: `FAULTTEST#${run}-${id}` }, SK: { S: 'ITEM' } });
  const seed = (id: string, version = 1) => stored.send(new PutItemCommand({ TableName: tableName, Item: { ...key(id), version: { N: String(version) } } }));
  const versionOf = async (id: string) =>
    Number((await stored.send(new GetItemCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }))).Item?.version?.N);
  const bump = (id: string, from: number) =>
    new UpdateItemCommand({
      TableName: tableName,
      Key: key(id),
      UpdateExpression: 'SET version = :to',
      ConditionExpression: 'version = :from',
      ExpressionAttributeValues: { ':from': { N: String(from) }, ':to': { N: String(from + 1) } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });

  it('passes calls through untouched when no fault is armed', async () => {
    await seed('plain');
    await dynamo().send(bump('plain', 1));
    expect(await versionOf('plain')).toBe(2);
  });

  it('answers a conditional conflict with the stored item, writing nothing, only for the key prefix', async () => {
    await seed('conflict');
    await seed('other');
    await injectFaults(baseUrl, [
      { service: 'dynamodb', kind: 'conditionalConflict', count: 1, operation: 'UpdateItem', keyPrefix: `FAULTTEST#${run}-conflict` },
    ]);
    await dynamo(1).send(bump('other', 1));
    const error = (await rejection(dynamo(1).send(bump('conflict', 1)))) as Error & { Item?: Record<string, { N?: string }> };
    expect(error.name).toBe('ConditionalCheckFailedException');
    expect(error.Item?.version?.N).toBe('1');
    expect([await versionOf('conflict'), await versionOf('other')]).toEqual([1, 2]);
  });

  it('cancels a transaction at the item aimed at', async () => {
    await seed('tx');
    await injectFaults(baseUrl, [
      { service: 'dynamodb', kind: 'conditionalConflict', count: 1, operation: 'TransactWriteItems', keyPrefix: `FAULTTEST#${run}-tx` },
    ]);
    const error = (await rejection(
      dynamo(1).send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: { ...key('tx-audit'), version: { N: '1' } } } },
            {
              Update: {
                TableName: tableName,
                Key: key('tx'),
                UpdateExpression: 'SET version = :to',
                ConditionExpression: 'version = :from',
                ExpressionAttributeValues: { ':from': { N: '1' }, ':to': { N: '2' } },
              },
            },
          ],
        }),
      ),
    )) as Error & { CancellationReasons?: { Code?: string }[] };
    expect(error.name).toBe('TransactionCanceledException');
    // The Put's key also starts with the prefix; the failed item is the one that carries a condition.
    expect(error.CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(await versionOf('tx')).toBe(1);
    expect(Number.isNaN(await versionOf('tx-audit'))).toBe(true);
  });

  it('throttles with the error asked for; the SDK retries absorb fewer than 3', async () => {
    await seed('throttle');
    await injectFaults(baseUrl, [{ service: 'dynamodb', kind: 'throttle', count: 1, operation: 'GetItem', error: 'ProvisionedThroughputExceededException' }]);
    const get = new GetItemCommand({ TableName: tableName, Key: key('throttle') });
    expect((await rejection(dynamo(1).send(get))).name).toBe('ProvisionedThroughputExceededException');
    await injectFaults(baseUrl, [{ service: 'dynamodb', kind: 'throttle', count: 2, operation: 'GetItem' }]);
    expect((await dynamo().send(get)).Item?.version?.N).toBe('1');
    expect((await listFaults(baseUrl)).map((f) => f.injected)).toEqual([1, 2]);
  });

  it('loses the response of an applied write: the caller gets a 500, and the SDK retry meets its own write', async () => {
    await seed('lost');
    await injectFaults(baseUrl, [{ service: 'dynamodb', kind: 'responseLost', count: 1, keyPrefix: `FAULTTEST#${run}-lost` }]);
    const error = await rejection(dynamo(1).send(bump('lost', 1)));
    expect([error.name, error.$metadata?.httpStatusCode]).toEqual(['InternalServerError', 500]);
    expect(await versionOf('lost')).toBe(2);
    // With the SDK's retries, the retried conditional write finds the write it already made.
    await injectFaults(baseUrl, [{ service: 'dynamodb', kind: 'responseLost', count: 1, keyPrefix: `FAULTTEST#${run}-lost` }]);
    expect((await rejection(dynamo().send(bump('lost', 2)))).name).toBe('ConditionalCheckFailedException');
    expect(await versionOf('lost')).toBe(3);
  });
});

describe('EventBridge PutEvents faults', () => {
  const entry = (detailType: string) => ({ Source: `crossgen.faulttest.${run}`, DetailType: detailType, Detail: JSON.stringify({ run }) });
  const logged = async (detailType: string) =>
    (await cloud.events()).filter((e) => e.event['detail-type'] === detailType && JSON.stringify(e.event).includes(run)).length;

  it('fails the entries of the detail type asked for, and puts the others', async () => {
    await injectFaults(baseUrl, [{ service: 'eventbridge', kind: 'failedEntries', count: 1, detailType: `Lost${run}` }]);
    const out = await events().send(new PutEventsCommand({ Entries: [entry(`Kept${run}`), entry(`Lost${run}`)] }));
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries?.[0]?.EventId).toBeTruthy();
    expect(out.Entries?.[1]).toMatchObject({ ErrorCode: 'InternalFailure' });
    expect([await logged(`Kept${run}`), await logged(`Lost${run}`)]).toEqual([1, 0]);
  });

  it('fails the whole call with 500 InternalException', async () => {
    await injectFaults(baseUrl, [{ service: 'eventbridge', kind: 'fail', count: 1 }]);
    const error = await rejection(events(1).send(new PutEventsCommand({ Entries: [entry(`Failed${run}`)] })));
    expect([error.name, error.$metadata?.httpStatusCode]).toEqual(['InternalException', 500]);
    expect(await logged(`Failed${run}`)).toBe(0);
  });
});

describe('quotas', () => {
  beforeEach(async () => {
    await resetQuotas(baseUrl);
  });

  it('throttles SendEmail above MaxSendRate, and GetAccount reports the rate', async () => {
    // One message per 1,000 s: the second send cannot be within the rate, however slow the machine.
    await setQuotas(baseUrl, { sesMaxSendRate: 0.001 });
    const to = address('rate');
    await ses(1).send(sendEmail(to));
    const error = await rejection(ses(1).send(sendEmail(to)));
    expect([error.name, error.message]).toEqual(['TooManyRequestsException', 'Maximum sending rate exceeded.']);
    expect((await ses(1).send(new GetAccountCommand({}))).SendQuota?.MaxSendRate).toBe(0.001);
    expect((await quotaReport(baseUrl)).ses).toMatchObject({ sent: 1, throttled: 1 });
    expect(await delivered(to)).toBe(1);
  });

  it('starts with a 14/s SES rate and an 800/150 StartExecution bucket', async () => {
    expect((await quotaReport(baseUrl)).settings).toEqual({ sesMaxSendRate: 14, startExecutionBurst: 800, startExecutionRefillPerSecond: 150 });
  });

  it('throttles StartExecution beyond the bucket with ThrottlingException', async () => {
    await setQuotas(baseUrl, { startExecutionBurst: 1, startExecutionRefillPerSecond: 0.001 });
    const sfn = client(new SFNClient({ endpoint: baseUrl, region, credentials, maxAttempts: 1 }));
    // A machine that does not exist: the first call takes the token and is refused for that, with no execution started.
    const start = () => sfn.send(new StartExecutionCommand({ stateMachineArn: `arn:aws:states:${region}:000000000000:stateMachine:NoSuchMachine${run}` }));
    expect((await rejection(start())).name).not.toBe('ThrottlingException');
    const error = await rejection(start());
    expect([error.name, error.message]).toEqual(['ThrottlingException', 'Rate exceeded']);
    expect((await quotaReport(baseUrl)).startExecution).toMatchObject({ started: 1, throttled: 1 });
  });

  it('refuses wrong settings with 400 naming the field', async () => {
    const res = await cloud.post('/local/quotas', { sesMaxSendRate: -1 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { field: string }[] }).issues[0]?.field).toBe('sesMaxSendRate');
  });
});
