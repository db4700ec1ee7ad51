/** TokenMemory: per-process access tokens by credential version, stale entries dropped, the oldest evicted. */
import { describe, expect, it } from 'vitest';
import { TokenMemory } from '../../../functions/adapters/microsoft/token-memory';

const NOW = Date.UTC(2026, 2, 15, 12);
const LATER = NOW + 3_600_000;

describe('Class: TokenMemory', () => {
  it('drops an entry asked for under another version, so the old version no longer finds it either', () => {
    // Prepare
    const memory = new TokenMemory();
    memory.set('mgr-1', 'c1', 1, 'at-1', LATER);
    // Act
    const newer = memory.get('mgr-1', 'c1', 2, NOW);
    const older = memory.get('mgr-1', 'c1', 1, NOW);
    // Assess
    expect([newer, older]).toEqual([undefined, undefined]);
  });

  it('forgets the oldest entries beyond its limit', () => {
    // Prepare
    const memory = new TokenMemory(2);
    // Act
    memory.set('mgr-1', 'c1', 1, 'at-1', LATER);
    memory.set('mgr-1', 'c2', 1, 'at-2', LATER);
    memory.set('mgr-2', 'c1', 1, 'at-3', LATER);
    // Assess
    expect(memory.get('mgr-1', 'c1', 1, NOW)).toBeUndefined();
    expect(memory.get('mgr-1', 'c2', 1, NOW)).toBe('at-2');
    expect(memory.get('mgr-2', 'c1', 1, NOW)).toBe('at-3');
  });
});
