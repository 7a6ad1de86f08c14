import FakeTimers from '@sinonjs/fake-timers';

export interface SimClockOptions {
  /** Simulated time at start. @default the real time now */
  readonly now?: Date | number;
  /** Simulated milliseconds per real millisecond; 0 freezes time between `advance` calls. @default 1 */
  readonly speed?: number;
  /** Drive the process's `Date` from this clock. Only one clock may do so at a time. @default true */
  readonly fakeDate?: boolean;
  /**
   * Called with the simulated time each time the clock is about to fire timers, once it stands at
   * their instant: what a timer wakes may write records dated then, so a cloud that keeps its
   * clock (--data) saves it here, before that work can run, and a kill -9 during the work cannot
   * take a restart back before them. Synchronous: the timers fire when it returns.
   */
  readonly beforeFire?: (nowMs: number) => void;
}

/** How an `advance` ended: at its target, or short of it because the clock was halted first. */
export interface AdvanceOutcome {
  /** Where the advance was asked to go, in epoch milliseconds. */
  readonly targetMs: number;
  /** The clock was halted (the cloud is stopping) before it reached `targetMs`: it stands where the last timer fired. */
  readonly stoppedEarly: boolean;
}

interface SimTimer {
  readonly due: number;
  readonly seq: number;
  readonly fire: () => void;
}

/** Node cannot arm a timer longer than 2^31-1 ms; re-arming every hour keeps the ticker exact enough. */
const MAX_REAL_ARM_MS = 3_600_000;

let dateOwner: SimClock | undefined;

/**
 * One simulated clock for the whole local cloud. Only `Date` is faked: real timers stay real
 * because HTTP servers, SDK clients and DynamoDB Local need them. Long waits are simulated timers
 * (`sleepUntil`) that either fall due as time flows (`speed`) or are fired in order by `advance`,
 * which waits for the system to be quiescent after each one, so a 6-month program runs in seconds
 * and every handler sees the `Date` of the moment its timer fell due.
 */
export class SimClock {
  private simBase: number;
  private realBase = performance.now();
  private rate: number;
  private frozen = false;
  private timers: SimTimer[] = [];
  private seq = 0;
  private ticker: NodeJS.Timeout | undefined;
  private busyCount = 0;
  private idleWaiters: (() => void)[] = [];
  private exclusive: Promise<unknown> = Promise.resolve();
  private fake: ReturnType<ReturnType<typeof FakeTimers.withGlobal>['install']> | undefined;
  private halted = false;
  private readonly beforeFire: (nowMs: number) => void;

  constructor(opts: SimClockOptions = {}) {
    const start = opts.now === undefined ? Date.now() : new Date(opts.now).getTime();
    if (!Number.isFinite(start)) throw new Error('The simulated clock needs a valid start time; pass a Date or epoch milliseconds.');
    this.simBase = start;
    this.rate = checkSpeed(opts.speed ?? 1);
    this.beforeFire = opts.beforeFire ?? (() => undefined);
    if (opts.fakeDate ?? true) this.installDate();
  }

