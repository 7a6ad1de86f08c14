import { defineConfig } from 'vitest/config';

// Two projects: pure code (domain, infra assertions) runs without any emulator; everything that
// needs the local cloud shares one instance started once per run by the global setup.
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_DEV: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'cloud',
          include: ['test/integration/**/*.test.ts', 'test/workflows/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/setup/local-cloud.ts'],
          setupFiles: ['test/setup/quiet-cloud.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Workflow tests move one shared simulated clock: run the files one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
