import { describe, expect, it } from 'vitest';
import { synthesized } from './app';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
const statementsOf = (prefix: string): Statement[] => {
  const { workflows } = synthesized();
  const policies = Object.entries(workflows.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith(prefix));
  expect(policies.length, prefix).toBe(1);
  return (policies[0]![1].Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement;
};

describe('programs API', () => {
  it('serves create, list, read and change on both APIs (Cognito for people, IAM for systems)', () => {
    const { workflows } = synthesized();
    const routes = Object.values(workflows.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties as { RouteKey: string; AuthorizationType?: string },
    );
    for (const key of ['POST /programs', 'GET /programs', 'GET /programs/{programId}', 'PATCH /programs/{programId}']) {
      expect(
        routes
          .filter((r) => r.RouteKey === key)
          .map((r) => r.AuthorizationType)
          .sort(),
        key,
      ).toEqual(['AWS_IAM', 'JWT']);
    }
  });

  it('may put items only in program partitions, and neither update nor delete any', () => {
    const statements = statementsOf('ProgramsApiServiceRoleDefaultPolicy');
    const writes = statements.filter((st) => [st.Action].flat().some((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)));
    expect(writes).toHaveLength(1);
    expect([writes[0]!.Action].flat()).toEqual(['dynamodb:PutItem']);
    expect(writes[0]!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PROGRAM#*'] } });
    expect(JSON.stringify(writes[0]!.Resource)).not.toContain('index');
  });

  it('serves the participant export on both APIs, from the read-only admin function', () => {
    const { workflows } = synthesized();
    const routes = Object.values(workflows.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties as { RouteKey: string; AuthorizationType?: string },
    );
    expect(
      routes
        .filter((r) => r.RouteKey === 'GET /participants/{id}/export')
        .map((r) => r.AuthorizationType)
        .sort(),
    ).toEqual(['AWS_IAM', 'JWT']);
  });

  it('keeps the admin API read-only on the table', () => {
    const actions = statementsOf('AdminApiServiceRoleDefaultPolicy').flatMap((st) => [st.Action].flat());
    expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
  });
});
