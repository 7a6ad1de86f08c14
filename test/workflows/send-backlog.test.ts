import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SEND_WAIT_MS } from '../../functions/domain/send-rate';
import { lifecycleHarness } from './harness';

/**
 * The one paced sender when its queue is full (docs/decisions.md, "One paced sender"): a lifecycle
 * email whose send slot is further ahead than a bulk send may wait is not waited for inside the
 * function. It stays pending in the pairing's outbox, the execution waits in Step Functions until
 * the queue has room, and then it goes out once.
 */

const cloud = inject('cloud');
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: cloud.dynamoEndpoint, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
);
const PACER_KEY = { PK: 'SENDER#ses', SK: 'PACE' };

afterAll(() => db.destroy());

/** The table that holds the sender's slot item (every send so far has written it). */
async function pacerTable(): Promise<string> {
  for (const name of (await db.send(new ListTablesCommand({}))).TableNames ?? []) {
    if ((await db.send(new GetCommand({ TableName: name, Key: PACER_KEY }))).Item) return name;
  }
  throw new Error('No table holds the send pacer item: nothing was sent yet.');
}

const iso = (ms: number) => `PT${Math.max(1, Math.round(ms / 1000))}S`;

describe('the paced sender with a full queue', () => {
  it('keeps a lifecycle email pending while the queue is full, waits in Step Functions, and sends it once when there is room', async () => {
    const h = lifecycleHarness();
    // Evening in Europe (20:00 UTC): the introductions are held for the next working morning.
    const now = await h.now();
    const evening = new Date(now);
    evening.setUTCHours(20, 0, 0, 0);
    if (evening.getTime() <= now.getTime()) evening.setUTCDate(evening.getUTCDate() + 1);
    await h.advance(iso(evening.getTime() - now.getTime()));

    const { mentor, mentee, pairingId, executionArn } = await h.pair({ waitForIntroductions: false });
    // Each introduction is decided and sent at its reader's own working-morning moment.
    const asks = (await h.pairing(pairingId)).pairing.round.asks as Record<'mentor' | 'mentee', { sendAt: string }>;
    const firstDue = Math.min(Date.parse(asks.mentor.sendAt), Date.parse(asks.mentee.sendAt));
    expect(firstDue).toBeGreaterThan(evening.getTime());

    // Another sender's backlog: every slot of the two minutes after the first introduction is due is taken.
    const table = await pacerTable();
    const queueFreeAt = firstDue + 120_000;
    await db.send(new PutCommand({ TableName: table, Item: { ...PACER_KEY, type: 'SendPace', nextFree: queueFreeAt } }));

    // The introduction comes due: its send would wait 2 minutes, more than a bulk send may.
    const clock = await h.now();
    await h.advance(iso(firstDue + 60_000 - clock.getTime()));
    const introductions = async () => [...(await h.emailsTo(mentor.email)), ...(await h.emailsTo(mentee.email))].filter((e) => /^Meet /.test(e.subject));
    expect(await introductions()).toEqual([]);
    const waiting = await h.pairing(pairingId);
    const pendingIntroductions = waiting.outbox.filter((o) => o.key.startsWith('email:') && o.status === 'pending');
    expect(pendingIntroductions.length).toBeGreaterThan(0);
    expect(waiting.outbox.filter((o) => o.key.startsWith('email:') && o.status === 'sent')).toEqual([]);
    expect(waiting.audit.map((a) => a.kind)).not.toContain('on-hold');
    expect((await h.execution(executionArn)).status).toBe('RUNNING');
    // The held send took no slot: the queue is as the other sender left it.
    expect((await db.send(new GetCommand({ TableName: table, Key: PACER_KEY, ConsistentRead: true }))).Item?.nextFree).toBe(queueFreeAt);
    // No step failed or was retried (a wait's timeout is how it ends): the wait was the execution's own, not a function's.
    const history = await h.history(executionArn);
    expect(history.filter((e) => /Failed/.test(e.type))).toEqual([]);

    // Once the queue has room, both introductions go out, once each, not before the queue was free.
    await h.until(async () => (await introductions()).length === 2, 'PT1M', 24 * 60);
    await h.advance('PT1H');
    const sent = await introductions();
    expect(sent.map((e) => e.to[0]).sort()).toEqual([mentee.email, mentor.email].sort());
    const earliest = Math.min(...sent.map((e) => Date.parse(e.sentAt)));
    expect(earliest).toBeGreaterThanOrEqual(queueFreeAt - SEND_WAIT_MS.bulk);
    const after = await h.pairing(pairingId);
    expect(after.outbox.filter((o) => o.key.startsWith('email:')).map((o) => o.status)).toEqual(['sent', 'sent']);
    expect((await h.execution(executionArn)).status).toBe('RUNNING');
  });
});
