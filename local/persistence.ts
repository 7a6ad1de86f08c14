import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AsyncOutcome, QueuedInvocation } from './lambda-async';
import type { ExecutionRecord } from './stepfunctions/types';

/**
 * What the local cloud keeps under `--data` besides DynamoDB Local, S3 and the secrets, so that a
 * restart (Ctrl-C or kill -9) carries on where it stopped (docs/local.md, "Restarts"):
 * - `clock.json`: a simulated time never before one the clock reached: written before timers fire
 *   (at their instant), every second (ahead of a flowing clock, by two seconds' flow) and at stop;
 * - `executions.jsonl`: one line when an execution starts and one when it ends (append-only);
 * - `mailbox.jsonl`: every email the SES mailbox accepted, appended before SES answers the sender;
 * - `observed.json`: the event log and the dead letters, rewritten whole (tmp file + rename);
 * - `events.jsonl`: each event as it is accepted and each of its deliveries as it settles, since
 *   the last `observed.json` (emptied after each write of it);
 * - `invocations.jsonl`: one line when Lambda queues an async invocation and one when its run ends;
 *   a restart runs again those queued and not ended, and starts the file again with only them.
 * Append-only files are written synchronously: a kill loses no line the kernel has accepted.
 */

/** An execution as the journal keeps it: the record a restarted cloud resumes it from. */
export type PersistedExecution = ExecutionRecord;

type ExecutionLine = { readonly kind: 'start' } & PersistedExecution;
type EndLine = {
  readonly kind: 'end';
  readonly arn: string;
  readonly status: string;
  readonly stopDate: number;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
};

export interface ObservedState {
  readonly events: unknown[];
  readonly ruleDeadLetters: unknown[];
  readonly functionDeadLetters: unknown[];
}

type InvocationLine = ({ readonly kind: 'queued' } & QueuedInvocation) | { readonly kind: 'ended'; readonly id: string; readonly outcome: AsyncOutcome };

/** What the event log journal needs to know of a logged event (local/eventbridge/bus.ts LoggedEvent). */
interface JournaledEvent {
  readonly event: { readonly id: string };
  deliveries: unknown[];
}
type EventLine =
  | { readonly kind: 'event'; readonly logged: JournaledEvent }
  | { readonly kind: 'delivery'; readonly eventId: string; readonly index: number; readonly record: unknown };

const FILES = {
  clock: 'clock.json',
  executions: 'executions.jsonl',
  mailbox: 'mailbox.jsonl',
  observed: 'observed.json',
  events: 'events.jsonl',
  invocations: 'invocations.jsonl',
} as const;

function readLines<T>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  const out: T[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A kill in the middle of a write leaves at most one torn last line: it never happened.
    }
  }
  return out;
}

/**
 * The last whole record of a JSON-lines file (a torn last line is skipped), reading only its tail:
 * the files are appended in time order, and the mailbox can hold gigabytes of messages.
 */
function lastLine<T>(file: string): T | undefined {
  if (!fs.existsSync(file)) return undefined;
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    for (let chunk = 1 << 20; ; chunk *= 2) {
      const from = Math.max(0, size - chunk);
      const buffer = Buffer.alloc(size - from);
      fs.readSync(fd, buffer, 0, buffer.length, from);
      // The first line of a tail may be cut at its start: only lines after a newline are whole.
      const lines = buffer
        .toString('utf8')
        .split('\n')
        .slice(from > 0 ? 1 : 0);
      for (let i = lines.length - 1; i >= 0; i--) {
        if (!lines[i]!.trim()) continue;
        try {
          return JSON.parse(lines[i]!) as T;
        } catch {
          // torn by a kill mid-write: the one before it
        }
      }
      if (from === 0) return undefined;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function writeWhole(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value));
  fs.renameSync(tmp, file);
}

