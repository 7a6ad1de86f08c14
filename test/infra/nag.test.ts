import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acknowledgements } from '../../lib/nag';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildTestApp, synthesized } from './app';

describe('cdk-nag AwsSolutions on every stack', () => {
  it('synthesizes with zero unsuppressed errors', () => {
    const { error } = synthesized();
    expect(error?.message ?? '').toBe('');
  });

  it('every acknowledgement names one resource, one rule and a reason of substance', () => {
    synthesized();
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) {
      expect(a.rule, a.path).toMatch(/^AwsSolutions-[A-Z]+[0-9]+(\[.+\])?$/);
      expect(a.path, a.rule).toMatch(/^Crossgen(Data|Workflows)\/.+/);
      expect(a.reason.length, `${a.path} ${a.rule}`).toBeGreaterThan(30);
    }
  });

  it('would fail synthesis on an unacknowledged finding (the check is live)', () => {
    const { app, stateful } = buildTestApp();
    new s3.Bucket(stateful, 'CarelessBucket');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1|Validation failed|error/i);
  });

  it('is what bin/app.ts runs: the CLI app plugs in the same checks', () => {
    const bin = fs.readFileSync(path.join(__dirname, '..', '..', 'bin', 'app.ts'), 'utf8');
    expect(bin).toMatch(/Validations\.of\(app\)\.addPlugins\(new AwsSolutionsChecks\(app\)\)/);
  });
});
