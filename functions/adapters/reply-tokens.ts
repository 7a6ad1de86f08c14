import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { emailKey } from '../domain/participant';
import {
  listUnsubscribeHeaders,
  newOpaqueId,
  replyAddress,
  signAnswerToken,
  signConcernToken,
  signUnsubscribeToken,
  STANDING_CLOSES_AT,
  vouchesWithoutSignature,
  type ReplyAnswer,
  type ReplyPurpose,
  type SigningKeys,
} from '../domain/replies';
import { requireEnv } from '../shared/config';
import { dynamo, isConditionFailure, KEYS } from './dynamo';
import { replySigningKey } from './secrets';
import { sendTaskAnswer } from './workflow-callbacks';
import { recordAnswer } from '../domain/pairing/answers';
import { isPairingCommand } from '../domain/replies/commands';
import type { Side } from '../domain/pairing/model';
import { loadPairingItem, PairingVersionConflict, saveRound } from './pairings';
import { rememberStandingReplyId } from './participants';
import { approvalQuestionsOf } from './match-review';
import { approvalRunOf } from '../domain/answer-link';
import { settlementOf, settlementOn, unsettled, type ApprovalSettlement, type Settlement } from '../domain/admin-answer';
import { logger } from '../shared/powertools';

/**
 * Questions the workflows ask by email (docs/inbound.md). Each has an opaque id that maps, in
 * DynamoDB only, to the waiting task token: the token never appears in an email, a link or a log.
 * Item: PK=REPLY#{opaqueId}, SK=#REPLY; `closesAt` is the ISO deadline and `expiresAt` (the
 * table's TTL attribute) deletes the item a week later, so late replies can still be told it closed.
 */

export const PURPOSES = ['acceptance', 'check-in', 'milestone', 'admin-decision', 'approval'] as const satisfies readonly ReplyPurpose[];
const KEEP_AFTER_CLOSING_S = 7 * 24 * 3600;

const questionInput = z.object({
  taskToken: z.string().min(1, 'is required: pass $$.Task.Token from the waitForTaskToken state'),
  purpose: z.enum(PURPOSES),
  programId: z.string().min(1),
  pairingId: z.string().min(1).optional(),
  participantId: z.string().min(1).optional(),
  recipientEmail: z.email(),
  expiresAt: z.iso.datetime({ offset: true }),
  choices: z.array(z.string().min(1).max(64)).max(12),
  context: z.record(z.string(), z.unknown()).optional(),
});
export type QuestionInput = z.input<typeof questionInput>;

export interface IssuedQuestion {
  readonly opaqueId: string;
  readonly replyAddress: string;
  /** choice -> signed URL of the answer page, e.g. { yes: 'https://.../r/<token>' }. */
  readonly answerLinks: Record<string, string>;
}

/** A question as the inbound path sees it: everything but the task token. */
export interface StoredQuestion {
  readonly opaqueId: string;
  readonly purpose: ReplyPurpose;
  readonly programId: string;
  readonly pairingId?: string;
  readonly participantId?: string;
  readonly recipientEmail: string;
  readonly recipientEmailHash: string;
  readonly issuedAt: string;
  readonly closesAt: string;
  readonly choices: readonly string[];
  readonly context?: Record<string, unknown>;
  /** A pairing round's question: which round, and who was asked. */
  readonly roundKey?: string;
  readonly side?: Side;
  readonly usedAt?: string;
  readonly channel?: 'email' | 'link' | 'api';
  readonly messageKey?: string;
  /** When each one-off notice went out (at most one of each per question; clarifications: see clarifiedFor). */
  readonly clarifiedAt?: string;
  /** The message keys of the unclear replies answered with a clarification (at most MAX_CLARIFICATIONS). */
  readonly clarifiedFor?: ReadonlySet<string>;
  readonly closedNoticeAt?: string;
  readonly foreignSenderNoticeAt?: string;
  /** The intent of its own answer (the answer itself stays on the item). */
  readonly answeredIntent?: string;
  /** A matching approval: what settled it, whichever admin's question took the answer (domain/admin-answer.ts). */
  readonly settled?: ApprovalSettlement;
  /** A matching approval asked again with the changed proposal: for which review version, under which question. */
  readonly askedAgainFor?: number;
  readonly askedAgain?: string;
}

