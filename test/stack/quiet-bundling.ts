/**
 * Keeps CDK's local bundling quiet in test output without changing what it builds. NodejsFunction bundles while the
 * stack is constructed: CDK writes "Bundling asset …" to process.stderr and runs esbuild with its stdout/stderr
 * inherited, so vitest cannot hold either back. Here both go to console.error instead, which vitest (silent:
 * 'passed-only') shows only when the test fails; a failed esbuild run also carries its output in CDK's error.
 */
import { createRequire } from 'node:module';

// The CommonJS module object aws-cdk-lib calls spawnSync on (at call time), not the frozen ESM namespace.
const childProcess = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');

/** Runs `build` (synchronous: stack construction, app.synth()) with CDK's and esbuild's output captured. */
export function quietBundling<T>(build: () => T): T {
  const output: string[] = [];
  const { spawnSync } = childProcess;
  const write = process.stderr.write;
  childProcess.spawnSync = ((command: string, args?: readonly string[], options?: object) => {
    const result = spawnSync(command, args ?? [], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    output.push(String(result.stdout ?? ''), String(result.stderr ?? ''));
    return result;
  }) as typeof spawnSync;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    output.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    return build();
  } finally {
    childProcess.spawnSync = spawnSync;
    process.stderr.write = write;
    const text = output.join('').trim();
    if (text) console.error(text);
  }
}
