import type { AddressInfo } from 'node:net';
import { type Server, createServer } from 'node:http';
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListArchivesCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Deliver, type LocalRule, LocalEventBus } from '../../../local/eventbridge/bus';
import { eventsRequestListener, handleEventsRequest } from '../../../local/eventbridge/endpoint';

const rule: LocalRule = {
  name: 'MatchingRequested',
  eventBusName: 'crossgen',
  pattern: { source: ['crossgen.hr'], 'detail-type': ['MatchingRequested'] },
  state: 'ENABLED',
  targets: [{ id: 'CohortMatching', arn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:CohortMatching', inputPath: '$.detail' }],
};

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const deliver = vi.fn<Deliver>(async () => {});
const bus = new LocalEventBus({ rules: [rule], deliver, region: 'eu-west-1' });
let server: Server;
let endpoint: string;
let client: EventBridgeClient;

beforeAll(async () => {
  server = createServer(eventsRequestListener(bus));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new EventBridgeClient({ endpoint, region: 'eu-west-1', credentials });
});

afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('the local EventBridge endpoint with the unchanged AWS SDK client', () => {
  it('accepts PutEvents and runs the matching rule target', async () => {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'crossgen',
            Source: 'crossgen.hr',
            DetailType: 'MatchingRequested',
            Detail: '{"cohortId":"c-1"}',
            Time: new Date('2026-01-05T08:00:00Z'),
          },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    await bus.whenIdle();
    expect(deliver).toHaveBeenCalledWith(rule.targets[0]?.arn, '{"cohortId":"c-1"}', expect.anything());
    expect(bus.eventLog().at(-1)?.event.time).toBe('2026-01-05T08:00:00Z');
  });

  it('reports a failed entry the way AWS does', async () => {
    const result = await client.send(
      new PutEventsCommand({ Entries: [{ EventBusName: 'crossgen', Source: 'crossgen.hr', DetailType: 'X', Detail: 'not json' }] }),
    );
    expect(result).toMatchObject({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }] });
  });

  it('answers a request of 11 entries with a ValidationException', async () => {
    const entries = Array.from({ length: 11 }, () => ({ Source: 'crossgen.hr', DetailType: 'X', Detail: '{}' }));
    await expect(client.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('lists and describes the rules of a bus, and their targets', async () => {
    const rules = await client.send(new ListRulesCommand({ EventBusName: 'crossgen', NamePrefix: 'Matching' }));
    expect(rules.Rules).toEqual([
      expect.objectContaining({
        Name: 'MatchingRequested',
        Arn: 'arn:aws:events:eu-west-1:000000000000:rule/crossgen/MatchingRequested',
        State: 'ENABLED',
        EventBusName: 'crossgen',
      }),
    ]);
    const described = await client.send(new DescribeRuleCommand({ Name: 'MatchingRequested', EventBusName: 'crossgen' }));
    expect(JSON.parse(described.EventPattern ?? '{}')).toEqual(rule.pattern);
    const targets = await client.send(new ListTargetsByRuleCommand({ Rule: 'MatchingRequested', EventBusName: 'crossgen' }));
    expect(targets.Targets).toEqual([{ Id: 'CohortMatching', Arn: rule.targets[0]?.arn, InputPath: '$.detail' }]);
    expect((await client.send(new ListRulesCommand({}))).Rules).toEqual([]);
  });

  it('answers ResourceNotFoundException for a rule that does not exist', async () => {
    await expect(client.send(new DescribeRuleCommand({ Name: 'Nope', EventBusName: 'crossgen' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule Nope does not exist on EventBus crossgen.',
    });
  });

  it('tests event patterns, refusing invalid ones with InvalidEventPatternException', async () => {
    const event = JSON.stringify({
      id: '1',
      account: '000000000000',
      source: 'crossgen.hr',
      time: '2026-01-05T08:00:00Z',
      region: 'eu-west-1',
      resources: [],
      'detail-type': 'X',
      detail: { n: 5 },
    });
    const yes = await client.send(new TestEventPatternCommand({ EventPattern: '{"detail":{"n":[{"numeric":[">",1]}]}}', Event: event }));
    const no = await client.send(new TestEventPatternCommand({ EventPattern: '{"source":["other"]}', Event: event }));
    expect([yes.Result, no.Result]).toEqual([true, false]);
    await expect(client.send(new TestEventPatternCommand({ EventPattern: '{"source":"x"}', Event: event }))).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
    });
  });

  it('lists the event buses, so that an HR system can find the one its rules are on (QA hrfirst5)', async () => {
    expect((await client.send(new ListEventBusesCommand({}))).EventBuses).toEqual([
      { Name: 'default', Arn: 'arn:aws:events:eu-west-1:000000000000:event-bus/default' },
      { Name: 'crossgen', Arn: 'arn:aws:events:eu-west-1:000000000000:event-bus/crossgen' },
    ]);
    expect((await client.send(new ListEventBusesCommand({ NamePrefix: 'cross' }))).EventBuses?.map((b) => b.Name)).toEqual(['crossgen']);
  });

  it('answers UnknownOperationException for operations it does not implement', async () => {
    await expect(client.send(new ListArchivesCommand({}))).rejects.toMatchObject({ name: 'UnknownOperationException' });
    expect(handleEventsRequest(bus, 'AWSEvents.CreateEventBus', '{}')).toEqual({
      status: 400,
      body: { __type: 'UnknownOperationException', message: expect.stringContaining('does not implement "AWSEvents.CreateEventBus"') },
    });
  });

  it('is reached through AWS_ENDPOINT_URL_EVENTBRIDGE by a client built without an endpoint', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_EVENTBRIDGE', endpoint);
    try {
      const plain = new EventBridgeClient({ region: 'eu-west-1', credentials });
      const result = await plain.send(new ListRulesCommand({ EventBusName: 'crossgen' }));
      plain.destroy();
      expect(result.Rules?.map((r) => r.Name)).toEqual(['MatchingRequested']);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
