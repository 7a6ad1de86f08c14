import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on one construct, with the reason. cdk-nag 3 uses CDK's own
 * Validations API; a finding with a detail (IAM5 wildcards) is named `Rule[detail]`.
 */
export function acknowledge(construct: IConstruct, rule: string, reason: string): void {
  Validations.of(construct).acknowledge({ id: rule, reason });
}
