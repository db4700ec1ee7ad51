import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FC_SEED, fastCheckSeed } from './fast-check-seed';

describe('Function: fastCheckSeed', () => {
  it('uses FC_SEED when set, the fixed default otherwise, and refuses what is not a 32-bit integer', () => {
    // Act
    const seeds = [fastCheckSeed(undefined), fastCheckSeed(' '), fastCheckSeed('42'), fastCheckSeed('-7')];

    // Assess
    expect(seeds).toEqual([DEFAULT_FC_SEED, DEFAULT_FC_SEED, 42, -7]);
    for (const bad of ['abc', '1.5', '4294967296']) {
      expect(() => fastCheckSeed(bad)).toThrow(/FC_SEED must be a 32-bit integer/);
    }
  });
});

describe('Setup: fast-check global configuration', () => {
  it('runs every property with the configured seed, and a failure report names that seed for replay', () => {
    // Prepare
    const seed = fastCheckSeed();

    // Act
    const details = fc.check(fc.property(fc.integer(), (n) => n < 0));

    // Assess
    expect(details.failed).toBe(true);
    expect(details.seed).toBe(seed);
    expect(fc.defaultReportMessage(details)).toContain(`seed: ${seed},`);
  });

  it('replays: the same seed finds the same counterexample', () => {
    // Act
    const run = () => fc.check(fc.property(fc.string(), (s) => s.length < 3));
    const runs = [run(), run()];

    // Assess
    expect(runs[0]!.counterexample).toEqual(runs[1]!.counterexample);
    expect(runs[0]!.counterexamplePath).toBe(runs[1]!.counterexamplePath);
  });
});
