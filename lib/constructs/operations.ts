import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsProps {
  /** Receives every alarm (an email subscription the admin confirms once). */
  readonly adminEmail: string;
  /** The queue that receives failed events: rule-target DLQ and functions' on-failure destination. */
  readonly deadLetters: sqs.IQueue;
  readonly stateMachines: readonly { readonly name: string; readonly stateMachine: sfn.IStateMachine }[];
  readonly functions: readonly lambda.IFunction[];
}

/**
 * What tells the program's operator that something needs a person (docs/runbook.md, Alarms): one
 * encrypted SNS topic with the admin's email, and alarms on the things that do not heal by
 * themselves: a dead letter, a failed or timed-out workflow, a function that keeps failing, and
 * SES reputation (bounce and complaint rates) before SES pauses sending.
 */
export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.adminEmail)) {
      throw new Error(`Operations: adminEmail must be an email address (got "${props.adminEmail}"); set it with -c crossgen:adminEmail=...`);
    }
    // Its own key: CloudWatch must be allowed to use it, which the data key's policy should not say.
    const key = new kms.Key(this, 'AlarmTopicKey', { enableKeyRotation: true, description: 'crossgen: encrypts the operations alarm topic' });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: 'crossgen operations', masterKey: key, enforceSSL: true });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.adminEmail));
    const notify = new SnsAction(this.topic);
    const add = (alarmId: string, metric: cloudwatch.IMetric, description: string, threshold = 1, evaluationPeriods = 1) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `${description} See docs/runbook.md.`,
      });
      alarm.addAlarmAction(notify);
      this.alarms.push(alarm);
      return alarm;
    };

    add(
      'DeadLettersAlarm',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      // The one queue both failure paths write to: EventBridge (an event it could not hand to a
      // function) and Lambda (an event a function still failed on after its retries).
      'An event reached the dead-letter queue: a function failed on it after its retries (the message names the error), or EventBridge could not deliver it: it waits in the dead-letter queue with its reason.',
    );
    for (const { name, stateMachine } of props.stateMachines) {
      const failed = new cloudwatch.MathExpression({
        expression: 'failed + timedOut + aborted',
        usingMetrics: {
          failed: stateMachine.metricFailed({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
          timedOut: stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
          aborted: stateMachine.metricAborted({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
        },
        label: `${name} executions that failed, timed out or were aborted`,
        period: Duration.minutes(5),
      });
      add(`${name}FailedAlarm`, failed, `A ${name} execution failed, timed out or was aborted: open it in the Step Functions console.`);
    }
    for (const fn of props.functions) {
      // Named by its path below the stack (PairingLifecycleStep), since ids repeat across constructs.
      const name = fn.node.scopes
        .slice(1)
        .map((s) => s.node.id)
        .join('');
      // Workflows and EventBridge retry: one error is noise, errors in three 5-minute periods in a row are not.
      add(
        `${name}ErrorsAlarm`,
        fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
        `Function ${name} has been failing for 15 minutes.`,
        1,
        3,
      );
    }
    const reputation = (name: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName: name, period: Duration.hours(1), statistic: cloudwatch.Stats.MAXIMUM });
    // SES reviews accounts at 5% bounces and 0.1% complaints; warn at half of each.
    add('BounceRateAlarm', reputation('Reputation.BounceRate'), 'The account bounce rate reached 2.5%: check where the addresses come from.', 0.025);
    add('ComplaintRateAlarm', reputation('Reputation.ComplaintRate'), 'The account complaint rate reached 0.05%: check what was sent and to whom.', 0.0005);
  }
}
