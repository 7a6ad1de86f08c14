import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import sesLocal from 'aws-ses-v2-local';
import { inject } from 'vitest';
import { startDynamoDbLocal } from '../../../local/dynamodb';
import { startLocalS3 } from '../../../local/s3';
import { createLocalSecrets } from '../../../local/secrets';
import { TABLE_KEYS } from '../../../lib/stateful-stack';

/**
 * The emulators the intake tests need: the DynamoDB Local that the run's global setup started
 * (test/setup/local-cloud.ts; one per run), with a fresh table of lib/stateful-stack.ts's keys for
 * this file so that "the table is unchanged" can be proven, and a SESv2 mailbox of its own (an
 * in-process server) so that mail counts are this file's. Run without the global setup
 * (test/integration/intake/vitest.config.ts), it starts its own DynamoDB Local. The handlers find them through the same
 * environment variables the local cloud sets.
 */
export interface IntakeCloud {
  readonly tableName: string;
  readonly db: DynamoDBDocumentClient;
  readonly sesEndpoint: string;
  /**
   * The import jobs the intake started (StartExecution's input), oldest first. The tests run the
   * ImportParticipants steps themselves, in the state machine's order; the real state machine runs
   * them in test/workflows/import-jobs.test.ts.
   */
  startedImports(): { importId: string; programId: string; chunks: number[] }[];
  /** Every item of the table, sorted by key, to prove a request changed nothing. */
  scanTable(): Promise<Record<string, unknown>[]>;
  /** Emails the mailbox holds, newest last. */
  mails(): Promise<{ destination: { to: string[] }; subject: string; body: { text?: string; html?: string } }[]>;
  stop(): Promise<void>;
}

const REGION = 'eu-west-1';

export async function startIntakeCloud(): Promise<IntakeCloud> {
  const shared = inject('cloud') as { dynamoEndpoint: string } | undefined;
  const dynamo = shared ? { endpoint: shared.dynamoEndpoint, stop: async () => undefined } : await startDynamoDbLocal();
  const ses = await sesLocal({ host: '127.0.0.1', port: 0 });
  const sesEndpoint = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
  const tableName = `intake-${process.pid}-${Date.now()}`;
  // Confirmations carry the person's standing reply address, signed with the reply signing key.
  const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:ReplySigningKey';
  const secrets = createLocalSecrets([{ arn: SECRET_ARN, name: 'ReplySigningKey' }]);
  const secretsServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = secrets.handleSecretsRequest(String(req.headers['x-amz-target'] ?? ''), Buffer.concat(chunks).toString());
      res.writeHead(r.status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => secretsServer.listen(0, '127.0.0.1', resolve));
  // Import files go to a real local S3; StartExecution is recorded for the test to run the steps.
  const importBucket = 'intake-import-files';
  const s3 = await startLocalS3({ buckets: [importBucket] });
  const started: { importId: string; programId: string; chunks: number[] }[] = [];
  const sfnServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { name?: string; input?: string };
      started.push(JSON.parse(body.input ?? '{}'));
      res
        .writeHead(200, { 'content-type': 'application/x-amz-json-1.0' })
        .end(JSON.stringify({ executionArn: `arn:aws:states:eu-west-1:000000000000:execution:ImportParticipants:${body.name}`, startDate: Date.now() / 1000 }));
    });
  });
  await new Promise<void>((resolve) => sfnServer.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(secretsServer.address() as AddressInfo).port}`,
    REPLY_SIGNING_SECRET_ARN: SECRET_ARN,
    INBOUND_DOMAIN: 'reply.example.com',
    ANSWER_BASE_URL: 'https://answers.example.com',
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SESV2: sesEndpoint,
    TABLE_NAME: tableName,
    IMPORT_BUCKET: importBucket,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    IMPORT_JOBS_ARN: 'arn:aws:states:eu-west-1:000000000000:stateMachine:ImportParticipants',
    AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${(sfnServer.address() as AddressInfo).port}`,
    MAIL_FROM: 'crossgen <programs@example.com>',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_TRACE_ENABLED: 'false',
  });
  const raw = new DynamoDBClient({ region: REGION, endpoint: dynamo.endpoint });
  const key = (name: string, type: 'HASH' | 'RANGE') => ({ AttributeName: name, KeyType: type });
  const attrs = [
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    TABLE_KEYS.gsi1.partitionKey,
    TABLE_KEYS.gsi1.sortKey,
    TABLE_KEYS.gsi2.partitionKey,
    TABLE_KEYS.gsi2.sortKey,
  ];
  await raw.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attrs.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [key(TABLE_KEYS.partitionKey, 'HASH'), key(TABLE_KEYS.sortKey, 'RANGE')],
      GlobalSecondaryIndexes: [TABLE_KEYS.gsi1, TABLE_KEYS.gsi2].map((g) => ({
        IndexName: g.name,
        KeySchema: [key(g.partitionKey, 'HASH'), key(g.sortKey, 'RANGE')],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  const db = DynamoDBDocumentClient.from(raw);
  return {
    tableName,
    db,
    sesEndpoint,
    startedImports: () => [...started],
    async scanTable() {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      const id = (i: Record<string, unknown>) => `${String(i.PK)}|${String(i.SK)}`;
      return items.sort((a, b) => id(a).localeCompare(id(b)));
    },
    async mails() {
      const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: never[] };
      return store.emails;
    },
    async stop() {
      raw.destroy();
      await new Promise<void>((resolve) => ses.close(() => resolve()));
      await new Promise<void>((resolve) => secretsServer.close(() => resolve()));
      await new Promise<void>((resolve) => sfnServer.close(() => resolve()));
      await s3.stop();
      await dynamo.stop();
    },
  };
}