export type NoticeField = 'clarifiedAt' | 'closedNoticeAt' | 'foreignSenderNoticeAt';

export type AnswerResult =
  | { readonly status: 'recorded'; readonly answeredAt: string }
  /** This very message (or link click) was recorded before: nothing more to do. */
  | { readonly status: 'duplicate'; readonly answeredAt: string }
  /** `settled`: a matching approval's, who answered it and what was decided. */
  | { readonly status: 'already-answered'; readonly answeredAt: string; readonly settled?: Settlement }
  | { readonly status: 'closed'; readonly closedAt: string }
  /**
   * Nothing was recorded: a matching approval whose email showed a proposal changed since; the
   * admin was sent the current one under `askedAgain` instead (functions/lifecycle/admin-questions.ts).
   */
  | { readonly status: 'asked-again'; readonly askedAgain: string; readonly sentNow: boolean }
  /**
   * Nothing was recorded: an APPROVE or REJECT from an admin who is, in the proposal as it is now, one of the
   * people of a pair (a review change put them in one after their email went out); they were sent
   * which pair that is and who can approve instead (functions/lifecycle/admin-questions.ts).
   */
  | { readonly status: 'not-yours' }
  | { readonly status: 'not-found' };

export const emailHash = (email: string) => createHash('sha256').update(emailKey(email)).digest('hex');
const questionKey = (opaqueId: string) => ({ [KEYS.pk]: `REPLY#${opaqueId}`, [KEYS.sk]: '#REPLY' });

function answerBaseUrl(): string {
  const base = requireEnv('ANSWER_BASE_URL').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base)) throw new Error(`ANSWER_BASE_URL must be an http(s) URL such as https://api.example.com, not "${base}".`);
  return base;
}

/** A question of a pairing's lifecycle round: answers are recorded on the round, not a task token. */
export interface RoundQuestionInput {
  readonly opaqueId: string;
  readonly purpose: 'acceptance' | 'check-in' | 'milestone' | 'admin-decision' | 'fit';
  readonly programId: string;
  readonly pairingId: string;
  readonly roundKey: string;
  readonly side: Side;
  readonly participantId?: string;
  readonly recipientEmail: string;
  readonly closesAt: string;
  readonly choices: readonly string[];
  readonly context?: Record<string, unknown>;
}

/**
 * What every question's reply token holds, whoever issues it: its key, who may answer (the address
 * and its hash, to check the sender), when it was issued and closes, when it expires, the choices.
 */
function tokenItem(opaqueId: string, recipientEmail: string, choices: readonly string[], now: Date, closes: Date) {
  return {
    ...questionKey(opaqueId),
    type: 'ReplyToken',
    opaqueId,
    recipientEmail: recipientEmail.trim(),
    recipientEmailHash: emailHash(recipientEmail),
    issuedAt: now.toISOString(),
    closesAt: closes.toISOString(),
    [KEYS.ttl]: Math.ceil(closes.getTime() / 1000) + KEEP_AFTER_CLOSING_S,
    choices,
  };
}

/**
 * Stores the reply channel of one lifecycle email under the opaque id chosen when the email was
 * decided, so that dispatching the email again issues the same address (written once).
 */
export async function issueRoundQuestion(q: RoundQuestionInput, now = new Date()): Promise<IssuedQuestion> {
  const key = await replySigningKey();
  const { client, tableName } = dynamo();
  const closes = new Date(q.closesAt);
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...tokenItem(q.opaqueId, q.recipientEmail, q.choices, now, closes),
          purpose: q.purpose,
          programId: q.programId,
          pairingId: q.pairingId,
          roundKey: q.roundKey,
          side: q.side,
          ...(q.participantId ? { participantId: q.participantId } : {}),
          ...(q.context ? { context: q.context } : {}),
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const base = q.choices.length > 0 ? answerBaseUrl() : '';
  const answerLinks = Object.fromEntries(
    q.choices.map((choice) => [choice, `${base}/r/${signAnswerToken({ opaqueId: q.opaqueId, choice, expiresAt: closes.toISOString() }, key)}`]),
  );
  return { opaqueId: q.opaqueId, replyAddress: replyAddress(q.opaqueId, key, requireEnv('INBOUND_DOMAIN')), answerLinks };
}

