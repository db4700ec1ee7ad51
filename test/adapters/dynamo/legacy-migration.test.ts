/** The schema-2 item an item of the single-connection version stands for, its optional fields left out when absent. */
import { describe, expect, it } from 'vitest';
import { migrateLegacyItem } from '../../../functions/adapters/dynamo/legacy-migration';
import { legacyItem } from '../../contracts/connection-store-fixtures';

describe('Function: migrateLegacyItem', () => {
  it('an older item without display name, schedule check or last use migrates without those keys', () => {
    // Prepare
    const {
      displayName: _d,
      mailboxCheckedAt: _m,
      lastUsedAt: _l,
      ...bare
    } = legacyItem('m-bare') as never as Record<string, unknown>;
    // Act
    const { item } = migrateLegacyItem(bare);
    // Assess
    const [connection] = Object.values(item.connections);
    expect(item).not.toHaveProperty('lastUsedAt');
    expect(connection).not.toHaveProperty('displayName');
    expect(connection).not.toHaveProperty('scheduleCheckedAt');
  });

  it('a malformed older item fails naming the dotted path, never its values', () => {
    // Prepare
    const bad = { ...legacyItem('m-bad'), working: { timeZone: 5, week: {} } };
    // Act
    const error = (() => {
      try {
        migrateLegacyItem(bad);
      } catch (e) {
        return e as Error;
      }
    })();
    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect(error?.message).toBe('Malformed older connection item: working.timeZone');
  });
});
