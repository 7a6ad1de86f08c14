import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, getItems, isConditionFailure, KEYS, queryPartition } from './dynamo';

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
 *
 * While it is not sent, the item is listed under one GSI1 key (`CONFIRMATIONS#pending`, a sparse
 * index: a sent or closed item leaves it), so that the sweep every 15 minutes finds what no one
 * tried again (functions/domain/confirmation-retry.ts).
 */

export type ConfirmationStatus = 'pending' | 'sending' | 'sent' | 'cancelled' | 'failed';

const PENDING_INDEX_KEY = 'CONFIRMATIONS#pending';

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
        [KEYS.gsi1.pk]: PENDING_INDEX_KEY,
        [KEYS.gsi1.sk]: `${now}#${programId}#${participantId}`,
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEYS.pk },
    },
  };
}

/**
 * What happened to the confirmation: `sent` now, `already-sent` before, `in-progress` (another
 * dispatcher holds it), `closed` (the sweep cancelled it or gave up on it), `none` (the participant
 * was enrolled before confirmations had an outbox, and was confirmed then). A failed send throws,
 * and the item is pending again.
 */
export type DispatchOutcome = 'sent' | 'already-sent' | 'in-progress' | 'closed' | 'none';

export async function dispatchConfirmation(programId: string, participantId: string, send: () => Promise<string>): Promise<DispatchOutcome> {
  const { client, tableName } = dynamo();
  const Key = { [KEYS.pk]: programPk(programId), [KEYS.sk]: confirmationSk(participantId) };
  const now = Date.now();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key,
        UpdateExpression: 'SET #status = :sending, claimedUntil = :until, lastTriedAt = :tried, attempts = attempts + :one',
        ConditionExpression: '#status = :pending OR (#status = :sending AND claimedUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':until': now + CLAIM_MS,
          ':now': now,
          ':tried': new Date(now).toISOString(),
          ':one': 1,
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }));
    if (Item === undefined) return 'none';
    return Item.status === 'sent' ? 'already-sent' : Item.status === 'pending' || Item.status === 'sending' ? 'in-progress' : 'closed';
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
      UpdateExpression: 'SET #status = :sent, messageId = :mid, sentAt = :at REMOVE claimedUntil, #gpk, #gsk',
      ExpressionAttributeNames: { '#status': 'status', '#gpk': KEYS.gsi1.pk, '#gsk': KEYS.gsi1.sk },
      ExpressionAttributeValues: { ':sent': 'sent', ':mid': messageId, ':at': new Date().toISOString() },
    }),
  );
  return 'sent';
}

/** A confirmation no one has sent yet, as the sweep lists it. */
/** Where each of these people's confirmations stands now (absent: none was ever written), read 100 at a time. */
export async function confirmationStatuses(programId: string, participantIds: readonly string[]): Promise<Map<string, ConfirmationStatus>> {
  const statuses = new Map<string, ConfirmationStatus>();
  for (let i = 0; i < participantIds.length; i += 100) {
    const ids = participantIds.slice(i, i + 100);
    const items = await getItems(ids.map((id) => ({ [KEYS.pk]: programPk(programId), [KEYS.sk]: confirmationSk(id) })));
    items.forEach((item, n) => {
      if (item && typeof item.status === 'string') statuses.set(ids[n]!, item.status as ConfirmationStatus);
    });
  }
  return statuses;
}

export interface PendingConfirmationRef {
  readonly programId: string;
  readonly participantId: string;
  readonly attempts: number;
  readonly createdAt: string;
  readonly lastTriedAt?: string;
}

/** Confirmations not yet sent, oldest first, at most `limit` (GSI1, eventually consistent: the dispatch's claim decides). */
export async function listPendingConfirmations(limit: number): Promise<PendingConfirmationRef[]> {
  const items = await queryPartition(PENDING_INDEX_KEY, 'GSI1', limit);
  return items.map((item) => ({
    programId: String(item[KEYS.pk]).slice('PROGRAM#'.length),
    participantId: String(item.participantId),
    attempts: Number(item.attempts ?? 0),
    createdAt: String(item.createdAt),
    ...(typeof item.lastTriedAt === 'string' ? { lastTriedAt: item.lastTriedAt } : {}),
  }));
}

/**
 * Ends a pending confirmation without sending it: `cancelled` (the person was erased, left,
 * withdrew or is suppressed) or `failed` (every try failed). Only a pending one: one that is being
 * sent or was sent stays as it is (false).
 */
export async function closeConfirmation(programId: string, participantId: string, status: 'cancelled' | 'failed', now: Date): Promise<boolean> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: programPk(programId), [KEYS.sk]: confirmationSk(participantId) },
        UpdateExpression: 'SET #status = :closed, closedAt = :at REMOVE #gpk, #gsk',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status', '#gpk': KEYS.gsi1.pk, '#gsk': KEYS.gsi1.sk },
        ExpressionAttributeValues: { ':closed': status, ':pending': 'pending', ':at': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
