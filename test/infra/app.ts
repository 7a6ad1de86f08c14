import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCrossgen } from '../../lib/crossgen';

/** The app as bin/app.ts builds it (cdk.json context, cdk-nag plugged in), without bundling. */
export function buildTestApp(extraContext: Record<string, unknown> = {}) {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'));
  const app = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-infra-')),
    context: { ...cdkJson.context, ...extraContext, 'aws:cdk:bundling-stacks': [] },
  });
  const stacks = buildCrossgen(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, ...stacks };
}

let cached: ReturnType<typeof synthOnce> | undefined;
function synthOnce() {
  const built = buildTestApp();
  let error: Error | undefined;
  try {
    built.app.synth();
  } catch (e) {
    error = e as Error;
  }
  return { ...built, error, data: Template.fromStack(built.stateful), workflows: Template.fromStack(built.workflow) };
}

/** One synthesis shared by the infra tests (synth with cdk-nag takes seconds). */
export function synthesized() {
  cached ??= synthOnce();
  return cached;
}
