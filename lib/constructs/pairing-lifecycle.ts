import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { pairingLifecycleDefinition } from '../workflows/pairing-lifecycle';
import type { ProgramFunction } from './program-function';
import { questionAsker, Workflow } from './workflow';

export interface PairingLifecycleProps {
  readonly table: ITableV2;
  readonly bus: IEventBus;
  readonly mail: { fromAddress: string; identityArn: string; configurationSetName: string; configurationSetArn: string };
  /** Environment the ask function needs to issue reply addresses and answer links. */
  readonly replyEnvironment: Record<string, string>;
  /** Grants the ask function whatever issuing a reply address needs (the signing secret). */
  readonly grantReplySigning: (fn: ProgramFunction) => void;
  /** The customer-managed key that encrypts the state machine's definition and executions. */
  readonly key: kms.IKey;
}

/**
 * One Standard execution per pairing, from introduction to recognition. The functions are the
 * entries of one map: changing the workflow's functions is changing these entries.
 */
export class PairingLifecycle extends Workflow<'step' | 'ask'> {
  constructor(scope: Construct, id: string, props: PairingLifecycleProps) {
    super(scope, id, {
      functions: {
        step: {
          entry: 'functions/pairing-step.ts',
          description: 'PairingLifecycle: decisions, records, emails and events of each step',
          bind: (fn) => void fn.bindTable(props.table, 'readWrite').bindBus(props.bus).bindMailer(props.mail),
        },
        ask: questionAsker('functions/pairing-ask.ts', 'PairingLifecycle: sends a question and parks its task token behind a reply address', props),
      },
      definition: (scope, fns) => pairingLifecycleDefinition(scope, fns),
      comment: 'crossgen PairingLifecycle: one execution per pairing, named by pairing id',
      timeout: Duration.days(730),
      key: props.key,
    });
  }

  get stepFunction(): ProgramFunction {
    return this.functions.step;
  }

  get askFunction(): ProgramFunction {
    return this.functions.ask;
  }
}
