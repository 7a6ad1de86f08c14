import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

export interface ImportParticipantsFunctions {
  /** Enrol a chunk, send a chunk's confirmations, end the job (functions/import-participants.ts). */
  readonly step: lambda.IFunction;
}

/** Chunks enrolled at once: two functions writing to the table, far below every quota. */
export const ENROL_CONCURRENCY = 2;

/**
 * ImportParticipants, started by POST /participants/import with `{ importId, programId, chunks }`
 * (ids and chunk numbers only: the file stays in S3). Every chunk is enrolled first, so the job's
 * rows are done as soon as DynamoDB allows; then the confirmations go out one chunk at a time
 * through the paced sender. A chunk whose confirmations could not all be sent is tried again
 * later (1, 2, 4, 8 minutes); what is still pending then stays in the outbox, where the confirmation
 * sweep (every 15 minutes) or the next import of the file sends it.
 */
export function importParticipantsDefinition(scope: Construct, fns: ImportParticipantsFunctions): sfn.IChainable {
  const step = (id: string, payload: Record<string, unknown>) =>
    new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fns.step,
      payload: sfn.TaskInput.fromObject(payload),
      payloadResponseOnly: true,
      resultPath: sfn.JsonPath.DISCARD,
      retryOnServiceExceptions: true,
    });
  const chunkItem = { 'importId.$': '$.importId', 'chunk.$': '$$.Map.Item.Value' };

  const enrol = step('Enrol the rows of one chunk', { step: 'enrol', 'importId.$': '$.importId', 'chunk.$': '$.chunk' });
  // A DynamoDB hiccup or a cold S3 read: the chunk's results are stored once, so a retry is safe.
  enrol.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(5), maxAttempts: 3, backoffRate: 2 });
  const enrolAll = new sfn.Map(scope, 'Enrol every chunk', {
    itemsPath: '$.chunks',
    maxConcurrency: ENROL_CONCURRENCY,
    itemSelector: chunkItem,
    resultPath: sfn.JsonPath.DISCARD,
  });
  enrolAll.itemProcessor(enrol);

  const confirm = step('Send the confirmations of one chunk', { step: 'confirm', 'importId.$': '$.importId', 'chunk.$': '$.chunk' });
  confirm.addRetry({ errors: ['ConfirmationsPending'], interval: Duration.minutes(1), maxAttempts: 4, backoffRate: 2 });
  confirm.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(5), maxAttempts: 3, backoffRate: 2 });
  confirm.addCatch(new sfn.Pass(scope, 'Left pending in the outbox'), { resultPath: sfn.JsonPath.DISCARD });
  // One chunk at a time: the sender's rate is the limit, more at once would only wait for slots.
  const confirmAll = new sfn.Map(scope, 'Send the confirmations of every chunk', {
    itemsPath: '$.chunks',
    maxConcurrency: 1,
    itemSelector: chunkItem,
    resultPath: sfn.JsonPath.DISCARD,
  });
  confirmAll.itemProcessor(confirm);

  const finish = step('Finish the import', { step: 'finish', 'importId.$': '$.importId' });
  const failed = step('Record the failure', { step: 'fail', 'importId.$': '$.importId', 'error.$': '$.error.Error' }).next(
    new sfn.Fail(scope, 'Import failed', { error: 'ImportFailed', cause: 'Some chunks could not be enrolled; the job reports which rows were done.' }),
  );
  enrolAll.addCatch(failed, { resultPath: '$.error' });
  return enrolAll.next(confirmAll).next(finish);
}
