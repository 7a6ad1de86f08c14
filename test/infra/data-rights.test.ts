import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { StatefulStack } from '../../lib/stateful-stack';
import { synthesized } from './app';

/** Data rights in the infrastructure: raw-mail retention, the erasure's grants, the notes sweep. */

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

function statementsOf(template: Template, entry: string): Statement[] {
  const fns = template.findResources('AWS::Lambda::Function', { Metadata: { 'crossgen:entry': entry } });
  const [fnId] = Object.keys(fns);
  expect(fnId, entry).toBeDefined();
  const roleId = (fns[fnId!]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('data rights infrastructure', () => {
  it('deletes raw inbound mail after 30 days by default, and its old versions after a day', () => {
    const { data } = synthesized();
    data.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ Id: 'RawMailRetention', Status: 'Enabled', ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 1 } })],
      },
    });
  });

  it('takes the raw-mail retention from the deployment, and refuses one that is not 1 to 365 days', () => {
    const stack = new StatefulStack(new App(), 'Data', { rawMailRetentionDays: 7, env: { region: 'eu-west-1' } });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'RawMailRetention', ExpirationInDays: 7 })] },
    });
    expect(() => new StatefulStack(new App(), 'Data', { rawMailRetentionDays: 0, env: { region: 'eu-west-1' } })).toThrow(/1 to 365/);
    expect(() => new StatefulStack(new App(), 'Data', { rawMailRetentionDays: 2.5, env: { region: 'eu-west-1' } })).toThrow(/whole number/);
  });

  it('lets the erasure delete raw mail under inbound/ of the inbound bucket only, and nothing else in S3', () => {
    const { workflows } = synthesized();
    for (const entry of ['functions/erasure-api.ts', 'functions/data-rights.ts']) {
      const s3 = statementsOf(workflows, entry).filter((s) => actions(s).some((a) => a.startsWith('s3:')));
      expect(s3.flatMap(actions).sort(), entry).toEqual(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:ListBucketVersions']);
      const objects = s3.find((s) => actions(s).includes('s3:DeleteObject'))!;
      expect(JSON.stringify(objects.Resource), entry).toMatch(/\/inbound\/\*"\]\]\}$/);
    }
  });

  it('lets the intake write and the import workflow read import files, both delete them once no step reads them, under imports/ only', () => {
    const { workflows } = synthesized();
    for (const [entry, own] of [
      ['functions/intake-api.ts', 's3:PutObject'],
      ['functions/import-participants.ts', 's3:GetObject'],
    ] as const) {
      const s3 = statementsOf(workflows, entry).filter((s) => actions(s).some((a) => a.startsWith('s3:')));
      expect(s3.flatMap(actions).sort(), entry).toEqual(['s3:DeleteObject', own].sort());
      for (const statement of s3) expect(JSON.stringify(statement.Resource), entry).toMatch(/\/imports\/\*"\]\]\}$/);
    }
  });

  it('routes POST /participants/{id}/erase (protected) to its own function, and the confirm links /d/{token} (public) to the answer page', () => {
    const { workflows } = synthesized();
    const routes = Object.values(workflows.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties as { RouteKey: string; AuthorizationType?: string },
    );
    const erase = routes.filter((r) => r.RouteKey === 'POST /participants/{id}/erase').map((r) => r.AuthorizationType);
    expect(erase.sort()).toEqual(['AWS_IAM', 'JWT']);
    for (const key of ['GET /d/{token}', 'POST /d/{token}']) expect(routes.find((r) => r.RouteKey === key)?.AuthorizationType ?? 'NONE').toBe('NONE');
    workflows.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ 'detail-type': ['ParticipantDataRequested', 'ParticipantErasureRequested'] }),
    });
  });

  it('sweeps notes daily', () => {
    const { workflows } = synthesized();
    workflows.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 day)', State: 'ENABLED' });
  });

  it('sweeps pending enrolment confirmations every 15 minutes, with the grants to send them and nothing more', () => {
    const { workflows } = synthesized();
    workflows.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED' });
    const fns = workflows.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('enrolment confirmations that are still pending') },
    });
    expect(Object.keys(fns)).toHaveLength(1);
    const [id] = Object.keys(fns);
    const policies = Object.values(workflows.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(id!.replace(/[0-9A-F]{8}$/, '')),
    );
    const actions = policies.flatMap((p) => (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()));
    expect(actions).toContain('ses:SendEmail');
    expect(actions.some((a) => a.startsWith('states:') || a.startsWith('events:PutEvents') || a.startsWith('s3:'))).toBe(false);
  });
});
