import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // DynamoDB Local (a JVM) and Chromium are heavy on a 2-core machine; keep parallelism modest.
    maxWorkers: 2,
    silent: 'passed-only',
  },
});
