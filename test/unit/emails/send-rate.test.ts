import { describe, expect, it } from 'vitest';
import { PacerClock, reserveSlot, sendIntervalMs, sendRateFromEnvironment, STALE_SLOT_MS } from '../../../functions/domain/send-rate';

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
  });
});
