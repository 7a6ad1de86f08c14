import { describe, expect, it, vi } from 'vitest';
import { type Deliver, type LocalRule, LocalEventBus, PutEventsValidationError } from '../../../local/eventbridge/bus';

const NOW = new Date('2026-03-01T09:30:15.123Z');
const SM_ARN = 'arn:aws:states:eu-west-1:000000000000:stateMachine:PairingLifecycle';
const DLQ_ARN = 'arn:aws:sqs:eu-west-1:000000000000:rules-dlq';

const pauseRule: LocalRule = {
  name: 'PairingPauseRequested',
  eventBusName: 'crossgen',
  pattern: { source: ['crossgen.admin'], 'detail-type': ['PairingPauseRequested'] },
  state: 'ENABLED',
  targets: [{ id: 'Lifecycle', arn: SM_ARN, deadLetterArn: DLQ_ARN }],
};

const entry = (overrides: Record<string, unknown> = {}) => ({
  EventBusName: 'crossgen',
  Source: 'crossgen.admin',
  DetailType: 'PairingPauseRequested',
  Detail: JSON.stringify({ pairingId: 'p-1' }),
  ...overrides,
});

function makeBus(rules: LocalRule[], deliver: Deliver = async () => {}, now = () => NOW) {
  let n = 0;
  return new LocalEventBus({ rules, deliver, now, newId: () => `event-${(n += 1)}`, account: '111122223333', region: 'eu-west-1' });
}

describe('LocalEventBus.putEvents', () => {
  it('answers with event ids before any target runs, then delivers the full AWS envelope', async () => {
    const deliver = vi.fn<Deliver>(async () => {});
    const bus = makeBus([pauseRule], deliver);
    const result = bus.putEvents([entry({ Resources: ['arn:aws:x'] })]);
    expect(result).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: 'event-1' }] });
    expect(deliver).not.toHaveBeenCalled();
    await bus.whenIdle();
    expect(deliver).toHaveBeenCalledTimes(1);
    const [arn, input, context] = deliver.mock.calls[0]!;
    expect(arn).toBe(SM_ARN);
    expect(JSON.parse(input)).toEqual({
      version: '0',
      id: 'event-1',
      'detail-type': 'PairingPauseRequested',
      source: 'crossgen.admin',
      account: '111122223333',
      time: '2026-03-01T09:30:15Z',
      region: 'eu-west-1',
      resources: ['arn:aws:x'],
      detail: { pairingId: 'p-1' },
    });
    expect(context.rule.name).toBe('PairingPauseRequested');
  });

  it('uses the entry Time (epoch seconds, as the SDK sends it) when given', async () => {
    const deliver = vi.fn<Deliver>(async () => {});
    const bus = makeBus([pauseRule], deliver);
    bus.putEvents([entry({ Time: 1_700_000_000 })]);
    await bus.whenIdle();
    expect(JSON.parse(deliver.mock.calls[0]![1]).time).toBe('2023-11-14T22:13:20Z');
  });

  it('reports invalid entries one by one, as AWS does, and still accepts the valid ones', () => {
    const bus = makeBus([pauseRule]);
    const result = bus.putEvents([
      entry({ Source: undefined }),
      entry({ DetailType: '' }),
      entry({ Detail: undefined }),
      entry({ Detail: '[1, 2]' }),
      entry({ Detail: '{not json' }),
      entry({ Source: 'aws.ec2' }),
      entry({ EventBusName: 'nope' }),
      entry({ EventBusName: 'arn:aws:events:eu-west-1:111122223333:event-bus/crossgen' }),
    ]);
    expect(result.FailedEntryCount).toBe(7);
    expect(result.Entries).toEqual([
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus nope does not exist.' },
      { EventId: 'event-1' },
    ]);
  });

  it('refuses whole requests that are empty, over 10 entries or over 256 KB', () => {
    const bus = makeBus([pauseRule]);
    expect(() => bus.putEvents([])).toThrow(PutEventsValidationError);
    expect(() => bus.putEvents(Array.from({ length: 11 }, () => entry()))).toThrow(/less than or equal to 10/);
    const big = JSON.stringify({ text: 'x'.repeat(256 * 1024) });
    expect(() => bus.putEvents([entry({ Detail: big })])).toThrow(/over the limit/);
    expect(bus.eventLog()).toHaveLength(0);
  });
});

