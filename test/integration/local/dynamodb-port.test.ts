import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDynamoDbLocal } from '../../../local/dynamodb';

/**
 * A free port is free only when it is asked for: a second cloud starting beside this one (the test
 * suite runs two) may take it before java binds it. DynamoDB Local then failed at start ("Address
 * already in use"), and the cloud with it; now such a start is tried again on another port.
 */
describe('DynamoDB Local on a port someone took first', () => {
  let holder: net.Server;
  let taken: number;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    // It accepts a connection and never answers, as a port taken by another program may.
    holder = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    taken = (holder.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => holder.close(() => resolve()));
  });

  it('starts on another free port when the one it picked was taken before java bound it', async () => {
    const picked: number[] = [];
    const db = await startDynamoDbLocal({
      pickPort: async () => {
        const port = picked.length === 0 ? taken : await freePort();
        picked.push(port);
        return port;
      },
    });
    try {
      expect(picked).toHaveLength(2);
      expect(picked[0]).toBe(taken);
      expect(db.endpoint).toBe(`http://127.0.0.1:${picked[1]}`);
      const res = await fetch(db.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: '{}',
      });
      expect(res.status).toBe(200);
    } finally {
      await db.stop();
    }
  });

  it('says so, and does not move, when the caller chose the port', async () => {
    await expect(startDynamoDbLocal({ port: taken })).rejects.toThrow(`DynamoDB Local could not bind port ${taken}`);
  });
});
