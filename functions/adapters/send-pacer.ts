import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { backlogWaitMs, PacerClock, reserveSlot, SendBacklog, sendIntervalMs } from '../domain/send-rate';
import { dynamo, isConditionFailure, KEYS } from './dynamo';

/**
 * The one send rate, shared by every function that sends email: before each SendEmail the mailer
 * reserves the next free slot on one item of the table (a compare-and-set on `nextFree`) and waits
 * for it. Sends are so spaced `1000 / rate` ms apart whichever function sends them, and SES never
 * sees more than its maximum send rate in any second.
 */
export interface SendPacer {
  /**
   * Resolves when this send may go: at most `rate` a second across all senders. A send whose slot
   * would be more than `maxWaitMs` ahead takes none and rejects with SendBacklog at once.
   */
  acquire(maxWaitMs?: number): Promise<void>;
}

const PACER_KEY = { [KEYS.pk]: 'SENDER#ses', [KEYS.sk]: 'PACE' };
/** Compare-and-set rounds before giving up (each loses only to another send that got a slot). */
const MAX_ROUNDS = 50;

export interface DynamoPacerOptions {
  readonly rate: number;
  readonly clock?: PacerClock;
  /** @default a real-time setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One pacer clock for every sender of this process. Each sender having its own would, in the local
 * cloud, let a function that sends its first email after a backlog (the approval request after a
 * cohort's enrolment confirmations) start counting real time from where `Date` stood, and wait for
 * the whole backlog again. On AWS, where `Date` moves, the two are the same.
 */
let processClock: PacerClock | undefined;

export function dynamoPacer(options: DynamoPacerOptions): SendPacer {
  const interval = sendIntervalMs(options.rate);
  const clock = options.clock ?? (processClock ??= new PacerClock());
  const sleep = options.sleep ?? realSleep;

  // The `nextFree` this sender last wrote: while no other sender has moved it since, the
  // compare-and-set succeeds without reading it first (one write per send instead of a read and a
  // write). Another sender's move fails the condition, and the next round reads the item.
  let lastWritten: number | undefined;

  async function reserve(maxWaitMs: number): Promise<number> {
    const { client, tableName } = dynamo();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let stored = lastWritten;
      lastWritten = undefined;
      if (stored === undefined) {
        const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: PACER_KEY, ConsistentRead: true }));
        stored = typeof Item?.nextFree === 'number' ? Item.nextFree : undefined;
      }
      const now = clock.nowMs();
      const { slot, nextFree } = reserveSlot(stored, now, interval);
      const backlog = backlogWaitMs(slot, now, maxWaitMs);
      if (backlog !== undefined) {
        // Nothing written: the next send may still skip the read while no one else moves the item.
        lastWritten = stored;
        throw new SendBacklog(backlog);
      }
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: PACER_KEY,
            UpdateExpression: 'SET nextFree = :next, #type = :type',
            ConditionExpression: stored === undefined ? 'attribute_not_exists(nextFree)' : 'nextFree = :stored',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':next': nextFree, ':type': 'SendPace', ...(stored === undefined ? {} : { ':stored': stored }) },
          }),
        );
        lastWritten = nextFree;
        return slot;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Another send took this slot: read the next one.
        await sleep(Math.floor(Math.random() * 5));
      }
    }
    throw new Error(`No send slot after ${MAX_ROUNDS} tries: too many functions are sending at once; the send is tried again later.`);
  }

  return {
    async acquire(maxWaitMs = Number.POSITIVE_INFINITY) {
      for (let attempt = 0; ; attempt++) {
        const slot = await reserve(maxWaitMs);
        await waitFor(slot);
        // Woken in a later second than the slot's (a busy machine): this send would crowd that
        // second's own slots, so it takes a new one (a few times at most, then it goes anyway).
        if (Math.floor(clock.nowMs() / 1000) === Math.floor(slot / 1000) || attempt >= 2) return;
      }
    },
  };

  /**
   * Naps until the clock reaches `slot`. The clock may run faster than real time (the local
   * cloud's --speed): each nap is sized by the speed seen during the last one, so as not to oversleep.
   */
  async function waitFor(slot: number): Promise<void> {
    let speed = 1;
    for (let now = clock.nowMs(); now < slot; ) {
      const before = performance.now();
      await sleep(Math.max(1, Math.min((slot - now) / speed, 25)));
      const after = clock.nowMs();
      const real = performance.now() - before;
      if (real > 0 && after > now) speed = Math.max(1, (after - now) / real);
      now = after;
    }
  }
}
