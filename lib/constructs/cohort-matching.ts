import { Duration, Stack, type CfnElement } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { cohortMatchingDefinition } from '../workflows/cohort-matching';
import { ProgramFunction } from './program-function';

export interface CohortMatchingProps {
  readonly table: ITableV2;
  /** The program bus: MatchingRequested and RematchRequested arrive on it, PairingMatched leaves on it. */
  readonly bus: events.IEventBus;
  /** Where events that could not start a run end up (with the reason). */
  readonly deadLetters: sqs.IQueue;
  readonly mail: { fromAddress: string; identityArn: string; configurationSetName: string; configurationSetArn: string };
  /** PairingLifecycle, started once per approved pair with the pairing id as execution name. */
  readonly lifecycle: sfn.IStateMachine;
  /** Environment the approval function needs to issue reply addresses and answer links. */
  readonly replyEnvironment: Record<string, string>;
  /** Grants the approval function whatever issuing a reply address needs (the signing secret). */
  readonly grantReplySigning: (fn: ProgramFunction) => void;
  /** How long the admin has before one reminder. @default 3 days */
  readonly approvalWindow?: Duration;
  /** How long the reminder waits before the run ends as "Not approved". @default 4 days */
  readonly reminderWindow?: Duration;
}

/**
 * CohortMatching: solve a cohort, have the admin approve it, start one PairingLifecycle per pair,
 * waitlist the rest; and rematch the waiting people when a pairing does not start or ends early.
 */
export class CohortMatching extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly stepFunction: ProgramFunction;
  readonly askFunction: ProgramFunction;
  readonly rematchFunction: ProgramFunction;

  constructor(scope: Construct, id: string, props: CohortMatchingProps) {
    super(scope, id);
    const approval = windowSeconds('approvalWindow', props.approvalWindow ?? Duration.days(3));
    const reminder = windowSeconds('reminderWindow', props.reminderWindow ?? Duration.days(4));

    // Solving holds the score matrix of the cohort in memory (8 bytes a cell below the sparse limit).
    const solver = { timeout: Duration.minutes(5), memorySize: 2048 };
    this.stepFunction = new ProgramFunction(this, 'Step', {
      entry: 'functions/cohort-matching.ts',
      description: 'CohortMatching: solve and store proposals, create pairings, waitlist the unmatched',
      ...solver,
    })
      .bindTable(props.table, 'readWrite')
      .bindBus(props.bus);
    this.rematchFunction = new ProgramFunction(this, 'Rematch', {
      entry: 'functions/rematch.ts',
      description: 'CohortMatching: matches the waitlist and rematch requests against free places',
      ...solver,
    })
      .bindTable(props.table, 'readWrite')
      .bindBus(props.bus);
    this.askFunction = new ProgramFunction(this, 'Ask', {
      entry: 'functions/cohort-approval.ts',
      description: 'CohortMatching: asks the program admin to approve a proposal, by email reply or link',
      environment: props.replyEnvironment,
    })
      .bindTable(props.table, 'readWrite')
      .bindMailer(props.mail);
    props.grantReplySigning(this.askFunction);

    const logGroup = new logs.LogGroup(this, 'ExecutionLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: 'crossgen CohortMatching: proposals, admin approval, one PairingLifecycle per pair, waitlist, rematches',
      definitionBody: sfn.DefinitionBody.fromChainable(
        cohortMatchingDefinition(this, { step: this.stepFunction, ask: this.askFunction, rematch: this.rematchFunction, lifecycle: props.lifecycle }, { approvalSeconds: approval, reminderSeconds: reminder }),
      ),
      stateMachineType: sfn.StateMachineType.STANDARD,
      tracingEnabled: true,
      // Execution data holds participant ids and answers: log events, not data.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      timeout: Duration.seconds(approval + reminder).plus(Duration.days(1)),
    });

    // Both requests carry what the run needs in their detail: it becomes the execution input.
    for (const [ruleId, detailType, source] of [
      ['MatchingRequestedRule', 'MatchingRequested', undefined],
      ['RematchRequestedRule', 'RematchRequested', ['crossgen']],
    ] as const) {
      new events.Rule(this, ruleId, {
        eventBus: props.bus,
        description: `Starts CohortMatching on ${detailType}`,
        eventPattern: { detailType: [detailType], ...(source ? { source: [...source] } : {}) },
        targets: [
          new targets.SfnStateMachine(this.stateMachine, {
            input: events.RuleTargetInput.fromEventPath('$.detail'),
            deadLetterQueue: props.deadLetters,
            retryAttempts: 4,
            maxEventAge: Duration.hours(6),
          }),
        ],
      });
    }

    for (const fn of [this.stepFunction, this.askFunction, this.rematchFunction]) {
      acknowledge(
        this.stateMachine.role,
        `AwsSolutions-IAM5[Resource::<${Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        'Step Functions invokes the function by version-qualified ARN (function:*): the grant is still to this one function.',
      );
    }
    acknowledge(this.stateMachine.role, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray and CloudWatch Logs delivery actions used by Step Functions do not support resource-level permissions.');
  }
}

function windowSeconds(name: string, window: Duration): number {
  const seconds = window.toSeconds();
  if (seconds < 3600 || seconds > 30 * 86_400) {
    throw new Error(`CohortMatching ${name} must be between 1 hour and 30 days (got ${window.toHumanString()}): admins need time to answer, and reply addresses expire.`);
  }
  return seconds;
}
