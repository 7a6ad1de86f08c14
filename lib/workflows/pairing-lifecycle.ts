import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { LIFECYCLE_STATES } from '../../functions/domain/pairing/model';

export interface PairingLifecycleFunctions {
  /** Decides and does what is due, parks the wake token, holds a failing pairing (functions/pairing-step.ts). */
  readonly step: lambda.IFunction;
}

/** Task failures (not timeouts) are retried 3 times with backoff and full jitter. */
const RETRY: sfn.RetryProps = {
  errors: ['States.TaskFailed'],
  maxAttempts: 3,
  interval: Duration.seconds(2),
  backoffRate: 2,
  jitterStrategy: sfn.JitterType.FULL,
};

/**
 * PairingLifecycle, one execution per pairing, named by pairing id. It is one loop: act on what is
 * due (a pure decision, stored, then its emails and events sent once each), then wait for the next
 * due moment with a task token that an answer, a pause, an end or a departure can redeem at once.
 * Per wake: 3 state transitions and about 13 history events. Before the execution nears AWS's
 * one-year limit it hands over to `<pairingId>-2`, which carries on from the stored state.
 */
export function pairingLifecycleDefinition(scope: Construct, fns: PairingLifecycleFunctions): sfn.IChainable {
  const execution = sfn.JsonPath.objectAt('$$.Execution');
  const advance = new tasks.LambdaInvoke(scope, LIFECYCLE_STATES.advance, {
    lambdaFunction: fns.step,
    payload: sfn.TaskInput.fromObject({ step: 'advance', 'pairingId.$': '$.pairingId', execution }),
    payloadResponseOnly: true,
    resultPath: '$.next',
    retryOnServiceExceptions: true,
  });
  advance.addRetry(RETRY);

  const park = new tasks.LambdaInvoke(scope, LIFECYCLE_STATES.park, {
    lambdaFunction: fns.step,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({ step: 'park', 'pairingId.$': '$.pairingId', 'version.$': '$.next.version', taskToken: sfn.JsonPath.taskToken }),
    resultPath: sfn.JsonPath.DISCARD,
    taskTimeout: sfn.Timeout.at('$.next.waitSeconds'),
  });
  park.addRetry(RETRY);

  const hold = new tasks.LambdaInvoke(scope, 'Hold the pairing and tell the admins', {
    lambdaFunction: fns.step,
    payload: sfn.TaskInput.fromObject({ step: 'hold', 'pairingId.$': '$.pairingId', execution, 'fault.$': '$.fault' }),
    payloadResponseOnly: true,
    resultPath: '$.next',
    retryOnServiceExceptions: true,
  });
  hold.addRetry({ ...RETRY, maxAttempts: 6 });
  hold.addCatch(
    new sfn.Fail(scope, LIFECYCLE_STATES.parked, {
      error: 'PairingOnHoldFailed',
      cause: 'A step failed and the pairing could not be put on hold; see the execution history.',
    }),
  );

  // A timeout is the normal way a wait ends: the next due moment has come.
  park.addCatch(advance, { errors: ['States.Timeout'], resultPath: sfn.JsonPath.DISCARD });
  for (const task of [advance, park]) task.addCatch(hold, { errors: ['States.ALL'], resultPath: '$.fault' });
  hold.next(park);
  park.next(advance);

  // StartExecution of this very state machine by ARN from the context: no reference cycle.
  const handOver = new sfn.CustomState(scope, LIFECYCLE_STATES.handOver, {
    stateJson: {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution',
      Parameters: {
        'StateMachineArn.$': '$$.StateMachine.Id',
        'Name.$': '$.next.successor',
        Input: { 'pairingId.$': '$.pairingId', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' },
      },
      ResultPath: null,
      // Already started by an earlier attempt: the successor runs, this execution is done.
      Catch: [{ ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], ResultPath: null, Next: LIFECYCLE_STATES.handedOver }],
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 3, IntervalSeconds: 2, BackoffRate: 2, JitterStrategy: 'FULL' }],
    },
  });
  handOver.next(new sfn.Succeed(scope, LIFECYCLE_STATES.handedOver));

  const carryOn = new sfn.Choice(scope, LIFECYCLE_STATES.choice)
    .when(sfn.Condition.stringEquals('$.next.action', 'done'), new sfn.Succeed(scope, LIFECYCLE_STATES.done))
    .when(sfn.Condition.stringEquals('$.next.action', 'hand-over'), handOver)
    .otherwise(park);
  return sfn.Chain.start(advance).next(carryOn);
}