export class LocalStateStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.resolve(dataDir);
    fs.mkdirSync(this.dir, { recursive: true });
  }

  private file(name: keyof typeof FILES): string {
    return path.join(this.dir, FILES[name]);
  }

  /** The simulated time when the cloud last ran, if it ran here before. */
  readClock(): number | undefined {
    try {
      const { nowMs } = JSON.parse(fs.readFileSync(this.file('clock'), 'utf8')) as { nowMs?: unknown };
      return typeof nowMs === 'number' && Number.isFinite(nowMs) ? nowMs : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Where the simulated clock must go on from: the clock file, or a later moment the mailbox or
   * the executions saw. The cloud writes the file before any timer's work runs, so it is not
   * behind them; a data directory kept by an older crossgen, which saved the clock only every real
   * second (one second of an advance can cover days), may be, and a clock set back behind emails
   * sent would leave the paced sender's slots ahead of it (sends refused for minutes).
   */
  readResumeTime(): number | undefined {
    let latest = this.readClock() ?? Number.NEGATIVE_INFINITY;
    const seen = (t: unknown) => {
      if (typeof t === 'number' && Number.isFinite(t) && t > latest) latest = t;
    };
    // Both files are appended as simulated time goes on: their last lines are their latest moments.
    const email = lastLine<{ at?: unknown }>(this.file('mailbox'));
    seen(typeof email?.at === 'number' ? email.at * 1000 : undefined);
    const execution = lastLine<{ startDate?: unknown; stopDate?: unknown }>(this.file('executions'));
    seen(execution?.startDate);
    seen(execution?.stopDate);
    return Number.isFinite(latest) ? latest : undefined;
  }

  writeClock(nowMs: number): void {
    writeWhole(this.file('clock'), { nowMs: Math.floor(nowMs) });
  }

  executionStarted(e: PersistedExecution): void {
    fs.appendFileSync(this.file('executions'), `${JSON.stringify({ kind: 'start', ...e } satisfies ExecutionLine)}\n`);
  }

  executionEnded(e: Omit<EndLine, 'kind'>): void {
    fs.appendFileSync(this.file('executions'), `${JSON.stringify({ kind: 'end', ...e } satisfies EndLine)}\n`);
  }

  /** Every execution ever started here, in start order, with its last known status. */
  readExecutions(): PersistedExecution[] {
    const byArn = new Map<string, PersistedExecution>();
    for (const line of readLines<ExecutionLine | EndLine>(this.file('executions'))) {
      if (line.kind === 'start') {
        const { kind, ...e } = line;
        void kind;
        byArn.set(e.arn, e);
      } else {
        const started = byArn.get(line.arn);
        if (!started) continue;
        const { kind, arn, ...end } = line;
        void kind;
        void arn;
        byArn.set(line.arn, { ...started, ...end });
      }
    }
    return [...byArn.values()];
  }

  appendEmail(stored: unknown): void {
    fs.appendFileSync(this.file('mailbox'), `${JSON.stringify(stored)}\n`);
  }

  readEmails<T>(): T[] {
    return readLines<T>(this.file('mailbox'));
  }

  /** Writes the event log and dead letters whole; the event journal then starts again empty. */
  writeObserved(state: ObservedState): void {
    writeWhole(this.file('observed'), state);
    // Everything journaled so far is in the file just written (both run in one synchronous turn).
    if (fs.existsSync(this.file('events'))) fs.truncateSync(this.file('events'));
  }

  /** An event the bus accepted, with its deliveries as they stand (pending). */
  eventLogged(logged: JournaledEvent): void {
    fs.appendFileSync(this.file('events'), `${JSON.stringify({ kind: 'event', logged } satisfies EventLine)}\n`);
  }

  /** Delivery `index` of an event has settled (delivered or dead-lettered). */
  deliverySettled(eventId: string, index: number, record: unknown): void {
    fs.appendFileSync(this.file('events'), `${JSON.stringify({ kind: 'delivery', eventId, index, record } satisfies EventLine)}\n`);
  }

  /**
   * The event log and dead letters of `observed.json`, with what the event journal holds since it
   * was written: events accepted after it (appended in order) and deliveries settled after it.
   */
  readObserved(): ObservedState {
    let state: ObservedState;
    try {
      const s = JSON.parse(fs.readFileSync(this.file('observed'), 'utf8')) as Partial<ObservedState>;
      state = { events: s.events ?? [], ruleDeadLetters: s.ruleDeadLetters ?? [], functionDeadLetters: s.functionDeadLetters ?? [] };
    } catch {
      state = { events: [], ruleDeadLetters: [], functionDeadLetters: [] };
    }
    const byId = new Map<string, JournaledEvent>();
    for (const e of state.events as JournaledEvent[]) if (typeof e?.event?.id === 'string') byId.set(e.event.id, e);
    for (const line of readLines<EventLine>(this.file('events'))) {
      if (line.kind === 'event') {
        if (typeof line.logged?.event?.id !== 'string' || byId.has(line.logged.event.id)) continue;
        byId.set(line.logged.event.id, line.logged);
        state.events.push(line.logged);
      } else if (line.kind === 'delivery') {
        const logged = byId.get(line.eventId);
        if (logged && Array.isArray(logged.deliveries) && line.index >= 0 && line.index < logged.deliveries.length) logged.deliveries[line.index] = line.record;
      }
    }
    return state;
  }

  invocationQueued(invocation: QueuedInvocation): void {
    fs.appendFileSync(this.file('invocations'), `${JSON.stringify({ kind: 'queued', ...invocation } satisfies InvocationLine)}\n`);
  }

  invocationEnded(id: string, outcome: AsyncOutcome): void {
    fs.appendFileSync(this.file('invocations'), `${JSON.stringify({ kind: 'ended', id, outcome } satisfies InvocationLine)}\n`);
  }

  /**
   * The async invocations queued and not ended (their run was cut by a stop or a kill), in queue
   * order; the journal starts again holding only them, as their redelivery goes on from there.
   */
  takeUnfinishedInvocations(): QueuedInvocation[] {
    const open = new Map<string, QueuedInvocation>();
    for (const line of readLines<InvocationLine>(this.file('invocations'))) {
      if (line.kind === 'queued') {
        const { kind, ...invocation } = line;
        void kind;
        open.set(invocation.id, invocation);
      } else if (line.kind === 'ended') open.delete(line.id);
    }
    const unfinished = [...open.values()];
    const file = this.file('invocations');
    fs.writeFileSync(`${file}.${process.pid}.tmp`, unfinished.map((i) => `${JSON.stringify({ kind: 'queued', ...i } satisfies InvocationLine)}\n`).join(''));
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
    return unfinished;
  }
}
