import type { App } from 'aws-cdk-lib';
import { StatefulStack } from './stateful-stack';
import { WorkflowStack } from './workflow-stack';

export interface CrossgenConfig {
  readonly senderDomain: string;
  readonly inboundDomain: string;
  readonly adminEmail: string;
  /** Optional: prefix of the hosted sign-in domain (default crossgen-<account id>). */
  readonly signInDomainPrefix?: string;
  /** Optional: emails a second all senders keep to, the account's SES maximum send rate (default 14). */
  readonly mailMaxSendRate?: number;
}

/** Reads the deployment's context values, with an error that says how to set a missing one. */
export function configFromContext(app: App): CrossgenConfig {
  const read = (key: string): string => {
    const value = app.node.tryGetContext(`crossgen:${key}`);
    if (typeof value !== 'string' || value.trim() === '') {
      throw new Error(`Context value crossgen:${key} is missing: pass it with -c crossgen:${key}=... or set it in cdk.json.`);
    }
    return value.trim();
  };
  const prefix = app.node.tryGetContext('crossgen:signInDomainPrefix') as unknown;
  const rate = app.node.tryGetContext('crossgen:mailMaxSendRate') as unknown;
  const mailMaxSendRate = rate === undefined ? undefined : Number(rate);
  if (mailMaxSendRate !== undefined && !(mailMaxSendRate > 0)) {
    throw new Error(
      `Context value crossgen:mailMaxSendRate is "${String(rate)}": set it to the account's SES maximum send rate, e.g. -c crossgen:mailMaxSendRate=14.`,
    );
  }
  return {
    ...(mailMaxSendRate === undefined ? {} : { mailMaxSendRate }),
    senderDomain: read('senderDomain'),
    inboundDomain: read('inboundDomain'),
    adminEmail: read('adminEmail'),
    ...(typeof prefix === 'string' && prefix.trim() ? { signInDomainPrefix: prefix.trim() } : {}),
  };
}

/** Both stacks of crossgen. Used by bin/app.ts, the tests and the local cloud alike. */
export function buildCrossgen(app: App, config: CrossgenConfig = configFromContext(app)) {
  // TableV2 needs a concrete region; the CLI sets CDK_DEFAULT_REGION from the profile, tests
  // and the local cloud fall back to crossgen:region.
  const region = process.env.CDK_DEFAULT_REGION ?? (app.node.tryGetContext('crossgen:region') as string | undefined) ?? 'eu-west-1';
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region };
  const rawMailDays = app.node.tryGetContext('crossgen:rawMailRetentionDays') as unknown;
  const stateful = new StatefulStack(app, 'CrossgenData', {
    env,
    description: 'crossgen: data (table, key, inbound mail, secrets)',
    ...(rawMailDays === undefined ? {} : { rawMailRetentionDays: Number(rawMailDays) }),
  });
  const workflow = new WorkflowStack(app, 'CrossgenWorkflows', { env, stateful, ...config, description: 'crossgen: functions, workflows, API, events, email' });
  return { stateful, workflow };
}
