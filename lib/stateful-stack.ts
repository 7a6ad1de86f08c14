import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { acknowledge } from './nag';
import type { Construct } from 'constructs';

/** Attribute names of the single table (see docs/data-model.md). */
export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  gsi1: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  gsi2: { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ttl: 'expiresAt',
} as const;

/**
 * Everything that holds data and must outlive a deployment: the table, the key that encrypts it,
 * the bucket raw inbound mail lands in, and the secret that signs reply addresses.
 * Retained on stack deletion; the table also has deletion protection and PITR.
 */
export interface StatefulStackProps extends StackProps {
  /**
   * Days raw inbound mail is kept before the bucket's lifecycle rule deletes it (a deployment
   * setting: mail arrives before anyone knows its program; docs/decisions.md, Retention).
   * @default 30
   */
  readonly rawMailRetentionDays?: number;
}

export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly rawMailRetentionDays: number;
  readonly table: dynamodb.TableV2;
  readonly inboundMailBucket: s3.Bucket;
  /** CSV files of participant imports (imports/<importId>.csv), read by the ImportParticipants workflow. */
  readonly importBucket: s3.Bucket;
  readonly replySigningSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props?: StatefulStackProps) {
    super(scope, id, props);
    const rawMailDays = props?.rawMailRetentionDays ?? 30;
    if (!Number.isInteger(rawMailDays) || rawMailDays < 1 || rawMailDays > 365) {
      throw new Error(`StatefulStack: rawMailRetentionDays must be a whole number of days from 1 to 365 (got ${rawMailDays}).`);
    }
    this.rawMailRetentionDays = rawMailDays;

    this.key = new kms.Key(this, 'DataKey', {
      description: 'crossgen: encrypts participant data, inbound mail, secrets and queues',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // SES writes inbound mail into the bucket encrypted with this key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Encrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    // EventBridge writes events it could not deliver into the KMS-encrypted dead-letter queue;
    // SQS asks KMS on the sender's behalf, so the service needs the key (EventBridge guide, DLQs).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE_KEYS.ttl,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: [
        {
          indexName: TABLE_KEYS.gsi1.name,
          partitionKey: { name: TABLE_KEYS.gsi1.partitionKey, type: dynamodb.AttributeType.STRING },
          sortKey: { name: TABLE_KEYS.gsi1.sortKey, type: dynamodb.AttributeType.STRING },
        },
        {
          indexName: TABLE_KEYS.gsi2.name,
          partitionKey: { name: TABLE_KEYS.gsi2.partitionKey, type: dynamodb.AttributeType.STRING },
          sortKey: { name: TABLE_KEYS.gsi2.sortKey, type: dynamodb.AttributeType.STRING },
        },
      ],
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // S3 server access logging cannot target SSE-KMS buckets
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(accessLogs, 'AwsSolutions-S1', 'This is the access-log bucket itself; logging it into itself would loop.');

    this.inboundMailBucket = new s3.Bucket(this, 'InboundMail', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'inbound-mail/',
      // Replies are personal data: keep raw mail only as long as a dispute could need it.
      lifecycleRules: [{ id: 'RawMailRetention', expiration: Duration.days(rawMailDays), noncurrentVersionExpiration: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.inboundMailBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.inboundMailBucket.arnForObjects('inbound/*')],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    this.importBucket = new s3.Bucket(this, 'ImportFiles', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'import-files/',
      // Personal data: the job's last step deletes its file; this expiry is the backstop.
      lifecycleRules: [{ expiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.replySigningSecret = new secretsmanager.Secret(this, 'ReplySigningKey', {
      description: 'crossgen: HMAC key that signs reply addresses and answer links',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.replySigningSecret,
      'AwsSolutions-SMG4',
      'Automatic rotation would replace the key without a grace period; rotation is `crossgen rotate-key`, which keeps the previous key verifying for a grace period (docs/runbook.md).',
    );
  }
}
