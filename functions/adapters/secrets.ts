import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseSigningSecret, verificationKeys, type SigningKeys } from '../domain/replies/signing-keys';
import { requireEnv } from '../shared/config';
import { tracer } from '../shared/powertools';

/**
 * Secrets Manager reads, cached per container for a short while: a busy inbound path costs about
 * one GetSecretValue a minute, and a rotated key reaches every container within that minute. The
 * endpoint comes from the SDK configuration (AWS_ENDPOINT_URL_SECRETS_MANAGER locally).
 */

let client: SecretsManagerClient | undefined;
const cache = new Map<string, { value: Promise<string>; readAt: number; readAtDate: number; settled: boolean }>();
const CACHE_MS = 60_000;

/**
 * How long ago a read was: the longer of real time and `Date` time. On AWS they are the same; the
 * local cloud's simulated clock moves `Date` by days in a real second, and a key whose grace period
 * ended in simulated days must not still verify from a copy read a real second before.
 */
const age = (entry: { readAt: number; readAtDate: number }) => Math.max(performance.now() - entry.readAt, Date.now() - entry.readAtDate);

export async function secretString(secretId: string, opts: { maxAgeMs?: number } = {}): Promise<string> {
  const cached = cache.get(secretId);
  // A read still in flight is as fresh as it gets: concurrent callers share it.
  if (cached && (age(cached) < (opts.maxAgeMs ?? CACHE_MS) || !cached.settled)) return cached.value;
  client ??= tracer.captureAWSv3Client(new SecretsManagerClient({}));
  const value = client.send(new GetSecretValueCommand({ SecretId: secretId })).then((r) => {
    if (typeof r.SecretString !== 'string' || r.SecretString === '') {
      throw new Error(`The secret ${secretId} has no text value: store the key as a SecretString (the CDK stack generates one).`);
    }
    return r.SecretString;
  });
  const entry = { value, readAt: performance.now(), readAtDate: Date.now(), settled: false };
  cache.set(secretId, entry);
  // A failed read must not be cached: the next invocation tries again.
  value.then(
    () => void (entry.settled = true),
    () => cache.delete(secretId),
  );
  return value;
}

/** The current and previous reply signing keys (REPLY_SIGNING_SECRET_ARN, docs/security.md). */
export async function replySigningKeys(opts: { maxAgeMs?: number } = {}): Promise<SigningKeys> {
  return parseSigningSecret(await secretString(requireEnv('REPLY_SIGNING_SECRET_ARN'), opts));
}

/** The HMAC key that signs new reply addresses and answer links: the current one. */
export async function replySigningKey(): Promise<string> {
  return (await replySigningKeys()).current;
}

/**
 * The keys a reply address or answer link may verify against at `now`. With `fresh`, the secret
 * is read again (callers do so only when no cached key verified): a container that cached the
 * secret before a rotation would otherwise refuse what a newer container signed with the new key.
 * A forged address thus costs one GetSecretValue, next to the S3 read and DynamoDB claim it
 * already costs.
 */
export async function replyVerificationKeys(now: Date, opts: { fresh?: boolean } = {}): Promise<readonly string[]> {
  return verificationKeys(await replySigningKeys(opts.fresh ? { maxAgeMs: 0 } : {}), now);
}
