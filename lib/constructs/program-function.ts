import * as path from 'node:path';
import { type CfnResource, Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { acknowledge } from '../nag';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../stateful-stack';
import { ENTRY_METADATA_KEY, REPO_ROOT } from './entry';

const TABLE_INDEX_NAMES = [TABLE_KEYS.gsi1.name, TABLE_KEYS.gsi2.name];

export interface ProgramFunctionProps {
  /** Handler source, relative to the repository root, e.g. `functions/intake-api.ts`. */
  readonly entry: string;
  /** What the function does, shown in the Lambda console. */
  readonly description: string;
  /** @default 30 seconds */
  readonly timeout?: Duration;
  /** @default 512 MB (arm64 is cheap per MB; cold starts shrink with memory) */
  readonly memorySize?: number;
  readonly environment?: Record<string, string>;
  /** @default one month */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A NodejsFunction with crossgen's defaults: nodejs22.x on arm64, X-Ray tracing, a log group with
 * retention, ESM bundle with source maps. It records its entry in the template so that the local
 * cloud can bind the deployed shape to the TypeScript source (one source of truth).
 * Grants travel with configuration: `bindTable`, `bindBus`, `bindMailer` set the environment
 * variable and grant exactly what is needed.
 */
export class ProgramFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ProgramFunctionProps) {
    if (path.isAbsolute(props.entry) || !props.entry.startsWith('functions/') || !props.entry.endsWith('.ts')) {
      throw new Error(`ProgramFunction ${id}: entry must be a .ts file under functions/, relative to the repository root (got "${props.entry}").`);
    }
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });
    super(scope, id, {
      entry: path.join(REPO_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      timeout: props.timeout ?? Duration.seconds(30),
      memorySize: props.memorySize ?? 512,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'crossgen',
        POWERTOOLS_METRICS_NAMESPACE: 'crossgen',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        sourceMap: true,
        sourcesContent: false,
        minify: true,
        mainFields: ['module', 'main'],
        // Some dependencies still call require(); ESM bundles need it defined.
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
    });
    (this.node.defaultChild as CfnResource).addMetadata(ENTRY_METADATA_KEY, props.entry);
    this.suppressBaselineFindings();
  }

  /**
   * TABLE_NAME + exactly read or read-write on the table, its two indexes and its KMS key.
   * Written out instead of `table.grantReadWriteData` so that no wildcard (index/*,
   * kms:GenerateDataKey*) is granted.
   */
  bindTable(table: ITableV2, access: 'read' | 'readWrite'): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: access === 'read' ? read : [...read, ...write],
        resources: [table.tableArn, ...TABLE_INDEX_NAMES.map((name) => `${table.tableArn}/index/${name}`)],
      }),
    );
    if (table.encryptionKey) {
      this.addToRolePolicy(
        new iam.PolicyStatement({
          actions: access === 'read' ? ['kms:Decrypt', 'kms:DescribeKey'] : ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [table.encryptionKey.keyArn],
        }),
      );
    }
    return this;
  }

  /**
   * PutItem on the table, only in partitions whose key matches `partitionKeyPattern` (IAM
   * `dynamodb:LeadingKeys`), plus what writing through the table's KMS key needs. Call after
   * `bindTable(table, 'read')` for a function that reads widely and writes one kind of item.
   */
  allowPutIn(table: ITableV2, partitionKeyPattern: string): this {
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [partitionKeyPattern] } },
      }),
    );
    if (table.encryptionKey)
      this.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:Encrypt', 'kms:GenerateDataKey'], resources: [table.encryptionKey.keyArn] }));
    return this;
  }

  /** EVENT_BUS_NAME + events:PutEvents on that bus only. */
  bindBus(bus: IEventBus): this {
    this.addEnvironment('EVENT_BUS_NAME', bus.eventBusName);
    bus.grantPutEventsTo(this);
    return this;
  }

  /** Sender configuration + ses:SendEmail from that identity and configuration set only. */
  bindMailer(mail: { fromAddress: string; identityArn: string; configurationSetName: string; configurationSetArn: string; maxSendRate?: number }): this {
    this.addEnvironment('MAIL_FROM', mail.fromAddress);
    this.addEnvironment('MAIL_CONFIGURATION_SET', mail.configurationSetName);
    // The one send rate all senders share (functions/adapters/send-pacer.ts); the pacer's slots live in the table.
    if (mail.maxSendRate !== undefined) this.addEnvironment('MAIL_MAX_SEND_RATE', String(mail.maxSendRate));
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [mail.identityArn, mail.configurationSetArn],
      }),
    );
    return this;
  }

  private suppressBaselineFindings(): void {
    const role = this.role;
    if (role) {
      acknowledge(
        role,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs.',
      );
      acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions.');
    }
    acknowledge(this, 'AwsSolutions-L1', 'nodejs22.x is the runtime this project is built and tested for; upgrades are deliberate.');
  }
}
