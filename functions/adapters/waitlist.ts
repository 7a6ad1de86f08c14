import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { WaitlistCode } from '../domain/emails';
import type { UnmatchedParticipant } from '../domain/matching/match';
import type { Role } from '../domain/participant';
import { dynamo, isConditionFailure, KEYS, queryByPrefix, withoutKeys } from './dynamo';

/**
 * What matching leaves in a program's partition (PK=PROGRAM#{programId}), docs/cohort-matching.md:
 * - each run's proposal: a header `MATCHING#{runId}`, one item per proposed pair
 *   `MATCHING#{runId}#PAIR#{pairingId}` and per unmatched person `MATCHING#{runId}#UNMATCHED#{participantId}`
 *   (one item per pair, not one list, because a large cohort's reasons exceed DynamoDB's 400 KB item);
 * - the waitlist: `WAITLIST#{participantId}`, with the reason the person is waiting;
 * - what matching announced: `MATCHED#{pairingId}` once `PairingMatched` is out. A run header and a
 *   waitlist entry instead carry `eventOwed` from the write that creates them until their event is
 *   out (functions/domain/matching/announcements.ts).
 */

export type RunKind = 'cohort' | 'rematch';
export type RunStatus = 'proposed' | 'completed' | 'not-approved';

export interface StoredProposedPair {
  readonly pairingId: string;
  /** Set when the approved pair could not start: why (markPairNotStarted). */
  readonly notStarted?: string;
  readonly mentorId: string;
  readonly menteeId: string;
  readonly score: number;
  readonly reasons: string[];
  /** Absent on proposals stored before reasons were written per reader. */
  readonly reasonsFor?: { readonly mentor: string[]; readonly mentee: string[]; readonly admin: string[] };
  readonly tradeOffs: string[];
}

export interface MatchingRun {
  readonly programId: string;
  readonly runId: string;
  readonly kind: RunKind;
  readonly status: RunStatus;
  readonly pairCount: number;
  readonly unmatchedCount: number;
  readonly stats: Record<string, unknown>;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set with the header, removed once `MatchingProposed` is out. */
  readonly eventOwed?: true;
}

export interface WaitlistEntry {
  readonly programId: string;
  readonly participantId: string;
  readonly role: Role;
  readonly code: WaitlistCode;
  readonly reason: string;
  /** The matching run that left this person waiting (the latest one), or the pairing whose end hit the rematch cap. */
  readonly runId: string;
  readonly since: string;
  readonly updatedAt: string;
  /** When the person was told they are on the waitlist (once). */
  readonly toldAt?: string;
  /** When they were told a run paired them (once; the entry is removed right after). */
  readonly matchedNoticeAt?: string;
  /** When they were told the program closed without a partner for them (once). */
  readonly closedNoticeAt?: string;
  /** Set when a matching run put them on the waitlist, removed once `ParticipantWaitlisted` is out. */
  readonly eventOwed?: true;
}

const pk = (programId: string) => `PROGRAM#${programId}`;
const runSk = (runId: string) => `MATCHING#${runId}`;

/**
 * Stores a run's proposal. Items go first and the header last, so a header means the proposal is
 * complete; a retried Lambda finds the header and gets `created: false` (the caller then reads
 * the stored pairs back instead of trusting a second solve). The header owes `MatchingProposed`
 * from its first write (`eventOwed`) until `markProposalAnnounced`.
 */
export async function saveProposal(
  run: { programId: string; runId: string; kind: RunKind; stats: Record<string, unknown> },
  pairs: readonly StoredProposedPair[],
  unmatched: readonly UnmatchedParticipant[],
  now = new Date(),
): Promise<{ created: boolean; eventOwed: boolean }> {
  const { client, tableName } = dynamo();
  const stored = await getRun(run.programId, run.runId);
  if (stored) return { created: false, eventOwed: stored.eventOwed === true };
  await putProposalItems(run.programId, run.runId, pairs, unmatched);
  const at = now.toISOString();
  const header: MatchingRun = {
    ...run,
    status: 'proposed',
    pairCount: pairs.length,
    unmatchedCount: unmatched.length,
    createdAt: at,
    updatedAt: at,
    eventOwed: true,
  };
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { [KEYS.pk]: pk(run.programId), [KEYS.sk]: runSk(run.runId), type: 'MatchingRun', ...header },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
      }),
    );
    return { created: true, eventOwed: true };
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return { created: false, eventOwed: (await getRun(run.programId, run.runId))?.eventOwed === true };
  }
}

