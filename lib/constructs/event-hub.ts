import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledge } from '../nag';
import { Construct } from 'constructs';

export interface EventHubProps {
  /** Encrypts the dead-letter queue (events carry participant ids and answers). */
  readonly key: kms.IKey;
}

/** The program's custom bus, its archive (replay after an incident) and one dead-letter queue. */
export class EventHub extends Construct {
  readonly bus: events.EventBus;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: EventHubProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { description: 'crossgen: program, pairing and participant events' });
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
   * A rule on the bus for one detail-type that invokes a function; failed deliveries (after
   * retries, or a function error on async invoke) land in the dead-letter queue with the reason.
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
    return rule;
  }
}
