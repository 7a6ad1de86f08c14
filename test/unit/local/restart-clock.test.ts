import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '../../../local/clock';
import { LocalStateStore } from '../../../local/persistence';

const START = Date.parse('2027-01-06T09:00:00Z');
const HOUR = 3_600_000;

let clocks: SimClock[] = [];
let dirs: string[] = [];
afterEach(() => {
  for (const c of clocks) c.dispose();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  clocks = [];
  dirs = [];
});

describe('the simulated clock when the local cloud stops', () => {
  it('a stop during an advance leaves the clock at the last timer fired, not at the target', async () => {
    const clock = new SimClock({ now: START, speed: 0, fakeDate: false });
    clocks.push(clock);
    const fired: number[] = [];
    for (const h of [1, 2, 11]) void clock.sleep(h * HOUR).then(() => fired.push(h));
    // Right after the second timer's work comes Ctrl-C: the advance must not run on to 20:00.
    void clock.sleep(2 * HOUR + 1).then(() => clock.halt());
    expect(await clock.advance(11 * HOUR)).toEqual({ targetMs: START + 11 * HOUR, stoppedEarly: true });
    expect(fired).toEqual([1, 2]);
    expect(clock.nowMs()).toBe(START + 2 * HOUR + 1);
    expect(clock.pendingTimers).toBe(1);
    // Halted, it fires nothing more, whatever asks: what is due waits for the restart.
    expect(await clock.advance(HOUR)).toEqual({ targetMs: START + 3 * HOUR + 1, stoppedEarly: true });
    expect(await clock.advance(0)).toEqual({ targetMs: START + 2 * HOUR + 1, stoppedEarly: false });
  });

  it('an advance that reaches its target says so, with or without timers on the way', async () => {
    const clock = new SimClock({ now: START, speed: 0, fakeDate: false });
    clocks.push(clock);
    void clock.sleep(HOUR);
    expect(await clock.advance(2 * HOUR)).toEqual({ targetMs: START + 2 * HOUR, stoppedEarly: false });
    expect(await clock.advanceTo(START + 5 * HOUR)).toEqual({ targetMs: START + 5 * HOUR, stoppedEarly: false });
  });

  it('halted while time flows, it fires no timer any more', async () => {
    // The timer is set while time stands still (its due moment cannot have passed by the time it is
    // set, however busy the machine), then time flows: a simulated hour is 3.6 real ms, so the ticker
    // armed now would fire within the 50 ms waited, had the halt not stopped it.
    const clock = new SimClock({ now: START, speed: 0, fakeDate: false });
    clocks.push(clock);
    let fired = false;
    void clock.sleep(HOUR).then(() => (fired = true));
    clock.setSpeed(1_000_000);
    clock.halt();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).toBe(false);
  });
});

describe("the clock kept before a timer's work runs (a kill -9 in that work)", () => {
  /** A clock that keeps itself in `store` as the local cloud's does under --data, and what a restart would read as each timer's work starts. */
  function keptClock(speed: number) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-clock-'));
    dirs.push(dir);
    const store = new LocalStateStore(dir);
    const clock = new SimClock({ now: START, speed, fakeDate: false, beforeFire: (ms) => store.writeClock(ms) });
    clocks.push(clock);
    store.writeClock(START);
    const seen: { at: number; resume: number | undefined }[] = [];
    const timer = (ms: number) => clock.sleep(ms).then(() => seen.push({ at: clock.nowMs(), resume: store.readResumeTime() }));
    return { clock, seen, timer };
  }

  it("in an advance, the clock file holds each timer's instant before its work runs", async () => {
    const { clock, seen, timer } = keptClock(0);
    for (const h of [3, 100, 265]) void timer(h * HOUR);
    await clock.advance(14 * 24 * HOUR);
    expect(seen).toEqual([3, 100, 265].map((h) => ({ at: START + h * HOUR, resume: START + h * HOUR })));
  });

  it('with time flowing, the clock file holds the moment the timers fired before their work runs', async () => {
    const { seen, timer } = keptClock(1_000_000);
    await timer(HOUR);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.resume).toBeGreaterThanOrEqual(START + HOUR);
    expect(seen[0]!.resume).toBeLessThanOrEqual(Math.floor(seen[0]!.at));
  });
});

describe('where a restart goes on from', () => {
  it('the clock file, or a later moment the mailbox or an execution saw (a kill -9 between two saves of the clock)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resume-time-'));
    dirs.push(dir);
    const store = new LocalStateStore(dir);
    expect(store.readResumeTime()).toBeUndefined();
    store.writeClock(START);
    expect(store.readResumeTime()).toBe(START);
    store.appendEmail({ messageId: 'm-1', at: (START + 9 * HOUR) / 1000 });
    store.executionStarted({ arn: 'arn:x', name: 'x', stateMachineArn: 'arn:m', input: '{}', startDate: START + HOUR } as never);
    expect(store.readResumeTime()).toBe(START + 9 * HOUR);
    // A kill in the middle of the last write leaves a torn line: the whole one before it counts.
    fs.appendFileSync(path.join(dir, 'mailbox.jsonl'), '{"messageId":"m-2","at":');
    expect(store.readResumeTime()).toBe(START + 9 * HOUR);
    store.writeClock(START + 10 * HOUR);
    expect(store.readResumeTime()).toBe(START + 10 * HOUR);
  });
});
