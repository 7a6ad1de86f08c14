import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExecutionRecord } from './stepfunctions/types';

/**
 * What the local cloud keeps under `--data` besides DynamoDB Local, S3 and the secrets, so that a
 * restart (Ctrl-C or kill -9) carries on where it stopped (docs/local.md, "Restarts"):
 * - `clock.json`: the simulated time, written as it moves;
 * - `executions.jsonl`: one line when an execution starts and one when it ends (append-only);
 * - `mailbox.jsonl`: every email the SES mailbox accepted, appended before SES answers the sender;
 * - `observed.json`: the event log and the dead letters, rewritten whole (tmp file + rename).
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

const FILES = { clock: 'clock.json', executions: 'executions.jsonl', mailbox: 'mailbox.jsonl', observed: 'observed.json' } as const;

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
   * the executions saw. The clock is saved every real second, and one second of a clock advance
   * can cover hours: after a kill -9 mid-advance the file is behind emails already sent, and a
   * clock set back would leave the paced sender's slots ahead of it (sends refused for minutes).
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

  writeObserved(state: ObservedState): void {
    writeWhole(this.file('observed'), state);
  }

  readObserved(): ObservedState {
    try {
      const s = JSON.parse(fs.readFileSync(this.file('observed'), 'utf8')) as Partial<ObservedState>;
      return { events: s.events ?? [], ruleDeadLetters: s.ruleDeadLetters ?? [], functionDeadLetters: s.functionDeadLetters ?? [] };
    } catch {
      return { events: [], ruleDeadLetters: [], functionDeadLetters: [] };
    }
  }
}
