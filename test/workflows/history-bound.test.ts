import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

describe('PairingLifecycle: execution history stays small', () => {
  it('a 12-month weekly program stays below 2,000 history events (quota 25,000)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { durationMonths: 12, checkInCadenceDays: 7, checkInAnswerWindowDays: 3, milestoneDays: [30, 90, 180, 270] } });
    const { mentor, mentee, executionArn } = await h.pair({ programId });
    const status = await h.runUntilDone(executionArn, [mentor.email, mentee.email], (e) => (/questions/.test(e.subject) ? 'PROGRESS 4, RECOMMEND 8' : 'yes 4'), 'P1D', 450);
    expect(status).toBe('SUCCEEDED');
    const history = await h.history(executionArn);
    const checkIns = history.filter((e) => e.type === 'ParallelStateEntered' && e.details?.name === 'Ask both about their check-in').length;
    expect(checkIns).toBeGreaterThanOrEqual(48);
    expect(history.length).toBeLessThan(2000);
  });
});