/**
 * Records an answer on the pairing's open round and wakes its execution. A command (STOP, PAUSE,
 * END, REMATCH) is not an answer to the round: its control request does the work. Retries when the pairing
 * changed between read and write (another answer or a step).
 */
async function deliverRoundAnswer(
  item: Record<string, unknown>,
  answer: ReplyAnswer,
  channel: 'email' | 'link',
  now: Date,
): Promise<'delivered' | 'command' | { closedAt: string } | { answeredAt: string }> {
  // An admin's PAUSE or END answers the decision round; a participant's acts as a request.
  if (item.side !== 'admin' && isPairingCommand(answer.intent)) return 'command';
  const pairingId = String(item.pairingId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const loaded = await loadPairingItem(pairingId);
    if (!loaded) return { closedAt: now.toISOString() };
    const recorded = { ...workflowAnswerFields(answer), at: now.toISOString(), channel };
    const out = recordAnswer(loaded.pairing, String(item.roundKey), item.side as Side, recorded, now);
    if (out.status === 'closed') return { closedAt: out.closedAt };
    if (out.status === 'already-answered') return { answeredAt: out.answeredAt };
    try {
      const { wakeToken } = await saveRound(pairingId, loaded.pairing.version, out.round, now);
      if (wakeToken) await sendTaskAnswer(wakeToken, { woken: 'answer' });
      return 'delivered';
    } catch (error) {
      if (!(error instanceof PairingVersionConflict)) throw error;
    }
  }
  throw new Error(`Pairing ${pairingId} kept changing while an answer was recorded; the delivery will be retried.`);
}

function workflowAnswerFields(a: ReplyAnswer) {
  return {
    intent: a.intent,
    ...(a.rating !== undefined ? { rating: a.rating } : {}),
    ...(a.score !== undefined ? { score: a.score } : {}),
    ...(a.note ? { note: a.note } : {}),
    ...(a.pauseUntil ? { pauseUntil: a.pauseUntil } : {}),
    // An admin's "PAUSE from 6 January until 27 January" books the pause from its first day (decide.ts).
    ...(a.pauseUntil && a.pauseFrom ? { pauseFrom: a.pauseFrom } : {}),
    ...(a.decision ? { decision: a.decision } : {}),
    ...(a.items && Object.keys(a.items).length > 0 ? { items: a.items } : {}),
    ...(a.goals && a.goals.length > 0 ? { goals: a.goals } : {}),
    ...(a.keep ? { keep: a.keep } : {}),
    ...(a.change ? { change: a.change } : {}),
    // A note for the partner is kept only with the writer's SHARE (the reader drops it otherwise).
    ...(a.partnerNote ? { partnerNote: a.partnerNote } : {}),
    // Files that came with the reply are not kept: its thanks says so (docs/replies.md).
    ...(a.attachmentsNotKept ? { attachmentsNotKept: true } : {}),
  };
}

export interface StandingAddress {
  readonly opaqueId: string;
  /** Reply-To of every email that asks no question: STOP, PAUSE and END work there. */
  readonly replyAddress: string;
  /** The signed one-click unsubscribe link, `<answer base>/u/<token>`. */
  readonly unsubscribeUrl: string;
  /** List-Unsubscribe and List-Unsubscribe-Post for that link (RFC 8058). */
  readonly headers: Record<string, string>;
  /** The signed link to the person's private concern form, `<answer base>/c/<token>`. */
  readonly concernUrl: string;
}

/**
 * Standing addresses this container has stored, by program and participant: the opaque id, and
 * the participant's version and email address it was stored for. Set only after both writes
 * succeeded, so a hit means the participant item and the token item already say exactly this. Any
 * change to the participant since (a new address, even one changed and changed back through another
 * container) moves its version on and misses. Bounded: cleared whole when full, which only costs a
 * write per person again.
 */
const standingStored = new Map<string, { readonly opaqueId: string; readonly email: string; readonly version: number }>();
const STANDING_CACHE_MAX = 50_000;
const standingCacheKey = (programId: string, participantId: string) => `${programId}#${participantId}`;

