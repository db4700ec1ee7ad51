import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFile, mapStacksLazily } from '../../functions/runtime/stack-traces';
import { useFrameBundle } from './fixtures/stack-frames/bundle';

const THIS_FILE = fileURLToPath(import.meta.url);

/** In this process, where Stryker's mutants are active (stack-traces.test.ts spawns node, which they are not). */
describe('Function: mapStacksLazily (when it reads the map, and when it does nothing)', () => {
  const { fixture, formatter } = useFrameBundle();

  it('reads the map once: a map gone after the first stack still maps the next', () => {
    // Prepare
    mapStacksLazily(fixture.bundle);
    const first = fixture.load(fixture.bundle).stackOfFailure();
    // Act
    fixture.moveMap(true);
    let second: string;
    try {
      second = fixture.load(fixture.bundle).stackOfFailure();
    } finally {
      fixture.moveMap(false);
    }

    // Assess
    expect(first).toContain('functions/test/own.ts:3:9');
    expect(second).toContain('functions/test/own.ts:3:9');
  });

  it('leaves the frames as V8 printed them when the map cannot be read at the first stack, and tries no more', () => {
    // Prepare
    mapStacksLazily(fixture.bundle);
    // Act
    fixture.moveMap(true);
    let unread: string;
    try {
      unread = fixture.load(fixture.bundle).stackOfFailure();
    } finally {
      fixture.moveMap(false);
    }
    const later = fixture.load(fixture.bundle).stackOfFailure();

    // Assess
    expect(unread.split('\n')[0]).toBe('RangeError: thrown by the fixture');
    expect(unread).toContain(`(${fixture.bundle}:1:`);
    expect(later).toContain(`(${fixture.bundle}:1:`);
    expect(later).not.toContain('own.ts');
  });

  it('heads the stack "Error" when the value it belongs to cannot be printed', () => {
    // Prepare
    mapStacksLazily(fixture.bundle);
    const unprintable = Object.create(null) as { stack?: string };
    // Act
    Error.captureStackTrace(unprintable);

    // Assess
    expect(unprintable.stack?.split('\n')[0]).toBe('Error');
    expect(unprintable.stack).toContain(`${THIS_FILE}:`);
  });

  it('does nothing outside a bundle, for a bundle without a map, or where Node maps stacks itself', () => {
    // Act
    const outside = mapStacksLazily(undefined);
    const mapless = mapStacksLazily(fixture.copy);
    const enabled = process.sourceMapsEnabled;
    let nodeMaps: boolean;
    try {
      process.setSourceMapsEnabled(true);
      nodeMaps = mapStacksLazily(fixture.bundle);
    } finally {
      process.setSourceMapsEnabled(enabled);
    }

    // Assess
    expect([outside, mapless, nodeMaps]).toEqual([false, false, false]);
    expect(Error.prepareStackTrace).toBe(formatter);
  });
});

describe('Function: bundleFile', () => {
  it("is the running module's file where the module has a __filename (CommonJS, and vitest's modules)", () => {
    // Act + Assess
    expect(bundleFile()).toBe(fileURLToPath(new URL('../../functions/runtime/stack-traces.ts', import.meta.url)));
  });

  it('is undefined where the module has none (the ESM sources, as tsx runs them), so the sources load', () => {
    // Prepare: Node 24 strips the types itself; the module imports only node: modules.
    const source = fileURLToPath(new URL('../../functions/runtime/stack-traces.ts', import.meta.url));
    const script = `import { bundleFile } from ${JSON.stringify(source)}; console.log(String(bundleFile()));`;
    // Act
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });

    // Assess
    expect(run.stderr).not.toContain('ReferenceError');
    expect(run.stdout.trim()).toBe('undefined');
  });
});
