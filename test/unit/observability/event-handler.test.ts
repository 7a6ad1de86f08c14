import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countBusiness } from '../../../functions/shared/business-metrics';
import { eventHandler } from '../../../functions/shared/event-handler';
import { logger, metrics } from '../../../functions/shared/powertools';

const context = {
  functionName: 'EnrolParticipant',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:EnrolParticipant',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/EnrolParticipant',
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as unknown as Context;

/** Everything printed while `work` runs (console and stdout/stderr), as lines. */
async function printed(work: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  const spies = [
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(capture)),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      capture(chunk);
      return true;
    }),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      capture(chunk);
      return true;
    }),
  ];
  try {
    await work().catch(() => undefined);
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe('eventHandler: the one Powertools wrapper for handlers that are not HTTP routes', () => {
  it('returns the handler result and lets errors through, so Step Functions and Lambda retries see them', async () => {
    const ok = eventHandler('enrol-participant', async (event: { n: number }) => ({ twice: event.n * 2 }));
    await expect(ok({ n: 21 }, context)).resolves.toEqual({ twice: 42 });
    const failing = eventHandler('enrol-participant', async () => {
      throw new Error('ParticipantEnrolled event e-1 was rejected: timeZone must be an IANA time zone');
    });
    await expect(failing({}, context)).rejects.toThrow(/timeZone must be an IANA time zone/);
  });

  it('logs with the Lambda context and the handler name for that invocation only', async () => {
    const handler = eventHandler('mail-feedback', async () => {
      logger.info('inside');
      return null;
    });
    const lines = await printed(async () => {
      await handler({}, context);
      logger.info('outside');
    });
    const entries = lines.filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const inside = entries.find((e) => e.message === 'inside');
    expect(inside).toMatchObject({ handler: 'mail-feedback', function_request_id: 'request-1', function_name: 'EnrolParticipant' });
    expect(entries.find((e) => e.message === 'outside')?.handler).toBeUndefined();
  });

  it('stays quiet in tests (POWERTOOLS_DEV) when an invocation counts nothing or counts something', async () => {
    expect(process.env.POWERTOOLS_DEV).toBe('true');
    const silent = eventHandler('rematch', async () => null);
    const counting = eventHandler('cohort-matching', async () => {
      metrics.addMetric('ProposalStored', 'Count', 1);
      countBusiness('pairingsStarted', 'pilot');
      return null;
    });
    expect(await printed(() => silent({}, context))).toEqual([]);
    expect(await printed(() => counting({}, context))).toEqual([]);
  });

  it('refuses a handler name that is not kebab-case, saying how to name it', () => {
    expect(() => eventHandler('Enrol Participant', async () => null)).toThrow(/kebab-case/);
  });
});

describe('countBusiness: business metrics per program', () => {
  it('emits one metric with the programId dimension only, apart from the handler metrics', () => {
    const serialized: unknown[] = [];
    const realSingle = metrics.singleMetric.bind(metrics);
    vi.spyOn(metrics, 'singleMetric').mockImplementation(() => {
      const single = realSingle();
      vi.spyOn(single, 'publishStoredMetrics').mockImplementation(() => {
        serialized.push(single.serializeMetrics());
        return single;
      });
      return single;
    });
    countBusiness('emailsSent', 'p-2027-q1', 3);
    expect(serialized).toHaveLength(1);
    const emf = serialized[0] as {
      _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
      programId: string;
      EmailsSent: number;
    };
    expect(emf._aws.CloudWatchMetrics[0]!.Metrics).toEqual([{ Name: 'EmailsSent', Unit: 'Count' }]);
    expect(emf._aws.CloudWatchMetrics[0]!.Dimensions.flat()).toContain('programId');
    expect(emf.programId).toBe('p-2027-q1');
    expect(emf.EmailsSent).toBe(3);
    expect(metrics.hasStoredMetrics(), 'the handler metrics are untouched').toBe(false);
  });

  it('refuses anything but a program id as the dimension (no personal data) and counts in whole steps', () => {
    expect(() => countBusiness('answersRecorded', 'ada@example.com')).toThrow(/personal data/);
    expect(() => countBusiness('answersRecorded', 'Reverse mentoring pilot')).toThrow(/program id/);
    expect(() => countBusiness('escalations', 'pilot', 0)).toThrow(/whole positive steps/);
  });
});
