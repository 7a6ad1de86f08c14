import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TemplateResolver } from './synth';

/**
 * A minimal Secrets Manager endpoint (AWS JSON 1.1) for the secrets of our templates:
 * GetSecretValue (what our functions call), and ListSecrets and PutSecretValue (what
 * `crossgen rotate-key` calls). No emulator exists for it. Each secret gets a
 * random value like `generateSecretString` would make; with a data directory the values are kept
 * (reply addresses in a local mailbox keep working after a restart).
 */

export interface LocalSecretDefinition {
  /** The ARN the template resolves `Ref` to; the secret can also be asked for by `name`. */
  readonly arn: string;
  readonly name: string;
  /** @default 64 (the StatefulStack's passwordLength) */
  readonly length?: number;
}

export interface SecretsResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface LocalSecrets {
  /** One request: `target` is the X-Amz-Target header, `body` the request JSON (text or parsed). */
  handleSecretsRequest(target: string, body: unknown): SecretsResponse;
  readonly arns: readonly string[];
}

interface StoredSecret {
  readonly value: string;
  readonly versionId: string;
  readonly createdAt: number;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomSecret(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 * 62: rejecting larger bytes keeps every character equally likely.
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % 62];
    }
  }
  return out;
}

function error(status: number, type: string, message: string): SecretsResponse {
  return { status, body: { __type: type, message } };
}

export function createLocalSecrets(definitions: readonly LocalSecretDefinition[], opts: { dataDir?: string } = {}): LocalSecrets {
  const file = opts.dataDir ? path.join(opts.dataDir, 'secrets.json') : undefined;
  const kept: Record<string, StoredSecret> = file && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, StoredSecret>) : {};
  const byId = new Map<string, { arn: string; name: string; secret: StoredSecret }>();
  // One entry object per secret, reachable by ARN and by name: a PutSecretValue updates both.
  let changed = false;
  for (const d of definitions) {
    let secret = kept[d.arn];
    if (!secret) {
      secret = { value: randomSecret(d.length ?? 64), versionId: randomUUID(), createdAt: Date.now() / 1000 };
      kept[d.arn] = secret;
      changed = true;
    }
    const entry = { arn: d.arn, name: d.name, secret };
    byId.set(d.arn, entry);
    byId.set(d.name, entry);
  }
  if (file && changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
  }

  return {
    arns: definitions.map((d) => d.arn),
    handleSecretsRequest(target, rawBody) {
      const operations = ['secretsmanager.GetSecretValue', 'secretsmanager.PutSecretValue', 'secretsmanager.ListSecrets'];
      if (!operations.includes(target)) {
        return error(
          400,
          'UnknownOperationException',
          `The local Secrets Manager implements only GetSecretValue, PutSecretValue and ListSecrets, not ${target || '(no X-Amz-Target)'}.`,
        );
      }
      let body: unknown = rawBody;
      if (typeof rawBody === 'string' || Buffer.isBuffer(rawBody)) {
        try {
          body = JSON.parse(rawBody.toString() || '{}');
        } catch {
          return error(400, 'SerializationException', 'The request body is not valid JSON.');
        }
      }
      if (target === 'secretsmanager.ListSecrets') {
        const list = [...new Map([...byId.values()].map((e) => [e.arn, e])).values()];
        return { status: 200, body: { SecretList: list.map((e) => ({ ARN: e.arn, Name: e.name, CreatedDate: e.secret.createdAt })) } };
      }
      const secretId = (body as { SecretId?: unknown } | null)?.SecretId;
      if (typeof secretId !== 'string' || secretId === '') {
        return error(400, 'InvalidParameterException', 'GetSecretValue needs SecretId: the ARN or name of the secret.');
      }
      const entry = byId.get(secretId);
      if (!entry) {
        return error(
          400,
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret (${secretId}); the local cloud knows ${[...new Set([...byId.values()].map((e) => e.name))].join(', ') || 'no secrets'}.`,
        );
      }
      if (target === 'secretsmanager.PutSecretValue') {
        const value = (body as { SecretString?: unknown }).SecretString;
        if (typeof value !== 'string' || value === '')
          return error(400, 'InvalidParameterException', 'PutSecretValue needs SecretString: the new value of the secret.');
        entry.secret = { value, versionId: randomUUID(), createdAt: Date.now() / 1000 };
        kept[entry.arn] = entry.secret;
        if (file) fs.writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
        return { status: 200, body: { ARN: entry.arn, Name: entry.name, VersionId: entry.secret.versionId, VersionStages: ['AWSCURRENT'] } };
      }
      return {
        status: 200,
        body: {
          ARN: entry.arn,
          Name: entry.name,
          SecretString: entry.secret.value,
          VersionId: entry.secret.versionId,
          VersionStages: ['AWSCURRENT'],
          CreatedDate: entry.secret.createdAt,
        },
      };
    },
  };
}

/** The secrets our templates declare, named and addressed the way the template resolver resolves them. */
export function secretsOfTemplates(resolver: TemplateResolver): LocalSecretDefinition[] {
  return resolver.resources('AWS::SecretsManager::Secret').map(({ logicalId, resource }) => {
    const length = Number(resource.Properties?.GenerateSecretString?.PasswordLength);
    return { arn: resolver.arnOf(logicalId), name: logicalId, ...(Number.isInteger(length) && length > 0 ? { length } : {}) };
  });
}
