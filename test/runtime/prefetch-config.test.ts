import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../functions/contract/env';
import { readBusyPrefetch } from '../../functions/contract/prefetch-config';
import { readRuntimeConfig } from '../../functions/runtime/runtime-config';

describe('Function: readBusyPrefetch', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['on', true],
    [' ON ', true],
    ['off', false],
    ['Off', false],
  ])('BUSY_PREFETCH=%j → %s', (raw, on) => {
    // Act & Assess
    expect(readBusyPrefetch({ BUSY_PREFETCH: raw })).toBe(on);
  });

  it.each(['true', '0', 'disabled'])('fails fast on %j, naming the variable, the value and the choices', (raw) => {
    // Act & Assess
    expect(() => readBusyPrefetch({ BUSY_PREFETCH: raw })).toThrow(
      new ConfigError(`BUSY_PREFETCH must be one of on, off, got "${raw}"`),
    );
  });

  it('is part of the runtime configuration: on by default, and a bad value is reported with the others', () => {
    // Act
    const config = readRuntimeConfig({});
    const bad = () => readRuntimeConfig({ BUSY_PREFETCH: 'maybe', HOLD_MINUTES: '0' });

    // Assess
    expect(config.busyPrefetch).toBe(true);
    expect(readRuntimeConfig({ BUSY_PREFETCH: 'off' }).busyPrefetch).toBe(false);
    expect(bad).toThrow(/BUSY_PREFETCH must be one of on, off, got "maybe"/);
    expect(bad).toThrow(/HOLD_MINUTES/);
  });
});
