import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs the intake's emulator tests on their own (each file starts DynamoDB Local and the SES
// mailbox itself) while the shared local cloud is being built:
//   npx vitest run --config test/integration/intake/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_DEV: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    include: ['test/integration/intake/**/*.test.ts', 'test/browser/intake-form.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
