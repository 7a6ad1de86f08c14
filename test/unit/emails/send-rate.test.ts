import { describe, expect, it } from 'vitest';
import {
  backlogWaitMs,
  heldWakeMs,
  PacerClock,
  reserveSlot,
  SEND_WAIT_MS,
  SendBacklog,
  sendIntervalMs,
  sendRateFromEnvironment,
  spreadOf,
  STALE_SLOT_MS,
} from '../../../functions/domain/send-rate';

describe('the one send rate', () => {
  it('spaces sends so that no window of one second holds more than the rate', () => {
    for (const rate of [1, 0.5, 14, 50, 200]) {
      const interval = sendIntervalMs(rate);
      // Reserve 1,000 slots as fast as senders could ask, all at time 0.
      let next: number | undefined;
      const slots: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const r = reserveSlot(next, 0, interval);
        slots.push(r.slot);
        next = r.nextFree;
      }
      for (let i = 0; i < slots.length; i++) {
        const inWindow = slots.filter((s) => s >= slots[i]! && s < slots[i]! + 1000).length;
        expect(inWindow).toBeLessThanOrEqual(Math.max(1, rate));
      }
    }
    expect(sendIntervalMs(14)).toBe(72);
  });

  it('sends at once when idle, queues behind the next free slot when busy, and forgets a slot from another clock', () => {
    expect(reserveSlot(undefined, 1000, 72)).toEqual({ slot: 1000, nextFree: 1072 });
    expect(reserveSlot(900, 1000, 72)).toEqual({ slot: 1000, nextFree: 1072 });
    expect(reserveSlot(1500, 1000, 72)).toEqual({ slot: 1500, nextFree: 1572 });
    expect(reserveSlot(1000 + STALE_SLOT_MS + 1, 1000, 72)).toEqual({ slot: 1000, nextFree: 1072 });
  });

  it('reads MAIL_MAX_SEND_RATE, and refuses a rate that is not a positive number with what to set', () => {
    expect(sendRateFromEnvironment(undefined)).toBeUndefined();
    expect(sendRateFromEnvironment(' ')).toBeUndefined();
    expect(sendRateFromEnvironment('14')).toBe(14);
    expect(sendRateFromEnvironment('0.5')).toBe(0.5);
    for (const bad of ['0', '-1', 'fast', 'Infinity']) expect(() => sendRateFromEnvironment(bad)).toThrow(/positive number of emails a second/);
    expect(() => sendIntervalMs(0)).toThrow(/positive number/);
  });

  it('measures in Date while it moves and in real time while it stands still (the local clock held during a timer)', () => {
    let date = 10_000;
    let real = 0;
    const clock = new PacerClock(
      () => date,
      () => real,
    );
    expect(clock.nowMs()).toBe(10_000);
    date += 50;
    real += 50;
    expect(clock.nowMs()).toBe(10_050);
    // Date held: real milliseconds count, so a waiting sender still reaches its slot.
    real += 72;
    expect(clock.nowMs()).toBe(10_122);
    real += 72;
    expect(clock.nowMs()).toBe(10_194);
    // Date jumps ahead (a simulated day): it leads again.
    date += 86_400_000;
    real += 1;
    expect(clock.nowMs()).toBe(10_050 + 86_400_000);
    // Date held while 20 real seconds of sends go out, then one simulated second on: the time the
    // sends took is behind, so it does not go back to Date (its slots would become a phantom queue).
    const held = clock.nowMs();
    real += 20_000;
    expect(clock.nowMs()).toBe(held + 20_000);
    date += 1000;
    real += 1;
    expect(clock.nowMs()).toBe(held + 20_001);
    // Once Date passes it, Date leads again.
    date += 60_000;
    expect(clock.nowMs()).toBe(date);
  });

  it('lets a send wait for its slot up to its limit, and tells one further back how long until the queue has room', () => {
    expect(backlogWaitMs(1000, 1000, 10_000)).toBeUndefined();
    expect(backlogWaitMs(11_000, 1000, 10_000)).toBeUndefined(); // exactly the limit: waits
    expect(backlogWaitMs(11_001, 1000, 10_000)).toBe(1);
    expect(backlogWaitMs(61_000, 1000, 10_000)).toBe(50_000);
    // A person's send waits longer than the lifecycle's, so a queue the lifecycle filled still has room for it.
    expect(SEND_WAIT_MS.interactive).toBeGreaterThan(SEND_WAIT_MS.bulk);
    expect(SEND_WAIT_MS.interactive).toBeLessThan(29_000); // inside the HTTP API's limit
    // Filling the queue as fast as bulk senders can: none waits past its limit, and the queue holds the rate times the wait.
    const interval = sendIntervalMs(14);
    let next: number | undefined;
    let taken = 0;
    for (let i = 0; i < 1000; i++) {
      const r = reserveSlot(next, 0, interval);
      if (backlogWaitMs(r.slot, 0, SEND_WAIT_MS.bulk) !== undefined) break;
      next = r.nextFree;
      taken++;
    }
    expect(taken).toBe(Math.floor(SEND_WAIT_MS.bulk / interval) + 1);
    expect(new SendBacklog(50_000).message).toMatch(/next 50 s .*stays pending/);
  });

  it('wakes a pairing whose outbox holds emails at the first due one, and after the backlog for those the queue held back', () => {
    const now = 1_000_000;
    expect(heldWakeMs([], now)).toBeUndefined();
    expect(heldWakeMs([now + 5000, now + 3000], now)).toBe(now + 3000);
    const spread = spreadOf('pairing-1', SEND_WAIT_MS.bulk);
    expect(spread).toBeGreaterThanOrEqual(0);
    expect(spread).toBeLessThan(SEND_WAIT_MS.bulk);
    // Due now but held by the full queue: not at once (no busy loop), but once the queue has room.
    expect(heldWakeMs([now], now, { retryAfterMs: 40_000, key: 'pairing-1' })).toBe(now + 40_000 + spread);
    // An email due before that still wakes it at its own time.
    expect(heldWakeMs([now, now + 20_000], now, { retryAfterMs: 40_000, key: 'pairing-1' })).toBe(now + 20_000);
    // The pairings one burst held come back spread over the bulk wait, not at one instant.
    const wakes = new Set(Array.from({ length: 200 }, (_, i) => heldWakeMs([now], now, { retryAfterMs: 40_000, key: `pairing-${i}` })));
    expect(wakes.size).toBeGreaterThan(150);
    for (const w of wakes) expect(w! - now - 40_000).toBeLessThan(SEND_WAIT_MS.bulk);
  });
});