  /** Current simulated time in epoch milliseconds. */
  nowMs(): number {
    if (this.frozen || this.rate === 0) return this.simBase;
    return this.simBase + (performance.now() - this.realBase) * this.rate;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  get speed(): number {
    return this.rate;
  }

  /** Whether simulated time moves by itself now: a speed above 0 and no `advance` under way. */
  get flowing(): boolean {
    return this.rate > 0 && !this.frozen;
  }

  setSpeed(speed: number): void {
    this.rebase(this.nowMs());
    this.rate = checkSpeed(speed);
    this.arm();
  }

  /** Resolves when simulated time reaches `when`; rejects with the signal's reason if aborted first. */
  sleepUntil(when: Date | number, signal?: AbortSignal): Promise<void> {
    const due = typeof when === 'number' ? when : when.getTime();
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (due <= this.nowMs()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      const timer: SimTimer = {
        due,
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.insert(timer);
    });
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.sleepUntil(this.nowMs() + ms, signal);
  }

  /** Simulated timers not yet due, for diagnostics and the console. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  nextDue(): Date | undefined {
    const next = this.timers[0];
    return next ? new Date(next.due) : undefined;
  }

  /**
   * Moves simulated time forward by `ms`, firing due timers in time order. The clock is set to each
   * timer's due time and the system must be quiescent before the next one fires, so what a timer
   * wakes (a Lambda, a DynamoDB write) happens at its own simulated moment.
   */
  advance(ms: number): Promise<AdvanceOutcome> {
    if (!Number.isFinite(ms) || ms < 0) {
      return Promise.reject(new Error(`The simulated clock only moves forward; ${ms} ms is not a valid step. Pass a non-negative duration.`));
    }
    const run = this.exclusive.then(() => this.runAdvance(ms));
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  advanceTo(when: Date | number): Promise<AdvanceOutcome> {
    const target = typeof when === 'number' ? when : when.getTime();
    return this.exclusive.then(() => this.advance(Math.max(0, target - this.nowMs())));
  }

  /** Marks the start of work the clock must wait for before firing the next timer. */
  begin(): void {
    this.busyCount++;
  }

  end(): void {
    if (this.busyCount === 0) throw new Error('SimClock.end() was called more often than begin(); every end must pair with a begin.');
    this.busyCount--;
    if (this.busyCount === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  get busy(): number {
    return this.busyCount;
  }

  /** Counts `work` as busy until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.begin();
    return work.finally(() => this.end());
  }

  /**
   * For busy work that now blocks on something only time or a person can end (a simulated timer,
   * a task token): it stops counting as busy while blocked and counts again once `blocker` settles.
   */
  async park<T>(blocker: Promise<T>): Promise<T> {
    this.end();
    try {
      return await blocker;
    } finally {
      this.begin();
    }
  }

  /**
   * Resolves once nothing registered is busy. A woken sleeper registers itself in a microtask, so
   * quiescence is only believed after a macrotask turn with the count still at zero.
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.busyCount > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.busyCount === 0) return;
    }
  }

  /**
   * The cloud is stopping: no timer fires any more, and an advance under way leaves the clock where
   * the last one fired (not at its target: what was due in between has not happened, and a restart
   * must go on from there), resolving with `stoppedEarly`.
   */
  halt(): void {
    this.halted = true;
  }

  /** Stops the ticker and gives `Date` back to the process. Pending sleepers stay pending. */
  dispose(): void {
    if (this.ticker) clearTimeout(this.ticker);
    this.ticker = undefined;
    this.rate = 0;
    if (this.fake) {
      this.fake.uninstall();
      this.fake = undefined;
      dateOwner = undefined;
    }
  }

  private async runAdvance(ms: number): Promise<AdvanceOutcome> {
    this.rebase(this.nowMs());
    this.frozen = true;
    const target = this.simBase + ms;
    try {
      await this.idle();
      for (let next = this.timers[0]; !this.halted && next && next.due <= target; next = this.timers[0]) {
        this.timers.shift();
        if (next.due > this.simBase) this.simBase = next.due;
        this.beforeFire(this.simBase);
        next.fire();
        await this.idle();
      }
      if (!this.halted) this.simBase = Math.max(this.simBase, target);
      return { targetMs: target, stoppedEarly: this.simBase < target };
    } finally {
      this.rebase(this.simBase);
      this.frozen = false;
      this.arm();
    }
  }

  private installDate(): void {
    if (dateOwner) throw new Error('Another SimClock already drives Date in this process; dispose() it before creating a new one.');
    this.fake = FakeTimers.withGlobal(globalThis).install({ toFake: ['Date'], now: this.nowMs() });
    // fake-timers reads `clock.now` on every Date call; a getter makes Date follow the flowing clock
    // exactly instead of in ticker-sized steps.
    Object.defineProperty(this.fake, 'now', { get: () => Math.floor(this.nowMs()), set: () => undefined, configurable: true });
    dateOwner = this;
  }

  private rebase(sim: number): void {
    this.simBase = sim;
    this.realBase = performance.now();
  }

  private insert(timer: SimTimer): void {
    const at = this.timers.findIndex((t) => t.due > timer.due);
    if (at === -1) this.timers.push(timer);
    else this.timers.splice(at, 0, timer);
    if (at === 0 || this.timers.length === 1) this.arm();
  }

  /** In flowing time, one real timeout for the earliest simulated timer fires what falls due. */
  private arm(): void {
    if (this.ticker) clearTimeout(this.ticker);
    this.ticker = undefined;
    const next = this.timers[0];
    if (!next || this.frozen || this.halted || this.rate === 0) return;
    const realMs = Math.min(MAX_REAL_ARM_MS, Math.max(0, (next.due - this.nowMs()) / this.rate));
    this.ticker = setTimeout(() => this.fireDue(), Math.ceil(realMs));
    // Sleeping executions must not keep a finished process alive.
    this.ticker.unref();
  }

  private fireDue(): void {
    this.ticker = undefined;
    if (this.halted) return;
    const now = this.nowMs();
    if (this.timers[0] && this.timers[0].due <= now) this.beforeFire(now);
    while (this.timers[0] && this.timers[0].due <= now) this.timers.shift()!.fire();
    this.arm();
  }
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < 0) {
    throw new Error(`The clock speed must be a number >= 0 (simulated ms per real ms); got ${speed}.`);
  }
  return speed;
}

const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/**
 * Adds an ISO-8601 duration ("P14D", "PT12H", "P1Y2M3DT4H5M6S") to `from`. Years and months are
 * calendar steps in UTC, clamped to the month's last day (31 Jan + P1M = 28/29 Feb); days are 24 h.
 */
export function addDuration(from: Date, duration: string): Date {
  const m = DURATION.exec(duration.trim());
  if (!m) {
    throw new Error(`"${duration}" is not an ISO-8601 duration; write it like P14D, PT12H, P1M or P1Y2M3DT4H5M6S.`);
  }
  const n = (i: number) => Number((m[i] ?? '0').replace(',', '.'));
  const date = new Date(from.getTime());
  const months = n(1) * 12 + n(2);
  if (months > 0) {
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, lastDay));
  }
  const ms = ((n(3) * 7 + n(4)) * 24 * 3600 + n(5) * 3600 + n(6) * 60 + n(7)) * 1000;
  return new Date(date.getTime() + Math.round(ms));
}

/** Milliseconds an ISO-8601 duration spans when counted from `from` (months are calendar months). */
export function parseDuration(duration: string, from: Date = new Date()): number {
  return addDuration(from, duration).getTime() - from.getTime();
}
