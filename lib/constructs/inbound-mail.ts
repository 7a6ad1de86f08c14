import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { ProgramFunction } from './program-function';
import { grantWorkflowData } from './workflow';

/** What ProgramFunction.bindMailer needs (OutboundMail.binding). */
export interface MailBinding {
  readonly fromAddress: string;
  readonly identityArn: string;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
}

export interface InboundMailProps {
  /** Domain whose MX points at SES inbound; reply addresses are `reply+...@<inboundDomain>`. */
  readonly inboundDomain: string;
  /** The stateful stack's inbound-mail bucket (SSE-KMS, policy lets SES write `inbound/*`). */
  readonly bucket: s3.IBucket;
  /** The key that encrypts the bucket, the table and the signing secret. */
  readonly key: kms.IKey;
  readonly table: ITableV2;
  /** Where STOP / PAUSE / END replies are published as control events. */
  readonly bus: IEventBus;
  /** Sender configuration for clarification and "question closed" notes. */
  readonly mail: MailBinding;
  /** HMAC key of reply addresses and answer links. */
  readonly replySigningSecret: secretsmanager.ISecret;
  /**
   * Base URL of the answer page for links in clarification emails, e.g. the people API endpoint.
   * Can also be set later with `useAnswerBaseUrl` (the API is usually built after this construct).
   * @default no links in clarification emails (replying still works)
   */
  readonly answerBaseUrl?: string;
  /** @default 'inbound/' (the prefix the stateful stack lets SES write to) */
  readonly objectKeyPrefix?: string;
}

/**
 * The inbound path: an SES receipt rule set for the inbound domain (spam and virus scanning, TLS
 * required) stores each message in the inbound bucket; the bucket's ObjectCreated notification
 * invokes `handler` (functions/inbound-mail.ts). Also builds `answerPage` (functions/answer-page.ts)
 * for the public routes GET and POST `/r/{token}` and `/u/{token}`.
 */
