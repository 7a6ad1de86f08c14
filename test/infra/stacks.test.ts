import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthesized } from './app';

describe('data stack', () => {
  it('keeps the table safe: PITR, customer KMS key, deletion protection, TTL, retained', () => {
    const { data } = synthesized();
    data.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] } },
          }),
        ],
      }),
    });
    data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('encrypts inbound mail with the key and refuses plain HTTP', () => {
    const { data } = synthesized();
    data.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } })],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
  });
});

describe('workflow stack', () => {
  it('runs every function on nodejs22.x arm64 with tracing and its entry recorded', () => {
    const { workflows } = synthesized();
    const fns = workflows.findResources('AWS::Lambda::Function', { Metadata: { 'crossgen:entry': Match.anyValue() } });
    expect(Object.keys(fns).length).toBeGreaterThanOrEqual(2);
    for (const [id, fn] of Object.entries(fns)) {
      expect(fn.Properties.Runtime, id).toBe('nodejs22.x');
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig?.LogGroup, id).toBeDefined();
    }
  });

  it('authorises every protected route: Cognito JWT for people, IAM for systems; public routes are only the email-opened pages', () => {
    const { workflows } = synthesized();
    const routes = Object.values(workflows.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties as { RouteKey: string; AuthorizationType?: string },
    );
    const publicRoutes = routes.filter((r) => (r.AuthorizationType ?? 'NONE') === 'NONE').map((r) => r.RouteKey);
    for (const key of publicRoutes) expect(key).toMatch(/^GET \/intake$|^(GET|POST) \/[rudc]\/\{token\}$/);
    // One-click unsubscribe (RFC 8058) must be public: mail clients POST to it without any sign-in.
    expect(publicRoutes).toEqual(expect.arrayContaining(['GET /u/{token}', 'POST /u/{token}']));
    const byKey = new Map<string, Set<string>>();
    for (const r of routes) byKey.set(r.RouteKey, (byKey.get(r.RouteKey) ?? new Set()).add(r.AuthorizationType ?? 'NONE'));
    expect([...byKey.get('POST /participants')!].sort()).toEqual(['AWS_IAM', 'JWT']);
    expect([...byKey.get('POST /participants/import')!].sort()).toEqual(['AWS_IAM', 'JWT']);
    for (const key of [
      'POST /programs/{programId}/matching',
      'GET /programs/{programId}/matching/{runId}',
      'GET /programs/{programId}/report',
      'GET /pairings/{pairingId}',
      'POST /pairings/{pairingId}/pause',
      'POST /pairings/{pairingId}/resume',
      'POST /pairings/{pairingId}/end',
    ]) {
      expect([...(byKey.get(key) ?? [])].sort(), key).toEqual(['AWS_IAM', 'JWT']);
    }
    workflows.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    workflows.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'hr' });
  });

  it('signs HR people in to the intake form: hosted sign-in, code flow with no client secret, back to the form', () => {
    const { workflows } = synthesized();
    workflows.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const clients = Object.values(workflows.findResources('AWS::Cognito::UserPoolClient')).map((c) => c.Properties as Record<string, any>);
    expect(clients).toHaveLength(1);
    const client = clients[0]!;
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthScopes.sort()).toEqual(['email', 'openid']);
    expect(JSON.stringify(client.CallbackURLs)).toMatch(/PeopleApi.*\/intake/);
    const intake = Object.values(workflows.findResources('AWS::Lambda::Function', { Metadata: { 'crossgen:entry': 'functions/intake-api.ts' } }))[0]!;
    const env = intake.Properties.Environment.Variables as Record<string, unknown>;
    for (const name of ['SIGN_IN_AUTHORIZE_URL', 'SIGN_IN_TOKEN_URL', 'SIGN_IN_CLIENT_ID', 'SIGN_IN_REDIRECT_URI']) expect(env[name], name).toBeDefined();
    expect(JSON.stringify(env.SIGN_IN_TOKEN_URL)).toMatch(/amazoncognito\.com\/oauth2\/token/);
  });

  it('lets the admin API read the table, start CohortMatching and publish on the bus, and nothing more', () => {
    const { workflows } = synthesized();
    const policies = Object.entries(workflows.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('AdminApiServiceRoleDefaultPolicy'));
    expect(policies.length).toBe(1);
    const statements = (policies[0]![1].Properties as { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } }).PolicyDocument
      .Statement;
    const actions = statements.flatMap((st) => [st.Action].flat()).sort();
    expect(actions.filter((a) => a.startsWith('dynamodb:')).some((a) => /Put|Update|Delete|BatchWrite/.test(a))).toBe(false);
    expect(actions).toContain('states:StartExecution');
    expect(actions).toContain('events:PutEvents');
    expect(actions.filter((a) => a.startsWith('states:')).sort()).toEqual(['states:DescribeExecution', 'states:StartExecution']);
    const start = statements.find((st) => [st.Action].flat().includes('states:StartExecution'))!;
    expect(JSON.stringify(start.Resource)).toMatch(/CohortMatchingStateMachine/);
  });

  it('alarms to the admin by email on dead letters, failed workflows, failing functions and SES reputation', () => {
    const { workflows } = synthesized();
    workflows.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: Match.stringLikeRegexp('@') });
    const topics = workflows.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics)).toHaveLength(1);
    const [topicId, topic] = Object.entries(topics)[0]!;
    expect(topic.Properties.KmsMasterKeyId, 'the topic is encrypted with a customer key').toBeDefined();
    workflows.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    const alarms = Object.values(workflows.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties as Record<string, any>);
    for (const alarm of alarms) expect(alarm.AlarmActions, alarm.AlarmDescription).toEqual([{ Ref: topicId }]);
    const described = (re: RegExp) => alarms.filter((a) => re.test(String(a.AlarmDescription)));
    expect(described(/dead-letter queue/)).toHaveLength(1);
    expect(described(/A PairingLifecycle execution failed/)).toHaveLength(1);
    expect(described(/A CohortMatching execution failed/)).toHaveLength(1);
    expect(described(/bounce rate/)).toHaveLength(1);
    expect(described(/complaint rate/)).toHaveLength(1);
    const fns = Object.keys(workflows.findResources('AWS::Lambda::Function', { Metadata: { 'crossgen:entry': Match.anyValue() } }));
    const fnAlarms = alarms.filter((a) => a.MetricName === 'Errors' && a.Namespace === 'AWS/Lambda');
    expect(fnAlarms.map((a) => a.Dimensions[0].Value.Ref).sort(), 'one errors alarm per function').toEqual([...fns].sort());
    for (const a of fnAlarms) expect(a.EvaluationPeriods).toBe(3);
  });

  it('gives every function a rule or S3 invokes an on-failure destination: the dead-letter queue, after 2 retries', () => {
    const { workflows, data } = synthesized();
    const queues = Object.entries(workflows.findResources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(1);
    const [queueId, queue] = queues[0]!;
    expect(queue.Properties.KmsMasterKeyId, 'the dead-letter queue is encrypted with the data key').toBeDefined();
    const queueArn = { 'Fn::GetAtt': [queueId, 'Arn'] };
    const ruleTargets = Object.values(workflows.findResources('AWS::Events::Rule'))
      .flatMap((r) => (r.Properties.Targets ?? []) as { Arn: unknown; DeadLetterConfig?: { Arn: unknown } }[])
      .filter((t) => JSON.stringify(t.Arn).includes('"Arn"') && !JSON.stringify(t.Arn).includes('StateMachine'));
    // A function two rules invoke (the admin digest: its notices rule and its hourly schedule) has one invoke config.
    const targetIds = [...new Set(ruleTargets.map((t) => (t.Arn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]))].sort();
    // The SES feedback rule (default bus), enrolment and control rules at least.
    expect(targetIds.length).toBeGreaterThanOrEqual(3);
    for (const t of ruleTargets) expect(t.DeadLetterConfig?.Arn, 'undeliverable events go to the rule target DLQ').toEqual(queueArn);
    const configs = Object.values(workflows.findResources('AWS::Lambda::EventInvokeConfig')).map((c) => c.Properties as Record<string, any>);
    const configured = configs.map((c) => c.FunctionName.Ref as string).sort();
    const inbound = Object.keys(workflows.findResources('AWS::Lambda::Function', { Metadata: { 'crossgen:entry': 'functions/inbound-mail.ts' } }));
    expect(inbound).toHaveLength(1);
    expect(configured).toEqual([...targetIds, ...inbound].sort());
    for (const c of configs) {
      expect(c.MaximumRetryAttempts, c.FunctionName.Ref).toBe(2);
      expect(c.Qualifier).toBe('$LATEST');
      expect(c.DestinationConfig, c.FunctionName.Ref).toEqual({ OnFailure: { Destination: queueArn } });
    }
    const policies = Object.entries(workflows.findResources('AWS::IAM::Policy'));
    for (const fnId of [...targetIds, ...inbound]) {
      const role = (workflows.findResources('AWS::Lambda::Function')[fnId]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = policies
        .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
      const send = statements.find((st) => [st.Action].flat().includes('sqs:SendMessage'));
      expect(send?.Resource, `${fnId} may send its failures to the queue`).toEqual(queueArn);
      const encrypt = statements.find((st) => [st.Action].flat().includes('kms:GenerateDataKey'));
      expect(JSON.stringify(encrypt?.Resource), `${fnId} may encrypt with the queue's key`).toMatch(/DataKey/);
    }
    // EventBridge itself encrypts what it dead-letters: the data key lets the service do so.
    data.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:GenerateDataKey', 'kms:Decrypt'] })]),
      },
    });
  });

  it('grants the table without wildcards', () => {
    const { workflows } = synthesized();
    const policies = Object.values(workflows.findResources('AWS::IAM::Policy'));
    const text = JSON.stringify(policies);
    expect(text).not.toContain('index/*');
    expect(text).not.toContain('kms:GenerateDataKey*');
    expect(text).toContain('dynamodb:PutItem');
  });
});
