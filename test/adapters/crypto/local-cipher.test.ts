import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCipher } from '../../../functions/adapters/crypto/create-cipher';
import { CipherError, looksSealed, parseEnvelope } from '../../../functions/adapters/crypto/envelope';
import { KmsCipher } from '../../../functions/adapters/crypto/kms-cipher';
import { LocalCipher } from '../../../functions/adapters/crypto/local-cipher';
import { flipBit } from './fake-kms';

const KEY = randomBytes(32).toString('base64');
const CTX = { managerId: 'm-1', purpose: 'oauth-token-cache' };

describe('LocalCipher', () => {
  it('round-trips text of any content', async () => {
    // Prepare
    const cipher = new LocalCipher(KEY);
    // Act / Assess
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 2_000 }), async (text) => {
        expect(await cipher.open(await cipher.seal(text, CTX), CTX)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('seals the same text differently every time (random data key and IV)', async () => {
    // Prepare
    const cipher = new LocalCipher(KEY);
    // Act
    const [a, b] = await Promise.all([cipher.seal('same', CTX), cipher.seal('same', CTX)]);
    // Assess
    expect(a).not.toBe(b);
  });

  it('fails on a wrong context, a wrong key, or a blob moved between managers', async () => {
    // Prepare
    const cipher = new LocalCipher(KEY);
    const sealed = await cipher.seal('rt', CTX);
    // Act
    const results = await Promise.allSettled([
      cipher.open(sealed, { ...CTX, managerId: 'm-2' }),
      cipher.open(sealed, { ...CTX, purpose: 'invite' }),
      new LocalCipher(randomBytes(32).toString('base64')).open(sealed, CTX),
    ]);
    // Assess
    expect(results.map((r) => r.status === 'rejected' && r.reason instanceof CipherError)).toEqual([true, true, true]);
  });

  it('property: a bit flip anywhere in the sealed blob fails to open (1,000 runs)', async () => {
    // Prepare
    const cipher = new LocalCipher(KEY);
    const sealed = await cipher.seal('{"refresh_token":"0.AAAA-secret"}', CTX);
    // Act / Assess
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sealed.length * 8 - 1 }), async (bit) => {
        await expect(cipher.open(flipBit(sealed, bit), CTX)).rejects.toBeInstanceOf(CipherError);
      }),
      { numRuns: 1_000 },
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    // Act / Assess
    expect(() => new LocalCipher(randomBytes(16).toString('base64'))).toThrow(
      new TypeError('LocalCipher needs a 32-byte key, base64'),
    );
  });

  it('stamps the header with the epoch second it sealed in', async () => {
    // Prepare
    const cipher = new LocalCipher(KEY, () => Date.parse('2030-01-01T00:00:00.900Z'));
    // Act
    const sealed = await cipher.seal('rt', CTX);
    // Assess
    expect(parseEnvelope(sealed).iat).toBe(Date.parse('2030-01-01T00:00:00Z') / 1000);
  });

  it('is what createCipher returns for a local key config (KmsCipher for a KMS key id)', async () => {
    // Act
    const local = createCipher({ kind: 'local', key: KEY }, 'us-east-1');
    const kms = createCipher({ kind: 'kms', keyId: 'alias/tokens' }, 'us-east-1');
    // Assess
    expect(local).toBeInstanceOf(LocalCipher);
    expect(kms).toBeInstanceOf(KmsCipher);
    expect(looksSealed(await local.seal('x', CTX))).toBe(true);
    expect(looksSealed('{"plain":"json"}')).toBe(false);
  });
});
