/**
 * The one send rate every outbound email keeps to (docs/decisions.md, "One paced sender"). Pure:
 * the slots are reserved in DynamoDB by functions/adapters/send-pacer.ts, across every function
 * that sends, so that the account's SES maximum send rate (14 a second for a new production
 * account) holds however many functions send at once.
 */

/**
 * Milliseconds between two sends at `rate` a second, rounded up: at 14 a second, 72 ms, so that
 * no window of one second ever holds more than 14 sends (14 slots span 936 ms, 15 span 1,008).
 */
export function sendIntervalMs(rate: number): number {
  if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`The send rate must be a positive number of emails a second, not ${rate}.`);
  return Math.ceil(1000 / rate);
}

/** MAIL_MAX_SEND_RATE as set by the deployment (cdk.json `crossgen:mailMaxSendRate`); undefined when unset. */
export function sendRateFromEnvironment(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const rate = Number(value);
  if (!(rate > 0) || !Number.isFinite(rate)) {
    throw new Error(`MAIL_MAX_SEND_RATE is "${value}": set it to the account's SES maximum send rate, a positive number of emails a second such as 14.`);
  }
  return rate;
}

/**
 * A reserved slot further ahead than this is left over from another clock (a local cloud restarted
 * with its simulated clock set back), not a real backlog: the reservation starts again from now.
 */
export const STALE_SLOT_MS = 60 * 60 * 1000;

/**
 * The slot a send takes, given the next free slot stored (undefined: none yet): now when the
 * sender is idle, else the next free one. The stored next free slot moves on by one interval.
 */
export function reserveSlot(nextFree: number | undefined, now: number, intervalMs: number): { slot: number; nextFree: number } {
  const slot = nextFree === undefined || nextFree <= now || nextFree - now > STALE_SLOT_MS ? now : nextFree;
  return { slot, nextFree: slot + intervalMs };
}

/**
 * The time the pacer measures slots in: the process's `Date` while it moves, and real time while
 * it stands still. On AWS both are the same. The local cloud holds its simulated `Date` while a
 * timer's work runs (docs/local.md, Time): a sender waiting for `Date` to reach its slot would
 * then wait for ever, so it counts real milliseconds instead.
 */
export class PacerClock {
  private lastDate: number;
  private lastReal: number;
  private value: number;

  constructor(
    private readonly dateMs: () => number = () => Date.now(),
    private readonly realMs: () => number = () => performance.now(),
  ) {
    this.lastDate = dateMs();
    this.lastReal = realMs();
    this.value = this.lastDate;
  }

  nowMs(): number {
    const date = this.dateMs();
    const real = this.realMs();
    this.value = date !== this.lastDate ? date : this.value + Math.max(0, real - this.lastReal);
    this.lastDate = date;
    this.lastReal = real;
    return this.value;
  }
}
