import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, isConditionFailure, KEYS } from './dynamo';

/**
 * The enrolment confirmation's outbox (the idea of functions/lifecycle/outbox.ts): the item is
 * written in the enrolment's own transaction, `pending`, and a dispatcher sends it once per key.
 * A send that fails leaves it pending for the next try (the same request again, Lambda's retry of
 * an event, the import's retried step); one that succeeded marks it `sent`, so no try sends twice.
 *
 * Two dispatchers at once (a repeated request while the first still sends) are kept apart by a
 * claim: the item is `sending` until its lease ends. A function that dies between SES's answer and
 * the `sent` mark leaves a claim that expires; the next try then sends again (at least once: SES
 * takes no idempotency key).
 */

export type ConfirmationStatus = 'pending' | 'sending' | 'sent';

/** How long a claim keeps other dispatchers away: longer than a send waiting for its slot. */
const CLAIM_MS = 5 * 60 * 1000;

const programPk = (programId: string) => `PROGRAM#${programId}`;
const confirmationSk = (participantId: string) => `OUTBOX#confirmation#${participantId}`;

/** The pending item, for the enrolment's transaction (a Put of TransactWriteItems). */
export function confirmationOutboxItem(tableName: string, programId: string, participantId: string, now: string) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        [KEYS.pk]: programPk(programId),
        [KEYS.sk]: confirmationSk(participantId),
        type: 'Outbox',
        kind: 'email',
        key: `confirmation:${participantId}`,
        participantId,
        status: 'pending' satisfies ConfirmationStatus,
        attempts: 0,
        createdAt: now,
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEYS.pk },
    },
  };
}

/**
 * What happened to the confirmation: `sent` now, `already-sent` before, `in-progress` (another
 * dispatcher holds it), `none` (the participant was enrolled before confirmations had an outbox,
 * and was confirmed then). A failed send throws, and the item is pending again.
 */
export type DispatchOutcome = 'sent' | 'already-sent' | 'in-progress' | 'none';

export async function dispatchConfirmation(programId: string, participantId: string, send: () => Promise<string>): Promise<DispatchOutcome> {
  const { client, tableName } = dynamo();
  const Key = { [KEYS.pk]: programPk(programId), [KEYS.sk]: confirmationSk(participantId) };
  const now = Date.now();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key,
        UpdateExpression: 'SET #status = :sending, claimedUntil = :until, attempts = attempts + :one',
        ConditionExpression: '#status = :pending OR (#status = :sending AND claimedUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending', ':until': now + CLAIM_MS, ':now': now, ':one': 1 },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }));
    return Item === undefined ? 'none' : Item.status === 'sent' ? 'already-sent' : 'in-progress';
  }
  let messageId: string;
  try {
    messageId = await send();
  } catch (error) {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key,
        UpdateExpression: 'SET #status = :pending, lastError = :error, lastTriedAt = :at REMOVE claimedUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':error': error instanceof Error ? error.name : 'Error', ':at': new Date().toISOString() },
      }),
    );
    throw error;
  }
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key,
      UpdateExpression: 'SET #status = :sent, messageId = :mid, sentAt = :at REMOVE claimedUntil',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':mid': messageId, ':at': new Date().toISOString() },
    }),
  );
  return 'sent';
}
