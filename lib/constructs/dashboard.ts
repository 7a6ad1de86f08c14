import { Aws, CfnOutput, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The namespace the functions put business metrics under (POWERTOOLS_METRICS_NAMESPACE). */
export const BUSINESS_NAMESPACE = 'crossgen';

/** Business metrics, each emitted with a `programId` dimension (docs/runbook.md, Dashboard). */
export const BUSINESS_METRICS = {
  emails: ['EmailsSent'],
  answers: ['AnswersRecorded', 'EscalationsRaised'],
  pairings: ['PairingsStarted', 'PairingsCompleted', 'PairingsEnded'],
} as const;

export interface OperationsDashboardProps {
  readonly stateMachines: readonly { readonly name: string; readonly stateMachine: sfn.IStateMachine }[];
  readonly deadLetterQueues: readonly sqs.IQueue[];
  readonly functions: readonly lambda.IFunction[];
  /** @default 5 minutes */
  readonly period?: Duration;
}

/**
 * One CloudWatch dashboard for whoever runs crossgen: both workflows' executions by status, the
 * business metrics per program (emails sent, answers recorded, escalations, pairings started,
 * completed, ended), SES bounces and complaints, dead letters, and every function's errors and
 * durations. Its URL is a stack output (`DashboardUrl`).
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    if (props.stateMachines.length === 0) throw new Error('OperationsDashboard needs at least one state machine.');
    const period = props.period ?? Duration.minutes(5);
    const sum = { period, statistic: cloudwatch.Stats.SUM };

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          '# crossgen\nWorkflows, email and functions at a glance. Business metrics have one line per program (dimension `programId`). What to do when something is red: docs/runbook.md.',
        width: 24,
        height: 2,
      }),
    );

    this.dashboard.addWidgets(
      ...props.stateMachines.map(
        ({ name, stateMachine }) =>
          new cloudwatch.GraphWidget({
            title: `${name} executions by status`,
            width: 24 / Math.min(props.stateMachines.length, 2),
            left: [
              stateMachine.metricStarted({ ...sum, label: 'started' }),
              stateMachine.metricSucceeded({ ...sum, label: 'succeeded' }),
              stateMachine.metricFailed({ ...sum, label: 'failed' }),
              stateMachine.metricTimedOut({ ...sum, label: 'timed out' }),
              stateMachine.metricAborted({ ...sum, label: 'aborted' }),
            ],
          }),
      ),
    );

    // SEARCH: one line per program, whichever programs exist; programs come and go without a deploy.
    const perProgram = (metricName: string) =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('Namespace="${BUSINESS_NAMESPACE}" MetricName="${metricName}" programId', 'Sum', ${period.toSeconds()})`,
        usingMetrics: {},
        label: metricName,
        period,
      });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Emails sent (per program)', width: 8, left: BUSINESS_METRICS.emails.map(perProgram) }),
      new cloudwatch.GraphWidget({ title: 'Replies recorded and escalations (per program)', width: 8, left: BUSINESS_METRICS.answers.map(perProgram) }),
      new cloudwatch.GraphWidget({ title: 'Pairings started, completed, ended (per program)', width: 8, left: BUSINESS_METRICS.pairings.map(perProgram) }),
    );

    const ses = (metricName: string, label: string, statistic: string = cloudwatch.Stats.SUM) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, label, period, statistic });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Email bounces and complaints (SES account)',
        width: 12,
        left: [ses('Send', 'sent'), ses('Bounce', 'bounces'), ses('Complaint', 'complaints')],
      }),
      new cloudwatch.GraphWidget({
        title: 'SES reputation (review at 5% bounces, 0.1% complaints)',
        width: 12,
        left: [
          ses('Reputation.BounceRate', 'bounce rate', cloudwatch.Stats.MAXIMUM),
          ses('Reputation.ComplaintRate', 'complaint rate', cloudwatch.Stats.MAXIMUM),
        ],
      }),
    );

    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Dead letters waiting',
        width: 8,
        left: props.deadLetterQueues.map((q) => q.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM, label: q.node.id })),
      }),
      new cloudwatch.GraphWidget({
        title: 'Function errors',
        width: 8,
        left: props.functions.map((fn) => fn.metricErrors({ ...sum, label: functionLabel(fn) })),
      }),
      new cloudwatch.GraphWidget({
        title: 'Function duration (p95)',
        width: 8,
        left: props.functions.map((fn) => fn.metricDuration({ period, statistic: cloudwatch.Stats.percentile(95), label: functionLabel(fn) })),
      }),
    );

    new CfnOutput(this, 'DashboardUrl', {
      description: 'The operations dashboard in the CloudWatch console',
      value: `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${this.dashboard.dashboardName}`,
    });
  }
}

/** Named by its path below the stack (PairingLifecycleStep), since ids repeat across constructs. */
function functionLabel(fn: lambda.IFunction): string {
  return fn.node.scopes
    .slice(1)
    .map((s) => s.node.id)
    .join('');
}
