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
 * How long one send may wait for its slot, by who sends it. A send whose slot is further ahead does
 * not take it: it fails with SendBacklog and is tried again later, outside any function (the
 * lifecycle keeps it in its outbox and its execution waits in Step Functions; an import's step is
 * retried). Bulk senders (the lifecycle, imports) so never fill the queue more than 10 s ahead,
 * and a send that a person is waiting for (an answer to their reply, an enrolment confirmation, a
 * concern, an approval) still finds a slot within 20 s, well inside its function's timeout (29 s
 * for the HTTP API).
 */
export const SEND_WAIT_MS = { bulk: 10_000, interactive: 20_000 } as const;
export type SendPriority = keyof typeof SEND_WAIT_MS;

/** The send queue is full further ahead than the sender may wait: try again after `retryAfterMs`. */
export class SendBacklog extends Error {
  override readonly name = 'SendBacklog';
  constructor(readonly retryAfterMs: number) {
    super(`Every send slot of the next ${Math.ceil(retryAfterMs / 1000)} s is taken: the email stays pending and is sent when the queue has room.`);
  }
}

/**
 * Whether a send may take `slot`: undefined when it is within `maxWaitMs` of now, else how long
 * until it would be (the slot the queue then offers, if no one else takes it meanwhile).
 */
export function backlogWaitMs(slot: number, now: number, maxWaitMs: number): number | undefined {
  const wait = slot - now;
  return wait > maxWaitMs ? Math.ceil(wait - maxWaitMs) : undefined;
}

/**
 * When a pairing whose outbox still holds emails wakes: at the earliest due time of an email not
 * yet due, and for an email the full queue held back (its due time passed), after the queue's
 * `retryAfterMs` plus a share of the bulk wait from the pairing's id, so that the pairings a burst
 * held come back spread over the queue's window rather than all at one instant.
 */
export function heldWakeMs(dueTimes: readonly number[], nowMs: number, backlog?: { retryAfterMs: number; key: string }): number | undefined {
  if (dueTimes.length === 0) return undefined;
  const retryAt = backlog === undefined ? undefined : nowMs + backlog.retryAfterMs + spreadOf(backlog.key, SEND_WAIT_MS.bulk);
  return Math.min(...dueTimes.map((due) => (retryAt !== undefined && due <= nowMs ? retryAt : due)));
}

/** A fixed share of `span` (in any unit) for `key` (FNV-1a of the key): the same key always gets the same share. */
export function spreadOf(key: string, span: number): number {
  if (span <= 0) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash % span;
}

/**
 * The time the pacer measures slots in: the process's `Date` while it moves, and real time while
 * it stands still. On AWS both are the same. The local cloud holds its simulated `Date` while a
 * timer's work runs (docs/local.md, Time): a sender waiting for `Date` to reach its slot would
 * then wait for ever, so it counts real milliseconds instead. It never goes back: after 20 real
 * seconds of sends at a held Date, a 1-second step of Date does not put those sends' slots 19 s
 * in the future (every later send would wait for that phantom queue).
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
    const flowed = this.value + Math.max(0, real - this.lastReal);
    // When Date moves it leads, but never back: the real time a held Date let pass was spent
    // sending, and the slots it used are behind us, not a queue still to wait for.
    this.value = date !== this.lastDate ? Math.max(date, flowed) : flowed;
    this.lastDate = date;
    this.lastReal = real;
    return this.value;
  }
}
