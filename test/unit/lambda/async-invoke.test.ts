import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '../../../local/clock';
import { AsyncInvoker, AsyncInvokeRefused, type AsyncFailure, type AsyncInvokeConfig, type AsyncJournal } from '../../../local/lambda-async';

const START = new Date('2027-03-01T09:00:00.000Z');
const FN = { arn: 'arn:aws:lambda:eu-west-1:000000000000:function:PairingControl', logicalId: 'PairingControl' };
const DLQ = 'arn:aws:sqs:eu-west-1:000000000000:EventsDeadLetters';
const event = { version: '0', id: 'event-1', 'detail-type': 'PairingPauseRequested', source: 'hr', detail: { pairingId: 'pr_x' } };

let clock: SimClock | undefined;
afterEach(() => clock?.dispose());

/** An invoker on a stopped simulated clock, its function answering from `outcomes` (an Error = a failed attempt). */
function setup(outcomes: (Error | 'ok')[], config: Partial<AsyncInvokeConfig> = { onFailure: DLQ }, journal?: AsyncJournal) {
  clock = new SimClock({ now: START, speed: 0, fakeDate: false });
  const attempts: { at: string; payload: unknown }[] = [];
  const failures: AsyncFailure[] = [];
  const c = clock;
  const invoker = new AsyncInvoker({
    invoke: async (_arn, payload) => {
      attempts.push({ at: c.now().toISOString(), payload });
      const outcome = outcomes[attempts.length - 1] ?? 'ok';
      if (outcome !== 'ok') throw outcome;
      return null;
    },
    find: (name) => (name === FN.arn || name === FN.logicalId ? FN : undefined),
    configs: [{ functionName: FN.logicalId, maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600, ...config }],
    clock,
    onFailure: (f) => failures.push(f),
    newId: () => 'request-1',
    ...(journal && { journal }),
  });
  return { invoker, attempts, failures, clock };
}

const rejected = (message: string) => Object.assign(new Error(message), { name: 'IntakeRejected' });

