import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildCrossgen } from '../lib/crossgen';
import type { CfnTemplate } from './synth';

/**
 * Synthesizes our own CDK app in-process, with the context of cdk.json, without bundling (the
 * local cloud runs the TypeScript sources the templates point at). Only `synthesizeApp` calls this,
 * when its cache has no templates for the current sources: it is what loads aws-cdk-lib.
 */
export function synthesizeTemplates(opts: { root: string; region: string; accountId: string; context?: Record<string, unknown> }): Record<string, CfnTemplate> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(opts.root, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-synth-'));
  const previous = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  process.env.CDK_DEFAULT_ACCOUNT = opts.accountId;
  process.env.CDK_DEFAULT_REGION = opts.region;
  try {
    const app = new App({ outdir, context: { ...cdkJson.context, ...opts.context, 'aws:cdk:bundling-stacks': [] } });
    const { stateful, workflow } = buildCrossgen(app);
    const assembly = app.synth();
    const templates: Record<string, CfnTemplate> = {};
    for (const stack of [stateful, workflow]) templates[stack.stackName] = assembly.getStackByName(stack.stackName).template as CfnTemplate;
    return templates;
  } finally {
    process.env.CDK_DEFAULT_ACCOUNT = previous.account;
    process.env.CDK_DEFAULT_REGION = previous.region;
    if (previous.account === undefined) delete process.env.CDK_DEFAULT_ACCOUNT;
    if (previous.region === undefined) delete process.env.CDK_DEFAULT_REGION;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
