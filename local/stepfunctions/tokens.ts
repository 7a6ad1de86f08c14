import { randomBytes } from 'node:crypto';
import { SfnApiError, TaskError } from './errors';

type TokenState = 'waiting' | 'completed' | 'timedOut' | 'cancelled';

interface TokenEntry {
  readonly executionArn: string;
  state: TokenState;
  stateName?: string;
  readonly settled: Promise<unknown>;
  resolve(output: unknown): void;
  reject(error: Error): void;
}

const TOKEN_PREFIX = 'AQCgAAAA';
const TOKEN_SHAPE = /^AQCgAAAA[A-Za-z0-9_-]{64}$/;

/**
 * Task tokens of `.waitForTaskToken` states. A token is single-use; the answer may arrive before
 * the state starts listening (a Lambda that answers itself), so each token settles a promise
 * created when it is issued.
 */
export class TaskTokens {
  private readonly entries = new Map<string, TokenEntry>();

  issue(executionArn: string): string {
    const token = TOKEN_PREFIX + randomBytes(48).toString('base64url');
    let resolve!: (v: unknown) => void;
    let reject!: (e: Error) => void;
    const settled = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A token answered while no state listens yet must not surface as an unhandled rejection.
    settled.catch(() => undefined);
    this.entries.set(token, { executionArn, state: 'waiting', settled, resolve, reject });
    return token;
  }

  /** The answer to `token`: resolves with SendTaskSuccess's output, rejects with SendTaskFailure's error. */
  answer(token: string, stateName: string): Promise<unknown> {
    const entry = this.entries.get(token);
    if (!entry) throw new Error(`Task token for state "${stateName}" was never issued; this is a bug in the local runner.`);
    entry.stateName = stateName;
    return entry.settled;
  }

  succeed(token: unknown, output: unknown): void {
    this.close(token).resolve(output);
  }

  fail(token: unknown, error?: string, cause?: string): void {
    this.close(token).reject(new TaskError(error ?? '', cause ?? ''));
  }

  heartbeat(token: unknown): void {
    this.open(token);
  }

  /** The state stopped listening (timeout or end of execution): later answers are refused like AWS. */
  retire(token: string, reason: 'timedOut' | 'cancelled'): void {
    const entry = this.entries.get(token);
    if (entry?.state === 'waiting') entry.state = reason;
  }

  retireExecution(executionArn: string): void {
    for (const [token, entry] of this.entries) {
      if (entry.executionArn === executionArn) this.retire(token, 'cancelled');
    }
  }

  private open(token: unknown): TokenEntry {
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) {
      throw new SfnApiError('InvalidToken', 'The task token is malformed; pass the exact token the state received in $$.Task.Token.');
    }
    const entry = this.entries.get(token);
    if (entry?.state === 'timedOut') {
      throw new SfnApiError('TaskTimedOut', 'The task for this token has already timed out; its Catch or Retry has taken over.');
    }
    if (entry?.state !== 'waiting') {
      throw new SfnApiError('TaskDoesNotExist', 'No task is waiting for this token: it was already answered, its execution ended, or it was never issued.');
    }
    return entry;
  }

  private close(token: unknown): TokenEntry {
    const entry = this.open(token);
    entry.state = 'completed';
    return entry;
  }
}
