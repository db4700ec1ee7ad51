import { defineConfig } from 'vitest/config';

// The AWS SDK warns about Node 20 support ending in 2027; the Lambdas run on the latest Node runtime anyway.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    // One fixed fast-check seed per run (FC_SEED overrides it); see the file.
    setupFiles: ['test/support/fast-check-seed.ts'],
    env: {
      // Powertools Logger then writes through the global console, which vitest holds back for passing tests
      // (silent: 'passed-only'); its default Console on process.stdout would print every line. It also pretty-prints
      // the JSON, which test/integration/log-capture.ts parses either way.
      POWERTOOLS_DEV: 'true',
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // DynamoDB Local (a JVM) and Chromium are heavy on a 2-core machine; keep parallelism modest.
    maxWorkers: 2,
    silent: 'passed-only',
  },
});
