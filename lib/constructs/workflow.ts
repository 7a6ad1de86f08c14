import { Duration, Stack, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { ProgramFunction, type ProgramFunctionProps } from './program-function';

type MailBinding = Parameters<ProgramFunction['bindMailer']>[0];

/** One Lambda function of a workflow: its ProgramFunction props and what it is bound to. */
export interface WorkflowFunctionProps extends ProgramFunctionProps {
  /** Configuration and grants that travel together (`bindTable`, `bindBus`, `bindMailer`, ...). */
  readonly bind?: (fn: ProgramFunction) => void;
}

export type WorkflowFunctions<K extends string> = { readonly [name in K]: ProgramFunction };

export interface WorkflowProps<K extends string> {
  /**
   * The workflow's functions by name (e.g. `step`, `ask`). Each becomes a ProgramFunction whose
   * construct id is the name capitalised (`Step`), so a function keeps its logical id when a
   * workflow moves onto this construct.
   */
  readonly functions: { readonly [name in K]: WorkflowFunctionProps };
  /** Builds the state machine's definition (lib/workflows) from the functions. */
  readonly definition: (scope: Construct, functions: WorkflowFunctions<K>) => sfn.IChainable;
  /** Shown in the Step Functions console. */
  readonly comment: string;
  /** The execution's TimeoutSeconds (AWS ends a Standard execution at one year whatever is set here). */
  readonly timeout: Duration;
  /** The customer-managed key that encrypts the definition and execution history. */
  readonly key: kms.IKey;
  /** A fixed name, when the ARN must be known without a reference (a machine that starts itself). @default generated */
  readonly stateMachineName?: string;
  /** How long Step Functions reuses a data key before asking KMS again. @default 5 minutes */
  readonly dataKeyReuse?: Duration;
}

/**
 * What every crossgen workflow is made of: its functions, a Standard state machine with X-Ray
 * tracing, encrypted with the customer-managed key, logging every event to its own log group
 * without execution data (which holds participant ids and answers), and the cdk-nag
 * acknowledgements that a Lambda-invoking state machine needs, one per function.
 */
export class Workflow<K extends string> extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly functions: WorkflowFunctions<K>;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowProps<K>) {
    super(scope, id);
    const names = Object.keys(props.functions) as K[];
    if (names.length === 0) throw new Error(`Workflow ${id} needs at least one function.`);
    if (props.timeout.toSeconds() <= 0) throw new Error(`Workflow ${id}: the timeout must be longer than 0 seconds, not ${props.timeout.toHumanString()}.`);

    const functions = {} as Record<K, ProgramFunction>;
    for (const name of names) {
      if (!/^[a-z][A-Za-z0-9]*$/.test(name)) throw new Error(`Workflow ${id}: function name "${name}" must be camelCase letters and digits, like "step".`);
      const { bind, ...fnProps } = props.functions[name];
      const fn = new ProgramFunction(this, name[0]!.toUpperCase() + name.slice(1), fnProps);
      bind?.(fn);
      functions[name] = fn;
    }
    this.functions = functions;

    this.logGroup = new logs.LogGroup(this, 'ExecutionLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      ...(props.stateMachineName ? { stateMachineName: props.stateMachineName } : {}),
      comment: props.comment,
      definitionBody: sfn.DefinitionBody.fromChainable(props.definition(this, this.functions)),
      stateMachineType: sfn.StateMachineType.STANDARD,
      tracingEnabled: true,
      // Execution data holds participant ids, answers and notes: log events, never data.
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(props.key, props.dataKeyReuse ?? Duration.minutes(5)),
      timeout: props.timeout,
    });
    // The grant CDK adds names the machine's ARN, which a generated name leaves unknown; and a
    // workflow that starts another (or its own successor) encrypts that execution's input too.
    // Through Step Functions only.
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `states.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );

    for (const name of names) {
      const fn = this.functions[name];
      acknowledge(
        this.stateMachine.role,
        `AwsSolutions-IAM5[Resource::<${Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        'Step Functions invokes the function by version-qualified ARN (function:*): the grant is still to this one function.',
      );
    }
    acknowledge(
      this.stateMachine.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray and CloudWatch Logs delivery actions used by Step Functions do not support resource-level permissions.',
    );
  }
}

/** What a function that asks people questions by email needs: the table, the mailer and the signing key. */
export interface QuestionAskerBindings {
  readonly table: ITableV2;
  readonly mail: MailBinding;
  /** Environment to issue reply addresses and answer links. */
  readonly replyEnvironment: Record<string, string>;
  /** Grants whatever issuing a reply address needs (the signing secret). */
  readonly grantReplySigning: (fn: ProgramFunction) => void;
}

/** A workflow function that sends questions and parks their task tokens behind reply addresses. */
export function questionAsker(entry: string, description: string, b: QuestionAskerBindings): WorkflowFunctionProps {
  return {
    entry,
    description,
    environment: b.replyEnvironment,
    bind: (fn) => {
      fn.bindTable(b.table, 'readWrite').bindMailer(b.mail);
      b.grantReplySigning(fn);
    },
  };
}

/**
 * Lets a caller outside the workflow (a function that starts executions, answers task tokens or
 * reads an execution) use the key for what it hands to Step Functions, through Step Functions only.
 */
export function grantWorkflowData(grantee: iam.IGrantable, key: kms.IKey): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `states.${Stack.of(key).region}.amazonaws.com` } },
    }),
  );
}
