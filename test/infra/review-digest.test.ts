import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthesized } from './app';

describe('match review and admin digest', () => {
  it('serves every match review route on both APIs (Cognito for people, IAM for systems)', () => {
    const { workflows } = synthesized();
    const routes = Object.values(workflows.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties as { RouteKey: string; AuthorizationType?: string },
    );
    const base = 'POST /programs/{programId}/matching/{runId}';
    for (const key of [`${base}/approve`, `${base}/pairs/{pairingId}/reject`, `${base}/swap`, `${base}/force`, `${base}/forbid`]) {
      expect(
        routes
          .filter((r) => r.RouteKey === key)
          .map((r) => r.AuthorizationType)
          .sort(),
        key,
      ).toEqual(['AWS_IAM', 'JWT']);
    }
  });

  it('runs the digest every hour and keeps the routine notices it reports', () => {
    const { workflows } = synthesized();
    const digestFn = Object.keys(workflows.findResources('AWS::Lambda::Function')).find((id) => id.startsWith('AdminDigest'));
    expect(digestFn).toBeDefined();
    workflows.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: Match.arrayWith([Match.objectLike({ Arn: { 'Fn::GetAtt': [digestFn, 'Arn'] } })]),
    });
    workflows.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['PairingAccepted', 'PairingNotStarted', 'PairingEnded', 'ParticipantSuppressed'], source: ['crossgen'] },
      Targets: Match.arrayWith([Match.objectLike({ Arn: { 'Fn::GetAtt': [digestFn, 'Arn'] } })]),
    });
  });
});