/** Drops what this container remembers of a person's standing address (their data is being erased). */
export function forgetStandingAddress(programId: string, participantId: string): void {
  standingStored.delete(standingCacheKey(programId, participantId));
}

/**
 * The person's standing reply address (one per participant, remembered on the participant item)
 * and one-click unsubscribe link. Safe to call for every email: the stored item is rewritten with
 * the person's current address, so a changed email address is recognised as theirs; when this
 * container already stored it for this very version of the participant (`who.version`, as the
 * caller read it), nothing is written again: a pairing's steps email its two members often, and
 * each skip saves two writes. Undefined when the participant is not stored (nothing to withdraw
 * then).
 */
export async function issueStandingAddress(
  who: { readonly programId: string; readonly participantId: string; readonly email: string; readonly version?: number },
  now = new Date(),
): Promise<StandingAddress | undefined> {
  const cacheKey = standingCacheKey(who.programId, who.participantId);
  const cached = standingStored.get(cacheKey);
  if (cached && who.version !== undefined && cached.version === who.version && cached.email === who.email.trim())
    return standingAddress(cached.opaqueId, await replySigningKey());
  const opaqueId = await rememberStandingReplyId(who.programId, who.participantId, newOpaqueId());
  if (!opaqueId) return undefined;
  const key = await replySigningKey();
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: questionKey(opaqueId),
      UpdateExpression:
        'SET #type = :type, opaqueId = :id, purpose = :purpose, programId = :program, participantId = :participant, recipientEmail = :email, recipientEmailHash = :hash, issuedAt = if_not_exists(issuedAt, :now), closesAt = :closes, choices = :none',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': 'ReplyToken',
        ':id': opaqueId,
        ':purpose': 'standing',
        ':program': who.programId,
        ':participant': who.participantId,
        ':email': who.email.trim(),
        ':hash': emailHash(who.email),
        ':now': now.toISOString(),
        ':closes': STANDING_CLOSES_AT,
        ':none': [],
      },
    }),
  );
  if (standingStored.size >= STANDING_CACHE_MAX) standingStored.clear();
  if (who.version !== undefined) standingStored.set(cacheKey, { opaqueId, email: who.email.trim(), version: who.version });
  return standingAddress(opaqueId, key);
}

function standingAddress(opaqueId: string, key: Awaited<ReturnType<typeof replySigningKey>>): StandingAddress {
  const unsubscribeUrl = `${answerBaseUrl()}/u/${signUnsubscribeToken(opaqueId, key)}`;
  return {
    opaqueId,
    replyAddress: replyAddress(opaqueId, key, requireEnv('INBOUND_DOMAIN')),
    unsubscribeUrl,
    headers: listUnsubscribeHeaders(unsubscribeUrl),
    concernUrl: `${answerBaseUrl()}/c/${signConcernToken(opaqueId, key)}`,
  };
}

/**
 * The id of the question that asks again, with what changed, in place of `opaqueId` (`seed`: what
 * it asks about, e.g. the proposal's version): derived, so that a retry issues the same question.
 */
export function followUpQuestionId(opaqueId: string, seed: string): string {
  const digest = createHash('sha256').update(`${opaqueId}\nfollow-up\n${seed}`).digest();
  return [...digest.subarray(0, 24)].map((b) => 'abcdefghijklmnopqrstuvwxyz234567'[b & 31]).join('');
}

/** The task token a question completes (read only to ask again on the same wait: it never leaves the function). */
export async function taskTokenOf(opaqueId: string): Promise<string | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: questionKey(opaqueId), ConsistentRead: true }));
  return typeof Item?.taskToken === 'string' ? Item.taskToken : undefined;
}

/**
 * Claims asking `opaqueId`'s recipient again for `version` (of what it asked about): true the first
 * time for that version, false when it was claimed already (a retry, the same reply twice).
 */
export function claimAskedAgain(opaqueId: string, version: number, askedAgain: string, now = new Date()): Promise<boolean> {
  return claimOnQuestion(opaqueId, {
    UpdateExpression: 'SET askedAgainFor = :v, askedAgain = :again, askedAgainAt = :now',
    ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(askedAgainFor) OR askedAgainFor < :v)',
    ExpressionAttributeNames: { '#pk': KEYS.pk },
    ExpressionAttributeValues: { ':v': version, ':again': askedAgain, ':now': now.toISOString() },
  });
}

