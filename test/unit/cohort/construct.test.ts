import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { CohortMatching, type CohortMatchingProps } from '../../../lib/constructs/cohort-matching';
import { EventHub } from '../../../lib/constructs/event-hub';
import { StatefulStack } from '../../../lib/stateful-stack';

const env = { account: '111111111111', region: 'eu-west-1' };
const mail = {
  fromAddress: 'crossgen@example.com',
  identityArn: 'arn:aws:ses:eu-west-1:111111111111:identity/example.com',
  configurationSetName: 'crossgen',
  configurationSetArn: 'arn:aws:ses:eu-west-1:111111111111:configuration-set/crossgen',
};

function build(overrides: Partial<CohortMatchingProps> = {}) {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-cohort-')), context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const data = new StatefulStack(app, 'CrossgenData', { env });
  const stack = new Stack(app, 'CrossgenWorkflows', { env });
  const hub = new EventHub(stack, 'Events', { key: data.key });
  const lifecycle = sfn.StateMachine.fromStateMachineName(stack, 'Lifecycle', 'PairingLifecycle');
  const matching = new CohortMatching(stack, 'CohortMatching', {
    table: data.table,
    bus: hub.bus,
    deadLetters: hub.deadLetters,
    mail,
    lifecycle,
    replyEnvironment: { INBOUND_DOMAIN: 'reply.example.com' },
    grantReplySigning: () => undefined,
    key: data.key,
    ...overrides,
  });
  return { app, stack, matching };
}

type Asl = { States: Record<string, Record<string, any>> };
function allStates(def: Asl, into: Record<string, Record<string, any>> = {}) {
  for (const [name, state] of Object.entries(def.States)) {
    into[name] = state;
    if (state.ItemProcessor) allStates(state.ItemProcessor, into);
  }
  return into;
}

describe('CohortMatching construct', () => {
  const { app, stack } = build();
  let synthError: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    synthError = e as Error;
  }
  const template = Template.fromStack(stack);
  const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as {
    Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } };
  };
  const asl = JSON.parse(machine.Properties.DefinitionString['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'TOKEN')).join('')) as Asl;
  const states = allStates(asl);

  it('synthesizes with cdk-nag clean', () => {
    expect(synthError?.message ?? '').toBe('');
  });

  it('starts a run on MatchingRequested (any source) and on RematchRequested (crossgen only), with the detail as input', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['MatchingRequested'] },
      Targets: [Match.objectLike({ InputPath: '$.detail', DeadLetterConfig: Match.anyValue(), RoleArn: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['RematchRequested'], source: ['crossgen'] },
      Targets: [Match.objectLike({ InputPath: '$.detail' })],
    });
  });

  it('starts lifecycles ten at a time, named by pairing id, treating "already exists" as started', () => {
    const map = states['Start one lifecycle per pair']!;
    expect(map.MaxConcurrency).toBe(10);
    const start = states['Start its PairingLifecycle']!;
    expect(start.Resource).toMatch(/:states:::states:startExecution$/);
    expect(start.Parameters['Name.$']).toBe('$.pairingId');
    expect(start.Catch[0].ErrorEquals).toEqual(
      expect.arrayContaining(['StepFunctions.ExecutionAlreadyExistsException', 'StepFunctions.ExecutionAlreadyExists']),
    );
    expect(start.Catch[0].Next).toBe('Already started');
  });

  it('waits for the admin with a timeout, reminds once, then ends as not approved', () => {
    const ask = states['Ask the admin to approve']!;
    const remind = states['Remind the admin']!;
    expect(ask.Resource).toMatch(/:states:::lambda:invoke.waitForTaskToken$/);
    // Each wait times out after what is left of its window, counted from the stored ask
    // (functions/domain/approval-ask.ts): the whole 3 and 4 days unless the run is carried on.
    const timeLeft = states['Time left to approve']!;
    expect(timeLeft.Parameters).toMatchObject({ measure: true, approvalSeconds: 3 * 86_400, reminderSeconds: 4 * 86_400 });
    expect(timeLeft.ResultPath).toBe('$.approvalWait');
    expect(states['Reminder sent or due?']!.Choices).toEqual([
      expect.objectContaining({ Variable: '$.approvalWait.stage', StringEquals: 'reminder', Next: 'Remind the admin' }),
    ]);
    expect(states['Reminder sent or due?']!.Default).toBe('Ask the admin to approve');
    expect(ask.TimeoutSecondsPath).toBe('$.approvalWait.askSeconds');
    expect(remind.TimeoutSecondsPath).toBe('$.approvalWait.remindSeconds');
    expect(ask.Parameters.Payload).toMatchObject({ 'timeoutSeconds.$': '$.approvalWait.askSeconds', reminder: false, approvalSeconds: 3 * 86_400 });
    expect(remind.Parameters.Payload).toMatchObject({ 'timeoutSeconds.$': '$.approvalWait.remindSeconds', reminder: true, reminderSeconds: 4 * 86_400 });
    expect(ask.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: 'Remind the admin' })]);
    expect(remind.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: 'Record that it was not approved' })]);
    expect(states['Record that it was not approved']!.Next).toBe('Not approved');
    expect(states['Not approved']!.Type).toBe('Succeed');
  });

  it('refuses approval windows an admin could not answer in, or that outlive reply addresses', () => {
    expect(() => build({ approvalWindow: Duration.minutes(5) })).toThrow(/approvalWindow must be between 1 hour and 30 days/);
    expect(() => build({ reminderWindow: Duration.days(60) })).toThrow(/reminderWindow must be between 1 hour and 30 days/);
  });
});
