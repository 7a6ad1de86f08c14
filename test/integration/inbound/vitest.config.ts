import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs the inbound path's emulator tests on their own (each file starts its emulators itself):
//   npx vitest run --config test/integration/inbound/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_DEV: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    include: ['test/integration/inbound/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