describe('Lambda asynchronous invocation (local/lambda-async.ts)', () => {
  it('answers at once, retries a failing function 1 and then 2 simulated minutes later, then sends the AWS on-failure record', async () => {
    const { invoker, attempts, failures, clock } = setup([
      rejected('until must be a date'),
      rejected('until must be a date'),
      rejected('until must be a date'),
    ]);
    expect(invoker.invoke(FN.arn, event)).toEqual({ requestId: 'request-1' });
    await clock.idle();
    expect(attempts.map((a) => a.at)).toEqual(['2027-03-01T09:00:00.000Z']);
    expect(failures).toEqual([]);
    await clock.advance(59_999);
    expect(attempts).toHaveLength(1);
    await clock.advance(1);
    expect(attempts.map((a) => a.at)).toEqual(['2027-03-01T09:00:00.000Z', '2027-03-01T09:01:00.000Z']);
    await clock.advance(120_000);
    expect(attempts.map((a) => a.at)).toEqual(['2027-03-01T09:00:00.000Z', '2027-03-01T09:01:00.000Z', '2027-03-01T09:03:00.000Z']);
    expect(attempts.every((a) => JSON.stringify(a.payload) === JSON.stringify(event))).toBe(true);
    expect(failures).toEqual([
      {
        functionName: 'PairingControl',
        destination: DLQ,
        attemptedAt: ['2027-03-01T09:00:00.000Z', '2027-03-01T09:01:00.000Z', '2027-03-01T09:03:00.000Z'],
        record: {
          version: '1.0',
          timestamp: '2027-03-01T09:03:00.000Z',
          requestContext: { requestId: 'request-1', functionArn: `${FN.arn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
          requestPayload: event,
          responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
          responsePayload: { errorMessage: 'until must be a date', errorType: 'IntakeRejected' },
        },
      },
    ]);
    await clock.advance(3_600_000);
    expect(attempts).toHaveLength(3);
  });

  it('a function that fails once and then succeeds is not dead-lettered', async () => {
    const { invoker, attempts, failures, clock } = setup([new Error('throttled'), 'ok']);
    invoker.invoke(FN.logicalId, event);
    await clock.advance(3_600_000);
    expect(attempts).toHaveLength(2);
    expect(failures).toEqual([]);
  });

  it('honours MaximumRetryAttempts 0 and the maximum event age', async () => {
    const none = setup([new Error('a'), new Error('b')], { onFailure: DLQ, maximumRetryAttempts: 0 });
    none.invoker.invoke(FN.arn, event);
    await none.clock.advance(600_000);
    expect(none.attempts).toHaveLength(1);
    expect(none.failures[0]?.record.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 1 });
    none.clock.dispose();

    const young = setup([new Error('a'), new Error('b'), new Error('c')], { onFailure: DLQ, maximumEventAgeSeconds: 90 });
    young.invoker.invoke(FN.arn, event);
    await young.clock.advance(600_000);
    expect(young.attempts).toHaveLength(2);
    expect(young.failures[0]?.record.requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 2 });
  });

  it('reports a failure without a destination as dropped (no destination), and refuses a missing function at once', async () => {
    const { invoker, failures, clock } = setup([new Error('a'), new Error('b'), new Error('c')], {});
    invoker.invoke(FN.arn, event);
    await clock.advance(600_000);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.destination).toBeUndefined();
    expect(() => invoker.invoke('arn:aws:lambda:eu-west-1:000000000000:function:Gone', event)).toThrow(AsyncInvokeRefused);
    const refused = (() => {
      try {
        invoker.invoke('Gone', event);
        return undefined;
      } catch (e) {
        return e as AsyncInvokeRefused;
      }
    })();
    expect(refused?.retryable, 'EventBridge must not retry it').toBe(false);
  });

  describe('the journal hook (what --data keeps of the async queue)', () => {
    /** A journal in memory, as lines: what local/persistence.ts appends to invocations.jsonl. */
    function memoryJournal() {
      const lines: string[] = [];
      const journal: AsyncJournal = {
        queued: (i) => lines.push(`queued ${i.id} ${i.logicalId} ${i.functionArn} ${new Date(i.queuedAt).toISOString()} ${JSON.stringify(i.payload)}`),
        ended: (id, outcome) => lines.push(`ended ${id} ${outcome}`),
      };
      return { lines, journal };
    }

    it('records the invocation as queued before the caller is answered, and its end once the run succeeded', async () => {
      const { lines, journal } = memoryJournal();
      const { invoker, attempts, clock } = setup([new Error('throttled'), 'ok'], { onFailure: DLQ }, journal);
      invoker.invoke(FN.logicalId, event);
      expect(lines).toEqual([`queued request-1 PairingControl ${FN.arn} 2027-03-01T09:00:00.000Z ${JSON.stringify(event)}`]);
      await clock.idle();
      expect(attempts, 'the first attempt failed: waiting for the retry, still queued').toHaveLength(1);
      expect(lines).toHaveLength(1);
      await clock.advance(60_000);
      expect(attempts).toHaveLength(2);
      expect(lines.slice(1)).toEqual(['ended request-1 succeeded']);
    });

    it('records the end as failed when the event goes to the on-failure destination, and nothing for a refused function', async () => {
      const { lines, journal } = memoryJournal();
      const { invoker, failures, clock } = setup([new Error('a'), new Error('b'), new Error('c')], { onFailure: DLQ }, journal);
      invoker.invoke(FN.arn, event);
      await clock.advance(600_000);
      expect(failures).toHaveLength(1);
      expect(lines.slice(1)).toEqual(['ended request-1 failed']);
      expect(() => invoker.invoke('Gone', event)).toThrow(AsyncInvokeRefused);
      expect(lines).toHaveLength(2);
    });

    it('keeps an invocation whose run never ended queued, and a redelivery runs it again under its request id without queueing it twice', async () => {
      const { lines, journal } = memoryJournal();
      // The first process: its function never returns (the process is killed mid-run).
      const first = setup([], { onFailure: DLQ }, journal);
      const hung = new AsyncInvoker({
        invoke: () => new Promise(() => undefined),
        find: () => FN,
        configs: [],
        clock: first.clock,
        onFailure: () => undefined,
        newId: () => 'request-1',
        journal,
      });
      hung.invoke(FN.arn, event);
      expect(lines).toHaveLength(1);
      first.clock.dispose();

      // The restarted process delivers it again from the journal's line, at least once.
      const second = setup(['ok'], { onFailure: DLQ }, journal);
      second.invoker.redeliver({ id: 'request-1', functionArn: FN.arn, logicalId: FN.logicalId, payload: event, queuedAt: START.getTime() });
      await second.clock.idle();
      expect(second.attempts.map((a) => a.payload)).toEqual([event]);
      expect(lines.slice(1)).toEqual(['ended request-1 succeeded']);
      expect(() =>
        second.invoker.redeliver({
          id: 'request-2',
          functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:Gone',
          logicalId: 'Gone',
          payload: event,
          queuedAt: 0,
        }),
      ).toThrow(AsyncInvokeRefused);
    });

    it("counts a redelivered event's age from its first queueing", async () => {
      const { lines, journal } = memoryJournal();
      const { invoker, attempts, failures, clock } = setup(
        [new Error('a'), new Error('b'), new Error('c')],
        { onFailure: DLQ, maximumEventAgeSeconds: 90 },
        journal,
      );
      // Queued 80 simulated seconds before this process took it over.
      invoker.redeliver({ id: 'request-1', functionArn: FN.arn, logicalId: FN.logicalId, payload: event, queuedAt: START.getTime() - 80_000 });
      await clock.advance(600_000);
      expect(attempts).toHaveLength(1);
      expect(failures[0]?.record.requestContext).toMatchObject({ requestId: 'request-1', condition: 'EventAgeExceeded', approximateInvokeCount: 1 });
      expect(lines).toEqual(['ended request-1 failed']);
    });
  });
});
