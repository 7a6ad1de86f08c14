import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, it } from 'vitest';
import { cohortMatchingDefinition } from '../../../lib/workflows/cohort-matching';

type State = Record<string, any>;
function allStates(def: { States: Record<string, State> }, into: Record<string, State> = {}) {
  for (const [name, state] of Object.entries(def.States)) {
    into[name] = state;
    if (state.ItemProcessor) allStates(state.ItemProcessor, into);
  }
  return into;
}

/** The CohortMatching definition alone, with stand-in functions: only its states are read. */
function states() {
  const stack = new Stack(new App(), 'Definition');
  const fn = (id: string) => lambda.Function.fromFunctionArn(stack, id, `arn:aws:lambda:eu-west-1:111111111111:function:${id}`);
  const lifecycle = sfn.StateMachine.fromStateMachineName(stack, 'Lifecycle', 'PairingLifecycle');
  const definition = cohortMatchingDefinition(
    stack,
    { step: fn('Step'), ask: fn('Ask'), rematch: fn('Rematch'), lifecycle },
    { approvalSeconds: 3600, reminderSeconds: 3600 },
  );
  new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(definition) });
  const machine = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'))[0] as {
    Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } };
  };
  const asl = JSON.parse(machine.Properties.DefinitionString['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
  return allStates(asl);
}

describe('CohortMatching retries its steps (QA: one failed PutEvents entry failed the whole run)', () => {
  const all = states();
  const functionSteps = [
    'Load the cohort and solve',
    'Match the waiting people again',
    'Read the approved proposal',
    'Create the pairing',
    'Finish the pairing left',
    'Waitlist the unmatched',
    'Record that it was not approved',
  ];

  it('retries a function error of every step 3 times with backoff and full jitter, after failing a refused request at once', () => {
    for (const name of functionSteps) {
      const retry = all[name]?.Retry as State[] | undefined;
      expect(retry, name).toBeDefined();
      const refused = retry!.findIndex((r) => r.ErrorEquals.includes('MatchingRequestRefused'));
      const failed = retry!.findIndex((r) => r.ErrorEquals.includes('States.TaskFailed'));
      expect(refused, `${name}: a refused request is not retried`).toBeGreaterThanOrEqual(0);
      expect(retry![refused]!.MaxAttempts, name).toBe(0);
      expect(failed, `${name}: function errors are retried`).toBeGreaterThan(refused);
      expect(retry![failed], name).toMatchObject({ MaxAttempts: 3, IntervalSeconds: 2, BackoffRate: 2, JitterStrategy: 'FULL' });
    }
  });

  it('starts, before asking for an approval, the pairings an earlier run left, each named by its pairing id', () => {
    expect(all['Load the cohort and solve']!.Next).toBe('Start the pairings an earlier run left');
    const map = all['Start the pairings an earlier run left']!;
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.proposal.stranded', MaxConcurrency: 10, ResultPath: null, Next: 'Any pairs to approve?' });
    const start = all['Start the PairingLifecycle it waits for']!;
    expect(start.Parameters['Name.$']).toBe('$.pairingId');
    expect(start.Parameters.Input).toEqual(all['Start its PairingLifecycle']!.Parameters.Input);
    expect(start.Catch[0]).toMatchObject({
      ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException', 'StepFunctions.ExecutionAlreadyExists'],
      Next: 'Was already started',
    });
  });
});
