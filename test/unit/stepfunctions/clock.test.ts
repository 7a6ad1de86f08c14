import { afterEach, describe, expect, it } from 'vitest';
import { addDuration, parseDuration, SimClock } from '../../../local/clock';

const START = Date.parse('2025-01-31T10:00:00Z');
let clock: SimClock | undefined;

afterEach(() => {
  clock?.dispose();
  clock = undefined;
});

describe('parseDuration', () => {
  it.each([
    ['P14D', 14 * 86_400_000],
    ['PT12H', 12 * 3_600_000],
    ['PT90M', 90 * 60_000],
    ['PT0.5S', 500],
    ['P2W', 14 * 86_400_000],
    ['P1DT1H1M1S', 86_400_000 + 3_661_000],
  ])('%s spans %d ms', (iso, ms) => {
    expect(parseDuration(iso, new Date(START))).toBe(ms);
  });

  it('counts months and years as calendar steps, clamped to the end of the month', () => {
    expect(addDuration(new Date(START), 'P1M').toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(addDuration(new Date('2024-01-31T00:00:00Z'), 'P1M').toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(addDuration(new Date(START), 'P1Y2M3DT4H5M6S').toISOString()).toBe('2026-04-03T14:05:06.000Z');
    expect(parseDuration('P6M', new Date('2025-01-01T00:00:00Z'))).toBe(181 * 86_400_000);
  });

  it.each(['', 'P', 'PT', '14D', 'P1.5M', 'PT1H30', 'P-1D'])('refuses %j with a sentence saying how to write it', (bad) => {
    expect(() => parseDuration(bad)).toThrow(/ISO-8601 duration; write it like P14D/);
  });
});

describe('SimClock', () => {
  it('drives Date in the process and moves it only when advanced at speed 0', async () => {
    clock = new SimClock({ now: START, speed: 0 });
    expect(Date.now()).toBe(START);
    expect(new Date().toISOString()).toBe('2025-01-31T10:00:00.000Z');
    await clock.advance(parseDuration('P14D'));
    expect(new Date().toISOString()).toBe('2025-02-14T10:00:00.000Z');
  });

  it('fires timers in time order, each at its own due time, waiting for the work each one starts', async () => {
    clock = new SimClock({ now: START, speed: 0 });
    const c = clock;
    const seen: string[] = [];
    const sleeper = (label: string, afterMs: number) =>
      c.sleepUntil(START + afterMs).then(async () => {
        // Work woken by a timer, registered so the clock waits for it before the next timer.
        await c.track(new Promise((resolve) => setTimeout(resolve, 5)));
        seen.push(`${label}@${new Date().toISOString()}`);
      });
    void sleeper('late', 3 * 3_600_000);
    void sleeper('early', 3_600_000);
    void sleeper('beyond', 10 * 3_600_000);
    await clock.advance(5 * 3_600_000);
    expect(seen).toEqual(['early@2025-01-31T11:00:00.000Z', 'late@2025-01-31T13:00:00.000Z']);
    expect(clock.now().toISOString()).toBe('2025-01-31T15:00:00.000Z');
    expect(clock.pendingTimers).toBe(1);
  });

  it('fires timers that work scheduled during the same advance', async () => {
    clock = new SimClock({ now: START, speed: 0 });
    const c = clock;
    const times: number[] = [];
    const chain = async () => {
      for (let i = 0; i < 3; i++) {
        await c.sleep(60_000);
        times.push(Date.now() - START);
      }
    };
    void chain();
    await clock.advance(10 * 60_000);
    expect(times).toEqual([60_000, 120_000, 180_000]);
  });

  it('does not count parked work as busy, and waits for it again once woken', async () => {
    clock = new SimClock({ now: START, speed: 0 });
    const c = clock;
    let finished = false;
    c.begin();
    const worker = (async () => {
      await c.park(c.sleep(1000));
      // Real I/O after waking, not tracked separately: the worker's own busy count covers it.
      await new Promise((resolve) => setTimeout(resolve, 10));
      finished = true;
      c.end();
    })();
    expect(clock.busy).toBe(0);
    await clock.idle();
    await clock.advance(1000);
    expect(finished).toBe(true);
    await worker;
  });

  it('waits in idle() until tracked work settles', async () => {
    clock = new SimClock({ now: START, speed: 0 });
    let done = false;
    void clock.track(new Promise((resolve) => setTimeout(resolve, 20)).then(() => (done = true)));
    await clock.idle();
    expect(done).toBe(true);
  });

  it('rejects an aborted sleep and forgets its timer', async () => {
    clock = new SimClock({ now: START, speed: 0 });
    const stop = new AbortController();
    const sleeping = clock.sleep(DAY_MS, stop.signal);
    stop.abort(new Error('stopped'));
    await expect(sleeping).rejects.toThrow('stopped');
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets simulated time flow at a speed factor and fires what falls due on its own', async () => {
    clock = new SimClock({ now: START, speed: 100_000 });
    await clock.sleep(60_000);
    expect(Date.now()).toBeGreaterThanOrEqual(START + 60_000);
  });

  it('refuses to move backwards or to run two clocks over Date', async () => {
    clock = new SimClock({ now: START, speed: 0 });
    await expect(clock.advance(-1)).rejects.toThrow(/only moves forward/);
    expect(() => new SimClock()).toThrow(/already drives Date/);
  });
});

const DAY_MS = 86_400_000;
