import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

export interface CohortMatchingFunctions {
  /** Solve, create a pairing, waitlist, record the outcome (functions/cohort-matching.ts). */
  readonly step: lambda.IFunction;
  /** Emails the admin and parks the task token behind a reply address; tells what is left of each wait (functions/cohort-approval.ts). */
  readonly ask: lambda.IFunction;
  /** Incremental matching after a RematchRequested (functions/rematch.ts). */
  readonly rematch: lambda.IFunction;
  /** PairingLifecycle: one execution per pairing, named by the pairing id. */
  readonly lifecycle: sfn.IStateMachine;
}

export interface CohortMatchingTimings {
  /** How long the first approval request waits before the reminder. */
  readonly approvalSeconds: number;
  /** How long the reminder waits before the run ends as "Not approved". */
  readonly reminderSeconds: number;
}

/**
 * What StartExecution raises for a name already used. AWS's service integration reports the SDK
 * exception name; the local runner reports the API's error code; both mean "started before".
 */
export const EXECUTION_ALREADY_EXISTS = ['StepFunctions.ExecutionAlreadyExistsException', 'StepFunctions.ExecutionAlreadyExists'];

/** Largest number of lifecycles started at once: StartExecution is throttled per account. */
export const START_CONCURRENCY = 10;

/**
 * A step's function failed (EventBridge refusing an entry, DynamoDB throttling past the SDK's own
 * retries, a timeout): every step is safe to run again, so it is retried 3 times with backoff and
 * full jitter before the run fails. What no retry can change (`MatchingRequestRefused`: a request
 * without a program, an unknown program) fails the run at once with its reason.
 */
export const STEP_RETRIES: readonly sfn.RetryProps[] = [
  { errors: ['MatchingRequestRefused'], maxAttempts: 0 },
  { errors: ['States.TaskFailed'], maxAttempts: 3, interval: Duration.seconds(2), backoffRate: 2, jitterStrategy: sfn.JitterType.FULL },
];

/**
 * CohortMatching. Two entries: a cohort run (MatchingRequested or the admin: `{ programId }`) is
 * solved, approved by the admin and started; a rematch (RematchRequested's detail, recognised by
 * `previousPairingId`) is solved incrementally and started without a new approval, unless the
 * program asks for rematches to be approved too (then it goes through the same approval). Both start
 * pairs through the same Map, whose items are idempotent: pairing ids are derived from the pair,
 * createPairing is a no-op the second time and an execution name can be used only once. A cohort
 * run also starts, before anything else, the pairings an earlier run created but never started.
 */
