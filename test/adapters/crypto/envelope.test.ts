import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalContext, CipherError, parseEnvelope } from '../../../functions/adapters/crypto/envelope';
import { KmsCipher } from '../../../functions/adapters/crypto/kms-cipher';
import { LocalCipher } from '../../../functions/adapters/crypto/local-cipher';
import type { Cipher } from '../../../functions/domain/ports';
import { fakeKms, flipBit, KEY_ARN } from './fake-kms';

const CTX = { managerId: 'm-1', purpose: 'oauth-token-cache' };
// 73 bytes of plaintext + 16 of tag = 89 bytes: the body's last base64url character has 2 unused bits.
const SECRET = '{"RefreshToken":{"rt-1":{"secret":"0.AAAA-very-secret-refresh-token!!"}}}';

describe('sealed-string format', () => {
  const { mock, client } = fakeKms();
  afterAll(() => mock.restore());
  const ciphers: [string, Cipher][] = [
    ['KmsCipher', new KmsCipher(client, KEY_ARN)],
    ['LocalCipher', new LocalCipher(randomBytes(32).toString('base64'))],
  ];

  it.each(ciphers)('%s: every single-bit flip of the blob is rejected (exhaustive)', async (_name, cipher) => {
    // Prepare
    const sealed = await cipher.seal(SECRET, CTX);
    // Act
    const accepted: number[] = [];
    for (let bit = 0; bit < sealed.length * 8; bit++) {
      try {
        await cipher.open(flipBit(sealed, bit), CTX);
        accepted.push(bit);
      } catch (error) {
        if (!(error instanceof CipherError)) throw error;
      }
    }
    // Assess
    expect(accepted).toEqual([]);
  });

  it('rejects a non-canonical base64url tail that would decode to the same bytes', async () => {
    // Prepare
    const cipher = ciphers[1]![1];
    const sealed = await cipher.seal(SECRET, CTX);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(sealed.at(-1)!);
    const twin = `${sealed.slice(0, -1)}${alphabet[last ^ 1]}`;
    // Act
    const result = await cipher.open(twin, CTX).catch((error: unknown) => error);
    // Assess
    expect(Buffer.from(twin.split('.')[2]!, 'base64url')).toEqual(Buffer.from(sealed.split('.')[2]!, 'base64url'));
    expect(result).toBeInstanceOf(CipherError);
  });

  it('binds the context by content, not by key order', async () => {
    // Prepare
    const cipher = ciphers[1]![1];
    const sealed = await cipher.seal(SECRET, CTX);
    // Act
    const opened = await cipher.open(sealed, { purpose: CTX.purpose, managerId: CTX.managerId });
    // Assess
    expect(opened).toBe(SECRET);
    expect(canonicalContext({ purpose: 'p', managerId: 'm' })).toBe('{"managerId":"m","purpose":"p"}');
  });

  it('rejects headers with a missing, extra or mistyped field', async () => {
    // Prepare
    const sealed = await ciphers[1]![1].seal(SECRET, CTX);
    const [, headerSegment, body] = sealed.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(headerSegment, 'base64url').toString());
    const variants = [
      { ...header, extra: 1 },
      { ...header, alg: 'A128GCM' },
      { ...header, iat: '1' },
      { ...header, iv: 'AAAA' },
      (({ kid: _k, ...h }) => h)(header),
    ];
    // Act / Assess
    for (const v of variants) {
      expect(() => parseEnvelope(`v1.${Buffer.from(JSON.stringify(v)).toString('base64url')}.${body}`)).toThrow(
        CipherError,
      );
    }
    expect(parseEnvelope(sealed).kid).toBe('local');
  });
});
