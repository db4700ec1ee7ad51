import { describe, expect, it } from 'vitest';
import { toSingleLineJson } from '../../../functions/domain/vapi/single-line';
import { thrown } from '../../support/thrown';

describe('Function: toSingleLineJson', () => {
  it('escapes a line or paragraph separator in a key (only values go through toSingleLine), staying valid JSON', () => {
    // Prepare
    const value = { 'a\u2028b': 'x\u2029y', 'c\u2029d': 2 };
    // Act
    const json = toSingleLineJson(value);
    // Assess
    expect(json).toBe('{"a\\u2028b":"x y","c\\u2029d":2}');
    expect(JSON.parse(json)).toEqual({ 'a\u2028b': 'x y', 'c\u2029d': 2 });
  });

  it('refuses a value that has no JSON text, saying so', () => {
    // Act
    const error = thrown(() => toSingleLineJson({ toJSON: () => undefined }));
    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'value is not JSON-serialisable' });
  });
});
