import { describe, expect, it } from 'vitest';
import { secretMatches } from '../../functions/domain/secret-compare';

describe('Function: secretMatches', () => {
  it.each<[string, string | undefined, string[], boolean]>([
    ['the one expected secret', 'tok-1', ['tok-1'], true],
    ['the second of two (rotation)', 'tok-2', ['tok-1', 'tok-2'], true],
    ['the first of two', 'tok-1', ['tok-1', 'tok-2'], true],
    ['another secret', 'tok-3', ['tok-1', 'tok-2'], false],
    ['a longer secret starting with the expected one', 'tok-1x', ['tok-1'], false],
    ['a secret differing in case', 'TOK-1', ['tok-1'], false],
    ['no expected secret', 'tok-1', [], false],
    ['an empty given value, even against an empty secret', '', [''], false],
    ['a missing given value (no bearer header)', undefined, ['tok-1'], false],
  ])('%s', (_name, given, expected, matches) => {
    // Act
    const result = secretMatches(given, expected);

    // Assess
    expect(result).toBe(matches);
  });
});