/** Takes back `claimAskedAgain` when the email could not be sent, so that a retry sends it. */
export async function releaseAskedAgain(opaqueId: string, version: number): Promise<void> {
  await claimOnQuestion(opaqueId, {
    UpdateExpression: 'REMOVE askedAgainFor, askedAgain, askedAgainAt',
    ConditionExpression: 'askedAgainFor = :v',
    ExpressionAttributeValues: { ':v': version },
  });
}

/**
 * Claims the conflict notice of an approval question at one review version (its admin, now in a
 * proposed pair, answered it: functions/lifecycle/admin-questions.ts): true the first time, false
 * when they were told at that version already, so a second answer or a retry tells nobody twice.
 */
export function claimConflictNotice(opaqueId: string, version: number, now = new Date()): Promise<boolean> {
  return claimOnQuestion(opaqueId, {
    UpdateExpression: 'SET conflictToldFor = :v, conflictToldAt = :now',
    ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(conflictToldFor) OR conflictToldFor < :v)',
    ExpressionAttributeNames: { '#pk': KEYS.pk },
    ExpressionAttributeValues: { ':v': version, ':now': now.toISOString() },
  });
}

/** Takes back `claimConflictNotice` when the email could not be sent, so that a retry sends it. */
export async function releaseConflictNotice(opaqueId: string, version: number): Promise<void> {
  await claimOnQuestion(opaqueId, {
    UpdateExpression: 'REMOVE conflictToldFor, conflictToldAt',
    ConditionExpression: 'conflictToldFor = :v',
    ExpressionAttributeValues: { ':v': version },
  });
}

/**
 * Stores a question and returns the reply address and answer links to put in its email. With
 * `opaqueId` (followUpQuestionId) it is written once: issued again, it returns the same address and links.
 */
export async function issueQuestion(input: QuestionInput, opts: { now?: Date; opaqueId?: string } = {}): Promise<IssuedQuestion> {
  const parsed = questionInput.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'} ${i.message}`).join('; ');
    throw new Error(`The question cannot be issued: ${fields}. Fix the state's Parameters and run it again.`);
  }
  const q = parsed.data;
  const now = opts.now ?? new Date();
  const closes = new Date(q.expiresAt);
  if (closes.getTime() <= now.getTime()) {
    throw new Error(`The question would close at ${closes.toISOString()}, which is not in the future: give it an expiry after now.`);
  }
  const key = await replySigningKey();
  const opaqueId = opts.opaqueId ?? newOpaqueId();
  const { client, tableName } = dynamo();
  const base = q.choices.length > 0 ? answerBaseUrl() : '';
  const put = client.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...tokenItem(opaqueId, q.recipientEmail, q.choices, now, closes),
        taskToken: q.taskToken,
        purpose: q.purpose,
        programId: q.programId,
        pairingId: q.pairingId,
        participantId: q.participantId,
        context: q.context,
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEYS.pk },
    }),
  );
  try {
    await put;
  } catch (error) {
    if (!opts.opaqueId || !isConditionFailure(error)) throw error;
  }
  const answerLinks = Object.fromEntries(
    q.choices.map((choice) => [choice, `${base}/r/${signAnswerToken({ opaqueId, choice, expiresAt: closes.toISOString() }, key)}`]),
  );
  return { opaqueId, replyAddress: replyAddress(opaqueId, key, requireEnv('INBOUND_DOMAIN')), answerLinks };
}

function stored(item: Record<string, unknown>): StoredQuestion {
  const { [KEYS.pk]: _pk, [KEYS.sk]: _sk, [KEYS.ttl]: _ttl, type: _type, taskToken: _token, answer, ...rest } = item;
  const intent = (answer as { intent?: unknown } | undefined)?.intent;
  return { ...rest, ...(typeof intent === 'string' ? { answeredIntent: intent } : {}) } as unknown as StoredQuestion;
}

export async function getQuestion(opaqueId: string): Promise<StoredQuestion | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: questionKey(opaqueId), ConsistentRead: true }));
  return Item ? stored(Item) : undefined;
}

