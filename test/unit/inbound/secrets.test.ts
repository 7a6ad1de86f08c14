import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalSecrets, type LocalSecrets } from '../../../local/secrets';

const ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:ReplySigningKey';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The local endpoint behind a real HTTP server, and the real SDK client pointed at it. */
async function serve(secrets: LocalSecrets): Promise<SecretsManagerClient> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = secrets.handleSecretsRequest(String(req.headers['x-amz-target'] ?? ''), Buffer.concat(chunks).toString());
      res.writeHead(r.status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new SecretsManagerClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  closers.push(async () => {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return client;
}

describe('local Secrets Manager (GetSecretValue)', () => {
  it('answers the real client by ARN and by name with a random alphanumeric value of the template length', async () => {
    const client = await serve(createLocalSecrets([{ arn: ARN, name: 'ReplySigningKey', length: 64 }]));
    const byArn = await client.send(new GetSecretValueCommand({ SecretId: ARN }));
    const byName = await client.send(new GetSecretValueCommand({ SecretId: 'ReplySigningKey' }));
    expect(byArn.SecretString).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(byName.SecretString).toBe(byArn.SecretString);
    expect(byArn).toMatchObject({ ARN, Name: 'ReplySigningKey', VersionStages: ['AWSCURRENT'] });
    expect(byArn.CreatedDate).toBeInstanceOf(Date);
  });

  it('refuses an unknown secret with ResourceNotFoundException, as AWS does', async () => {
    const client = await serve(createLocalSecrets([{ arn: ARN, name: 'ReplySigningKey' }]));
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'Missing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('keeps values stable for a data directory and fresh without one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-secrets-'));
    const read = (s: LocalSecrets) => s.handleSecretsRequest('secretsmanager.GetSecretValue', { SecretId: ARN }).body.SecretString as string;
    const first = read(createLocalSecrets([{ arn: ARN, name: 'ReplySigningKey' }], { dataDir: dir }));
    expect(read(createLocalSecrets([{ arn: ARN, name: 'ReplySigningKey' }], { dataDir: dir }))).toBe(first);
    expect(read(createLocalSecrets([{ arn: ARN, name: 'ReplySigningKey' }]))).not.toBe(first);
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o077).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names what it supports when asked for another operation or given bad input', () => {
    const secrets = createLocalSecrets([{ arn: ARN, name: 'ReplySigningKey' }]);
    expect(secrets.handleSecretsRequest('secretsmanager.DeleteSecret', {})).toMatchObject({
      status: 400,
      body: { __type: 'UnknownOperationException', message: expect.stringContaining('only GetSecretValue, PutSecretValue and ListSecrets') },
    });
    expect(secrets.handleSecretsRequest('secretsmanager.PutSecretValue', { SecretId: ARN })).toMatchObject({
      status: 400,
      body: { __type: 'InvalidParameterException' },
    });
    expect(secrets.handleSecretsRequest('secretsmanager.GetSecretValue', '{nope')).toMatchObject({ status: 400, body: { __type: 'SerializationException' } });
    expect(secrets.handleSecretsRequest('secretsmanager.GetSecretValue', {})).toMatchObject({ status: 400, body: { __type: 'InvalidParameterException' } });
  });

  it('stores a new value with PutSecretValue (what crossgen rotate-key calls), kept across a restart', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'));
    const first = createLocalSecrets([{ arn: ARN, name: 'ReplySigningKey' }], { dataDir });
    expect(first.handleSecretsRequest('secretsmanager.ListSecrets', {})).toMatchObject({
      status: 200,
      body: { SecretList: [{ ARN, Name: 'ReplySigningKey' }] },
    });
    expect(first.handleSecretsRequest('secretsmanager.PutSecretValue', { SecretId: 'ReplySigningKey', SecretString: '{"current":"new"}' }).status).toBe(200);
    expect(first.handleSecretsRequest('secretsmanager.GetSecretValue', { SecretId: ARN }).body.SecretString).toBe('{"current":"new"}');
    const again = createLocalSecrets([{ arn: ARN, name: 'ReplySigningKey' }], { dataDir });
    expect(again.handleSecretsRequest('secretsmanager.GetSecretValue', { SecretId: 'ReplySigningKey' }).body.SecretString).toBe('{"current":"new"}');
  });
});
