import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { describe, expect, it } from 'vitest';
import { Workflow, type WorkflowProps } from '../../../lib/constructs/workflow';

const env = { account: '111111111111', region: 'eu-west-1' };

function build(overrides: Partial<WorkflowProps<'decide' | 'notify'>> = {}) {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-workflow-')), context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Stack', { env });
  const key = new kms.Key(stack, 'Key');
  const bound: string[] = [];
  const workflow = new Workflow(stack, 'Example', {
    functions: {
      decide: { entry: 'functions/pairing-step.ts', description: 'decides', bind: () => void bound.push('decide') },
      notify: { entry: 'functions/cohort-approval.ts', description: 'notifies' },
    },
    definition: (scope, fns) =>
      new tasks.LambdaInvoke(scope, 'Decide the next step', { lambdaFunction: fns.decide, payloadResponseOnly: true }).next(
        new tasks.LambdaInvoke(scope, 'Send the notice', { lambdaFunction: fns.notify, payloadResponseOnly: true }),
      ),
    comment: 'an example',
    timeout: Duration.days(30),
    key,
    ...overrides,
  });
  return { stack, workflow, bound };
}

describe('Workflow construct', () => {
  it('makes one function per entry, named by it, bound as the entry says, and an encrypted machine invoking them', () => {
    const { stack, workflow, bound } = build();
    expect(Object.keys(workflow.functions)).toEqual(['decide', 'notify']);
    expect(workflow.functions.decide.node.id).toBe('Decide');
    expect(bound).toEqual(['decide']);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 2);
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(machine!.Properties.EncryptionConfiguration).toMatchObject({ Type: 'CUSTOMER_MANAGED_KMS_KEY' });
    expect(machine!.Properties.LoggingConfiguration).toMatchObject({ IncludeExecutionData: false, Level: 'ALL' });
    expect(JSON.stringify(machine!.Properties.DefinitionString)).toMatch(/Decide the next step.*Send the notice/);
    expect(workflow.stateMachine).toBeInstanceOf(sfn.StateMachine);
  });

  it('refuses a workflow without functions, a function name that is not camelCase, and a timeout of zero', () => {
    expect(() => build({ functions: {} as never })).toThrow(/needs at least one function/);
    expect(() => build({ functions: { 'Send-Mail': { entry: 'functions/cohort-approval.ts', description: 'x' } } as never })).toThrow(/must be camelCase/);
    expect(() => build({ timeout: Duration.seconds(0) })).toThrow(/longer than 0 seconds/);
  });
});
