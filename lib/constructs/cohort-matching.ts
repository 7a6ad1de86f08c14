import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { cohortMatchingDefinition } from '../workflows/cohort-matching';
import type { ProgramFunction } from './program-function';
import { questionAsker, Workflow } from './workflow';
import { longestApprovalSeconds } from '../../functions/domain/approval-deadline';

export interface CohortMatchingProps {
  readonly table: ITableV2;
  /** The program bus: MatchingRequested and RematchRequested arrive on it, PairingMatched leaves on it. */
  readonly bus: events.IEventBus;
  /** Where events that could not start a run end up (with the reason). */
  readonly deadLetters: sqs.IQueue;
  readonly mail: { fromAddress: string; identityArn: string; configurationSetName: string; configurationSetArn: string };
  /** PairingLifecycle, started once per approved pair with the pairing id as execution name. */
  readonly lifecycle: sfn.IStateMachine;
  /** Environment the approval and step functions need to issue reply addresses and answer links. */
  readonly replyEnvironment: Record<string, string>;
  /** Grants whatever issuing a reply address needs (the signing secret) to the functions that email people. */
  readonly grantReplySigning: (fn: ProgramFunction) => void;
  /** How long the admin has before one reminder. @default 3 days */
  readonly approvalWindow?: Duration;
  /** How long the reminder waits before the run ends as "Not approved". @default 4 days */
  readonly reminderWindow?: Duration;
  /** The customer-managed key that encrypts the state machine's definition and executions. */
  readonly key: kms.IKey;
}

/**
 * CohortMatching: solve a cohort, have the admin approve it, start one PairingLifecycle per pair,
 * waitlist the rest; and rematch the waiting people when a pairing does not start or ends early.
 */
export class CohortMatching extends Workflow<'step' | 'ask' | 'rematch'> {
  constructor(scope: Construct, id: string, props: CohortMatchingProps) {
    const approval = windowSeconds('approvalWindow', props.approvalWindow ?? Duration.days(3));
    const reminder = windowSeconds('reminderWindow', props.reminderWindow ?? Duration.days(4));
    // Solving holds the score matrix of the cohort in memory (8 bytes a cell below the sparse limit).
    const solver = { timeout: Duration.minutes(5), memorySize: 2048 };
    const tableAndBus = (fn: ProgramFunction) => void fn.bindTable(props.table, 'readWrite').bindBus(props.bus);
    // The step tells people they are waitlisted, matched from the waitlist, or that the program closed:
    // participant emails carry the person's standing reply address, so they need the signing key too.
    const tellsPeople = (fn: ProgramFunction) => {
      tableAndBus(fn);
      fn.bindMailer(props.mail);
      props.grantReplySigning(fn);
    };
    super(scope, id, {
      functions: {
        step: {
          entry: 'functions/cohort-matching.ts',
          description: 'CohortMatching: solve and store proposals, create pairings, waitlist the unmatched',
          ...solver,
          environment: props.replyEnvironment,
          bind: tellsPeople,
        },
        rematch: {
          entry: 'functions/rematch.ts',
          description: 'CohortMatching: matches the waitlist and rematch requests against free places',
          ...solver,
          bind: tableAndBus,
        },
        ask: questionAsker('functions/cohort-approval.ts', 'CohortMatching: asks the program admin to approve a proposal, by email reply or link', props),
      },
      definition: (scope, fns) =>
        cohortMatchingDefinition(scope, { ...fns, lifecycle: props.lifecycle }, { approvalSeconds: approval, reminderSeconds: reminder }),
      comment: 'crossgen CohortMatching: proposals, admin approval, one PairingLifecycle per pair, waitlist, rematches',
      // The approval's windows count the program's working days (weekends and holidays added):
      // the run must outlast the longest they can be (functions/domain/approval-deadline.ts).
      timeout: Duration.seconds(longestApprovalSeconds(approval, reminder)).plus(Duration.days(1)),
      key: props.key,
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
  }

  get stepFunction(): ProgramFunction {
    return this.functions.step;
  }

  get askFunction(): ProgramFunction {
    return this.functions.ask;
  }

  get rematchFunction(): ProgramFunction {
    return this.functions.rematch;
  }
}

function windowSeconds(name: string, window: Duration): number {
  const seconds = window.toSeconds();
  if (seconds < 3600 || seconds > 30 * 86_400) {
    throw new Error(
      `CohortMatching ${name} must be between 1 hour and 30 days (got ${window.toHumanString()}): admins need time to answer, and reply addresses expire.`,
    );
  }
  return seconds;
}
