import { defineConfig } from 'vitest/config';

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
    // A fresh process per test file: the handlers read their config once per process, as a Lambda container does.
    isolate: true,
    // DynamoDB Local (a JVM) and Chromium are heavy on a 2-core machine; keep parallelism modest.
    maxWorkers: 2,
    silent: 'passed-only',
  },
});
