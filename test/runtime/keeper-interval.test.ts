/** KEEPER_INTERVAL_MINUTES: the local keeper timer, from off (0) to once a day. */
import { describe, expect, it } from 'vitest';
import { readKeeperIntervalMinutes } from '../../functions/contract/keeper-config';

describe('Function: readKeeperIntervalMinutes', () => {
  it('takes up to a day and refuses more', () => {
    // Act + Assess
    expect(readKeeperIntervalMinutes({ KEEPER_INTERVAL_MINUTES: '1440' })).toBe(1440);
    expect(() => readKeeperIntervalMinutes({ KEEPER_INTERVAL_MINUTES: '1441' })).toThrow(
      'KEEPER_INTERVAL_MINUTES must be an integer from 0 to 1440, got "1441"',
    );
  });
});
