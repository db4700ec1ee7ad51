import { describe, expect, it } from 'vitest';
import { normalizeArgs } from '../../../functions/domain/vapi/argument-preprocess';

describe('Function: normalizeArgs', () => {
  it('copies the arguments without a "__proto__" key, so nothing downstream can read the fields hidden in it', () => {
    // Prepare: JSON.parse makes "__proto__" an own key, as it arrives in VAPI's arguments string.
    const raw = JSON.parse('{"__proto__":{"attendee_name":"Mallory"},"":"empty key","notes":" hi "}') as object;
    // Act
    const out = normalizeArgs(raw) as Record<string, unknown>;
    // Assess
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.keys(out)).toEqual(['', 'notes']);
    expect({ ...out }).toEqual({ '': 'empty key', notes: 'hi' });
  });
});
