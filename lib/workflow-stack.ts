import { type CfnElement, Duration, Stack, type StackProps, Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { CohortMatching } from './constructs/cohort-matching';
import { OperationsDashboard } from './constructs/dashboard';
import { EventHub } from './constructs/event-hub';
import { ImportParticipants } from './constructs/import-participants';
import { InboundMail } from './constructs/inbound-mail';
import { ProgramApi, type ApiRoute } from './constructs/intake-api';
import { PairingLifecycle } from './constructs/pairing-lifecycle';
import { grantWorkflowData } from './constructs/workflow';
import { Operations } from './constructs/operations';
import { OutboundMail } from './constructs/outbound-mail';
import { ProgramFunction } from './constructs/program-function';
import { CONFIRMATION_SWEEP_MINUTES } from '../functions/domain/confirmation-retry';
import { EVENT_SOURCE } from '../functions/domain/events';
import { acknowledge } from './nag';
import type { StatefulStack } from './stateful-stack';

export interface WorkflowStackProps extends StackProps {
  readonly stateful: StatefulStack;
  /** Domain crossgen sends email from (verified in SES). */
  readonly senderDomain: string;
  /** Domain whose MX points at SES inbound; reply addresses live there. */
  readonly inboundDomain: string;
  /** Receives operational notices (DLQ alarms, unroutable replies). */
  readonly adminEmail: string;
  /** Prefix of the hosted sign-in domain for HR people. @default crossgen-<account id> */
  readonly signInDomainPrefix?: string;
  /** Emails a second every sender together keeps to (the account's SES maximum send rate). @default 14 */
  readonly mailMaxSendRate?: number;
}

/** Everything that runs: functions, workflows, the bus and its rules, the HTTP APIs, email. */
export class WorkflowStack extends Stack {
  readonly hub: EventHub;
  readonly api: ProgramApi;
  readonly lifecycle: PairingLifecycle;
  readonly inbound: InboundMail;
  readonly operations: Operations;
  private readonly dataKey: kms.IKey;
  readonly dashboard: OperationsDashboard;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const { table, key } = props.stateful;
    this.dataKey = key;

    this.hub = new EventHub(this, 'Events', { key });
    const defaultBus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    const mail = new OutboundMail(this, 'Mail', {
      senderDomain: props.senderDomain,
      defaultBus,
      ...(props.mailMaxSendRate === undefined ? {} : { maxSendRate: props.mailMaxSendRate }),
    });

    // SES feedback: hard bounces and complaints suppress the address and end its running pairings.
    const feedback = new ProgramFunction(this, 'MailFeedback', {
      entry: 'functions/mail-feedback.ts',
      description: 'Suppresses participants whose address hard-bounced or complained (SES events)',
    })
      .bindTable(table, 'readWrite')
      .bindBus(this.hub.bus);
    this.grantWake(feedback);
    this.hub.routeToFunction('MailFeedbackRule', ['Email Bounced', 'Email Complaint Received'], feedback, { source: ['aws.ses'], bus: defaultBus });

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
    // A new person can put a running pair in one reporting line: the enrolment ends that pair (lifecycle/after-enrolment.ts).
    this.grantWake(intake);
    this.grantWake(enrol);
    // Confirmations still pending after their request, event or import step: sent by a sweep.
    const confirmationSweep = new ProgramFunction(this, 'ConfirmationSweep', {
      entry: 'functions/confirmation-sweep.ts',
      description: 'Every 15 minutes: sends enrolment confirmations that are still pending and that no one tried again',
      environment: { INBOUND_DOMAIN: props.inboundDomain },
      timeout: Duration.minutes(5),
    })
      .bindTable(table, 'readWrite')
      .bindMailer(mail.binding);
    new events.Rule(this, 'ConfirmationSweepSchedule', {
      description: 'Every 15 minutes: the sweep of pending enrolment confirmations (functions/domain/confirmation-retry.ts)',
      schedule: events.Schedule.rate(Duration.minutes(CONFIRMATION_SWEEP_MINUTES)),
      targets: [
        new eventTargets.LambdaFunction(confirmationSweep, {
          deadLetterQueue: this.hub.deadLetters,
          retryAttempts: 0,
          maxEventAge: Duration.minutes(CONFIRMATION_SWEEP_MINUTES),
        }),
      ],
    });
    // A sweep that fails is tried twice more by Lambda, then kept with its error in the dead-letter queue.
    this.hub.deadLetterFailuresOf(confirmationSweep);

    // Replies: SES receipt -> S3 -> inbound Lambda; answer links -> the answer page.
    this.inbound = new InboundMail(this, 'Inbound', {
      inboundDomain: props.inboundDomain,
      bucket: props.stateful.inboundMailBucket,
      key,
      table,
      bus: this.hub.bus,
      mail: mail.binding,
      replySigningSecret: props.stateful.replySigningSecret,
    });
    // S3 invokes it asynchronously too: a reply it still fails on after Lambda's retries is kept.
    this.hub.deadLetterFailuresOf(this.inbound.handler);
    // The enrolment confirmation carries the person's standing reply address and unsubscribe link.
    this.inbound.allowIssuingQuestions(intake).allowIssuingQuestions(enrol).allowIssuingQuestions(confirmationSweep);

    const routes: ApiRoute[] = [
      { method: apigw.HttpMethod.POST, path: '/participants', handler: intake, access: 'protected' },
      { method: apigw.HttpMethod.POST, path: '/participants/import', handler: intake, access: 'protected' },
      { method: apigw.HttpMethod.GET, path: '/participants/import/{id}', handler: intake, access: 'protected' },
      { method: apigw.HttpMethod.GET, path: '/participants/{id}', handler: intake, access: 'protected' },
      { method: apigw.HttpMethod.GET, path: '/intake', handler: intake, access: 'public' },
      { method: apigw.HttpMethod.GET, path: '/r/{token}', handler: this.inbound.answerPage, access: 'public' },
      { method: apigw.HttpMethod.POST, path: '/r/{token}', handler: this.inbound.answerPage, access: 'public' },
      // One-click unsubscribe (RFC 8058): the signed token is the permission, like /r/{token}.
      { method: apigw.HttpMethod.GET, path: '/u/{token}', handler: this.inbound.answerPage, access: 'public' },
      { method: apigw.HttpMethod.POST, path: '/u/{token}', handler: this.inbound.answerPage, access: 'public' },
      // Data rights by reply: the confirm link of a DATA or ERASE reply, signed like /u/{token}.
      { method: apigw.HttpMethod.GET, path: '/d/{token}', handler: this.inbound.answerPage, access: 'public' },
      { method: apigw.HttpMethod.POST, path: '/d/{token}', handler: this.inbound.answerPage, access: 'public' },
      // The private concern form: signed with the person's standing address, like /u/{token}.
      { method: apigw.HttpMethod.GET, path: '/c/{token}', handler: this.inbound.answerPage, access: 'public' },
      { method: apigw.HttpMethod.POST, path: '/c/{token}', handler: this.inbound.answerPage, access: 'public' },
    ];
    this.api = new ProgramApi(this, 'Api', { routes, ...(props.signInDomainPrefix ? { signInDomainPrefix: props.signInDomainPrefix } : {}) });
    for (const [name, value] of Object.entries(this.api.signInEnvironment)) intake.addEnvironment(name, value);
    const answerBaseUrl = this.api.peopleApi.apiEndpoint;
    this.inbound.useAnswerBaseUrl(answerBaseUrl);

    // What the functions that issue reply addresses and answer links need, for both workflows.
    const replyEnvironment = {
      INBOUND_DOMAIN: props.inboundDomain,
      ANSWER_BASE_URL: answerBaseUrl,
      REPLY_SIGNING_SECRET_ARN: props.stateful.replySigningSecret.secretArn,
    };
    // Role-side grants only: secret.grantRead would edit the data stack's key policy and tie the
    // two stacks in a cycle.
    const grantReplySigning = (fn: ProgramFunction) => {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [props.stateful.replySigningSecret.secretArn] }));
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }));
    };

    // CSV imports as jobs: the intake stores the file and starts the workflow that enrols its rows.
    const imports = new ImportParticipants(this, 'ImportParticipants', {
      table,
      bucket: props.stateful.importBucket,
      mail: mail.binding,
      replyEnvironment,
      grantReplySigning,
      // A chunk of new people can put a running pair in one reporting line: it ends that pair (lifecycle/after-enrolment.ts).
      grantWake: (fn) => this.grantWake(fn),
      key,
    });
    ImportParticipants.allowImportFiles(intake, props.stateful.importBucket, key, 'write');
    imports.grantStart(intake, key);

    this.lifecycle = new PairingLifecycle(this, 'PairingLifecycle', {
      table,
      bus: this.hub.bus,
      mail: mail.binding,
      replyEnvironment,
      grantReplySigning,
      key,
    });

    // Pause, resume, end, withdrawal and departures: recorded now, honoured at the next step.
    const control = new ProgramFunction(this, 'PairingControl', {
      entry: 'functions/pairing-control.ts',
      description: 'Records pause/resume/end requests and departures on pairings and wakes their executions',
    }).bindTable(table, 'readWrite');
    this.grantWake(control);
    this.hub.routeToFunction(
      'PairingControlRule',
      ['PairingPauseRequested', 'PairingResumeRequested', 'PairingEndRequested', 'ParticipantLeft', 'ParticipantWithdrew'],
      control,
    );
    // Only crossgen's own programs API announces a program change.
    this.hub.routeToFunction('ProgramChangedRule', 'ProgramChanged', control, { source: [EVENT_SOURCE] });

    // HR changes a participant: stored at once; a pairing the change makes impossible ends now (control request).
    const updated = new ProgramFunction(this, 'ParticipantUpdated', {
      entry: 'functions/participant-updated.ts',
      description: 'Applies ParticipantUpdated (HRIS) and ends pairings a new manager or department rules out',
    }).bindTable(table, 'readWrite');
    this.grantWake(updated);
    this.hub.routeToFunction('ParticipantUpdatedRule', 'ParticipantUpdated', updated);
    // The same change through the API (PATCH /participants/{id}): the same grants, its refusals answered.
    const participants = new ProgramFunction(this, 'ParticipantsApi', {
      entry: 'functions/participants-api.ts',
      description: 'HTTP change of a participant (as ParticipantUpdated) and ends pairings a new manager or department rules out',
    }).bindTable(table, 'readWrite');
    this.grantWake(participants);
    this.api.addRoute({ method: apigw.HttpMethod.PATCH, path: '/participants/{id}', handler: participants, access: 'protected' });

    // CohortMatching: MatchingRequested / RematchRequested -> proposal, admin approval, one lifecycle per pair, waitlist.
    const matching = new CohortMatching(this, 'CohortMatching', {
      table,
      bus: this.hub.bus,
      deadLetters: this.hub.deadLetters,
      mail: mail.binding,
      lifecycle: this.lifecycle.stateMachine,
      replyEnvironment,
      grantReplySigning,
      key,
    });

    // The admin API: run matching and read its proposal; read, pause, resume or end a pairing.
    const admin = new ProgramFunction(this, 'AdminApi', {
      entry: 'functions/admin-api.ts',
      description: 'HTTP admin API: start cohort matching, read proposals, reports and pairings, pause/resume/end pairings',
      environment: { COHORT_MATCHING_ARN: matching.stateMachine.stateMachineArn },
    })
      .bindTable(table, 'read')
      .bindBus(this.hub.bus);
    matching.stateMachine.grantStartExecution(admin);
    matching.stateMachine.grantExecution(admin, 'states:DescribeExecution');
    // The executions are encrypted with the data key: starting one and reading one use it (via Step Functions only).
    grantWorkflowData(admin, key);
    // cdk-nag names the finding by the rendered resource: executions of this one state machine.
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const machineId = this.getLogicalId(matching.stateMachine.node.defaultChild as CfnElement);
    acknowledge(
      admin.role!,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${region}:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*]`,
      'DescribeExecution on the executions of CohortMatching only (to tell a run that is still solving from an unknown one); execution names are run ids, unknown until a run starts.',
    );
    for (const [method, path] of [
      [apigw.HttpMethod.POST, '/programs/{programId}/matching'],
      [apigw.HttpMethod.GET, '/programs/{programId}/matching/{runId}'],
      [apigw.HttpMethod.GET, '/programs/{programId}/report'],
      [apigw.HttpMethod.GET, '/participants/{id}/export'],
      [apigw.HttpMethod.GET, '/pairings/{pairingId}'],
      [apigw.HttpMethod.POST, '/pairings/{pairingId}/pause'],
      [apigw.HttpMethod.POST, '/pairings/{pairingId}/resume'],
      [apigw.HttpMethod.POST, '/pairings/{pairingId}/end'],
    ] as const) {
      this.api.addRoute({ method, path, handler: admin, access: 'protected' });
    }

    // Match review: approve or change a proposal through the API. A function of its own, so that
    // the admin API stays read-only: it rewrites proposals and answers the run's approval question.
    const review = new ProgramFunction(this, 'MatchReviewApi', {
      entry: 'functions/match-review-api.ts',
      description: 'HTTP admin API: approve a matching proposal, or reject, swap, force and forbid its pairs first',
      timeout: Duration.seconds(29),
      memorySize: 1024,
      environment: { COHORT_MATCHING_ARN: matching.stateMachine.stateMachineArn },
    }).bindTable(table, 'readWrite');
    matching.stateMachine.grantExecution(review, 'states:DescribeExecution');
    this.grantWake(review);
    acknowledge(
      review.role!,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${region}:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*]`,
      'DescribeExecution on the executions of CohortMatching only (to tell a run that is still solving from an unknown one); execution names are run ids.',
    );
    for (const path of ['/approve', '/pairs/{pairingId}/reject', '/swap', '/force', '/forbid']) {
      this.api.addRoute({ method: apigw.HttpMethod.POST, path: `/programs/{programId}/matching/{runId}${path}`, handler: review, access: 'protected' });
    }

    // The admins' weekly digest: routine notices are kept on the program as they happen, and an
    // hourly schedule sends each program's digest in the first working hour of its digest day
    // (its own time zone, so one UTC cron cannot say when: the function checks each program).
    const digest = new ProgramFunction(this, 'AdminDigest', {
      entry: 'functions/admin-digest.ts',
      description: "Keeps routine admin notices for the weekly digest and sends each program's digest on its day",
      timeout: Duration.minutes(5),
    })
      .bindTable(table, 'readWrite')
      .bindMailer(mail.binding);
    this.hub.routeToFunction('DigestNoticesRule', ['PairingAccepted', 'PairingNotStarted', 'PairingEnded', 'ParticipantSuppressed'], digest, {
      source: ['crossgen'],
    });
    new events.Rule(this, 'AdminDigestSchedule', {
      description: 'Every hour: sends the weekly digest of each program whose digest hour it is',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [new eventTargets.LambdaFunction(digest, { deadLetterQueue: this.hub.deadLetters, retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });

    // Programs: HR creates and changes them. A function of its own, so that the admin API stays
    // read-only; it may put items in program partitions only (docs/admin-api.md, Programs).
    const programs = new ProgramFunction(this, 'ProgramsApi', {
      entry: 'functions/programs-api.ts',
      description: 'HTTP programs API: create, read, list and change programs',
    })
      .bindTable(table, 'read')
      .allowPutIn(table, 'PROGRAM#*')
      // ProgramChanged: a new schedule wakes the program's running pairings (PairingControl).
      .bindBus(this.hub.bus);
    for (const [method, path] of [
      [apigw.HttpMethod.POST, '/programs'],
      [apigw.HttpMethod.GET, '/programs'],
      [apigw.HttpMethod.GET, '/programs/{programId}'],
      [apigw.HttpMethod.PATCH, '/programs/{programId}'],
    ] as const) {
      this.api.addRoute({ method, path, handler: programs, access: 'protected' });
    }

    // Data rights: erasure writes and deletes across the table and raw mail, so it is not the
    // read-only admin API (docs/admin-api.md, Data rights).
    const erasure = new ProgramFunction(this, 'ErasureApi', {
      entry: 'functions/erasure-api.ts',
      description: 'HTTP erasure of a participant: ends their pairings, scrubs their records and raw mail',
      timeout: Duration.seconds(29),
      environment: { INBOUND_BUCKET: props.stateful.inboundMailBucket.bucketName },
    }).bindTable(table, 'readWrite');
    this.grantWake(erasure);
    this.grantRawMailDeletion(erasure, props.stateful.inboundMailBucket);
    this.api.addRoute({ method: apigw.HttpMethod.POST, path: '/participants/{id}/erase', handler: erasure, access: 'protected' });
    // A participant's confirmed DATA or ERASE reply (the answer page's /d/{token} publishes it).
    const dataRights = new ProgramFunction(this, 'DataRights', {
      entry: 'functions/data-rights.ts',
      description: 'Emails a participant their data, or erases them, on their confirmed request',
      timeout: Duration.seconds(60),
      // The export carries the person's standing reply address, which it signs.
      environment: { INBOUND_BUCKET: props.stateful.inboundMailBucket.bucketName, ...replyEnvironment },
    })
      .bindTable(table, 'readWrite')
      .bindMailer(mail.binding);
    grantReplySigning(dataRights);
    this.grantWake(dataRights);
    this.grantRawMailDeletion(dataRights, props.stateful.inboundMailBucket);
    this.hub.routeToFunction('DataRightsRule', ['ParticipantDataRequested', 'ParticipantErasureRequested'], dataRights);
    // Retention: notes leave ended pairings after the program's retention.notesDays (daily sweep).
    const notesRetention = new ProgramFunction(this, 'NotesRetention', {
      entry: 'functions/notes-retention.ts',
      description: "Removes free-text notes from pairings that ended longer ago than the program's retention",
      timeout: Duration.minutes(5),
    }).bindTable(table, 'readWrite');
    new events.Rule(this, 'NotesRetentionSchedule', {
      description: 'Daily retention sweep of free-text notes (docs/decisions.md, Retention)',
      schedule: events.Schedule.rate(Duration.days(1)),
      targets: [new eventTargets.LambdaFunction(notesRetention, { deadLetterQueue: this.hub.deadLetters, retryAttempts: 4, maxEventAge: Duration.hours(6) })],
    });
    this.hub.deadLetterFailuresOf(notesRetention);
    // Raw mail expires by the bucket's lifecycle rule; the ledger that finds it by sender lives as long.
    this.inbound.handler.addEnvironment('RAW_MAIL_RETENTION_DAYS', String(props.stateful.rawMailRetentionDays));
    // Private concern cases: listed, acknowledged and resolved by HR. A function of its own, so
    // that the admin API stays read-only; it may put items in concern partitions only.
    const concerns = new ProgramFunction(this, 'ConcernsApi', {
      entry: 'functions/concerns-api.ts',
      description: 'HTTP admin API: list, read, acknowledge and resolve private concern cases',
    })
      .bindTable(table, 'read')
      .allowPutIn(table, 'CONCERN#*');
    for (const [method, path] of [
      [apigw.HttpMethod.GET, '/programs/{programId}/concerns'],
      [apigw.HttpMethod.GET, '/programs/{programId}/concerns/{concernId}'],
      [apigw.HttpMethod.POST, '/programs/{programId}/concerns/{concernId}'],
      [apigw.HttpMethod.GET, '/concerns/{concernId}'],
      [apigw.HttpMethod.POST, '/concerns/{concernId}'],
    ] as const) {
      this.api.addRoute({ method, path, handler: concerns, access: 'protected' });
    }

    // Alarms to the admin's email: dead letters, failed workflows, failing functions, SES reputation.
    const stateMachines = [
      { name: 'PairingLifecycle', stateMachine: this.lifecycle.stateMachine },
      { name: 'CohortMatching', stateMachine: matching.stateMachine },
      { name: 'ImportParticipants', stateMachine: imports.stateMachine },
    ];
    const functions = this.node.findAll().filter((c): c is ProgramFunction => c instanceof ProgramFunction);
    this.operations = new Operations(this, 'Operations', { adminEmail: props.adminEmail, deadLetters: this.hub.deadLetters, stateMachines, functions });
    // What admins watch in the console: workflows, email, business metrics per program, functions.
    this.dashboard = new OperationsDashboard(this, 'Dashboard', { stateMachines, deadLetterQueues: [this.hub.deadLetters], functions });
  }

  /** Deletes raw inbound mail (every version) and lists versions in the inbound bucket; nothing else. */
  private grantRawMailDeletion(fn: ProgramFunction, bucket: s3.IBucket): void {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'], resources: [bucket.arnForObjects('inbound/*')] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucketVersions'], resources: [bucket.bucketArn] }));
    // Named after the bucket ARN as the template writes it, an export name known only at synthesis (as in InboundMail).
    const policy = fn.role!.node.findChild('DefaultPolicy');
    this.node.addValidation({
      validate: () => {
        const arn = this.resolve(bucket.bucketArn) as string | { 'Fn::ImportValue'?: string; 'Fn::GetAtt'?: [string, string] };
        const shown =
          typeof arn === 'string' ? arn : (arn['Fn::ImportValue'] ?? (arn['Fn::GetAtt'] ? `<${arn['Fn::GetAtt'].join('.')}>` : JSON.stringify(arn)));
        acknowledge(
          policy,
          `AwsSolutions-IAM5[Resource::${shown}/inbound/*]`,
          'An erasure deletes the raw messages a person sent; their keys are known only from the inbound ledger, under inbound/ of this one bucket.',
        );
        return [];
      },
    });
  }

  /** A function that records a request on a pairing wakes its waiting execution (SendTaskSuccess). */
  private grantWake(fn: ProgramFunction): void {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: ['*'] }));
    grantWorkflowData(fn, this.dataKey);
    acknowledge(
      fn.role!,
      'AwsSolutions-IAM5[Resource::*]',
      'states:SendTaskSuccess has no resource-level permissions in IAM; the task token is the authorisation.',
    );
  }
}
