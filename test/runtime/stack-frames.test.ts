import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapStacksLazily } from '../../functions/runtime/stack-traces';
import { useFrameBundle } from './fixtures/stack-frames/bundle';

const THIS_FILE = fileURLToPath(import.meta.url);

/** In this process, where Stryker's mutants are active (stack-traces.test.ts spawns node, which they are not). */
describe('Function: mapStacksLazily (the names and sources of the frames)', () => {
  const { fixture } = useFrameBundle();

  it("names each bundle frame's function and source line, the source cut to the repository or the package", () => {
    // Act
    const installed = mapStacksLazily(fixture.bundle);
    const lines = fixture.load(fixture.bundle).stackOfFailure().split('\n');

    // Assess
    expect(installed).toBe(true);
    expect(lines.slice(0, 8)).toEqual([
      'RangeError: thrown by the fixture',
      '    at failDeep (functions/test/own.ts:3:9)',
      '    at <anonymous> (test/runtime/entry.ts:16:46)',
      '    at Array.map (<anonymous>)',
      '    at run (test/runtime/entry.ts:16:36)',
      '    at callBack (node_modules/dep/lib/index.js:3:3)',
      '    at run (test/runtime/entry.ts:16:17)',
      '    at relay (lib/relay.ts:3:10)',
    ]);
    // Called from outside the bundle: its minified name stays, as with Node's own mapping.
    expect(lines[8]).toMatch(/^ {4}at \w+ \(test\/runtime\/entry\.ts:16:5\)$/);
    expect(lines[8]).not.toContain('relay');
    // This file's frame is no bundle's: as V8 prints it.
    expect(lines[9]).toContain(`${THIS_FILE}:`);
  });

  it('names a frame no caller in the bundle called by its own name, or "<anonymous>", as Node does', () => {
    // Prepare
    mapStacksLazily(fixture.bundle);
    const limit = Error.stackTraceLimit;
    const bundled = fixture.load(fixture.bundle);
    // Act: the last frame has no caller; the relay's caller is the copy's code, whose position means nothing here.
    let lastFrames: string[];
    try {
      Error.stackTraceLimit = 2;
      lastFrames = bundled.stackOfFailure().split('\n');
    } finally {
      Error.stackTraceLimit = limit;
    }
    const calledFromCopy = fixture.load(fixture.copy).relay(bundled.stackOfFailure).split('\n');
    const atLoad = String(bundled.madeAtLoad.stack).split('\n');

    // Assess
    expect(lastFrames.slice(1)).toEqual([
      '    at failDeep (functions/test/own.ts:3:9)',
      '    at <anonymous> (test/runtime/entry.ts:16:46)',
    ]);
    expect(calledFromCopy[8]).toMatch(/^ {4}at \w+ \(test\/runtime\/entry\.ts:16:5\)$/);
    expect(calledFromCopy[8]).not.toContain('at run ');
    expect(calledFromCopy[9]).toContain(`(${fixture.copy}:1:`);
    // The bundle's top-level code: no function, so no name in the map.
    expect(atLoad[1]).toBe('    at <anonymous> (test/runtime/entry.ts:11:27)');
  });

  it('marks async frames, and cuts a package path that is all there is', async () => {
    // Act
    mapStacksLazily(fixture.bundle);
    const lines = (await fixture.load(fixture.bundle).stackOfLateFailure()).split('\n');

    // Assess
    expect(lines[0]).toBe('TypeError: thrown later');
    expect(lines[1]).toMatch(/^ {4}at \w+ \(node_modules\/dep\/test\/index\.js:4:9\)$/);
    expect(lines[3]).toMatch(/^ {4}at async \w+ \(test\/runtime\/entry\.ts:24:3\)$/);
    expect(lines[4]).toMatch(/^ {4}at async \w+ \(test\/runtime\/entry\.ts:30:5\)$/);
  });

  it("leaves another file's frames as V8 prints them, though the same code", () => {
    // Act
    mapStacksLazily(fixture.bundle);
    const stack = fixture.load(fixture.copy).stackOfFailure();

    // Assess
    expect(stack).toContain(`(${fixture.copy}:1:`);
    expect(stack).not.toContain('own.ts');
  });

  it('leaves a frame the map names no source for as V8 printed it, and borrows no name from it', () => {
    // Prepare
    mapStacksLazily(fixture.bundle);
    const bundled = fixture.load(fixture.bundle);
    // Act
    const lines = bundled.callUnnamed(bundled.stackOfFailure).split('\n');

    // Assess
    expect(lines[8]).toMatch(/^ {4}at \w+ \(test\/runtime\/entry\.ts:16:5\)$/);
    expect(lines[9]).toMatch(new RegExp(`^ {4}at [\\w.]+ \\(${fixture.bundle}:1:\\d+\\)$`));
  });
});
