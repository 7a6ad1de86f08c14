import { Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { EventHub } from './constructs/event-hub';
import { ProgramApi, type ApiRoute } from './constructs/intake-api';
import { OutboundMail } from './constructs/outbound-mail';
import { ProgramFunction } from './constructs/program-function';
import type { StatefulStack } from './stateful-stack';

export interface WorkflowStackProps extends StackProps {
  readonly stateful: StatefulStack;
  /** Domain crossgen sends email from (verified in SES). */
  readonly senderDomain: string;
  /** Domain whose MX points at SES inbound; reply addresses live there. */
  readonly inboundDomain: string;
  /** Receives operational notices (DLQ alarms, unroutable replies). */
  readonly adminEmail: string;
}

/** Everything that runs: functions, workflows, the bus and its rules, the HTTP APIs, email. */
export class WorkflowStack extends Stack {
  readonly hub: EventHub;
  readonly api: ProgramApi;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { table, key } = props.stateful;

    this.hub = new EventHub(this, 'Events', { key });
    const mail = new OutboundMail(this, 'Mail', {
      senderDomain: props.senderDomain,
      defaultBus: events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
    });

    const intake = new ProgramFunction(this, 'IntakeApi', {
      entry: 'functions/intake-api.ts',
      description: 'HTTP intake: enrol participants (JSON, CSV import), read them, serve the intake form',
      environment: { INBOUND_DOMAIN: props.inboundDomain },
    })
      .bindTable(table, 'readWrite')
      .bindMailer(mail.binding);

    const enrol = new ProgramFunction(this, 'EnrolParticipant', {
      entry: 'functions/enrol-participant.ts',
      description: 'Enrols a participant from a ParticipantEnrolled event (HRIS)',
      environment: { INBOUND_DOMAIN: props.inboundDomain },
    })
      .bindTable(table, 'readWrite')
      .bindMailer(mail.binding);
    this.hub.routeToFunction('ParticipantEnrolledRule', 'ParticipantEnrolled', enrol);

    const routes: ApiRoute[] = [
      { method: apigw.HttpMethod.POST, path: '/participants', handler: intake, access: 'protected' },
      { method: apigw.HttpMethod.POST, path: '/participants/import', handler: intake, access: 'protected' },
      { method: apigw.HttpMethod.GET, path: '/participants/{id}', handler: intake, access: 'protected' },
      { method: apigw.HttpMethod.GET, path: '/intake', handler: intake, access: 'public' },
    ];
    this.api = new ProgramApi(this, 'Api', { routes });
  }
}
