import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PastPair, UnmatchedParticipant } from '../domain/matching/match';
import type { ReviewState } from '../domain/matching/review';
import { dynamo, isConditionFailure, KEYS, queryAll, queryByPrefix, withoutKeys } from './dynamo';
import type { MatchingRun, StoredProposedPair } from './waitlist';

/**
 * What match review adds to a run (docs/cohort-matching.md, Match review): on the run header
 * `MATCHING#{runId}` the review state (`review`), its version (`reviewVersion`), the audit of every
 * change (`changes`, who and when) and `approvedAt`/`approvedBy`; beside it, the approval questions
 * sent to the admins (`MATCHING#{runId}#APPROVAL`, so that the API can answer one). Pair and
 * unmatched items are rewritten where a change touched them.
 */

export interface ReviewChangeRecord {
  readonly at: string;
  /** The admin (their email, or the calling system's identity). */
  readonly by: string;
  readonly action: 'reject' | 'swap' | 'force' | 'forbid' | 'approve';
  readonly mentorId?: string;
  readonly menteeId?: string;
  readonly pairingIds?: string[];
  readonly added: string[];
  readonly removed: string[];
  readonly reexplained: string[];
  /**
   * The mentor and mentee of each pairing id the change added or removed (ids only): what an admin
   * asked again is told changed (domain/approval-ask.ts). Absent on changes recorded before.
   */
  readonly pairs?: Record<string, PastPair>;
}

export interface ReviewedRun extends MatchingRun {
  readonly review?: ReviewState;
  readonly reviewVersion?: number;
  readonly changes?: ReviewChangeRecord[];
  readonly approvedAt?: string;
  readonly approvedBy?: string;
}

/** The run changed (another review, an approval) between reading and writing it. */
export class RunChangedMeanwhile extends Error {
  constructor(runId: string) {
    super(`Matching run ${runId} changed while this change was being made (another change or an approval): read the proposal again and retry.`);
    this.name = 'RunChangedMeanwhile';
  }
}

const pk = (programId: string) => `PROGRAM#${programId}`;
const runKey = (programId: string, runId: string) => ({ [KEYS.pk]: pk(programId), [KEYS.sk]: `MATCHING#${runId}` });
const pairSk = (runId: string, pairingId: string) => `MATCHING#${runId}#PAIR#${pairingId}`;
const unmatchedSk = (runId: string, participantId: string) => `MATCHING#${runId}#UNMATCHED#${participantId}`;

/** DynamoDB's limit of items in one transaction. */
const TRANSACTION_LIMIT = 100;

export interface ReviewWrite {
  readonly programId: string;
  readonly runId: string;
  /** The review version read; the write happens only if the run is still there (and unapproved). */
  readonly expectedVersion: number;
  readonly state: ReviewState;
  readonly change: ReviewChangeRecord;
  /** Pairs to write: new ones and those whose explanation was recomputed. */
  readonly put: readonly StoredProposedPair[];
  readonly deletePairs: readonly string[];
  /** The run's unmatched people after the change, and those no longer unmatched. */
  readonly unmatched: readonly UnmatchedParticipant[];
  readonly deleteUnmatched: readonly string[];
  readonly pairCount: number;
  /** The run's stats as the reviewed proposal gives them (domain/matching/proposal-stats.ts): stored with the counts. */
  readonly stats: Readonly<Record<string, unknown>>;
}

/**
 * Stores one review change. The header update carries the condition (still proposed, not approved,
 * same review version), so two admins changing the same proposal cannot interleave: in one
 * transaction when the change touches fewer than 100 items (every change but a large re-solve),
 * else the header first (which takes the version) and then the items.
 */
