import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ChunkRecord, ImportJobRecord, RowResult } from '../domain/import-job';
import { requireEnv } from '../shared/config';
import { tracer } from '../shared/powertools';
import { dynamo, isConditionFailure, KEYS, queryAll } from './dynamo';

/**
 * Import jobs: the uploaded file in S3 (the bucket's KMS key encrypts it; deleted when the job
 * ends, the bucket's 30-day expiry only a backstop), the job
 * and one result item per chunk in the table (PK=IMPORT#<id>, SK=#IMPORT and CHUNK#<n>, kept
 * 30 days by TTL), and the workflow that enrols the rows (IMPORT_JOBS_ARN).
 */

const KEEP_DAYS = 30;
const jobPk = (importId: string) => `IMPORT#${importId}`;
const chunkSk = (chunk: number) => `CHUNK#${String(chunk).padStart(5, '0')}`;
const fileKey = (importId: string) => `imports/${importId}.csv`;
const expiresAt = () => Math.floor(Date.now() / 1000) + KEEP_DAYS * 86_400;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `imp_` + 20 base32 characters: random, nothing personal in it (it names the execution too). */
export function newImportId(): string {
  let id = 'imp_';
  for (const byte of randomBytes(20)) id += BASE32[byte & 31];
  return id;
}

export const IMPORT_ID = /^imp_[a-z2-7]{20}$/;

let s3: S3Client | undefined;
let sfn: SFNClient | undefined;
// s3rver (the local S3) stores aws-chunked framing unless checksums are only computed when required.
const s3Client = () =>
  (s3 ??= tracer.captureAWSv3Client(new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' })));

export async function storeImportFile(importId: string, bytes: Uint8Array): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({ Bucket: requireEnv('IMPORT_BUCKET'), Key: fileKey(importId), Body: bytes, ContentType: 'text/csv; charset=utf-8' }),
  );
}

export async function readImportFile(importId: string): Promise<string> {
  const object = await s3Client().send(new GetObjectCommand({ Bucket: requireEnv('IMPORT_BUCKET'), Key: fileKey(importId) }));
  return (await object.Body?.transformToString('utf-8')) ?? '';
}

/**
 * The file is read by the job's steps only: once the job has ended, the personal data in it (a row
 * per person, erased people included) has no use left. Deleting an absent object succeeds: safe twice.
 */
export async function deleteImportFile(importId: string): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: requireEnv('IMPORT_BUCKET'), Key: fileKey(importId) }));
}

export async function createImportJob(job: ImportJobRecord): Promise<void> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { [KEYS.pk]: jobPk(job.importId), [KEYS.sk]: '#IMPORT', type: 'ImportJob', ...job, [KEYS.ttl]: expiresAt() },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
      }),
    );
  } catch (e) {
    // The id is new and random: a job already there is this one, written by an attempt whose answer
    // was lost. Read back, so that a conflict with no job behind it is not taken for one.
    if (!isConditionFailure(e) || !(await getImportJob(job.importId))) throw e;
  }
}

/** Starts the workflow; the execution is named after the import, so a second start of it is refused by Step Functions. */
export async function startImportJob(importId: string, programId: string, chunks: number): Promise<void> {
  sfn ??= tracer.captureAWSv3Client(new SFNClient({}));
  await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: requireEnv('IMPORT_JOBS_ARN'),
      name: importId,
      input: JSON.stringify({ importId, programId, chunks: Array.from({ length: chunks }, (_, i) => i) }),
    }),
  );
}

export async function getImportJob(importId: string): Promise<ImportJobRecord | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: jobPk(importId), [KEYS.sk]: '#IMPORT' }, ConsistentRead: true }));
  if (!Item) return undefined;
  const { importId: id, programId, total, chunks, createdAt, finishedAt, failure } = Item as ImportJobRecord;
  return { importId: id, programId, total, chunks, createdAt, ...(finishedAt ? { finishedAt } : {}), ...(failure ? { failure } : {}) };
}

export async function listChunks(importId: string): Promise<ChunkRecord[]> {
  const { client, tableName } = dynamo();
  const items = await queryAll<Record<string, unknown>>((startKey) =>
    client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :chunk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk, '#sk': KEYS.sk },
        ExpressionAttributeValues: { ':pk': jobPk(importId), ':chunk': 'CHUNK#' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    ),
  );
  return items.map((i) => ({
    chunk: Number(i.chunk),
    rows: i.rows as RowResult[],
    ...(i.confirmations ? { confirmations: i.confirmations as ChunkRecord['confirmations'] & object } : {}),
  }));
}

export async function getChunk(importId: string, chunk: number): Promise<ChunkRecord | undefined> {
  const { client, tableName } = dynamo();
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: jobPk(importId), [KEYS.sk]: chunkSk(chunk) }, ConsistentRead: true }),
  );
  return Item
    ? { chunk, rows: Item.rows as RowResult[], ...(Item.confirmations ? { confirmations: Item.confirmations as { sent: number; pending: number } } : {}) }
    : undefined;
}

/** Stores a chunk's results once: a retried step that finds them keeps the first (what was really created then). */
export async function putChunk(importId: string, chunk: number, rows: readonly RowResult[]): Promise<ChunkRecord> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { [KEYS.pk]: jobPk(importId), [KEYS.sk]: chunkSk(chunk), type: 'ImportChunk', chunk, rows, [KEYS.ttl]: expiresAt() },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
      }),
    );
    return { chunk, rows };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return (await getChunk(importId, chunk)) ?? { chunk, rows };
  }
}

export async function setChunkConfirmations(importId: string, chunk: number, confirmations: { sent: number; pending: number }): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { [KEYS.pk]: jobPk(importId), [KEYS.sk]: chunkSk(chunk) },
      UpdateExpression: 'SET confirmations = :c',
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEYS.pk },
      ExpressionAttributeValues: { ':c': confirmations },
    }),
  );
}

export async function endImportJob(importId: string, outcome: { finishedAt: string } | { failure: string }): Promise<void> {
  const { client, tableName } = dynamo();
  const [field, value] = 'failure' in outcome ? ['failure', outcome.failure] : ['finishedAt', outcome.finishedAt];
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { [KEYS.pk]: jobPk(importId), [KEYS.sk]: '#IMPORT' },
      UpdateExpression: 'SET #field = if_not_exists(#field, :value)',
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': KEYS.pk, '#field': field },
      ExpressionAttributeValues: { ':value': value },
    }),
  );
}
