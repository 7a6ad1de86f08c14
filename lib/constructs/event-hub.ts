import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledge } from '../nag';
import { Construct } from 'constructs';

export interface EventHubProps {
  /** Encrypts the dead-letter queue (events carry participant ids and answers). */
  readonly key: kms.IKey;
}

/** Lambda's own retries of an asynchronous invocation that failed (its default; about 1 and 2 minutes apart). */
export const ASYNC_RETRY_ATTEMPTS = 2;

/**
 * The program's custom bus, its archive (replay after an incident) and one dead-letter queue that
 * receives both kinds of failure (docs/decisions.md, "Event-driven failures"): events EventBridge
 * could not hand to a function (the rule target's DLQ) and events a function failed on after
 * Lambda's retries (the function's on-failure destination).
 */
export class EventHub extends Construct {
  readonly bus: events.EventBus;
  readonly deadLetters: sqs.Queue;
  private readonly key: kms.IKey;
  private readonly onFailureConfigured = new Set<lambda.IFunction>();

  constructor(scope: Construct, id: string, props: EventHubProps) {
    super(scope, id);
    this.key = props.key;
    this.bus = new events.EventBus(this, 'Bus', { description: 'crossgen: program, pairing and participant events' });
    // The bus an HR system puts ParticipantEnrolled (and the other HR events) on (docs/admin-api.md, "HR systems").
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName, description: 'The bus HR systems put their events on' });
    this.bus.archive('Archive', {
      description: 'Every crossgen event for 90 days, for replay',
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(90),
    });
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.deadLetters, 'AwsSolutions-SQS3', 'This queue is the dead-letter queue; it has none of its own.');
  }

  /**
   * A rule on the bus for one detail-type that invokes a function. EventBridge invokes it
   * asynchronously, so two paths end in the dead-letter queue: an event EventBridge could not hand
   * to Lambda (after its retries) goes there through the target's DLQ; an event the function failed
   * on goes there through the function's on-failure destination after Lambda's own retries
   * (`deadLetterFailuresOf`), carrying the error message.
   */
  routeToFunction(id: string, detailType: string | string[], fn: lambda.IFunction, opts: { source?: string[]; bus?: events.IEventBus } = {}): events.Rule {
    const rule = new events.Rule(this, id, {
      // AWS services (SES feedback) can only publish to the default bus: `bus` picks it.
      eventBus: opts.bus ?? this.bus,
      description: `Delivers ${[detailType].flat().join(', ')} to ${id}`,
      // Inbound events (HRIS, Slack bots) come from other systems' sources: match on the type.
      eventPattern: { detailType: [detailType].flat(), ...(opts.source ? { source: opts.source } : {}) },
    });
    rule.addTarget(
      new targets.LambdaFunction(fn, {
        deadLetterQueue: this.deadLetters,
        retryAttempts: 4,
        maxEventAge: Duration.hours(6),
      }),
    );
    this.deadLetterFailuresOf(fn);
    return rule;
  }

  /**
   * Gives a function that is invoked asynchronously (a rule target, an S3 notification) an
   * on-failure destination: after Lambda's retries, the invocation record (request, error message
   * and type) goes to the dead-letter queue instead of being dropped. Grants written out: the
   * function role may send to this queue and encrypt with its key, nothing more (no wildcards).
   */
  deadLetterFailuresOf(fn: lambda.IFunction): this {
    if (this.onFailureConfigured.has(fn)) return this;
    this.onFailureConfigured.add(fn);
    const queue = this.deadLetters;
    // Named by the function's path below the stack (ids such as "Handler" repeat across constructs).
    const name = fn.node.scopes
      .slice(1)
      .map((s) => s.node.id)
      .join('');
    new lambda.EventInvokeConfig(this, `${name}OnFailure`, {
      function: fn,
      retryAttempts: ASYNC_RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(6),
      // Not SqsDestination: it grants kms:GenerateDataKey* and kms:ReEncrypt* on the key.
      onFailure: { bind: () => ({ destination: queue.queueArn }) },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }));
    return this;
  }
}