export async function saveReviewChange(w: ReviewWrite): Promise<void> {
  const { client, tableName } = dynamo();
  const header = {
    Update: {
      TableName: tableName,
      Key: runKey(w.programId, w.runId),
      UpdateExpression:
        'SET review = :review, reviewVersion = :next, changes = list_append(if_not_exists(changes, :none), :change), pairCount = :pairs, unmatchedCount = :unmatched, stats = :stats, updatedAt = :now',
      ConditionExpression:
        '#status = :proposed AND attribute_not_exists(approvedAt) AND (reviewVersion = :version OR (attribute_not_exists(reviewVersion) AND :version = :zero))',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':review': w.state,
        ':next': w.expectedVersion + 1,
        ':version': w.expectedVersion,
        ':zero': 0,
        ':none': [],
        ':change': [w.change],
        ':pairs': w.pairCount,
        ':unmatched': w.unmatched.length,
        ':stats': w.stats,
        ':proposed': 'proposed',
        ':now': w.change.at,
      },
    },
  };
  const items = [
    ...w.put.map((p) => ({
      Put: { TableName: tableName, Item: { [KEYS.pk]: pk(w.programId), [KEYS.sk]: pairSk(w.runId, p.pairingId), type: 'ProposedPair', ...p } },
    })),
    ...w.deletePairs.map((id) => ({ Delete: { TableName: tableName, Key: { [KEYS.pk]: pk(w.programId), [KEYS.sk]: pairSk(w.runId, id) } } })),
    ...w.unmatched.map((u) => ({
      Put: { TableName: tableName, Item: { [KEYS.pk]: pk(w.programId), [KEYS.sk]: unmatchedSk(w.runId, u.participantId), type: 'UnmatchedParticipant', ...u } },
    })),
    ...w.deleteUnmatched.map((id) => ({ Delete: { TableName: tableName, Key: { [KEYS.pk]: pk(w.programId), [KEYS.sk]: unmatchedSk(w.runId, id) } } })),
  ];
  try {
    if (items.length < TRANSACTION_LIMIT) {
      await client.send(new TransactWriteCommand({ TransactItems: [header, ...items] }));
      return;
    }
    await client.send(new UpdateCommand(header.Update));
  } catch (e) {
    if (isConditionFailure(e) || (e as Error).name === 'TransactionCanceledException') throw new RunChangedMeanwhile(w.runId);
    throw e;
  }
  for (let i = 0; i < items.length; i += 25) {
    let requests = items
      .slice(i, i + 25)
      .map((item) => ('Put' in item ? { PutRequest: { Item: item.Put!.Item } } : { DeleteRequest: { Key: item.Delete!.Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8)
        throw new Error(`DynamoDB kept refusing ${requests.length} items of run ${w.runId}; make the change again (it is recorded, the items are not).`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

/**
 * The approval questions sent for the run, in an item of their own (`MATCHING#{runId}#APPROVAL`)
 * so that reading the run never shows them; the reminder's replace the first ones (those timed out).
 */
export async function recordApprovalQuestions(programId: string, runId: string, opaqueIds: readonly string[]): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: { [KEYS.pk]: pk(programId), [KEYS.sk]: `MATCHING#${runId}#APPROVAL`, type: 'ApprovalQuestions', opaqueIds: [...opaqueIds] },
    }),
  );
}

/**
 * Puts `askedAgain` in place of `replaced` in the run's approval questions (the admin was asked
 * again with the changed proposal): written only over the list as read, safe to run again.
 */
export async function replaceApprovalQuestion(programId: string, runId: string, replaced: string, askedAgain: string): Promise<void> {
  const { client, tableName } = dynamo();
  for (let attempt = 0; attempt < 5; attempt++) {
    const ids = await approvalQuestionsOf(programId, runId);
    if (ids.includes(askedAgain) && !ids.includes(replaced)) return;
    const next = ids.includes(replaced) ? ids.map((id) => (id === replaced ? askedAgain : id)) : [...ids.filter((id) => id !== askedAgain), askedAgain];
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { [KEYS.pk]: pk(programId), [KEYS.sk]: `MATCHING#${runId}#APPROVAL`, type: 'ApprovalQuestions', opaqueIds: next },
          ConditionExpression: ids.length > 0 ? 'opaqueIds = :read' : 'attribute_not_exists(#pk)',
          ...(ids.length > 0 ? { ExpressionAttributeValues: { ':read': ids } } : { ExpressionAttributeNames: { '#pk': KEYS.pk } }),
        }),
      );
      return;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
  throw new Error(`The approval questions of run ${runId} kept changing while one was replaced; the step will be retried.`);
}

export async function approvalQuestionsOf(programId: string, runId: string): Promise<string[]> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: `MATCHING#${runId}#APPROVAL` }, ConsistentRead: true }),
  );
  return (Item?.opaqueIds as string[] | undefined) ?? [];
}

/**
 * Marks the run approved (who, when) unless it already is; true when this call marked it. From
 * then on the proposal cannot be changed. With `reviewVersion` (the version an approval email
 * showed), only while the proposal is still at that version and waiting for approval: a review
 * change and this approval cannot interleave (saveReviewChange holds the same item's condition).
 */
