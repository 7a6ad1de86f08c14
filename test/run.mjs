#!/usr/bin/env node
// `npm test`: the whole suite with vitest, then one plain summary line that CI reads
// ("tests: N passed, N failed"), counted from vitest's JSON report.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const report = path.join(os.tmpdir(), `crossgen-vitest-${process.pid}.json`);
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const result = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  // A file that fails to load has no failed test in it, but it is a failure all the same.
  const brokenFiles = (json.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  failed = (json.numFailedTests ?? 0) + brokenFiles;
  fs.rmSync(report, { force: true });
} catch {
  failed = Math.max(1, failed);
}
if (result.status !== 0 && failed === 0) failed = 1; // a crash or an error outside tests still fails
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(result.status ?? 1);
