import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requireEnv } from '../shared/config';

/**
 * Secrets Manager reads, cached per container: the reply signing key is read on the first reply
 * or question of a container and then reused, so a busy inbound path costs one GetSecretValue per
 * cold start. The endpoint comes from the SDK configuration (AWS_ENDPOINT_URL_SECRETS_MANAGER locally).
 */

let client: SecretsManagerClient | undefined;
const cache = new Map<string, Promise<string>>();

export async function secretString(secretId: string): Promise<string> {
  let value = cache.get(secretId);
  if (!value) {
    client ??= new SecretsManagerClient({});
    value = client.send(new GetSecretValueCommand({ SecretId: secretId })).then((r) => {
      if (typeof r.SecretString !== 'string' || r.SecretString === '') {
        throw new Error(`The secret ${secretId} has no text value: store the key as a SecretString (the CDK stack generates one).`);
      }
      return r.SecretString;
    });
    cache.set(secretId, value);
    // A failed read must not be cached: the next invocation tries again.
    value.catch(() => cache.delete(secretId));
  }
  return value;
}

/** The HMAC key for reply addresses and answer links (REPLY_SIGNING_SECRET_ARN). */
export function replySigningKey(): Promise<string> {
  return secretString(requireEnv('REPLY_SIGNING_SECRET_ARN'));
}

