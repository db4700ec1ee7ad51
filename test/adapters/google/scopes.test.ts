/** parseScope: a token response's space-separated scope as a list. */
import { describe, expect, it } from 'vitest';
import { parseScope } from '../../../functions/adapters/google/scopes';

describe('Function: parseScope', () => {
  it('reads no scopes from an absent or blank scope, and splits on any run of whitespace', () => {
    // Act
    const absent = parseScope(undefined);
    const blank = parseScope('  ');
    const spaced = parseScope(' openid\t email  https://www.googleapis.com/auth/calendar.events ');
    // Assess
    expect(absent).toEqual([]);
    expect(blank).toEqual([]);
    expect(spaced).toEqual(['openid', 'email', 'https://www.googleapis.com/auth/calendar.events']);
  });
});
