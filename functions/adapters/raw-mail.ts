import { createHash } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tracer } from '../shared/powertools';
import { emailKey } from '../domain/participant';
import { dynamo, isConditionFailure, KEYS } from './dynamo';

/**
 * Raw inbound mail: reading the message SES stored in S3, and the ledger that makes each message
 * count once (SES may deliver twice, S3 may notify twice). Ledger item: PK=INBOUND#{sha256 of the
 * Message-ID, or of the S3 key when there is none}, SK=#INBOUND, kept 30 days by TTL.
 */

// SES refuses messages over 40 MB; anything bigger in the bucket was not put there by SES.
const MAX_RAW_BYTES = 40 * 1024 * 1024;
/** As long as raw mail is kept (the bucket's lifecycle rule), and at least 30 days against repeats. */
const LEDGER_DAYS = Math.max(30, Number(process.env.RAW_MAIL_RETENTION_DAYS) || 30);

let s3: S3Client | undefined;

export class RawMessageTooLarge extends Error {
  override readonly name = 'RawMessageTooLarge';
}

/** The raw RFC 5322 bytes of s3://bucket/key. */
export async function readRawMessage(bucket: string, key: string): Promise<Buffer> {
  // s3rver (the local S3) stores aws-chunked framing unless checksums are only computed when required.
  s3 ??= tracer.captureAWSv3Client(new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }));
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if ((object.ContentLength ?? 0) > MAX_RAW_BYTES) {
    object.Body?.transformToByteArray().catch(() => undefined);
    throw new RawMessageTooLarge(`The object ${key} is ${object.ContentLength} bytes, more than SES ever stores (40 MB); it was not put there by SES.`);
  }
  const bytes = await object.Body?.transformToByteArray();
  return Buffer.from(bytes ?? new Uint8Array());
}

/** S3 event keys are URL-encoded with '+' for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export function messageKeyOf(messageId: string | null, s3Key: string): string {
  const basis = messageId?.trim() ? `message-id:${messageId.trim()}` : `s3:${s3Key}`;
  return createHash('sha256').update(basis).digest('hex');
}

const ledgerKey = (messageKey: string) => ({ [KEYS.pk]: `INBOUND#${messageKey}`, [KEYS.sk]: '#INBOUND' });

/**
 * Claims a message for processing; false when it was handled (or is being handled) already. With
 * its origin, the ledger indexes the object by a hash of the sender's address (GSI1
 * `SENDER#<sha256>`), so that an erasure finds the raw mail a person sent (docs/security.md).
 */
export async function claimMessage(messageKey: string, now = new Date(), origin?: { objectKey: string; sender?: string }): Promise<boolean> {
  const { client, tableName } = dynamo();
  const sender = origin?.sender?.trim();
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...ledgerKey(messageKey),
          type: 'InboundMessage',
          receivedAt: now.toISOString(),
          ...(origin ? { objectKey: origin.objectKey } : {}),
          ...(origin && sender
            ? { [KEYS.gsi1.pk]: `SENDER#${createHash('sha256').update(emailKey(sender)).digest('hex')}`, [KEYS.gsi1.sk]: `INBOUND#${messageKey}` }
            : {}),
          [KEYS.ttl]: Math.ceil(now.getTime() / 1000) + LEDGER_DAYS * 86400,
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** What became of a message, for "why was my reply not counted?" (ids and outcome only). */
export async function recordOutcome(messageKey: string, outcome: string, opaqueId?: string): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: ledgerKey(messageKey),
      UpdateExpression: opaqueId ? 'SET outcome = :o, opaqueId = :q' : 'SET outcome = :o',
      ExpressionAttributeValues: { ':o': outcome, ...(opaqueId ? { ':q': opaqueId } : {}) },
    }),
  );
}

/** Gives a claim back after a transient failure, so that the retried delivery is processed. */
export async function releaseMessage(messageKey: string): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(new DeleteCommand({ TableName: tableName, Key: ledgerKey(messageKey) }));
}
