import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { KEEP_ALIVE_MS, keepConnectionsAlive } from '../../../local/http-api';

describe('the local cloud keeps idle connections longer than fetch reuses them', () => {
  it('announces a keep-alive timeout of 65 s, so the client gives up on a socket before the server closes it', async () => {
    const server = keepConnectionsAlive(http.createServer((_req, res) => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const first = await fetch(url);
      expect(first.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_MS / 1000}`);
      await first.text();
      // undici's default is to stop reusing a socket 1 s before the announced timeout; Node's default 5 s is what failed.
      expect(KEEP_ALIVE_MS).toBeGreaterThan(5_000 + 1_000);
      expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
