import { Arn, ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
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
  /** Environment the step function needs to issue reply addresses and answer links. */
  readonly replyEnvironment: Record<string, string>;
  /** Grants the step function whatever issuing a reply address needs (the signing secret). */
  readonly grantReplySigning: (fn: ProgramFunction) => void;
}

/** One Standard execution per pairing (and its successors past one year), from introduction to recognition. */
export class PairingLifecycle extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly stepFunction: ProgramFunction;

  constructor(scope: Construct, id: string, props: PairingLifecycleProps) {
    super(scope, id);
    this.stepFunction = new ProgramFunction(this, 'Step', {
      entry: 'functions/pairing-step.ts',
      description: 'PairingLifecycle: decides each step, stores it with its outbox, sends once, parks the wake token',
      environment: props.replyEnvironment,
    })
      .bindTable(props.table, 'readWrite')
      .bindBus(props.bus)
      .bindMailer(props.mail);
    props.grantReplySigning(this.stepFunction);
    // It wakes its own execution when something arrived while it decided to wait.
    this.stepFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: ['*'] }));
    acknowledge(this.stepFunction.role!, 'AwsSolutions-IAM5[Resource::*]', 'states:SendTaskSuccess has no resource-level permissions in IAM; the task token is the authorisation.');

    // A fixed name: the machine starts its own successor, and its ARN must be known without a reference cycle.
    const stack = Stack.of(this);
    const stateMachineName = `PairingLifecycle-${stack.stackName}`;
    const logGroup = new logs.LogGroup(this, 'ExecutionLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName,
      comment: 'crossgen PairingLifecycle: one execution per pairing, named by pairing id (then <id>-2, -3 past a year)',
      definitionBody: sfn.DefinitionBody.fromChainable(pairingLifecycleDefinition(this, { step: this.stepFunction })),
      stateMachineType: sfn.StateMachineType.STANDARD,
      tracingEnabled: true,
      // Execution data holds answers and notes: log events, not data.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      // AWS ends a Standard execution at one year; the workflow hands over at 360 days.
      timeout: Duration.days(365),
    });
    const self = Arn.format({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack);
    this.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [self] }));
    acknowledge(
      this.stateMachine.role,
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(this.stepFunction)}.Arn>:*]`,
      'Step Functions invokes the function by version-qualified ARN (function:*): the grant is still to this one function.',
    );
    acknowledge(this.stateMachine.role, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray and CloudWatch Logs delivery actions used by Step Functions do not support resource-level permissions.');
  }
}

function logicalIdOf(fn: ProgramFunction): string {
  return (fn.node.defaultChild as { logicalId?: string }) && fn.stack.getLogicalId(fn.node.defaultChild as never);
}