export function cohortMatchingDefinition(scope: Construct, fns: CohortMatchingFunctions, timings: CohortMatchingTimings): sfn.IChainable {
  const retried = <T extends tasks.LambdaInvoke>(task: T): T => {
    for (const retry of STEP_RETRIES) task.addRetry(retry);
    return task;
  };
  const step = (id: string, stepName: string, payload: Record<string, unknown>, resultPath: string) =>
    retried(
      new tasks.LambdaInvoke(scope, id, {
        lambdaFunction: fns.step,
        payload: sfn.TaskInput.fromObject({ step: stepName, 'programId.$': '$.programId', ...payload }),
        payloadResponseOnly: true,
        resultPath,
        retryOnServiceExceptions: true,
      }),
    );
  const fromRun = { 'runId.$': '$.proposal.runId' };

  // The request is handed over whole: the function checks it and fails the run with a reason that
  // names the field (a request without programId is not a path error of the state machine).
  const solve = retried(
    new tasks.LambdaInvoke(scope, 'Load the cohort and solve', {
      lambdaFunction: fns.step,
      payload: sfn.TaskInput.fromObject({ step: 'solve', 'request.$': '$', 'runId.$': '$$.Execution.Name' }),
      payloadResponseOnly: true,
      resultPath: '$.proposal',
      retryOnServiceExceptions: true,
    }),
  );
  const rematch = new tasks.LambdaInvoke(scope, 'Match the waiting people again', {
    lambdaFunction: fns.rematch,
    payload: sfn.TaskInput.fromObject({
      'runId.$': '$$.Execution.Name',
      'programId.$': '$.programId',
      'participantIds.$': '$.participantIds',
      'previousPairingId.$': '$.previousPairingId',
      'reason.$': '$.reason',
    }),
    payloadResponseOnly: true,
    resultPath: '$.proposal',
    retryOnServiceExceptions: true,
  });
  retried(rematch);

  /** Starts a pairing's PairingLifecycle, named by the pairing id; "already exists" counts as started. */
  const startLifecycle = (id: string, alreadyId: string) => {
    const start = new tasks.StepFunctionsStartExecution(scope, id, {
      stateMachine: fns.lifecycle,
      integrationPattern: sfn.IntegrationPattern.REQUEST_RESPONSE,
      name: sfn.JsonPath.stringAt('$.pairingId'),
      // Exactly the lifecycle's input: AWS treats a same-name, same-input start of a running execution as success.
      input: sfn.TaskInput.fromObject({ 'pairingId.$': '$.pairingId', 'programId.$': '$.programId' }),
      resultPath: sfn.JsonPath.DISCARD,
    });
    start.addRetry({
      // ThrottlingException: the StartExecution token bucket (800 burst, 150/s), which a large cohort can empty.
      errors: [
        'StepFunctions.ExecutionLimitExceeded',
        'StepFunctions.ExecutionLimitExceededException',
        'StepFunctions.SdkClientException',
        'StepFunctions.ThrottlingException',
      ],
      // Ten starts at once retried in step would meet the empty bucket together every time: spread
      // at random (full jitter) and capped, for long enough that a bucket refilling at 1/s still
      // starts a cohort of a few hundred (QA quotas: 5 attempts left a quarter of 100 pairs unstarted).
      interval: Duration.seconds(1),
      maxAttempts: 30,
      backoffRate: 2,
      maxDelay: Duration.seconds(30),
      jitterStrategy: sfn.JitterType.FULL,
    });
    start.addCatch(new sfn.Pass(scope, alreadyId), { errors: EXECUTION_ALREADY_EXISTS, resultPath: sfn.JsonPath.DISCARD });
    return start;
  };

  // One lifecycle per pair. A retried Map, or a second run of the same proposal, meets pairings
  // that exist and executions that run: both count as success.
  const startAll = new sfn.Map(scope, 'Start one lifecycle per pair', {
    itemsPath: '$.proposal.pairs',
    maxConcurrency: START_CONCURRENCY,
    itemSelector: { 'programId.$': '$.programId', 'runId.$': '$.proposal.runId', 'pairingId.$': '$$.Map.Item.Value.pairingId' },
    resultPath: sfn.JsonPath.DISCARD,
  });
  // A failed put of its PairingMatched fails the item after the pairing is written: the retry
  // finds the pairing and still puts the event (functions/domain/matching/announcements.ts).
  const create = step('Create the pairing', 'create-pairing', { 'runId.$': '$.runId', 'pairingId.$': '$.pairingId' }, '$.created');
  startAll.itemProcessor(
    sfn.Chain.start(create).next(
      new sfn.Choice(scope, 'Still free to start?')
        .when(sfn.Condition.booleanEquals('$.created.start', true), startLifecycle('Start its PairingLifecycle', 'Already started'))
        .otherwise(new sfn.Pass(scope, 'Skipped: paired elsewhere or left meanwhile')),
    ),
  );

  // A cohort run first starts the pairings an earlier run approved and created but never started
  // (its Map failed past the retries): they need no new approval, and block their people until then.
  const startStranded = new sfn.Map(scope, 'Start the pairings an earlier run left', {
    itemsPath: '$.proposal.stranded',
    maxConcurrency: START_CONCURRENCY,
    itemSelector: { 'programId.$': '$.programId', 'pairingId.$': '$$.Map.Item.Value.pairingId' },
    resultPath: sfn.JsonPath.DISCARD,
  });
  const finishStranded = step('Finish the pairing left', 'start-stranded', { 'pairingId.$': '$.pairingId' }, '$.left');
  startStranded.itemProcessor(
    sfn.Chain.start(finishStranded).next(
      new sfn.Choice(scope, 'Still waiting to start?')
        .when(sfn.Condition.booleanEquals('$.left.start', true), startLifecycle('Start the PairingLifecycle it waits for', 'Was already started'))
        .otherwise(new sfn.Pass(scope, 'Started or ended meanwhile')),
    ),
  );

  const waitlist = step('Waitlist the unmatched', 'waitlist', fromRun, '$.waitlist');
  startAll.next(waitlist).next(new sfn.Succeed(scope, 'Matched'));

  // Approval: one request, one reminder, then the run ends without starting anything. Each wait
  // lasts what is left of its window, counted from the ask (and the reminder) stored with the run's
  // questions: on AWS always the whole window; on a local cloud restarted, which runs the execution
  // again from its first state (docs/local.md, Restarts), only the rest, and a reminder already sent
  // is waited out, not sent again (functions/domain/approval-ask.ts).
  const windows = { approvalSeconds: timings.approvalSeconds, reminderSeconds: timings.reminderSeconds };
  const timeLeft = retried(
    new tasks.LambdaInvoke(scope, 'Time left to approve', {
      lambdaFunction: fns.ask,
      payload: sfn.TaskInput.fromObject({ measure: true, 'programId.$': '$.programId', 'runId.$': '$.proposal.runId', ...windows }),
      payloadResponseOnly: true,
      resultPath: '$.approvalWait',
      retryOnServiceExceptions: true,
    }),
  );
  const ask = (id: string, reminder: boolean, secondsPath: string) =>
    new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fns.ask,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({
        taskToken: sfn.JsonPath.taskToken,
        'programId.$': '$.programId',
        'runId.$': '$.proposal.runId',
        'executionArn.$': '$$.Execution.Id',
        'pairCount.$': '$.proposal.pairCount',
        'unmatchedCount.$': '$.proposal.unmatchedCount',
        'timeoutSeconds.$': secondsPath,
        reminder,
        ...windows,
      }),
      taskTimeout: sfn.Timeout.at(secondsPath),
      resultPath: '$.approval',
    });
  const notApproved = step('Record that it was not approved', 'not-approved', fromRun, sfn.JsonPath.DISCARD).next(new sfn.Succeed(scope, 'Not approved'));
  const askAdmin = ask('Ask the admin to approve', false, '$.approvalWait.askSeconds');
  const remindAdmin = ask('Remind the admin', true, '$.approvalWait.remindSeconds');
  askAdmin.addCatch(remindAdmin, { errors: ['States.Timeout'], resultPath: sfn.JsonPath.DISCARD });
  remindAdmin.addCatch(notApproved, { errors: ['States.Timeout'], resultPath: sfn.JsonPath.DISCARD });
  const approval = timeLeft.next(
    new sfn.Choice(scope, 'Reminder sent or due?').when(sfn.Condition.stringEquals('$.approvalWait.stage', 'reminder'), remindAdmin).otherwise(askAdmin),
  );
  // Match review may have changed the proposal after it was solved: start the pairs it holds now.
  const reviewed = step('Read the approved proposal', 'approved', fromRun, '$.proposal').next(startAll);
  const approved = new sfn.Choice(scope, 'Approved?').when(sfn.Condition.stringEquals('$.approval.answer.intent', 'yes'), reviewed).otherwise(notApproved);
  askAdmin.next(approved);
  remindAdmin.next(approved);

  solve
    .next(startStranded)
    .next(new sfn.Choice(scope, 'Any pairs to approve?').when(sfn.Condition.numberGreaterThan('$.proposal.pairCount', 0), approval).otherwise(waitlist));
  // A program can ask for rematches to be approved too (settings.rematch.needsApproval).
  rematch.next(
    new sfn.Choice(scope, 'Any new pairs?')
      .when(
        sfn.Condition.and(sfn.Condition.numberGreaterThan('$.proposal.pairCount', 0), sfn.Condition.booleanEquals('$.proposal.needsApproval', true)),
        approval,
      )
      .when(sfn.Condition.numberGreaterThan('$.proposal.pairCount', 0), startAll)
      .otherwise(waitlist),
  );

  return new sfn.Choice(scope, 'Cohort or rematch?').when(sfn.Condition.isPresent('$.previousPairingId'), rematch).otherwise(solve);
}
