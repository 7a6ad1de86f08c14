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
    await clock.advance(11 * HOUR);
    expect(fired).toEqual([1, 2]);
    expect(clock.nowMs()).toBe(START + 2 * HOUR + 1);
    expect(clock.pendingTimers).toBe(1);
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
