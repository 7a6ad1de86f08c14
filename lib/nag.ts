import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Every acknowledgement made while building the app, for the infra tests to audit. */
export const acknowledgements: { path: string; rule: string; reason: string }[] = [];

/**
 * Acknowledges one cdk-nag finding on one construct, with the reason. cdk-nag 3 uses CDK's own
 * Validations API; a finding with a detail (IAM5 wildcards) is named `Rule[detail]`.
 */
export function acknowledge(construct: IConstruct, rule: string, reason: string): void {
  Validations.of(construct).acknowledge({ id: rule, reason });
  acknowledgements.push({ path: construct.node.path, rule, reason });
}
