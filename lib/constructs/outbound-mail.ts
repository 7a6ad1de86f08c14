import { Stack } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface OutboundMailProps {
  /** Domain crossgen sends from, verified in SES with Easy DKIM. */
  readonly senderDomain: string;
  /** Local part of the From address. @default "crossgen" */
  readonly senderLocalPart?: string;
  /** Where SES bounce and complaint events are announced (SES can only target the default bus). */
  readonly defaultBus: events.IEventBus;
  /**
   * The emails a second every sender together keeps to: the account's SES maximum send rate
   * (GetAccount SendQuota.MaxSendRate; 14 for a new production account, 1 in the sandbox).
   * @default 14
   */
  readonly maxSendRate?: number;
}

/** SES sending: domain identity with DKIM, a configuration set that reports bounces/complaints. */
export class OutboundMail extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly fromAddress: string;
  readonly maxSendRate: number;

  constructor(scope: Construct, id: string, props: OutboundMailProps) {
    super(scope, id);
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(props.senderDomain)) {
      throw new Error(`OutboundMail: senderDomain must be a domain name such as "example.com" (got "${props.senderDomain}").`);
    }
    this.maxSendRate = props.maxSendRate ?? 14;
    if (!(this.maxSendRate > 0) || this.maxSendRate > 1000) {
      throw new Error(`OutboundMail: maxSendRate must be the account's SES send rate, between 0 and 1000 emails a second (got ${this.maxSendRate}).`);
    }
    this.fromAddress = `${props.senderLocalPart ?? 'crossgen'}@${props.senderDomain}`;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: ses.EventDestination.eventBus(props.defaultBus),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT],
    });
    this.identity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: ses.Identity.domain(props.senderDomain),
      configurationSet: this.configurationSet,
    });
  }

  /** What ProgramFunction.bindMailer needs. */
  get binding(): { fromAddress: string; identityArn: string; configurationSetName: string; configurationSetArn: string; maxSendRate: number } {
    const stack = Stack.of(this);
    return {
      fromAddress: this.fromAddress,
      identityArn: stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.identity.emailIdentityName }),
      configurationSetName: this.configurationSet.configurationSetName,
      configurationSetArn: stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
      maxSendRate: this.maxSendRate,
    };
  }
}
