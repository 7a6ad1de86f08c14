import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

describe('PairingLifecycle: execution history stays small', () => {
  it('a 12-month weekly program stays far below the 25,000-event quota of one execution', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({
      lifecycle: { durationMonths: 12, checkInCadenceDays: 7, checkInAnswerWindowDays: 3, milestoneDays: [30, 90, 180, 270] },
    });
    const { mentor, mentee, executionArn, pairingId } = await h.pair({ programId });
    const status = await h.runUntilDone(
      executionArn,
      [mentor.email, mentee.email],
      (e) => (/questions/.test(e.subject) ? 'PROGRESS 4, RECOMMEND 8' : 'yes 4'),
      'P1D',
      450,
    );
    expect(status).toBe('SUCCEEDED');
    const history = await h.history(executionArn);
    // Weekly check-ins for a year, less the few merged into a milestone review due within two days.
    const { checkIns } = await h.pairing(pairingId);
    expect(checkIns.length).toBeGreaterThanOrEqual(44);
    expect(checkIns.every((c) => c.met)).toBe(true);
    // About 13 events a wake: each person's question, each answer and each deadline wakes it.
    expect(history.length).toBeLessThan(5000);
  });
});
