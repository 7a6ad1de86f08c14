import { describe, expect, it } from 'vitest';
import { synthesized } from './app';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };

describe('concerns API', () => {
  it('serves the concern routes on both APIs (Cognito for people, IAM for systems) and the concern form publicly', () => {
    const { workflows } = synthesized();
    const routes = Object.values(workflows.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties as { RouteKey: string; AuthorizationType?: string },
    );
    for (const key of [
      'GET /programs/{programId}/concerns',
      'GET /programs/{programId}/concerns/{concernId}',
      'POST /programs/{programId}/concerns/{concernId}',
      'GET /concerns/{concernId}',
      'POST /concerns/{concernId}',
    ]) {
      expect(
        routes
          .filter((r) => r.RouteKey === key)
          .map((r) => r.AuthorizationType)
          .sort(),
        key,
      ).toEqual(['AWS_IAM', 'JWT']);
    }
    for (const key of ['GET /c/{token}', 'POST /c/{token}'])
      expect(routes.filter((r) => r.RouteKey === key).map((r) => r.AuthorizationType ?? 'NONE')).toEqual(['NONE']);
  });

  it('may put items only in concern partitions, and neither update nor delete any', () => {
    const { workflows } = synthesized();
    const policies = Object.entries(workflows.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('ConcernsApiServiceRoleDefaultPolicy'));
    expect(policies).toHaveLength(1);
    const statements = (policies[0]![1].Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement;
    const writes = statements.filter((st) => [st.Action].flat().some((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)));
    expect(writes).toHaveLength(1);
    expect([writes[0]!.Action].flat()).toEqual(['dynamodb:PutItem']);
    expect(writes[0]!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CONCERN#*'] } });
  });
});
