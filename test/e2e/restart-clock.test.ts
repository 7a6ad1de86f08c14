import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb';
import { LocalStateStore } from '../../local/persistence';
import { MOMENTS, runStoppedCloud } from './clock-stop';
import { exited, startCloud } from './cloud-process';

/**
 * The simulated clock through a stop in the middle of an advance (docs/local.md, Restarts and the
 * local API; QA restart8): a kill -9 just after a timer fired took the restart back days, behind
 * records its work had stored, and a Ctrl-C answered the cut advance 200.
 */
describe('a stop in the middle of a clock advance', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-restart-clock-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a kill -9 right after a timer fired: the restart goes on from that timer, never from before it', { timeout: 600_000 }, async () => {
    const dir = dataDir();
    const killed = await runStoppedCloud('kill', dir);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const restarted = startCloud(dir, await freePort());
    try {
      const baseUrl = await restarted.ready;
      const { now } = (await (await fetch(`${baseUrl}/local/clock`)).json()) as { now: string };
      expect(Date.parse(now)).toBeGreaterThanOrEqual(MOMENTS.fired);
      // Time stood still while it was down: not on to the advance's target, nor past the next timer.
      expect(Date.parse(now)).toBeLessThan(MOMENTS.next);
    } finally {
      await exited(restarted.child, 'SIGTERM');
    }
  });

  it('a Ctrl-C: the advance is answered 503 saying where the clock stopped, and the restart goes on from there', { timeout: 300_000 }, async () => {
    const dir = dataDir();
    const interrupted = await runStoppedCloud('interrupt', dir);
    expect(interrupted.code, interrupted.stderr).toBe(0);
    const fired = new Date(MOMENTS.fired).toISOString();
    expect(interrupted.report).toEqual({
      status: 503,
      body: {
        message: expect.stringMatching(new RegExp(`stopped early at ${fired}.*shutting down`)),
        stoppedEarly: true,
        now: fired,
        target: '2027-06-08T12:00:00.000Z',
        pendingTimers: 1,
      },
    });
    expect(new LocalStateStore(dir).readResumeTime()).toBe(MOMENTS.fired);
  });
});
