import { defineConfig } from 'vitest/config';

// Four projects: pure code (unit) and the CDK assertions (infra) run without any emulator; the
// files that need the local cloud share one instance per project, started once per run by the
// global setup, which also leaves the synthesized templates in the synth cache (local/synth.ts)
// for the files that read them: the CDK app is synthesized at most once per run and source change.
function cloudProject(name: string, include: string[]) {
  return {
    test: {
      name,
      include,
      globalSetup: ['test/setup/local-cloud.ts'],
      setupFiles: ['test/setup/quiet-cloud.ts'],
      // Bounds, not measures: whole programs in simulated time (24 months, a 12-month weekly one,
      // the escalation ladder) send every email through the paced sender; a busy machine needs room.
      testTimeout: 400_000,
      hookTimeout: 240_000,
      // The files of one cloud move its one simulated clock: they run one after another.
      fileParallelism: false,
    },
  };
}

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_DEV: 'true' },
    // Vitest's default (cores - 1) is one worker on 2 cores: the emulator-free files would run one
    // at a time, though many of them wait on a CDK synth or a child process.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Bounds, not measures: a few files synthesize a CDK stack in a hook, which takes over
          // 10 s (vitest's default) when the machine is busy.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Synthesizing the CDK app with cdk-nag takes seconds at rest and over a minute on a busy
        // machine: these files get a bound of their own rather than the unit tests' one.
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      // Everything that needs the local cloud, in two halves of about equal time, each with a cloud
      // of its own: a cloud spends most of its time waiting (on DynamoDB Local, the paced sender,
      // the test), so two run side by side in little more than the time of one. Vitest queues every
      // project whose files run one at a time after all others, in one worker: `npm test`
      // (test/run.mjs) runs the second half in a vitest process of its own.
      cloudProject('cloud', ['test/workflows/**/*.test.ts']),
      cloudProject('cloud-e2e', ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts']),
    ],
  },
});