/** The approval questions of a matching run as stored now (one per admin asked, the reminder's in place of the first's). */
export async function runApprovalQuestions(programId: string, runId: string): Promise<StoredQuestion[]> {
  const asked = await Promise.all((await approvalQuestionsOf(programId, runId)).map((id) => getQuestion(id)));
  return asked.filter((q) => q !== undefined);
}

/**
 * Records on every question of a matching approval what settled it (the first answer, by any
 * admin or the admin API: domain/admin-answer.ts), as answered then, so that a later reply to any
 * of them hears who answered and what was decided. Undefined while nothing settled it (or for any
 * other question). Each write keeps what a question already holds: safe to run again.
 */
async function settleApproval(question: Pick<StoredQuestion, 'purpose' | 'programId' | 'context'>): Promise<ApprovalSettlement | undefined> {
  const run = approvalRunOf(question);
  if (!run) return undefined;
  const family = await runApprovalQuestions(run.programId, run.runId);
  const settled = settlementOf(family);
  if (!settled) return undefined;
  for (const opaqueId of unsettled(family)) {
    await claimOnQuestion(opaqueId, {
      UpdateExpression: 'SET settled = if_not_exists(settled, :settled), usedAt = if_not_exists(usedAt, :at)',
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEYS.pk },
      ExpressionAttributeValues: { ':settled': settled, ':at': settled.at },
    });
  }
  return settled;
}

/**
 * The standing address an address or token names when its signature verified with no key held
 * (signed with a key retired since): the stored item vouches for it, or nothing does
 * (domain/replies/standing-credential.ts). One read, and none without a well-formed id or under a
 * secret never rotated.
 */
export async function standingWithoutSignature(
  opaqueId: string | undefined,
  keys: SigningKeys,
  read: typeof getQuestion = getQuestion,
): Promise<StoredQuestion | undefined> {
  if (opaqueId === undefined || keys.previousValidUntil === undefined) return undefined;
  const stored = await read(opaqueId);
  return vouchesWithoutSignature(stored, keys) ? stored : undefined;
}

export { isClosed } from '../domain/answer-link';

