import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataKeyCache, DEFAULT_LIMITS, type DataKey } from '../../../functions/adapters/crypto/data-key-cache';

const T0 = Date.parse('2030-01-01T00:00:00Z');
const dataKey = (iat = T0 / 1000): DataKey => ({ key: randomBytes(32), edk: randomBytes(60), kid: 'k', iat });

describe('DataKeyCache', () => {
  it('evicts the least recently used entry beyond maxEntries and zeroes its key', () => {
    // Prepare
    const cache = new DataKeyCache({ ...DEFAULT_LIMITS, maxEntries: 2 }, () => T0);
    const [a, b, c] = [dataKey(), dataKey(), dataKey()];
    cache.put('ctx-a', a);
    cache.put('ctx-b', b);
    cache.forOpening('ctx-a', a.edk);
    // Act
    cache.put('ctx-c', c);
    // Assess
    expect(cache.forOpening('ctx-b', b.edk)).toBeUndefined();
    expect(b.key.equals(Buffer.alloc(32))).toBe(true);
    expect(cache.forSealing('ctx-b')).toBeUndefined();
    expect(cache.forOpening('ctx-a', a.edk)).toBe(a.key);
    expect(a.key.equals(Buffer.alloc(32))).toBe(false);
  });

  it('keys entries by context as well as wrapped key', () => {
    // Prepare
    const cache = new DataKeyCache(DEFAULT_LIMITS, () => T0);
    const a = dataKey();
    cache.put('ctx-a', a);
    // Act / Assess
    expect(cache.forOpening('ctx-other', a.edk)).toBeUndefined();
    expect(cache.forSealing('ctx-other')).toBeUndefined();
  });

  it('drops and zeroes an entry older than maxAgeMs', () => {
    // Prepare
    let now = T0;
    const cache = new DataKeyCache({ ...DEFAULT_LIMITS, maxAgeMs: 1_000 }, () => now);
    const a = dataKey();
    cache.put('ctx-a', a);
    // Act
    now += 1_000;
    // Assess
    expect(cache.forOpening('ctx-a', a.edk)).toBeUndefined();
    expect(a.key.equals(Buffer.alloc(32))).toBe(true);
  });

  it('stops sealing after maxUses or past the key lifetime, but still opens', () => {
    // Prepare
    const cache = new DataKeyCache({ ...DEFAULT_LIMITS, maxUses: 2, maxSealLifetimeMs: 10_000 }, () => T0);
    const fresh = dataKey();
    const old = dataKey(T0 / 1000 - 10);
    cache.put('ctx-fresh', fresh);
    cache.put('ctx-old', old);
    // Act
    const uses = [cache.forSealing('ctx-fresh'), cache.forSealing('ctx-fresh'), cache.forSealing('ctx-fresh')];
    // Assess
    expect(uses.map((u) => u !== undefined)).toEqual([true, true, false]);
    expect(cache.forSealing('ctx-old')).toBeUndefined();
    expect(cache.forOpening('ctx-old', old.edk)).toBe(old.key);
  });

  it('clear() zeroes every key', () => {
    // Prepare
    const cache = new DataKeyCache(DEFAULT_LIMITS, () => T0);
    const keys = [dataKey(), dataKey()];
    for (const [i, k] of keys.entries()) cache.put(`ctx-${i}`, k);
    // Act
    cache.clear();
    // Assess
    expect(keys.every((k) => k.key.equals(Buffer.alloc(32)))).toBe(true);
  });

  it('evicting one context’s key leaves the other contexts their sealing keys', () => {
    // Prepare
    const cache = new DataKeyCache({ ...DEFAULT_LIMITS, maxEntries: 2 }, () => T0);
    const [a, b, c] = [dataKey(), dataKey(), dataKey()];
    cache.put('ctx-a', a);
    cache.put('ctx-b', b);
    // Act: ctx-a, the least recently used, is evicted
    cache.put('ctx-c', c);
    // Assess
    expect(cache.forSealing('ctx-a')).toBeUndefined();
    expect(cache.forSealing('ctx-b')?.key).toBe(b.key);
    expect(cache.forSealing('ctx-c')?.key).toBe(c.key);
  });

  it('a key put again replaces the cached one, zeroes the old buffer and counts as most recently used', () => {
    // Prepare
    const cache = new DataKeyCache({ ...DEFAULT_LIMITS, maxEntries: 2 }, () => T0);
    const [a, b, c] = [dataKey(), dataKey(), dataKey()];
    const again = { ...a, key: randomBytes(32) };
    cache.put('ctx-a', a);
    cache.put('ctx-b', b);
    // Act
    cache.put('ctx-a', again);
    cache.put('ctx-c', c);
    // Assess: ctx-b is now the least recently used
    expect(a.key.equals(Buffer.alloc(32))).toBe(true);
    expect(cache.forOpening('ctx-a', a.edk)).toBe(again.key);
    expect(cache.forOpening('ctx-b', b.edk)).toBeUndefined();
  });
});