describe('LocalEventBus routing', () => {
  it('delivers only to enabled rules of the event bus whose pattern matches', async () => {
    const deliver = vi.fn<Deliver>(async () => {});
    const rules: LocalRule[] = [
      pauseRule,
      { ...pauseRule, name: 'Disabled', state: 'DISABLED', targets: [{ id: 'd', arn: 'arn:disabled' }] },
      { ...pauseRule, name: 'OtherBus', eventBusName: 'default', targets: [{ id: 'o', arn: 'arn:other-bus' }] },
      { ...pauseRule, name: 'OtherType', pattern: { 'detail-type': ['PairingResumeRequested'] }, targets: [{ id: 't', arn: 'arn:other-type' }] },
    ];
    const bus = makeBus(rules, deliver);
    bus.putEvents([entry()]);
    await bus.whenIdle();
    expect(deliver.mock.calls.map(([arn]) => arn)).toEqual([SM_ARN]);
    expect(bus.eventLog()[0]?.deliveries).toEqual([
      { ruleName: 'PairingPauseRequested', targetId: 'Lifecycle', targetArn: SM_ARN, status: 'delivered', attempts: 1 },
    ]);
  });

  it('applies the input transformer with the rule-name and full-event placeholders', async () => {
    const deliver = vi.fn<Deliver>(async () => {});
    const rule: LocalRule = {
      ...pauseRule,
      targets: [
        {
          id: 'Lifecycle',
          arn: SM_ARN,
          inputTransformer: {
            inputPathsMap: { pairing: '$.detail.pairingId' },
            inputTemplate: '{"pairingId": <pairing>, "rule": "<aws.events.rule-name>", "event": <aws.events.event.json>}',
          },
        },
      ],
    };
    const bus = makeBus([rule], deliver);
    bus.putEvents([entry()]);
    await bus.whenIdle();
    const input = JSON.parse(deliver.mock.calls[0]![1]);
    expect(input.pairingId).toBe('p-1');
    expect(input.rule).toBe('PairingPauseRequested');
    expect(input.event.detail).toEqual({ pairingId: 'p-1' });
  });

  it('refuses to load a rule whose pattern AWS would refuse, naming the rule', () => {
    expect(() => makeBus([{ ...pauseRule, pattern: { source: 'crossgen.admin' } }])).toThrow(
      /Rule PairingPauseRequested on event bus crossgen cannot be loaded\. Event pattern is not valid/,
    );
  });
});

describe('LocalEventBus retries and dead letters', () => {
  it('retries a failing target and records success', async () => {
    let calls = 0;
    const bus = makeBus([pauseRule], async () => {
      calls += 1;
      if (calls < 3) throw new Error('throttled');
    });
    bus.putEvents([entry()]);
    await bus.whenIdle();
    expect(bus.deadLetters()).toEqual([]);
    expect(bus.eventLog()[0]?.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('dead-letters the event with the reason once the attempts are used up', async () => {
    const bus = makeBus([pauseRule], async () => {
      throw new Error('state machine does not exist');
    });
    bus.putEvents([entry()]);
    await bus.whenIdle();
    expect(bus.deadLetters()).toEqual([
      expect.objectContaining({
        ruleName: 'PairingPauseRequested',
        ruleArn: 'arn:aws:events:eu-west-1:111122223333:rule/crossgen/PairingPauseRequested',
        targetId: 'Lifecycle',
        deadLetterArn: DLQ_ARN,
        attempts: 3,
        errorCode: 'RETRIES_EXHAUSTED',
        reason: 'Target Lifecycle of rule PairingPauseRequested failed 3 time(s); last error: state machine does not exist',
        failedAt: NOW.toISOString(),
      }),
    ]);
    expect(bus.eventLog()[0]?.deliveries[0]?.status).toBe('dead-lettered');
  });

  it('does not retry a target that cannot take events (a missing function): straight to the dead letters', async () => {
    const deliver = vi.fn<Deliver>(async () => {
      throw Object.assign(new Error('Function not found: Gone'), { retryable: false });
    });
    const bus = makeBus([pauseRule], deliver);
    bus.putEvents([entry()]);
    await bus.whenIdle();
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(bus.deadLetters()).toEqual([
      expect.objectContaining({ errorCode: 'RESOURCE_NOT_FOUND', attempts: 1, reason: expect.stringContaining('Function not found: Gone') }),
    ]);
  });

  it('honours the target retry policy: MaximumRetryAttempts 0 means one attempt', async () => {
    const deliver = vi.fn<Deliver>(async () => {
      throw new Error('boom');
    });
    const rule: LocalRule = { ...pauseRule, targets: [{ id: 'Lifecycle', arn: SM_ARN, retryPolicy: { maximumRetryAttempts: 0 } }] };
    const bus = makeBus([rule], deliver);
    bus.putEvents([entry()]);
    await bus.whenIdle();
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(bus.deadLetters()[0]?.attempts).toBe(1);
  });

  it('stops retrying once the event is older than MaximumEventAgeInSeconds', async () => {
    let clock = NOW.getTime();
    const rule: LocalRule = { ...pauseRule, targets: [{ id: 'Lifecycle', arn: SM_ARN, retryPolicy: { maximumEventAgeInSeconds: 60 } }] };
    const bus = makeBus(
      [rule],
      async () => {
        clock += 61_000;
        throw new Error('slow target');
      },
      () => new Date(clock),
    );
    bus.putEvents([entry()]);
    await bus.whenIdle();
    expect(bus.deadLetters()[0]).toMatchObject({ errorCode: 'MAXIMUM_EVENT_AGE_EXCEEDED', attempts: 1 });
  });

  it('sends an event whose input cannot be built straight to the dead letters, without delivering', async () => {
    const deliver = vi.fn<Deliver>(async () => {});
    const rule: LocalRule = { ...pauseRule, targets: [{ id: 'Lifecycle', arn: SM_ARN, inputPath: 'detail' }] };
    const bus = makeBus([rule], deliver);
    bus.putEvents([entry()]);
    await bus.whenIdle();
    expect(deliver).not.toHaveBeenCalled();
    expect(bus.deadLetters()[0]).toMatchObject({ errorCode: 'INPUT_TRANSFORMATION_FAILED', attempts: 0 });
  });

  it('keeps only the newest events in the log', async () => {
    const bus = new LocalEventBus({ rules: [pauseRule], deliver: async () => {}, logLimit: 2 });
    for (let i = 0; i < 3; i += 1) bus.putEvents([entry({ Detail: JSON.stringify({ pairingId: `p-${i}` }) })]);
    await bus.whenIdle();
    expect(bus.eventLog().map((logged) => logged.event.detail.pairingId)).toEqual(['p-1', 'p-2']);
  });
});
