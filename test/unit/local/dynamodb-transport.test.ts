import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbTransport } from '../../../local/dynamodb-transport';

/** A stand-in HTTP service that says who it is and what it was asked. */
async function service(name: string) {
  const seen: { target: string; path: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ target: String(req.headers['x-amz-target']), path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-served-by': name }).end(JSON.stringify({ TableNames: [name] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the handlers’ DynamoDB transport in the local cloud', () => {
  let direct: Awaited<ReturnType<typeof service>>;
  let proxy: Awaited<ReturnType<typeof service>>;
  let armed = false;
  let transport: ReturnType<typeof dynamoDbTransport>;
  let client: DynamoDBClient;

  beforeAll(async () => {
    direct = await service('dynamodb-local');
    proxy = await service('fault-proxy');
    transport = dynamoDbTransport({ dynamoDbLocal: direct.url, faultsArmed: () => armed });
    // The SDK resolves the cloud's port, as AWS_ENDPOINT_URL_DYNAMODB does for the handlers.
    client = new DynamoDBClient({
      endpoint: proxy.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestHandler: transport,
    });
  });
  afterAll(async () => {
    client.destroy();
    await Promise.all([direct, proxy].map((s) => new Promise((resolve) => s.server.close(resolve))));
  });

  it('goes straight to DynamoDB Local while no fault is armed, and the SDK reads its answer', async () => {
    const out = await client.send(new ListTablesCommand({ Limit: 5 }));
    expect(out.TableNames).toEqual(['dynamodb-local']);
    expect(direct.seen.at(-1)).toMatchObject({ target: 'DynamoDB_20120810.ListTables', path: '/' });
    expect(JSON.parse(direct.seen.at(-1)!.body)).toEqual({ Limit: 5 });
    expect(proxy.seen).toHaveLength(0);
  });

  it('takes the address the SDK resolved (the fault proxy) while a fault is armed, and goes direct again after', async () => {
    armed = true;
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(['fault-proxy']);
    armed = false;
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(['dynamodb-local']);
    expect(proxy.seen).toHaveLength(1);
  });

  it('counts the calls by operation, whichever way they went', () => {
    expect(transport.calls()).toEqual({ ListTables: 3 });
  });
});
