import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EventBus, EventField, Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type Deliver, LocalEventBus, eventBusNamesFromTemplate, rulesFromTemplate } from '../../../local/eventbridge/bus';

// A real synthesized template (not a hand-written one), so CDK's output shape is what we read.
function synthesize(): unknown {
  const stack = new Stack(new App(), 'EventsUnderTest', { env: { account: '111122223333', region: 'eu-west-1' } });
  const bus = new EventBus(stack, 'Bus', { eventBusName: 'crossgen' });
  const machine = new StateMachine(stack, 'Lifecycle', { definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Start')) });
  const handler = new LambdaFn(stack, 'Audit', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler=async()=>{}'),
  });
  const deadLetterQueue = new Queue(stack, 'RulesDlq');
  const pause = new Rule(stack, 'PauseRequested', {
    eventBus: bus,
    eventPattern: { source: ['crossgen.admin'], detailType: ['PairingPauseRequested'] },
  });
  pause.addTarget(
    new SfnStateMachine(machine, {
      input: RuleTargetInput.fromObject({
        pairingId: EventField.fromPath('$.detail.pairingId'),
        note: `pause ${EventField.fromPath('$.detail.pairingId')} now`,
      }),
      deadLetterQueue,
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
    }),
  );
  pause.addTarget(new LambdaFunction(handler));
  new Rule(stack, 'Nightly', { schedule: Schedule.rate(Duration.days(1)), targets: [new LambdaFunction(handler)] });
  return Template.fromStack(stack).toJSON();
}

const resolveArn = (intrinsic: Record<string, unknown>): string => {
  const getAtt = intrinsic['Fn::GetAtt'] as [string, string] | undefined;
  if (getAtt) return `arn:local:${getAtt[0]}`;
  if (typeof intrinsic.Ref === 'string') return `arn:local:${intrinsic.Ref}`;
  throw new Error(`Unexpected intrinsic ${JSON.stringify(intrinsic)}`);
};

describe('rulesFromTemplate on a synthesized CDK template', () => {
  let template: unknown;
  beforeAll(() => {
    template = synthesize();
  });

  it('reads pattern rules with their bus, state and targets, and leaves schedules out', () => {
    const rules = rulesFromTemplate(template, resolveArn);
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(rule).toMatchObject({
      eventBusName: 'crossgen',
      pattern: { source: ['crossgen.admin'], 'detail-type': ['PairingPauseRequested'] },
      state: 'ENABLED',
    });
    expect(rule?.name).toMatch(/^PauseRequested/);
    const [toMachine, toLambda] = rule?.targets ?? [];
    expect(toMachine).toMatchObject({
      arn: expect.stringMatching(/^arn:local:Lifecycle/),
      deadLetterArn: expect.stringMatching(/^arn:local:RulesDlq/),
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      inputTransformer: { inputPathsMap: { 'detail-pairingId': '$.detail.pairingId' } },
    });
    expect(toLambda?.arn).toMatch(/^arn:local:Audit/);
    expect(eventBusNamesFromTemplate(template)).toEqual(['crossgen']);
  });

  it("routes an event through the rules it read, with CDK's input template applied", async () => {
    const deliver = vi.fn<Deliver>(async () => {});
    const bus = new LocalEventBus({ rules: rulesFromTemplate(template, resolveArn), eventBusNames: eventBusNamesFromTemplate(template), deliver });
    const result = bus.putEvents([
      {
        EventBusName: 'crossgen',
        Source: 'crossgen.admin',
        DetailType: 'PairingPauseRequested',
        Detail: '{"pairingId":"p-7"}',
      },
    ]);
    expect(result.FailedEntryCount).toBe(0);
    await bus.whenIdle();
    const byArn = Object.fromEntries(deliver.mock.calls.map(([arn, input]) => [arn.replace(/[0-9A-F]{8}$/, ''), input]));
    expect(JSON.parse(byArn['arn:local:Lifecycle'] ?? 'null')).toEqual({ pairingId: 'p-7', note: 'pause p-7 now' });
    expect(JSON.parse(byArn['arn:local:Audit'] ?? 'null').detail).toEqual({ pairingId: 'p-7' });
  });
});