export async function markApproved(programId: string, runId: string, by: string, now = new Date(), opts: { reviewVersion?: number } = {}): Promise<boolean> {
  const { client, tableName } = dynamo();
  const at = now.toISOString();
  const atVersion = opts.reviewVersion !== undefined;
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: runKey(programId, runId),
        UpdateExpression: 'SET approvedAt = :at, approvedBy = :by',
        ConditionExpression: `attribute_exists(#pk) AND attribute_not_exists(approvedAt)${
          atVersion ? ' AND #status = :proposed AND (reviewVersion = :version OR (attribute_not_exists(reviewVersion) AND :version = :zero))' : ''
        }`,
        ExpressionAttributeNames: { '#pk': KEYS.pk, ...(atVersion ? { '#status': 'status' } : {}) },
        ExpressionAttributeValues: {
          ':at': at,
          ':by': by,
          ...(atVersion ? { ':version': opts.reviewVersion, ':zero': 0, ':proposed': 'proposed' } : {}),
        },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Adds one entry to the run's audit of changes (the approval, once it is delivered). */
export async function recordChange(programId: string, runId: string, change: ReviewChangeRecord): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: runKey(programId, runId),
      UpdateExpression: 'SET changes = list_append(if_not_exists(changes, :none), :change)',
      ExpressionAttributeValues: { ':none': [], ':change': [change] },
    }),
  );
}

/**
 * Names another approver on the approval this call marked (`at`): two admins answered at once, and
 * the other's answer reached the workflow first.
 */
export function renameApprover(programId: string, runId: string, at: string, by: string): Promise<void> {
  return updateIfApprovedAt(programId, runId, at, 'SET approvedBy = :by', { ':by': by });
}

/** Undoes `markApproved` when the approval could not be delivered (the question had closed). */
export function unmarkApproved(programId: string, runId: string, at: string): Promise<void> {
  return updateIfApprovedAt(programId, runId, at, 'REMOVE approvedAt, approvedBy', {});
}

/** Changes the run's approval only while it is still the one marked at `at` (else nothing: another call moved it). */
async function updateIfApprovedAt(programId: string, runId: string, at: string, update: string, values: Record<string, string>): Promise<void> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: runKey(programId, runId),
        UpdateExpression: update,
        ConditionExpression: 'approvedAt = :at',
        ExpressionAttributeValues: { ':at': at, ...values },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/** The program's proposals still waiting for an admin's approval (run headers only, not their pairs). */
export async function listRunsAwaitingApproval(programId: string): Promise<ReviewedRun[]> {
  const { client, tableName } = dynamo();
  const items = await queryAll<Record<string, unknown>>((start) =>
    client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :runs)',
        FilterExpression: '#type = :run AND #status = :proposed AND attribute_not_exists(approvedAt) AND pairCount > :zero',
        ExpressionAttributeNames: { '#pk': KEYS.pk, '#sk': KEYS.sk, '#type': 'type', '#status': 'status' },
        ExpressionAttributeValues: { ':pk': pk(programId), ':runs': 'MATCHING#', ':run': 'MatchingRun', ':proposed': 'proposed', ':zero': 0 },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    ),
  );
  return items.map((i) => withoutKeys<ReviewedRun>(i));
}

const excludedSk = (pair: PastPair) => `EXCLUDED#${pair.mentorId}#${pair.menteeId}`;

/**
 * Pairs the admins rejected or forbade in a run they approved: never proposed again in the program
 * (a later cohort run, a rematch, a review's re-solve), as a past pair is not. One item per pair,
 * written again unchanged by a retry.
 */
export async function excludePairs(programId: string, runId: string, pairs: readonly PastPair[], now = new Date()): Promise<void> {
  const { client, tableName } = dynamo();
  for (const pair of pairs) {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          [KEYS.pk]: pk(programId),
          [KEYS.sk]: excludedSk(pair),
          type: 'ExcludedPair',
          mentorId: pair.mentorId,
          menteeId: pair.menteeId,
          runId,
          at: now.toISOString(),
        },
      }),
    );
  }
}

/** The program's pairs never to propose again (excludePairs). */
export async function excludedPairs(programId: string): Promise<PastPair[]> {
  return (await queryByPrefix(pk(programId), 'EXCLUDED#', 'consistent')).map((i) => ({ mentorId: String(i.mentorId), menteeId: String(i.menteeId) }));
}
