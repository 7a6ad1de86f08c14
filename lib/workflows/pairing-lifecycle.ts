import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

export interface PairingLifecycleFunctions {
  /** Decisions that are not questions (functions/pairing-step.ts). */
  readonly step: lambda.IFunction;
  /** Sends a question and hands its task token to a reply address (functions/pairing-ask.ts). */
  readonly ask: lambda.IFunction;
}

/**
 * PairingLifecycle, one execution per pairing, named by pairing id. State names are what an admin
 * reads in the console. Long waits are Wait states until a timestamp; every question is a
 * waitForTaskToken with a timeout from the program's settings (TimeoutSecondsPath).
 * Per check-in: Wait, Decide, Choice, a Parallel of two questions, Record: ~30 history events,
 * so a 12-month weekly program stays under 2,000.
 */
export function pairingLifecycleDefinition(scope: Construct, fns: PairingLifecycleFunctions): sfn.IChainable {
  const step = (id: string, payload: Record<string, unknown>, resultPath: string | undefined) =>
    new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fns.step,
      payload: sfn.TaskInput.fromObject({ 'pairingId.$': '$.pairingId', ...payload }),
      payloadResponseOnly: true,
      resultPath: resultPath ?? sfn.JsonPath.DISCARD,
      retryOnServiceExceptions: true,
    });

  const ask = (id: string, askKind: string, side: 'mentor' | 'mentee' | undefined, timeoutPath: string, extra: Record<string, unknown> = {}, resultPath?: string) =>
    new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fns.ask,
      ...(resultPath ? { resultPath } : {}),
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({
        taskToken: sfn.JsonPath.taskToken,
        'pairingId.$': '$.pairingId',
        ask: askKind,
        ...(side ? { side } : {}),
        'timeoutSeconds.$': timeoutPath,
        ...extra,
      }),
      taskTimeout: sfn.Timeout.at(timeoutPath),
    });

  const silent = (id: string) => new sfn.Pass(scope, id, { result: sfn.Result.fromObject({ silent: true }) });
  const onTimeout = (task: tasks.LambdaInvoke, fallback: sfn.IChainable) => task.addCatch(fallback, { errors: ['States.Timeout'], resultPath: sfn.JsonPath.DISCARD });

  // Acceptance: introduce each person; silence earns one reminder, then counts as no answer.
  const acceptanceBranch = (side: 'mentor' | 'mentee', who: string) => {
    const intro = ask(`Introduce the ${who} and ask to accept`, 'introduction', side, '$.timeouts.acceptanceFirst');
    const remind = ask(`Remind the ${who} to answer`, 'acceptance-reminder', side, '$.timeouts.acceptanceRest');
    onTimeout(remind, silent(`No answer from the ${who}`));
    onTimeout(intro, remind);
    return intro;
  };
  const askBoth = (id: string, askKind: string, label?: string) => {
    const parallel = new sfn.Parallel(scope, id, { resultPath: '$.answers' });
    for (const [side, who] of [['mentor', 'mentor'], ['mentee', 'mentee']] as const) {
      const q = ask(`${id}: ${who}`, askKind, side, '$.timeouts.answer', label ? { 'label.$': '$.next.label' } : {});
      onTimeout(q, silent(`${id}: no answer from the ${who}`));
      parallel.branch(q);
    }
    return parallel;
  };

  const waitForNext = new sfn.Wait(scope, 'Wait for the next step', { time: sfn.WaitTime.timestampPath('$.next.at') });
  const decide = step('Decide what is due', { step: 'decide-next' }, '$.next');

  const acceptance = new sfn.Parallel(scope, 'Ask both to accept', { resultPath: '$.answers' })
    .branch(acceptanceBranch('mentor', 'mentor'))
    .branch(acceptanceBranch('mentee', 'mentee'));
  const concludeAcceptance = step('Check both accepted', { step: 'conclude-acceptance', 'answers.$': '$.answers' }, '$.next');

  const recordAndWait = (id: string, stepName: string) => step(id, { step: stepName, 'label.$': '$.next.label', 'answers.$': '$.answers' }, '$.next').next(waitForNext);
  const checkIn = askBoth('Ask both about their check-in', 'check-in', 'label').next(recordAndWait('Record the check-in', 'record-check-in'));
  const milestone = askBoth('Ask both for a milestone review', 'milestone', 'label').next(recordAndWait('Record the milestone review', 'record-review'));
  const finalReview = askBoth('Ask both for the final review', 'milestone', 'label')
    .next(step('Record the final review', { step: 'record-review', 'label.$': '$.next.label', 'answers.$': '$.answers' }, sfn.JsonPath.DISCARD))
    .next(step('Recognise both and tell consenting managers', { step: 'complete' }, sfn.JsonPath.DISCARD))
    .next(new sfn.Succeed(scope, 'Completed'));

  const applyDecision = step('Apply the admin decision', { step: 'apply-decision', 'answer.$': '$.decision' }, '$.next').next(waitForNext);
  const askAdmin = ask('Ask the admin what to do', 'admin-decision', undefined, '$.timeouts.decision', {}, '$.decision');
  askAdmin.addCatch(new sfn.Pass(scope, 'No decision: continue', { result: sfn.Result.fromObject({ silent: true }), resultPath: '$.decision' }).next(applyDecision), {
    errors: ['States.Timeout'],
    resultPath: sfn.JsonPath.DISCARD,
  });
  const ended = step('End the pairing early', { step: 'end' }, sfn.JsonPath.DISCARD).next(new sfn.Succeed(scope, 'Ended early'));
  const whatIsDue = new sfn.Choice(scope, 'What is due?')
    .when(sfn.Condition.stringEquals('$.next.action', 'check-in'), checkIn)
    .when(sfn.Condition.stringEquals('$.next.action', 'milestone'), milestone)
    .when(sfn.Condition.stringEquals('$.next.action', 'final-review'), finalReview)
    .when(sfn.Condition.stringEquals('$.next.action', 'admin-decision'), askAdmin.next(applyDecision))
    .when(sfn.Condition.stringEquals('$.next.action', 'end'), ended)
    .otherwise(waitForNext);
  waitForNext.next(decide).next(whatIsDue);

  return sfn.Chain.start(step('Start the pairing', { step: 'start' }, '$.timeouts'))
    .next(acceptance)
    .next(concludeAcceptance)
    .next(
      new sfn.Choice(scope, 'Did both accept?')
        .when(sfn.Condition.booleanEquals('$.next.accepted', true), waitForNext)
        .otherwise(new sfn.Succeed(scope, 'Not started: a new match is requested')),
    );
}
