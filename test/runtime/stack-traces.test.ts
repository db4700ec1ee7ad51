import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, esbuildOptions } from '../../lib/constructs/bundling';

const FIXTURE = fileURLToPath(new URL('fixtures/throws-in-bundle.ts', import.meta.url));

describe('Function: mapStacksLazily (the bundles, without --enable-source-maps)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stacks-'));
  const bundle = join(dir, BUNDLE_FILE);
  beforeAll(async () => {
    await build({ ...esbuildOptions(FIXTURE, bundle), logLevel: 'silent' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Loads the bundle in a fresh node (as Lambda does: no flags unless given), optionally moves its map away, then
   * prints the stack of the fixture's error. */
  const stackFrom = (flags: string[], moveMapBeforeError = false): string => {
    const script =
      `const m = require(${JSON.stringify(bundle)});` +
      (moveMapBeforeError ? `require('node:fs').renameSync(${JSON.stringify(`${bundle}.map`)}, 'gone.map');` : '') +
      'console.log(m.stackOfFailure());';
    const run = spawnSync(process.execPath, [...flags, '-e', script], { cwd: dir, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return run.stdout;
  };

  it('names the TypeScript source and line of each frame in the bundle, and the functions it calls', () => {
    // Act
    const stack = stackFrom([]);

    // Assess
    expect(stack.split('\n')[0]).toBe('RangeError: thrown by the fixture');
    expect(stack).toMatch(/\n {4}at failDeep \(test\/runtime\/fixtures\/throws-in-bundle\.ts:6:9\)/);
    // Called from outside the bundle: its minified name stays, as with Node's own mapping.
    expect(stack).toMatch(/\n {4}at \S+ \(test\/runtime\/fixtures\/throws-in-bundle\.ts:12:5\)/);
    expect(stack).not.toContain(BUNDLE_FILE);
  });

  it('reads the map when a stack is first formatted, not while the bundle loads', () => {
    // Act: the map is gone after the load and before the first stack.
    const stack = stackFrom([], true);
    renameSync(join(dir, 'gone.map'), `${bundle}.map`);

    // Assess: nothing read it at load, so the frames stay as V8 printed them (the bundle's own positions).
    expect(stack.split('\n')[0]).toBe('RangeError: thrown by the fixture');
    expect(stack).toContain(`${bundle}:`);
    expect(stack).not.toContain('throws-in-bundle.ts');
  });

  it("leaves stacks to Node where --enable-source-maps is on (Node's mapping, same source lines)", () => {
    // Act
    const stack = stackFrom(['--enable-source-maps']);

    // Assess
    expect(stack).toContain('throws-in-bundle.ts:6:9');
    expect(stack).toContain('throws-in-bundle.ts:12:5');
  });
});
