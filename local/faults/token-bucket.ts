/**
 * A token bucket, as AWS describes its API quotas: `capacity` tokens at most (the burst), refilled
 * continuously at `refillPerSecond`; a call takes one token or is throttled. Time is passed in
 * (milliseconds), so the bucket is pure and the caller chooses the clock.
 */
export class TokenBucket {
  private tokens: number;
  private last: number | undefined;

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
  ) {
    if (!(capacity >= 1) || !Number.isFinite(capacity)) throw new Error(`A token bucket needs a capacity of at least 1, not ${capacity}.`);
    if (!(refillPerSecond > 0) || !Number.isFinite(refillPerSecond)) throw new Error(`A token bucket needs a positive refill rate, not ${refillPerSecond}.`);
    this.tokens = capacity;
  }

  /** Takes one token at time `nowMs`; false means throttled. */
  tryTake(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Tokens left at `nowMs` (fractional while refilling). */
  available(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens;
  }

  private refill(nowMs: number): void {
    if (this.last !== undefined && nowMs > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((nowMs - this.last) / 1000) * this.refillPerSecond);
    }
    if (this.last === undefined || nowMs > this.last) this.last = nowMs;
  }
}

/**
 * The time the local quotas are measured in: simulated time, and real time too while simulated
 * time stands still. The local clock holds simulated time while `advance` waits for the work a
 * timer started; a sender that backs off in real time must still see its bucket refill then, or it
 * could never get through. So each reading moves on by the larger of the two clocks' steps.
 */
export class QuotaClock {
  private lastSim: number;
  private lastReal: number;
  private elapsed = 0;

  constructor(
    private readonly simulatedMs: () => number,
    private readonly realMs: () => number,
  ) {
    this.lastSim = simulatedMs();
    this.lastReal = realMs();
  }

  nowMs(): number {
    const sim = this.simulatedMs();
    const real = this.realMs();
    this.elapsed += Math.max(0, sim - this.lastSim, real - this.lastReal);
    this.lastSim = Math.max(sim, this.lastSim);
    this.lastReal = Math.max(real, this.lastReal);
    return this.elapsed;
  }
}
