import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../lib/constructs/event-hub';
import { InboundMail, type InboundMailProps } from '../../../lib/constructs/inbound-mail';
import { OutboundMail } from '../../../lib/constructs/outbound-mail';
import { ProgramFunction } from '../../../lib/constructs/program-function';
import { StatefulStack } from '../../../lib/stateful-stack';

const env = { account: '111111111111', region: 'eu-west-1' };

function build(overrides: Partial<InboundMailProps> = {}) {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-inbound-')), context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const data = new StatefulStack(app, 'CrossgenData', { env });
  const stack = new Stack(app, 'CrossgenWorkflows', { env });
  const hub = new EventHub(stack, 'Events', { key: data.key });
  const mail = new OutboundMail(stack, 'Mail', { senderDomain: 'example.com', defaultBus: events.EventBus.fromEventBusName(stack, 'DefaultBus', 'default') });
  const inbound = new InboundMail(stack, 'Inbound', {
    inboundDomain: 'reply.example.com',
    bucket: data.inboundMailBucket,
    key: data.key,
    table: data.table,
    bus: hub.bus,
    mail: mail.binding,
    replySigningSecret: data.replySigningSecret,
    ...overrides,
  });
  const asker = new ProgramFunction(stack, 'Asker', { entry: 'functions/pairing-step.ts', description: 'Asks questions' }).bindTable(data.table, 'readWrite');
  inbound.allowIssuingQuestions(asker);
  return { app, stack, inbound };
}

describe('InboundMail', () => {
  const { app, stack, inbound } = build();
  inbound.useAnswerBaseUrl('https://answers.example.com');
  let synthError: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    synthError = e as Error;
  }
  const template = Template.fromStack(stack);

  it('synthesizes both stacks with cdk-nag clean (no cycle between the stacks)', () => {
    expect(synthError?.message ?? '').toBe('');
  });

  it('receives mail for the inbound domain into the bucket under inbound/, with scanning and TLS', () => {
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Enabled: true,
        Recipients: ['reply.example.com'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [{ S3Action: Match.objectLike({ ObjectKeyPrefix: 'inbound/', BucketName: Match.anyValue() }) }],
      }),
    });
    // Client-side encryption (an S3 action key) would make messages unreadable for the SDK v3.
    const rule = Object.values(template.findResources('AWS::SES::ReceiptRule'))[0] as {
      Properties: { Rule: { Actions: { S3Action: Record<string, unknown> }[] } };
    };
    expect(rule.Properties.Rule.Actions[0]!.S3Action.KmsKeyArn).toBeUndefined();
  });

  it('activates the rule set with a custom resource, and deactivates it on delete', () => {
    const resources = Object.values(template.findResources('Custom::AWS')) as { Properties: { Create: unknown; Delete: unknown } }[];
    expect(resources).toHaveLength(1);
    expect(JSON.stringify(resources[0]!.Properties.Create)).toMatch(/SetActiveReceiptRuleSet/);
    expect(JSON.stringify(resources[0]!.Properties.Create)).toMatch(/RuleSetName/);
    expect(JSON.stringify(resources[0]!.Properties.Delete)).toMatch(/SetActiveReceiptRuleSet/);
    expect(JSON.stringify(resources[0]!.Properties.Delete)).not.toMatch(/RuleSetName/);
  });

  it('notifies the inbound function of new objects under inbound/', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({ Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'inbound/' }] } } }),
        ],
      },
      Managed: false,
    });
  });

  it('gives the inbound function its configuration and exactly the grants it needs', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('Reads replies'),
      Environment: {
        Variables: Match.objectLike({
          INBOUND_DOMAIN: 'reply.example.com',
          ANSWER_BASE_URL: 'https://answers.example.com',
          REPLY_SIGNING_SECRET_ARN: Match.anyValue(),
          TABLE_NAME: Match.anyValue(),
          EVENT_BUS_NAME: Match.anyValue(),
          MAIL_FROM: 'crossgen@example.com',
        }),
      },
    });
    const statements = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    for (const action of [
      's3:GetObject',
      'secretsmanager:GetSecretValue',
      'states:SendTaskSuccess',
      'states:SendTaskFailure',
      'events:PutEvents',
      'ses:SendEmail',
    ]) {
      expect(statements).toContain(action);
    }
    expect(statements).not.toMatch(/"s3:\*"|"states:\*"|"secretsmanager:\*"/);
  });

  it('lets another function issue questions: signing configuration, answer links and the secret grant', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Asks questions',
      Environment: {
        Variables: Match.objectLike({
          INBOUND_DOMAIN: 'reply.example.com',
          ANSWER_BASE_URL: 'https://answers.example.com',
          REPLY_SIGNING_SECRET_ARN: Match.anyValue(),
        }),
      },
    });
    const askerPolicies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('AskerServiceRoleDefaultPolicy'));
    expect(JSON.stringify(askerPolicies)).toContain('secretsmanager:GetSecretValue');
  });

  it('builds the answer page function for the /r/{token} routes', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('^Answer page') });
    expect(inbound.answerPage.node.path).toBe('CrossgenWorkflows/Inbound/AnswerPage');
  });

  it('refuses a bad domain or prefix with a sentence that says what to pass', () => {
    expect(() => build({ inboundDomain: 'not a domain' })).toThrow(/inboundDomain must be a domain name such as/);
    expect(() => build({ objectKeyPrefix: 'inbound' })).toThrow(/objectKeyPrefix must be a folder/);
  });
});
