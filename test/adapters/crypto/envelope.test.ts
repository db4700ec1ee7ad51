import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CipherError,
  canonicalContext,
  looksSealed,
  openEnvelope,
  parseEnvelope,
  sealEnvelope,
} from '../../../functions/adapters/crypto/envelope';
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

describe('canonicalContext', () => {
  it('refuses an empty context, an empty value and a value that is not a string', () => {
    // Prepare
    const contexts = [{}, { managerId: '', purpose: 'p' }, { managerId: 'm-1', purpose: ['p'] }];
    // Act / Assess
    for (const context of contexts) {
      expect(() => canonicalContext(context as Record<string, string>)).toThrow(
        new TypeError('Encryption context values must be non-empty strings'),
      );
    }
  });
});

describe('looksSealed', () => {
  it('is true only for a whole string in the sealed format', () => {
    // Prepare
    const sealed = 'v1.eyJhbGciOiJBMjU2R0NNIn0.AAAAAAAAAAAAAAAAAAAAAA';
    // Act / Assess
    expect(looksSealed(sealed)).toBe(true);
    expect([`x${sealed}`, `${sealed}.x`, `${sealed}=`, [sealed]].map(looksSealed)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('parseEnvelope', () => {
  const key = randomBytes(32);
  const canonical = canonicalContext(CTX);
  const header = { kid: 'local', edk: randomBytes(60), iat: 1_900_000_000 };
  const sealed = sealEnvelope(key, header, SECRET, canonical);
  const [, headerSegment, bodySegment] = sealed.split('.') as [string, string, string];
  const headerJson = JSON.parse(Buffer.from(headerSegment, 'base64url').toString());
  const withHeader = (h: unknown) => `v1.${Buffer.from(JSON.stringify(h)).toString('base64url')}.${bodySegment}`;
  const failure = (input: unknown) => {
    try {
      parseEnvelope(input as string);
    } catch (error) {
      return error as Error;
    }
    throw new Error('parsed');
  };

  /** A well-formed sealed string of exactly `length` characters (the kid and plaintext are padded to fit). */
  function sealedOfLength(length: number): { value: string; plaintext: string } {
    const plaintextBytes = Math.floor(((length - 3 - headerSegment.length) * 3) / 4) - 16;
    for (let pad = 0; pad < 8; pad++) {
      for (let n = plaintextBytes - 8; n < plaintextBytes + 2; n++) {
        const plaintext = 'a'.repeat(n);
        const value = sealEnvelope(key, { ...header, kid: `local${'x'.repeat(pad)}` }, plaintext, canonical);
        if (value.length === length) return { value, plaintext };
      }
    }
    throw new Error(`no sealed string of ${length} characters`);
  }

  it('opens a sealed string of up to 400,000 characters and refuses a longer one', () => {
    // Prepare
    const longest = sealedOfLength(400_000);
    const tooLong = sealedOfLength(400_001);
    // Act
    const opened = openEnvelope(key, parseEnvelope(longest.value), canonical);
    // Assess
    expect(opened).toBe(longest.plaintext);
    expect(failure(tooLong.value)).toBeInstanceOf(CipherError);
  });

  it('throws a CipherError, named so in logs, for a value that is not a string', () => {
    // Act
    const errors = [undefined, null, 42].map(failure);
    // Assess
    for (const error of errors) {
      expect(error).toBeInstanceOf(CipherError);
      expect(error.name).toBe('CipherError');
    }
  });

  it('refuses a fourth segment after a valid blob', () => {
    // Act / Assess
    expect(failure(`${sealed}.${bodySegment}`)).toBeInstanceOf(CipherError);
    expect(parseEnvelope(sealed).iat).toBe(1_900_000_000);
  });

  it('refuses a header that is not JSON, keeping the parse error as the cause for the log', () => {
    // Prepare
    const notJson = `v1.${Buffer.from('{"alg":').toString('base64url')}.${bodySegment}`;
    // Act
    const error = failure(notJson);
    // Assess
    expect(error).toBeInstanceOf(CipherError);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses a null header, a numeric kid, an empty edk and a body shorter than the tag', () => {
    // Prepare
    const inputs = [
      withHeader(null),
      withHeader({ ...headerJson, kid: 7 }),
      withHeader({ ...headerJson, edk: '' }),
      `v1.${headerSegment}.${randomBytes(15).toString('base64url')}`,
    ];
    // Act / Assess
    for (const input of inputs) expect(failure(input)).toBeInstanceOf(CipherError);
  });
});

describe('openEnvelope', () => {
  it('keeps the failed authentication as the cause of the CipherError', () => {
    // Prepare
    const key = randomBytes(32);
    const sealed = sealEnvelope(key, { kid: 'local', edk: randomBytes(60), iat: 1 }, SECRET, canonicalContext(CTX));
    // Act
    const result = (() => {
      try {
        return openEnvelope(key, parseEnvelope(sealed), canonicalContext({ ...CTX, managerId: 'm-2' }));
      } catch (error) {
        return error as Error;
      }
    })();
    // Assess
    expect(result).toBeInstanceOf(CipherError);
    expect((result as Error).cause).toBeInstanceOf(Error);
    expect((result as Error).cause).not.toBeInstanceOf(CipherError);
  });
});
