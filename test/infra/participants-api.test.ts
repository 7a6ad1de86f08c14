import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthesized } from './app';

/** `PATCH /participants/{id}` (docs/admin-api.md): on both APIs, in a function with only the grants a ParticipantUpdated needs. */

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

function actionsOf(template: Template, entry: string): string[] {
  const fns = template.findResources('AWS::Lambda::Function', { Metadata: { 'crossgen:entry': entry } });
  const [fnId] = Object.keys(fns);
  expect(fnId, entry).toBeDefined();
  const roleId = (fns[fnId!]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const statements = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
  return [...new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])))].sort();
}

describe('participants API infrastructure', () => {
  it('routes PATCH /participants/{id} (protected: Cognito for people, IAM for systems) to its own function', () => {
    const { workflows } = synthesized();
    const routes = Object.values(workflows.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties as { RouteKey: string; AuthorizationType?: string },
    );
    expect(
      routes
        .filter((r) => r.RouteKey === 'PATCH /participants/{id}')
        .map((r) => r.AuthorizationType)
        .sort(),
    ).toEqual(['AWS_IAM', 'JWT']);
  });

  it('grants the function what the ParticipantUpdated handler has, and nothing more: no mail, bus, bucket or queue', () => {
    const { workflows } = synthesized();
    const api = actionsOf(workflows, 'functions/participants-api.ts');
    // Less the event target's dead-letter queue: an API answers its caller.
    expect(api).toEqual(actionsOf(workflows, 'functions/participant-updated.ts').filter((a) => a !== 'sqs:SendMessage'));
    expect(api.filter((a) => /^(ses|events|s3|secretsmanager|sqs):/.test(a))).toEqual([]);
  });
});
