/** The environment readers every config reader builds on: trimming, fallbacks, and which errors are configuration. */
import { describe, expect, it } from 'vitest';
import { boolean, ConfigError, gather, integer, orDefault, required } from '../../functions/contract/env';

describe('Function: boolean', () => {
  it.each([
    ['true', false, true],
    [' TRUE ', false, true],
    ['False', true, false],
    ['false', true, false],
    ['', false, false],
    [undefined, true, true],
  ])('reads %j (fallback %s) as %s', (raw, fallback, expected) => {
    // Act + Assess
    expect(boolean({ FLAG: raw }, 'FLAG', fallback)).toBe(expected);
  });

  it('names the variable and the value as written when it is neither true nor false', () => {
    // Act + Assess
    expect(() => boolean({ FLAG: ' Yes ' }, 'FLAG', true)).toThrow(
      new ConfigError('FLAG must be true or false, got "Yes"'),
    );
  });
});

describe('Function: integer and required', () => {
  it('trims the value before reading it', () => {
    // Act + Assess
    expect(integer({ N: ' 15 ' }, 'N', 1, 0, 20)).toBe(15);
    expect(required({ NAME: '  table-a \n' }, 'NAME')).toBe('table-a');
  });

  it('counts a blank required variable as not set', () => {
    // Act + Assess
    expect(() => required({ NAME: '   ' }, 'NAME')).toThrow(new ConfigError('NAME environment variable is not set'));
  });
});

describe('Function: orDefault', () => {
  it('gives the fallback for a configuration problem and the value otherwise', () => {
    // Act + Assess
    expect(
      orDefault(() => {
        throw new ConfigError('bad');
      }, 7),
    ).toBe(7);
    expect(orDefault(() => 3, 7)).toBe(3);
  });

  it('lets any other error through', () => {
    // Act + Assess
    expect(() =>
      orDefault(() => {
        throw new TypeError('a bug');
      }, 7),
    ).toThrow(new TypeError('a bug'));
  });
});

describe('Function: gather', () => {
  it('lets an error that is not a configuration problem through as it is', () => {
    // Act + Assess
    expect(() =>
      gather({
        a: () => 1,
        b: (): number => {
          throw new RangeError('a bug');
        },
      }),
    ).toThrow(new RangeError('a bug'));
  });
});
