import { Arn, ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { pairingLifecycleDefinition } from '../workflows/pairing-lifecycle';
import type { ProgramFunction } from './program-function';
import { grantWorkflowData, questionAsker, Workflow } from './workflow';

export interface PairingLifecycleProps {
  readonly table: ITableV2;
  readonly bus: IEventBus;
  readonly mail: { fromAddress: string; identityArn: string; configurationSetName: string; configurationSetArn: string };
  /** Environment the step function needs to issue reply addresses and answer links. */
  readonly replyEnvironment: Record<string, string>;
  /** Grants the step function whatever issuing a reply address needs (the signing secret). */
  readonly grantReplySigning: (fn: ProgramFunction) => void;
  /** The customer-managed key that encrypts the state machine's definition and executions. */
  readonly key: kms.IKey;
}

/**
 * One Standard execution per pairing (and its successors past one year), from introduction to
 * recognition, with one function: it decides each step, stores it with its outbox, sends once, and
 * parks the wake token.
 */
export class PairingLifecycle extends Workflow<'step'> {
  constructor(scope: Construct, id: string, props: PairingLifecycleProps) {
    // A fixed name: the machine starts its own successor, and its ARN must be known without a reference cycle.
    const stateMachineName = `PairingLifecycle-${Stack.of(scope).stackName}`;
    super(scope, id, {
      functions: {
        step: {
          ...questionAsker(
            'functions/pairing-step.ts',
            'PairingLifecycle: decides each step, stores it with its outbox, sends once, parks the wake token',
            props,
          ),
          bind: (fn) => {
            fn.bindTable(props.table, 'readWrite').bindBus(props.bus).bindMailer(props.mail);
            props.grantReplySigning(fn);
            // It wakes its own execution when something arrived while it decided to wait.
            fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: ['*'] }));
            acknowledge(
              fn.role!,
              'AwsSolutions-IAM5[Resource::*]',
              'states:SendTaskSuccess has no resource-level permissions in IAM; the task token is the authorisation.',
            );
            grantWorkflowData(fn, props.key);
          },
        },
      },
      definition: (s, fns) => pairingLifecycleDefinition(s, fns),
      comment: 'crossgen PairingLifecycle: one execution per pairing, named by pairing id (then <id>-2, -3 past a year)',
      // AWS ends a Standard execution at one year; the workflow hands over at 360 days.
      timeout: Duration.days(365),
      key: props.key,
      stateMachineName,
    });
    const self = Arn.format(
      { service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME },
      Stack.of(this),
    );
    this.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [self] }));
  }

  get stepFunction(): ProgramFunction {
    return this.functions.step;
  }
}