/** `MatchingProposed` is out: the header owes nothing any more. */
export async function markProposalAnnounced(programId: string, runId: string): Promise<void> {
  await settleOwedEvent(programId, runSk(runId));
}

/** `ParticipantWaitlisted` is out: the entry owes nothing any more. */
export async function markWaitlistAnnounced(programId: string, participantId: string): Promise<void> {
  await settleOwedEvent(programId, `WAITLIST#${participantId}`);
}

async function settleOwedEvent(programId: string, sk: string): Promise<void> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: sk },
        UpdateExpression: 'REMOVE eventOwed',
        // Never recreate an item removed meanwhile (a waitlist entry of someone paired since).
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

const matchedSk = (pairingId: string) => `MATCHED#${pairingId}`;

/** Whether `PairingMatched` was marked as put for this pairing (functions/domain/matching/announcements.ts). */
export async function pairingAnnounced(programId: string, pairingId: string): Promise<boolean> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: matchedSk(pairingId) }, ConsistentRead: true }),
  );
  return Item !== undefined;
}

/** Marks `PairingMatched` as put for this pairing; marking it again changes nothing. */
export async function markPairingAnnounced(programId: string, pairingId: string, now = new Date()): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: { [KEYS.pk]: pk(programId), [KEYS.sk]: matchedSk(pairingId), type: 'PairingAnnounced', pairingId, at: now.toISOString() },
    }),
  );
}

/** Pair and unmatched items of a run; BatchWrite cannot be conditional: these items only ever hold the run's own result. */
async function putProposalItems(
  programId: string,
  runId: string,
  pairs: readonly StoredProposedPair[],
  unmatched: readonly UnmatchedParticipant[],
): Promise<void> {
  const { client, tableName } = dynamo();
  const items = [
    ...pairs.map((p) => ({ [KEYS.pk]: pk(programId), [KEYS.sk]: `${runSk(runId)}#PAIR#${p.pairingId}`, type: 'ProposedPair', ...p })),
    ...unmatched.map((u) => ({ [KEYS.pk]: pk(programId), [KEYS.sk]: `${runSk(runId)}#UNMATCHED#${u.participantId}`, type: 'UnmatchedParticipant', ...u })),
  ];
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error(`DynamoDB kept refusing ${requests.length} proposal items of run ${runId}; run the matching again later.`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

/**
 * Adds pairs (and unmatched people) to a stored proposal after its approval: the people freed when
 * an approved pair could not start, matched again (`approvedProposal`). Counts on the header stay
 * those of the solve; the run's pair list is the items.
 */
export async function addToProposal(
  programId: string,
  runId: string,
  pairs: readonly StoredProposedPair[],
  unmatched: readonly UnmatchedParticipant[],
): Promise<void> {
  await putProposalItems(programId, runId, pairs, unmatched);
}

export async function getRun(programId: string, runId: string): Promise<MatchingRun | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: runSk(runId) }, ConsistentRead: true }),
  );
  return Item ? withoutKeys<MatchingRun>(Item) : undefined;
}

async function runChildren<T>(programId: string, runId: string, kind: 'PAIR' | 'UNMATCHED'): Promise<T[]> {
  return (await queryByPrefix(pk(programId), `${runSk(runId)}#${kind}#`, 'consistent')).map((i) => withoutKeys<T>(i));
}

export const listProposedPairs = (programId: string, runId: string) => runChildren<StoredProposedPair>(programId, runId, 'PAIR');
export const listUnmatched = (programId: string, runId: string) => runChildren<UnmatchedParticipant>(programId, runId, 'UNMATCHED');

export async function getProposedPair(programId: string, runId: string, pairingId: string): Promise<StoredProposedPair | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: `${runSk(runId)}#PAIR#${pairingId}` }, ConsistentRead: true }),
  );
  return Item ? withoutKeys<StoredProposedPair>(Item) : undefined;
}

/** A proposed pair that could not start (one of the two left, the mentor filled up): the run says why. */
export async function markPairNotStarted(programId: string, runId: string, pairingId: string, reason: string): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: `${runSk(runId)}#PAIR#${pairingId}` },
      UpdateExpression: 'SET notStarted = :reason',
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEYS.pk },
      ExpressionAttributeValues: { ':reason': reason },
    }),
  );
}

