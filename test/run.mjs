#!/usr/bin/env node
// `npm test`: the whole suite with vitest, then one plain summary line that CI reads
// ("tests: N passed, N failed"), counted from vitest's JSON reports.
//
// Two vitest processes run side by side: one with the emulator-free projects and the first half of
// the cloud tests, one with the second half (vitest.config.ts). Each cloud half has a local cloud
// of its own whose files run one after another (they move its one simulated clock); vitest itself
// runs every such project in one queue after the others, so within one process the halves would
// wait for each other although each cloud mostly waits (on DynamoDB Local, the paced sender).
// Arguments (`npm test -- test/unit/foo.test.ts`, `--project unit`) run one process, as given.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const extra = process.argv.slice(2);
const runs =
  extra.length > 0
    ? [extra]
    : [
        ['--project', 'unit', '--project', 'infra', '--project', 'cloud'],
        ['--project', 'cloud-e2e'],
      ];

/** Runs one vitest process; resolves with its exit status and its JSON report's path. */
function vitest(args, index) {
  const report = path.join(os.tmpdir(), `crossgen-vitest-${process.pid}-${index}.json`);
  const child = spawn('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
    stdio: 'inherit',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ status: code ?? (signal ? 1 : 0), report })));
}

/** The start of a failure's message: enough to tell what broke, short enough for a log's tail. */
function firstLines(text, lines = 12) {
  return String(text ?? '')
    .split('\n')
    .filter((l) => !/^\s*at (new Promise|.*node_modules)/.test(l)) // the runner's own frames
    .slice(0, lines)
    .map((l) => `  ${l}`)
    .join('\n');
}

const results = await Promise.all(runs.map((args, i) => vitest(args, i)));
let passed = 0;
let failed = 0;
// Each failure again, last: the two processes' own summaries scroll away behind each other, and
// whoever reads only the end of the output (a CI log's tail) still learns which test failed and why.
const failures = [];
for (const { status, report } of results) {
  let counted = 0;
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed += json.numPassedTests ?? 0;
    // A file that fails to load has no failed test in it, but it is a failure all the same.
    const brokenFiles = (json.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'));
    counted = (json.numFailedTests ?? 0) + brokenFiles.length;
    for (const file of json.testResults ?? []) {
      const where = path.relative(process.cwd(), file.name ?? '');
      const tests = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of tests) failures.push(`${where} > ${a.fullName ?? a.title}\n${firstLines(a.failureMessages?.[0])}`);
      if (brokenFiles.includes(file)) failures.push(`${where} (the file failed to run)\n${firstLines(file.message)}`);
    }
    fs.rmSync(report, { force: true });
  } catch {
    counted = 1; // no report: the process crashed
  }
  if (status !== 0 && counted === 0) counted = 1; // a crash or an error outside tests still fails
  failed += counted;
}
for (const f of failures) console.log(`\nFAILED ${f}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.status === 0) ? 0 : 1);
