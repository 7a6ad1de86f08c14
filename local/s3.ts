import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Local S3 for raw inbound mail: s3rver 3.7.1 in this process, on 127.0.0.1. s3rver always
 * stores on disk; "in memory" means a temporary directory removed on stop. Clients must set
 * `requestChecksumCalculation: 'WHEN_REQUIRED'` (see NOTES.md), as functions/adapters/raw-mail.ts does.
 */

interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: never[] }[];
  allowMismatchedSignatures: boolean;
}) => S3rverServer;

// s3rver is CommonJS without type declarations: load it through require and describe what we use.
const requireCjs = createRequire(import.meta.url);
const S3rver = requireCjs('s3rver') as S3rverConstructor;
// s3rver knows one access key (S3RVER); the local cloud's clients sign with their own dummy key.
const s3rverAccount = (requireCjs('s3rver/lib/models/account') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } }).DUMMY_ACCOUNT;

export interface LocalS3Options {
  /** Keeps objects across restarts; undefined = a temporary directory removed on stop. */
  readonly directory?: string;
  /** Buckets to create at start (e.g. the inbound-mail bucket of the template). */
  readonly buckets?: readonly string[];
  /** @default 0 (any free port) */
  readonly port?: number;
  /** Access key ids clients sign with. @default 'local' and AWS_ACCESS_KEY_ID */
  readonly accessKeyIds?: readonly string[];
}

export interface LocalS3 {
  /** http://127.0.0.1:<port>: an IP address, so the SDK addresses buckets by path. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export async function startLocalS3(opts: LocalS3Options = {}): Promise<LocalS3> {
  for (const name of opts.buckets ?? []) {
    if (!BUCKET_NAME.test(name)) throw new Error(`"${name}" is not a valid S3 bucket name: use 3-63 lower-case letters, digits, dots and hyphens.`);
  }
  for (const id of opts.accessKeyIds ?? ['local', process.env.AWS_ACCESS_KEY_ID ?? 'local']) s3rverAccount.createKeyPair(id, id);
  const temporary = opts.directory === undefined;
  const directory = opts.directory ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-s3-'));
  fs.mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port ?? 0,
    silent: true,
    directory,
    configureBuckets: (opts.buckets ?? []).map((name) => ({ name, configs: [] })),
    // Emulators ignore signatures elsewhere in the local cloud too (dummy credentials).
    allowMismatchedSignatures: true,
  });
  // Under the simulated clock, SDK clients correct their clock from response Date headers that
  // Node stamps with the real time, so a request may be signed with either time. Signatures are
  // not checked here, so s3rver's 15-minute skew check is given the simulated time it compares with.
  (
    server as unknown as { middleware: ((ctx: { headers: Record<string, string | undefined> }, next: () => Promise<void>) => Promise<void>)[] }
  ).middleware.unshift(async (ctx, next) => {
    if (ctx.headers['x-amz-date']) ctx.headers['x-amz-date'] = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
    await next();
  });
  const address = await server.run();
  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      if (temporary) fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