export class InboundMail extends Construct {
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly rule: ses.ReceiptRule;
  readonly handler: ProgramFunction;
  readonly answerPage: ProgramFunction;
  private readonly issuers: ProgramFunction[] = [];
  private readonly signingSecret: secretsmanager.ISecret;
  private readonly key: kms.IKey;
  private readonly inboundDomain: string;
  private answerBaseUrl: string | undefined;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(props.inboundDomain)) {
      throw new Error(`InboundMail: inboundDomain must be a domain name such as "reply.example.com" (got "${props.inboundDomain}").`);
    }
    this.signingSecret = props.replySigningSecret;
    this.key = props.key;
    this.inboundDomain = props.inboundDomain;
    this.answerBaseUrl = props.answerBaseUrl;
    const prefix = props.objectKeyPrefix ?? 'inbound/';
    if (!/^[A-Za-z0-9!_.*'()-]+\/$/.test(prefix)) {
      throw new Error(`InboundMail: objectKeyPrefix must be a folder such as "inbound/" (got "${prefix}").`);
    }
    // Imported by ARN: a notification on the bucket object itself would live in the stateful
    // stack and point back at this function, a dependency cycle between the two stacks.
    const bucket = s3.Bucket.fromBucketAttributes(this, 'Bucket', { bucketArn: props.bucket.bucketArn, encryptionKey: props.key });

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet');
    this.rule = this.ruleSet.addRule('Replies', {
      recipients: [props.inboundDomain],
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      // No kmsKey on the action: SES would then encrypt client-side (S3 Encryption Client), which
      // the JavaScript SDK v3 cannot read. The bucket's default SSE-KMS encrypts every object.
      actions: [new sesActions.S3({ bucket, objectKeyPrefix: prefix })],
    });
    // CloudFormation cannot make a rule set the active one; SES allows one active set per region.
    const activate = {
      service: 'SES',
      action: 'SetActiveReceiptRuleSet',
      parameters: { RuleSetName: this.ruleSet.receiptRuleSetName },
      physicalResourceId: cr.PhysicalResourceId.of(`${id}-active-rule-set`),
    };
    const activation = new cr.AwsCustomResource(this, 'ActivateRuleSet', {
      onCreate: activate,
      onUpdate: activate,
      // Without a name SES deactivates the set, which must happen before the set can be deleted.
      onDelete: { service: 'SES', action: 'SetActiveReceiptRuleSet', parameters: {} },
      policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] })]),
      installLatestAwsSdk: false,
      timeout: Duration.minutes(2),
    });
    activation.node.addDependency(this.rule);

    const signing = { REPLY_SIGNING_SECRET_ARN: props.replySigningSecret.secretArn, INBOUND_DOMAIN: props.inboundDomain };
    this.handler = new ProgramFunction(this, 'Handler', {
      entry: 'functions/inbound-mail.ts',
      description: 'Reads replies SES stored in S3, checks them and records answers (SendTaskSuccess)',
      // mailparser reads 10 MB in ~150 ms; memory also bounds how big a message can be held.
      memorySize: 1024,
      timeout: Duration.seconds(60),
      environment: { ...signing, ...(props.answerBaseUrl ? { ANSWER_BASE_URL: props.answerBaseUrl } : {}) },
    })
      .bindTable(props.table, 'readWrite')
      .bindBus(props.bus)
      .bindMailer(props.mail);
    this.handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }));
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(this.handler), { prefix });

    this.answerPage = new ProgramFunction(this, 'AnswerPage', {
      entry: 'functions/answer-page.ts',
      description: 'Answer page /r/{token}, one-click unsubscribe /u/{token} and concern form /c/{token}: GET shows, POST records',
      environment: signing,
    })
      .bindTable(props.table, 'readWrite')
      // A one-click unsubscribe publishes ParticipantWithdrew, as a reply STOP does.
      .bindBus(props.bus)
      // The concern form emails the program admins and acknowledges the person at once.
      .bindMailer(props.mail);

    for (const fn of [this.handler, this.answerPage]) {
      this.grantSecretRead(fn);
      // Task tokens are not resources: IAM offers SendTaskSuccess/Failure on "*" only.
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: ['*'] }));
      // The answer goes into an execution encrypted with the data key.
      grantWorkflowData(fn, this.key);
      acknowledge(
        fn.role!.node.findChild('DefaultPolicy'),
        'AwsSolutions-IAM5[Resource::*]',
        'states:SendTaskSuccess/SendTaskFailure and the X-Ray writes have no resource-level permissions in IAM; the task token is the authorisation.',
      );
    }
    this.acknowledgeObjectWildcard(bucket, prefix);
    acknowledge(
      activation.node.findChild('CustomResourcePolicy'),
      'AwsSolutions-IAM5[Resource::*]',
      'ses:SetActiveReceiptRuleSet has no resource-level permissions in IAM.',
    );
    this.acknowledgeHelpers(activation);
  }

  /**
   * Lets a function issue questions (functions/adapters/reply-tokens.ts issueQuestion): the
   * signing secret, the inbound domain and the answer links' base URL, with the grants to read the
   * secret. The table grant stays with `bindTable(table, 'readWrite')`.
   */
  allowIssuingQuestions(fn: ProgramFunction): this {
    fn.addEnvironment('REPLY_SIGNING_SECRET_ARN', this.signingSecret.secretArn);
    fn.addEnvironment('INBOUND_DOMAIN', this.inboundDomain);
    if (this.answerBaseUrl) fn.addEnvironment('ANSWER_BASE_URL', this.answerBaseUrl);
    this.grantSecretRead(fn);
    this.issuers.push(fn);
    return this;
  }

  /** Sets the answer page's base URL (e.g. the people API endpoint) for every email with links. */
  useAnswerBaseUrl(url: string): this {
    this.answerBaseUrl = url;
    for (const fn of [this.handler, this.answerPage, ...this.issuers]) fn.addEnvironment('ANSWER_BASE_URL', url);
    return this;
  }

  private grantSecretRead(fn: ProgramFunction): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [this.signingSecret.secretArn] }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [this.key.keyArn] }));
  }

  /**
   * cdk-nag names the `inbound/*` finding after the bucket ARN as the template writes it, which for
   * a bucket of another stack is the export name CDK chooses only while synthesizing: the finding
   * is acknowledged at validation time, when that name is known.
   */
  private acknowledgeObjectWildcard(bucket: s3.IBucket, prefix: string): void {
    const policy = this.handler.role!.node.findChild('DefaultPolicy');
    this.node.addValidation({
      validate: () => {
        const arn = Stack.of(this).resolve(bucket.bucketArn) as string | { 'Fn::ImportValue'?: string; 'Fn::GetAtt'?: [string, string] };
        const shown =
          typeof arn === 'string' ? arn : (arn['Fn::ImportValue'] ?? (arn['Fn::GetAtt'] ? `<${arn['Fn::GetAtt'].join('.')}>` : JSON.stringify(arn)));
        acknowledge(
          policy,
          `AwsSolutions-IAM5[Resource::${shown}/${prefix}*]`,
          'The function reads the raw messages SES stores under the inbound prefix; object names are unknown until each message arrives.',
        );
        return [];
      },
    });
  }

  /** CDK's own helper functions (custom resource, bucket notifications) and their roles. */
  private acknowledgeHelpers(activation: cr.AwsCustomResource): void {
    const stack = Stack.of(this);
    void activation;
    for (const child of stack.node.children) {
      const helper = child.node.id;
      const isCustomResource = helper.startsWith('AWS679f53fac002430cb0da5b7982bd2287');
      const isNotifications = helper.startsWith('BucketNotificationsHandler');
      if (!isCustomResource && !isNotifications) continue;
      const role = child.node.tryFindChild('ServiceRole') ?? child.node.tryFindChild('Role');
      if (role) {
        acknowledge(
          role,
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          'CDK helper function: the managed policy only lets it write its own CloudWatch logs.',
        );
        acknowledge(
          role.node.tryFindChild('DefaultPolicy') ?? role,
          'AwsSolutions-IAM5[Resource::*]',
          isCustomResource
            ? 'ses:SetActiveReceiptRuleSet has no resource-level permissions in IAM.'
            : 's3:PutBucketNotification is granted by CDK on "*" so the helper can configure imported buckets.',
        );
      }
      if (isCustomResource) acknowledge(child, 'AwsSolutions-L1', 'CDK pins the runtime of its AwsCustomResource provider; it runs only during deployments.');
    }
  }
}