/** A conditional update of a question item: true when it applied, false when its condition did not hold. */
async function claimOnQuestion(opaqueId: string, update: Omit<UpdateCommandInput, 'TableName' | 'Key'>): Promise<boolean> {
  const { client, tableName } = dynamo();
  try {
    await client.send(new UpdateCommand({ TableName: tableName, Key: questionKey(opaqueId), ...update }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Sets a one-off notice marker; false when that notice was already sent for this question. */
export function markNotice(opaqueId: string, field: NoticeField, now = new Date()): Promise<boolean> {
  return claimOnQuestion(opaqueId, {
    UpdateExpression: 'SET #f = :now',
    ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#f)',
    ExpressionAttributeNames: { '#f': field, '#pk': KEYS.pk },
    ExpressionAttributeValues: { ':now': now.toISOString() },
  });
}

/** How many unclear replies to one question are each answered with a clarification. */
export const MAX_CLARIFICATIONS = 3;

/**
 * Claims the clarification of one unclear reply (by its message key): true the first time for that
 * message, while the question has had fewer than MAX_CLARIFICATIONS; false for the same message
 * again (a retry) or past the cap, which keeps two mail robots from writing to each other forever.
 */
export function markClarification(opaqueId: string, messageKey: string, now = new Date()): Promise<boolean> {
  return claimOnQuestion(opaqueId, {
    UpdateExpression: 'SET #at = if_not_exists(#at, :now) ADD #for :msgs',
    ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(#for) OR (size(#for) < :max AND NOT contains(#for, :msg)))',
    ExpressionAttributeNames: { '#at': 'clarifiedAt', '#for': 'clarifiedFor', '#pk': KEYS.pk },
    ExpressionAttributeValues: { ':now': now.toISOString(), ':msgs': new Set([messageKey]), ':msg': messageKey, ':max': MAX_CLARIFICATIONS },
  });
}

/** How many messages to one standing address are answered with its help within STANDING_HELP_WINDOW_MS. */
export const MAX_STANDING_HELP = 3;
/** A standing address never closes: its help is capped per day, from the first message answered. */
export const STANDING_HELP_WINDOW_MS = 24 * 3600_000;

/**
 * Claims the standing-address help for one message (by its message key): true while fewer than
 * MAX_STANDING_HELP messages were answered in the window opened by the first of them (a window
 * over opens a new one); false for the same message again (a retry) or past the cap, so that a
 * mail robot sending no auto-reply headers and the standing address never write to each other for
 * ever. `standingHelpSince` and `standingHelpFor` on the standing address's item hold the window.
 */
export async function markStandingHelp(opaqueId: string, messageKey: string, now = new Date()): Promise<boolean> {
  const cutoff = new Date(now.getTime() - STANDING_HELP_WINDOW_MS).toISOString();
  const names = { '#since': 'standingHelpSince', '#for': 'standingHelpFor', '#pk': KEYS.pk };
  const msgs = new Set([messageKey]);
  const oneMore = () =>
    claimOnQuestion(opaqueId, {
      UpdateExpression: 'ADD #for :msgs',
      ConditionExpression: 'attribute_exists(#pk) AND #since > :cutoff AND size(#for) < :max AND NOT contains(#for, :msg)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':cutoff': cutoff, ':msgs': msgs, ':msg': messageKey, ':max': MAX_STANDING_HELP },
    });
  const newWindow = () =>
    claimOnQuestion(opaqueId, {
      UpdateExpression: 'SET #since = :now, #for = :msgs',
      ConditionExpression: 'attribute_exists(#pk) AND (attribute_not_exists(#since) OR #since <= :cutoff)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':now': now.toISOString(), ':cutoff': cutoff, ':msgs': msgs },
    });
  // A concurrent message may open the window between the first two tries: there may be room in it.
  return (await oneMore()) || (await newWindow()) || oneMore();
}

/** The answer as the workflow reads it: every field present (null when absent) for JSONPath. */
function workflowAnswer(a: ReplyAnswer) {
  return {
    intent: a.intent,
    rating: a.rating ?? null,
    score: a.score ?? null,
    note: a.note ?? null,
    pauseUntil: a.pauseUntil ?? null,
    decision: a.decision ?? null,
  };
}

/**
 * Records the answer once (only while the question is open), then completes the waiting task with
 * `{ answer, answeredBy, channel, answeredAt }`. When Step Functions says the task is gone, the
 * question is closed instead. Other Step Functions errors undo the record and throw, so a retry
 * of the delivery can record it.
 */
export async function answerQuestion(
  opaqueId: string,
  answer: ReplyAnswer,
  opts: { messageKey?: string; channel?: 'email' | 'link' | 'api'; now?: Date } = {},
): Promise<AnswerResult> {
  const now = opts.now ?? new Date();
  const answeredAt = now.toISOString();
  const channel = opts.channel ?? (opts.messageKey ? 'email' : 'link');
  const { client, tableName } = dynamo();
  let item: Record<string, unknown>;
  try {
    const result = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: questionKey(opaqueId),
        UpdateExpression: `SET usedAt = :now, answer = :answer, channel = :channel${opts.messageKey ? ', messageKey = :mk' : ''}`,
        ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(usedAt) AND closesAt > :now',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
        ExpressionAttributeValues: {
          ':now': answeredAt,
          ':answer': workflowAnswer(answer),
          ':channel': channel,
          ...(opts.messageKey ? { ':mk': opts.messageKey } : {}),
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    item = result.Attributes ?? {};
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const raw = (error as { Item?: Parameters<typeof unmarshall>[0] }).Item;
    if (!raw) return { status: 'not-found' };
    const old = stored(unmarshall(raw));
    if (old.usedAt !== undefined) {
      if (opts.messageKey !== undefined && old.messageKey === opts.messageKey) return { status: 'duplicate', answeredAt: old.usedAt };
      const settled = settlementOn(old);
      return { status: 'already-answered', answeredAt: old.usedAt, ...(settled ? { settled } : {}) };
    }
    return { status: 'closed', closedAt: old.closesAt };
  }

  if (typeof item.roundKey === 'string') {
    let delivered: Awaited<ReturnType<typeof deliverRoundAnswer>>;
    try {
      // Round questions are answered by participants, never through the admin API.
      delivered = await deliverRoundAnswer(item, answer, channel === 'api' ? 'link' : channel, now);
    } catch (error) {
      await undoAnswer(opaqueId, answeredAt, false);
      throw error;
    }
    if (delivered === 'delivered') return { status: 'recorded', answeredAt };
    if (delivered === 'command') {
      // The question stays open for a real answer: the command acts through its own request.
      await undoAnswer(opaqueId, answeredAt, false);
      return { status: 'recorded', answeredAt };
    }
    await undoAnswer(opaqueId, answeredAt, true);
    return 'answeredAt' in delivered ? { status: 'already-answered', answeredAt: delivered.answeredAt } : { status: 'closed', closedAt: delivered.closedAt };
  }

  // answeredBy is left out for admin questions (no participant), never null: consumers read it as optional.
  const participantId = item.participantId as string | undefined;
  const output = { answer: workflowAnswer(answer), ...(participantId ? { answeredBy: participantId } : {}), channel, answeredAt };
  let delivered: 'delivered' | 'closed';
  try {
    delivered = await sendTaskAnswer(String(item.taskToken), output);
  } catch (error) {
    await undoAnswer(opaqueId, answeredAt, false);
    throw error;
  }
  const question = stored(item);
  if (delivered === 'closed') {
    await undoAnswer(opaqueId, answeredAt, true);
    // Another admin's answer (or the admin API's) completed the wait first: this question records it too.
    const settled = await settleApproval(question);
    return settled ? { status: 'already-answered', answeredAt: settled.at, settled } : { status: 'closed', closedAt: answeredAt };
  }
  // The other admins' questions record the answer now; should this fail, a reply to one of them still
  // finds it (above), so it does not take back an answer the workflow has.
  await settleApproval(question).catch((error: unknown) =>
    logger.warn("approval answered, but the other admins' questions not marked yet", { opaqueId, errorName: (error as Error)?.name }),
  );
  return { status: 'recorded', answeredAt };
}

/** Takes back a record the workflow did not accept; `close` also ends the question there and then. */
async function undoAnswer(opaqueId: string, answeredAt: string, close: boolean): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: questionKey(opaqueId),
      UpdateExpression: `REMOVE usedAt, answer, channel, messageKey${close ? ' SET closesAt = :now, closedBy = :workflow' : ''}`,
      ConditionExpression: 'usedAt = :now',
      ExpressionAttributeValues: { ':now': answeredAt, ...(close ? { ':workflow': 'workflow' } : {}) },
    }),
  );
}

/**
 * Moves an open question to the task its workflow waits on now (the same task run again: a retried
 * invocation, or an execution a restarted local cloud runs again), open until `closesAt`, the new
 * wait's end: the reply address of the email already sent keeps working (its answer links keep
 * their own expiry). False when it was answered or closed meanwhile.
 */
export async function repointQuestion(opaqueId: string, taskToken: string, closesAt: Date, now = new Date()): Promise<boolean> {
  return claimOnQuestion(opaqueId, {
    UpdateExpression: 'SET taskToken = :token, closesAt = :closes, #ttl = :ttl',
    ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(usedAt) AND closesAt > :now',
    ExpressionAttributeNames: { '#pk': KEYS.pk, '#ttl': KEYS.ttl },
    ExpressionAttributeValues: {
      ':token': taskToken,
      ':closes': closesAt.toISOString(),
      ':ttl': Math.ceil(closesAt.getTime() / 1000) + KEEP_AFTER_CLOSING_S,
      ':now': now.toISOString(),
    },
  });
}

/** Completes a wait with the decision an admin gave before it began (domain/approval-ask.ts, `answered`). */
export async function deliverEarlierAnswer(
  taskToken: string,
  answered: { readonly answeredAt: string; readonly channel: string; readonly decision: 'approved' | 'rejected' },
): Promise<'delivered' | 'closed'> {
  const answer =
    answered.decision === 'approved'
      ? workflowAnswer({ intent: 'yes', reason: 'Approved before this wait began.' })
      : workflowAnswer({ intent: 'no', reason: 'Rejected before this wait began.' });
  return sendTaskAnswer(taskToken, { answer, channel: answered.channel, answeredAt: answered.answeredAt });
}
