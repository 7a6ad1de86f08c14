import { describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS, LocalQuotas, parseQuotaSettings, quotasFromEnvironment } from '../../../local/faults/quotas';
import { QuotaClock, TokenBucket } from '../../../local/faults/token-bucket';

describe('TokenBucket', () => {
  it('allows a burst of its capacity, then one call per refill interval', () => {
    const bucket = new TokenBucket(3, 2); // 3 at once, then one every 500 ms
    expect([0, 0, 0, 0].map(() => bucket.tryTake(1000))).toEqual([true, true, true, false]);
    expect(bucket.tryTake(1499)).toBe(false);
    expect(bucket.tryTake(1500)).toBe(true);
    expect(bucket.tryTake(1500)).toBe(false);
  });

  it('never holds more than its capacity, however long it rests', () => {
    const bucket = new TokenBucket(2, 10);
    bucket.tryTake(0);
    expect(bucket.available(1_000_000)).toBe(2);
  });

  it('does not refill when time goes backwards', () => {
    const bucket = new TokenBucket(1, 1);
    bucket.tryTake(5000);
    expect(bucket.tryTake(1000)).toBe(false);
    expect(bucket.tryTake(5999)).toBe(false);
    expect(bucket.tryTake(6000)).toBe(true);
  });

  it('refuses a capacity below 1 or a rate that is not positive', () => {
    expect(() => new TokenBucket(0.5, 1)).toThrow(/capacity of at least 1/);
    expect(() => new TokenBucket(1, 0)).toThrow(/positive refill rate/);
  });
});

describe('QuotaClock', () => {
  it('moves with simulated time, and with real time while simulated time stands still', () => {
    let sim = 1_000_000;
    let real = 50;
    const clock = new QuotaClock(
      () => sim,
      () => real,
    );
    sim += 86_400_000; // an advance of one simulated day
    real += 3;
    expect(clock.nowMs()).toBe(86_400_000);
    real += 700; // simulated time held while a timer's work runs
    expect(clock.nowMs()).toBe(86_400_700);
    sim += 10;
    real += 10; // flowing at speed 1
    expect(clock.nowMs()).toBe(86_400_710);
  });
});

describe('LocalQuotas', () => {
  const manual = () => {
    let sim = 0;
    const quotas = new LocalQuotas(
      new QuotaClock(
        () => sim,
        () => 0,
      ),
      { sesMaxSendRate: 2, startExecutionBurst: 3, startExecutionRefillPerSecond: 1 },
    );
    return { quotas, tick: (ms: number) => (sim += ms) };
  };

  it('throttles sends above MaxSendRate per second and counts sent and throttled', () => {
    const { quotas, tick } = manual();
    expect([quotas.trySend(), quotas.trySend(), quotas.trySend()]).toEqual([true, true, false]);
    tick(500);
    expect([quotas.trySend(), quotas.trySend()]).toEqual([true, false]);
    expect(quotas.report().ses).toMatchObject({ sent: 3, throttled: 2 });
  });

  it('sends one message at a time for a rate below one a second', () => {
    let sim = 0;
    const quotas = new LocalQuotas(
      new QuotaClock(
        () => sim,
        () => 0,
      ),
      { sesMaxSendRate: 0.5 },
    );
    expect([quotas.trySend(), quotas.trySend()]).toEqual([true, false]);
    sim += 2000;
    expect(quotas.trySend()).toBe(true);
  });

  it('models StartExecution as a bucket: burst, then the refill rate', () => {
    const { quotas, tick } = manual();
    expect([1, 2, 3, 4].map(() => quotas.tryStart())).toEqual([true, true, true, false]);
    tick(1000);
    expect([quotas.tryStart(), quotas.tryStart()]).toEqual([true, false]);
    expect(quotas.report().startExecution).toMatchObject({ started: 4, throttled: 2 });
  });

  it('starts with AWS defaults, and reset() goes back to the start settings with full buckets', () => {
    const quotas = new LocalQuotas(
      new QuotaClock(
        () => 0,
        () => 0,
      ),
    );
    expect(quotas.report().settings).toEqual(DEFAULT_QUOTAS);
    expect(quotas.report().ses.tokens).toBe(14);
    quotas.update({ sesMaxSendRate: 1 });
    quotas.trySend();
    expect(quotas.trySend()).toBe(false);
    quotas.reset();
    expect(quotas.report()).toMatchObject({ settings: DEFAULT_QUOTAS, ses: { sent: 0, throttled: 0, tokens: 14 } });
  });
});

describe('quota settings', () => {
  it('names the field that is wrong', () => {
    const out = parseQuotaSettings({ sesMaxSendRate: 0, startExecutionBurst: 1.5, burst: 3 });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.issues.map((i) => i.field).sort()).toEqual(['burst', 'sesMaxSendRate', 'startExecutionBurst']);
  });

  it('reads CROSSGEN_QUOTAS and says what is wrong with it', () => {
    expect(quotasFromEnvironment('{"sesMaxSendRate": 1}')).toEqual({ sesMaxSendRate: 1 });
    expect(quotasFromEnvironment(undefined)).toEqual({});
    expect(() => quotasFromEnvironment('{"sesMaxSendRate": -1}')).toThrow(/CROSSGEN_QUOTAS was not accepted: sesMaxSendRate/);
  });
});
