import { defineConfig } from 'vitest/config';

// Three projects: pure code (unit) and the CDK assertions (infra) run without any emulator;
// everything that needs the local cloud shares one instance started once per run by the global
// setup, which also leaves the synthesized templates in the synth cache (local/synth.ts) for the
// files that read them: the CDK app is synthesized at most once per run and source change.
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_DEV: 'true' },
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
      {
        test: {
          name: 'cloud',
          include: ['test/integration/**/*.test.ts', 'test/workflows/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/setup/local-cloud.ts'],
          setupFiles: ['test/setup/quiet-cloud.ts'],
          // Bounds, not measures: whole programs in simulated time (24 months, a 12-month weekly
          // one, the escalation ladder) send every email through the paced sender and took 100-
          // 120 s at rest on 2 cores; a busy machine needs room above that.
          testTimeout: 400_000,
          hookTimeout: 240_000,
          // Workflow tests move one shared simulated clock: run the files one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
