import { describe, expect, inject, it } from 'vitest';
import { runLoad } from '../../bench/load-run';

/**
 * `npm run bench:load` in small (docs/local.md, Load): a cohort enrolled, matched, approved and
 * run through its 6-month program with simulated replies, then every pairing's outbox checked
 * against the mailbox. Correctness only; the bench measures the speed.
 */

const PEOPLE = 40;

describe('a cohort through a whole program (the load bench, small)', () => {
  it('loses no email, sends none twice, fails no execution and keeps to the quotas', { timeout: 900_000 }, async () => {
    const { baseUrl } = inject('cloud');
    const r = await runLoad({ url: baseUrl, people: PEOPLE, seed: 2 });

    expect(r.people.enrolled).toBe(PEOPLE);
    expect(r.pairings.total).toBeGreaterThan(PEOPLE / 4);
    // One lifecycle per pairing, every one ended, none failed.
    expect(r.executions.lifecycle).toBe(r.pairings.total);
    expect(r.executions.failed).toEqual([]);
    expect(r.executions.stillRunning).toBe(0);
    expect(r.pairings.completed).toBeGreaterThan(0);
    // Every email an outbox decided went out exactly once.
    expect(r.emails.outboxSent).toBeGreaterThan(r.pairings.completed * 10);
    expect(r.emails.lost).toBe(0);
    expect(r.emails.lostItems).toEqual([]);
    expect(r.emails.duplicated).toBe(0);
    expect(r.replies.sent).toBeGreaterThan(0);
    // Every send passed the SES bucket; lifecycle starts stayed within the StartExecution bucket.
    expect(r.quotas.sesSent).toBeGreaterThanOrEqual(r.emails.sent);
    expect(r.startExecution.peakPerSimulatedSecond).toBeLessThanOrEqual(r.quotas.startExecutionBurst);
    expect(r.startExecution.throttled).toBe(0);
    expect(r.transitionsPerPairing.max).toBeLessThan(300);
  });
});
