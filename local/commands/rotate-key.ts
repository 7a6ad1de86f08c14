import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { GetSecretValueCommand, ListSecretsCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DEFAULT_GRACE_DAYS, parseSigningSecret, rotateSigningKeys, RotationRefused, serializeSigningKeys } from '../../functions/domain/replies/signing-keys';
import { apiBaseUrl, type CommandIo, DEFAULT_URL, isUsageError, UsageError } from './usage';

export const USAGE = `Usage: crossgen rotate-key [--url ${DEFAULT_URL} | --aws] [--secret-id <arn or name>] [--grace-days ${DEFAULT_GRACE_DAYS}] [--force]`;

/** Nothing to rotate at the address given: one line that says what to do, no usage text. */
class NoLocalCloud extends Error {}

/** 64 characters from 48 random bytes: the length the stack generates, base64url so it stays text. */
function newKey(): string {
  return randomBytes(48).toString('base64url');
}

/**
 * `crossgen rotate-key`: a new reply signing key becomes current, the old one keeps verifying the
 * reply addresses and answer links it signed for the grace period (docs/security.md). Against the
 * local cloud by default (its Secrets Manager endpoint and simulated clock); with `--aws`, against
 * the account of the SDK's usual configuration (AWS_PROFILE, AWS_REGION). Prints JSON without keys.
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  try {
    const { values } = parseArgs({
      args,
      options: {
        url: { type: 'string' },
        aws: { type: 'boolean', default: false },
        'secret-id': { type: 'string' },
        'grace-days': { type: 'string', default: String(DEFAULT_GRACE_DAYS) },
        force: { type: 'boolean', default: false },
      },
    });
    if (values.aws && values.url) throw new UsageError('Give --url (a local cloud) or --aws (your AWS account), not both.');
    const graceDays = Number(values['grace-days']);
    if (!Number.isFinite(graceDays)) throw new UsageError(`--grace-days must be a number of days, not "${values['grace-days']}".`);
    const url = values.aws ? undefined : apiBaseUrl(values.url ?? DEFAULT_URL);
    // Asked first: without a local cloud the SDK's own error ("connect ECONNREFUSED") says nothing
    // of what to do. The local cloud runs on a simulated clock; the grace period is counted on it.
    const now = url ? await localNow(url) : new Date();
    const client = url
      ? new SecretsManagerClient({ endpoint: url, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })
      : new SecretsManagerClient({});
    try {
      const secretId = values['secret-id'] ?? (await findSigningSecret(client));
      const stored = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      const keys = parseSigningSecret(stored.SecretString ?? '');
      const rotated = rotateSigningKeys(keys, newKey(), now, { graceDays, force: values.force });
      const put = await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: serializeSigningKeys(rotated) }));
      io.stdout(
        `${JSON.stringify({ secretId: put.ARN ?? secretId, versionId: put.VersionId, rotatedAt: now.toISOString(), previousValidUntil: rotated.previousValidUntil })}\n`,
      );
      return 0;
    } finally {
      client.destroy();
    }
  } catch (e) {
    if (isUsageError(e)) {
      io.stderr(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof NoLocalCloud) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    if (e instanceof RotationRefused) {
      io.stderr(`The key was not rotated: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

async function findSigningSecret(client: SecretsManagerClient): Promise<string> {
  const { SecretList = [] } = await client.send(new ListSecretsCommand({}));
  const found = SecretList.filter((s) => (s.Name ?? '').includes('ReplySigningKey'));
  if (found.length !== 1) {
    throw new UsageError(
      `${found.length === 0 ? 'No secret' : `${found.length} secrets`} named like ReplySigningKey found: say which with --secret-id (the stack output or the Secrets Manager console names it).`,
    );
  }
  return found[0]!.ARN!;
}

async function localNow(url: string): Promise<Date> {
  let res: Response;
  try {
    res = await fetch(`${url}/local/clock`);
  } catch {
    throw new NoLocalCloud(
      `No local cloud answers at ${url}: start one with \`npx crossgen local\`, or pass --url (or --aws to rotate the key of your AWS account).`,
    );
  }
  if (!res.ok) throw new NoLocalCloud(`${url} is not a local cloud (GET /local/clock answered ${res.status}): pass the local cloud's --url, or --aws for AWS.`);
  return new Date(((await res.json()) as { now: string }).now);
}
