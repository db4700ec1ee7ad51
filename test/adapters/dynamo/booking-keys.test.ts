import { describe, expect, it } from 'vitest';
import {
  boundedId,
  callCountKey,
  KEY_ID_MAX,
  toolCallKey,
  wrongCodesKey,
} from '../../../functions/adapters/dynamo/booking-keys';

describe('Function: boundedId', () => {
  it('keeps an id up to KEY_ID_MAX characters as it is (the keys items already have)', () => {
    // Prepare
    const id = 'x'.repeat(KEY_ID_MAX);
    // Act
    const part = boundedId(id);
    // Assess
    expect(part).toBe(id);
    expect(toolCallKey('call-1/tc-1')).toEqual({ pk: 'TOOLCALL#call-1/tc-1', sk: 'TOOLCALL' });
  });

  it('keys a longer id by its SHA-256, the same for the same id and different for another', () => {
    // Prepare
    const long = 'c'.repeat(4096);
    // Act
    const parts = [boundedId(long), boundedId(long), boundedId(`${long}d`)];
    // Assess
    expect(parts[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parts[1]).toBe(parts[0]);
    expect(parts[2]).not.toBe(parts[0]);
    for (const key of [toolCallKey(long), wrongCodesKey(long), callCountKey(long)]) {
      expect(Buffer.byteLength(key.pk)).toBeLessThan(100);
    }
  });
});
