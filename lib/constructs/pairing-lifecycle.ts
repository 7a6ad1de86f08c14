import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { pairingLifecycleDefinition } from '../workflows/pairing-lifecycle';
import { ProgramFunction } from './program-function';

export interface PairingLifecycleProps {
  readonly table: ITableV2;
  readonly bus: IEventBus;
  readonly mail: { fromAddress: string; identityArn: string; configurationSetName: string; configurationSetArn: string };
  /** Environment the ask function needs to issue reply addresses and answer links. */
  readonly replyEnvironment: Record<string, string>;
  /** Grants the ask function whatever issuing a reply address needs (the signing secret). */
  readonly grantReplySigning: (fn: ProgramFunction) => void;
}

/** One Standard execution per pairing, from introduction to recognition. */
export class PairingLifecycle extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly stepFunction: ProgramFunction;
  readonly askFunction: ProgramFunction;

  constructor(scope: Construct, id: string, props: PairingLifecycleProps) {
    super(scope, id);
    this.stepFunction = new ProgramFunction(this, 'Step', {
      entry: 'functions/pairing-step.ts',
      description: 'PairingLifecycle: decisions, records, emails and events of each step',
    })
      .bindTable(props.table, 'readWrite')
      .bindBus(props.bus)
      .bindMailer(props.mail);
    this.askFunction = new ProgramFunction(this, 'Ask', {
      entry: 'functions/pairing-ask.ts',
      description: 'PairingLifecycle: sends a question and parks its task token behind a reply address',
      environment: props.replyEnvironment,
    })
      .bindTable(props.table, 'readWrite')
      .bindMailer(props.mail);
    props.grantReplySigning(this.askFunction);

    const logGroup = new logs.LogGroup(this, 'ExecutionLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: 'crossgen PairingLifecycle: one execution per pairing, named by pairing id',
      definitionBody: sfn.DefinitionBody.fromChainable(pairingLifecycleDefinition(this, { step: this.stepFunction, ask: this.askFunction })),
      stateMachineType: sfn.StateMachineType.STANDARD,
      tracingEnabled: true,
      // Execution data holds answers and notes: log events, not data.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      timeout: Duration.days(730),
    });
    for (const fn of [this.stepFunction, this.askFunction]) {
      acknowledge(
        this.stateMachine.role,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
        'Step Functions invokes the function by version-qualified ARN (function:*): the grant is still to this one function.',
      );
    }
    acknowledge(this.stateMachine.role, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray and CloudWatch Logs delivery actions used by Step Functions do not support resource-level permissions.');
  }
}

function logicalIdOf(fn: ProgramFunction): string {
  return (fn.node.defaultChild as { logicalId?: string }) && fn.stack.getLogicalId(fn.node.defaultChild as never);
}
