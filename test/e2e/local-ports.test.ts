import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('crossgen local on a taken SMTP port', () => {
  // The SMTP listener starts last, after DynamoDB Local: a bound for a busy machine, not a measure.
  it('names --smtp-port (exit 2), not "listen EADDRINUSE"', { timeout: 180_000 }, async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'local', 'crossgen.mjs'), 'local', '--port', '0', '--smtp-port', String(port), '--in-memory', '--quiet'],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(stderr).toBe(`crossgen local: port ${port} is taken: pass another --smtp-port, or stop what listens on 127.0.0.1:${port}.\n`);
      expect(code).toBe(2);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