/** Moves a proposed run to its outcome; a run already there stays as it is (retries). */
export async function closeRun(programId: string, runId: string, status: Exclude<RunStatus, 'proposed'>, now = new Date()): Promise<void> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: runSk(runId) },
        UpdateExpression: 'SET #status = :status, #updatedAt = :now',
        ConditionExpression: '#status = :proposed',
        ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt' },
        ExpressionAttributeValues: { ':status': status, ':proposed': 'proposed', ':now': now.toISOString() },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/**
 * Puts a person on the waitlist, or refreshes why they wait; `since` keeps the first day. With
 * `announce`, an entry this call creates owes `ParticipantWaitlisted` (`eventOwed`, written with
 * it) until `markWaitlistAnnounced`; `eventOwed` says whether the entry, new or not, still owes it.
 */
export async function putWaitlistEntry(
  entry: Omit<WaitlistEntry, 'since' | 'updatedAt' | 'eventOwed'>,
  now = new Date(),
  opts: { announce?: boolean } = {},
): Promise<{ created: boolean; eventOwed: boolean }> {
  const { client, tableName } = dynamo();
  if (opts.announce) {
    const at = now.toISOString();
    const { programId, participantId, role, code, reason, runId } = entry;
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            [KEYS.pk]: pk(programId),
            [KEYS.sk]: `WAITLIST#${participantId}`,
            type: 'WaitlistEntry',
            ...{ programId, participantId, role, code, reason, runId },
            since: at,
            updatedAt: at,
            eventOwed: true,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEYS.pk },
        }),
      );
      return { created: true, eventOwed: true };
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
  const out = await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { [KEYS.pk]: pk(entry.programId), [KEYS.sk]: `WAITLIST#${entry.participantId}` },
      UpdateExpression:
        'SET #type = :type, programId = :programId, participantId = :participantId, #role = :role, code = :code, reason = :reason, runId = :runId, since = if_not_exists(since, :now), updatedAt = :now',
      ExpressionAttributeNames: { '#type': 'type', '#role': 'role' },
      ExpressionAttributeValues: {
        ':type': 'WaitlistEntry',
        ':programId': entry.programId,
        ':participantId': entry.participantId,
        ':role': entry.role,
        ':code': entry.code,
        ':reason': entry.reason,
        ':runId': entry.runId,
        ':now': now.toISOString(),
      },
      // The entry as it was: whether it existed, and what it owes (this update leaves that alone).
      ReturnValues: 'ALL_OLD',
    }),
  );
  return { created: out.Attributes?.since === undefined, eventOwed: out.Attributes?.eventOwed === true };
}

/** The notices a waitlist entry records: told they wait, told they were matched, told the program closed. */
export type WaitlistNotice = 'toldAt' | 'matchedNoticeAt' | 'closedNoticeAt';

/**
 * Claims a notice about a waitlist entry (`toldAt`, `matchedNoticeAt`, `closedNoticeAt`): true once per entry, so the
 * email goes out at most once; `releaseWaitlistNotice` gives the claim back when the send failed.
 */
export async function claimWaitlistNotice(programId: string, participantId: string, field: WaitlistNotice, now = new Date()): Promise<boolean> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: `WAITLIST#${participantId}` },
        UpdateExpression: 'SET #f = :now',
        ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#f)',
        ExpressionAttributeNames: { '#f': field, '#pk': KEYS.pk },
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function releaseWaitlistNotice(programId: string, participantId: string, field: WaitlistNotice): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: `WAITLIST#${participantId}` },
      UpdateExpression: 'REMOVE #f',
      ExpressionAttributeNames: { '#f': field },
    }),
  );
}

export async function getWaitlistEntry(programId: string, participantId: string): Promise<WaitlistEntry | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: `WAITLIST#${participantId}` }, ConsistentRead: true }),
  );
  return Item ? withoutKeys<WaitlistEntry>(Item) : undefined;
}

/** Takes a person off the waitlist (they were paired). */
export async function removeWaitlistEntry(programId: string, participantId: string): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(new DeleteCommand({ TableName: tableName, Key: { [KEYS.pk]: pk(programId), [KEYS.sk]: `WAITLIST#${participantId}` } }));
}

export async function listWaitlist(programId: string): Promise<WaitlistEntry[]> {
  return (await queryByPrefix(pk(programId), 'WAITLIST#')).map((i) => withoutKeys<WaitlistEntry>(i));
}
