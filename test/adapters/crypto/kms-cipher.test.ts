import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CipherError, parseEnvelope } from '../../../functions/adapters/crypto/envelope';
import { createKmsClient, KmsCipher } from '../../../functions/adapters/crypto/kms-cipher';
import { fakeKms, flipBit, KEY_ARN } from './fake-kms';

const CTX = { managerId: 'm-1', purpose: 'oauth-token-cache' };
const SECRET = '{"RefreshToken":{"rt-1":{"secret":"0.AAAA-very-secret-refresh-token"}}}';

describe('KmsCipher', () => {
  let mock: ReturnType<typeof fakeKms>['mock'];
  let client: KMSClient;
  const calls = () => ({
    generate: mock.commandCalls(GenerateDataKeyCommand).length,
    decrypt: mock.commandCalls(DecryptCommand).length,
  });

  beforeEach(() => ({ mock, client } = fakeKms()));
  afterEach(() => mock.restore());

  it('round-trips, and the sealed string carries no plaintext', async () => {
    // Prepare
    const cipher = new KmsCipher(client, KEY_ARN);
    // Act
    const sealed = await cipher.seal(SECRET, CTX);
    const opened = await new KmsCipher(client, KEY_ARN).open(sealed, CTX);
    // Assess
    expect(opened).toBe(SECRET);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('secret');
  });

  it('passes the encryption context to GenerateDataKey and Decrypt, and pins the key on Decrypt', async () => {
    // Prepare
    const sealed = await new KmsCipher(client, 'alias/tokens').seal(SECRET, CTX);
    // Act
    await new KmsCipher(client, 'alias/tokens').open(sealed, CTX);
    // Assess
    expect(mock.commandCalls(GenerateDataKeyCommand)[0]!.args[0].input).toEqual({
      KeyId: 'alias/tokens',
      KeySpec: 'AES_256',
      EncryptionContext: CTX,
    });
    const decrypt = mock.commandCalls(DecryptCommand)[0]!.args[0].input;
    expect(decrypt).toMatchObject({ KeyId: 'alias/tokens', EncryptionContext: CTX });
    expect(decrypt.CiphertextBlob?.length).toBeGreaterThan(32);
  });

  it('a different managerId in the context fails to open, cold or warm', async () => {
    // Prepare
    const warm = new KmsCipher(client, KEY_ARN);
    const sealed = await warm.seal(SECRET, CTX);
    const other = { ...CTX, managerId: 'm-2' };
    // Act
    const cold = new KmsCipher(client, KEY_ARN).open(sealed, other);
    const cached = warm.open(sealed, other);
    // Assess
    await expect(cold).rejects.toThrow(new CipherError());
    await expect(cached).rejects.toBeInstanceOf(CipherError);
    await expect(warm.open(sealed, { ...CTX, purpose: 'other' })).rejects.toBeInstanceOf(CipherError);
  });

  it('warm path: a second open and a re-seal for the same context make 0 KMS calls', async () => {
    // Prepare: one container seals; another (cold) opens it
    const sealed = await new KmsCipher(client, KEY_ARN).seal(SECRET, CTX);
    const container = new KmsCipher(client, KEY_ARN);
    await container.open(sealed, CTX);
    const before = calls();
    // Act
    const again = await container.open(sealed, CTX);
    const resealed = await container.seal(`${SECRET}-v2`, CTX);
    const reopened = await container.open(resealed, CTX);
    // Assess
    expect(calls()).toEqual(before);
    expect([again, reopened]).toEqual([SECRET, `${SECRET}-v2`]);
    expect(await new KmsCipher(client, KEY_ARN).open(resealed, CTX)).toBe(`${SECRET}-v2`);
  });

  it('never reuses a data key across contexts', async () => {
    // Prepare
    const cipher = new KmsCipher(client, KEY_ARN);
    // Act
    await cipher.seal(SECRET, CTX);
    await cipher.seal(SECRET, { ...CTX, managerId: 'm-2' });
    // Assess
    expect(calls().generate).toBe(2);
  });

  it('makes a fresh data key after maxUses seals, after maxAgeMs in cache, and after the seal lifetime', async () => {
    // Prepare
    let now = Date.parse('2030-01-01T00:00:00Z');
    const cipher = new KmsCipher(client, KEY_ARN, {
      maxUses: 2,
      maxAgeMs: 60_000,
      maxSealLifetimeMs: 600_000,
      now: () => now,
    });
    // Act / Assess
    await cipher.seal('a', CTX);
    await cipher.seal('b', CTX);
    expect(calls().generate).toBe(1);
    await cipher.seal('c', CTX);
    expect(calls().generate).toBe(2);
    now += 60_000;
    const sealed = await cipher.seal('d', CTX);
    expect(calls().generate).toBe(3);
    const later = new KmsCipher(client, KEY_ARN, { maxSealLifetimeMs: 600_000, now: () => now + 600_000 });
    await later.open(sealed, CTX);
    await later.seal('e', CTX);
    expect(calls()).toEqual({ generate: 4, decrypt: 1 });
  });

  it('rethrows KMS throttling as is (retryable), not as a tamper error', async () => {
    // Prepare
    const sealed = await new KmsCipher(client, KEY_ARN).seal(SECRET, CTX);
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    mock.on(DecryptCommand).rejects(throttled);
    // Act
    const open = new KmsCipher(client, KEY_ARN).open(sealed, CTX);
    // Assess
    await expect(open).rejects.toBe(throttled);
  });

  it('rejects malformed input without calling KMS', async () => {
    // Prepare
    const cipher = new KmsCipher(client, KEY_ARN);
    const inputs = [
      '',
      'v1',
      'v1..',
      'v2.e30.AAAA',
      'v1.e30.AAAAAAAAAAAAAAAAAAAAAA',
      'v1.!!.AA',
      `v1.${'A'.repeat(400_001)}.AA`,
    ];
    // Act
    const results = await Promise.allSettled(inputs.map((s) => cipher.open(s, CTX)));
    // Assess
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof CipherError)).toBe(true);
    expect(calls()).toEqual({ generate: 0, decrypt: 0 });
  });

  it('property: a bit flip anywhere in the sealed blob fails to open (1,000 runs)', async () => {
    // Prepare
    const cipher = new KmsCipher(client, KEY_ARN);
    const sealed = await cipher.seal(SECRET, CTX);
    // Act / Assess
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sealed.length * 8 - 1 }), async (bit) => {
        await expect(cipher.open(flipBit(sealed, bit), CTX)).rejects.toThrow('Sealed value could not be opened');
      }),
      { numRuns: 1_000 },
    );
    expect(await cipher.open(sealed, CTX)).toBe(SECRET);
  });

  it('refuses a data key from GenerateDataKey that is missing, not 32 bytes, or has no wrapped form', async () => {
    // Prepare
    const cipher = new KmsCipher(client, KEY_ARN);
    const answers = [
      { CiphertextBlob: new Uint8Array(60), KeyId: KEY_ARN },
      { Plaintext: new Uint8Array(16), CiphertextBlob: new Uint8Array(60), KeyId: KEY_ARN },
      { Plaintext: new Uint8Array(32), KeyId: KEY_ARN },
    ];
    // Act / Assess
    for (const answer of answers) {
      mock.on(GenerateDataKeyCommand).resolves(answer);
      await expect(cipher.seal(SECRET, CTX)).rejects.toThrow(new Error('KMS returned no usable data key'));
    }
  });

  it('names the key KMS reports in the header, and zeroes the plaintext data key KMS handed back', async () => {
    // Prepare
    const cipher = new KmsCipher(client, 'alias/tokens');
    // Act
    const sealed = await cipher.seal(SECRET, CTX);
    await new KmsCipher(client, 'alias/tokens').open(sealed, CTX);
    // Assess
    expect(parseEnvelope(sealed).kid).toBe(KEY_ARN);
    const generated = await mock.commandCalls(GenerateDataKeyCommand)[0]!.returnValue;
    const decrypted = await mock.commandCalls(DecryptCommand)[0]!.returnValue;
    expect(generated.Plaintext?.every((byte: number) => byte === 0)).toBe(true);
    expect(decrypted.Plaintext?.every((byte: number) => byte === 0)).toBe(true);
  });

  it('turns a KMS rejection into a CipherError that keeps the KMS error as its cause', async () => {
    // Prepare
    const sealed = await new KmsCipher(client, KEY_ARN).seal(SECRET, CTX);
    const denied = Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
    mock.on(DecryptCommand).rejects(denied);
    // Act
    const error = await new KmsCipher(client, KEY_ARN).open(sealed, CTX).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(CipherError);
    expect((error as Error).cause).toBe(denied);
  });

  it('fails, caching nothing, when Decrypt returns no key or a key that does not open the blob', async () => {
    // Prepare
    const sealed = await new KmsCipher(client, KEY_ARN).seal(SECRET, CTX);
    const cipher = new KmsCipher(client, KEY_ARN);
    const before = calls().decrypt;
    // Act
    mock.on(DecryptCommand).resolves({ KeyId: KEY_ARN });
    const noKey = cipher.open(sealed, CTX);
    await expect(noKey).rejects.toBeInstanceOf(CipherError);
    mock.on(DecryptCommand).resolves({ Plaintext: new Uint8Array(randomBytes(32)), KeyId: KEY_ARN });
    const wrongKey = cipher.open(sealed, CTX);
    await expect(wrongKey).rejects.toBeInstanceOf(CipherError);
    const again = cipher.open(sealed, CTX);
    // Assess
    await expect(again).rejects.toBeInstanceOf(CipherError);
    expect(calls().decrypt - before).toBe(3);
  });

  it('forgetKeys: the next open and seal go to KMS again', async () => {
    // Prepare
    const cipher = new KmsCipher(client, KEY_ARN);
    const sealed = await cipher.seal(SECRET, CTX);
    await cipher.open(sealed, CTX);
    // Act
    cipher.forgetKeys();
    const opened = await cipher.open(sealed, CTX);
    await cipher.seal(SECRET, { ...CTX, managerId: 'm-2' });
    // Assess
    expect(opened).toBe(SECRET);
    expect(calls()).toEqual({ generate: 2, decrypt: 1 });
  });

  it('keeps the default limits for options given as undefined', async () => {
    // Prepare: maxUses undefined must still mean 1,000 seals per data key, not "no limit"
    const cipher = new KmsCipher(client, KEY_ARN, { maxUses: undefined, maxAgeMs: undefined, now: undefined });
    // Act
    for (let i = 0; i < 1_001; i++) await cipher.seal('x', CTX);
    // Assess
    expect(calls().generate).toBe(2);
  });
});

describe('createKmsClient', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('throws a TimeoutError after 2 attempts against a KMS that never answers, instead of hanging', async () => {
    // Prepare: a TCP server that accepts connections and stays silent, as KMS's endpoint
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    vi.stubEnv('AWS_ENDPOINT_URL_KMS', `http://127.0.0.1:${port}`);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'x');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'x');
    const kms = createKmsClient('eu-west-1');
    const started = Date.now();
    // Act
    const call = kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array(60) }));
    // Assess
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(sockets.length).toBe(2);
    expect(await kms.config.region()).toBe('eu-west-1');
    for (const s of sockets) s.destroy();
    server.close();
    kms.destroy();
  }, 15_000);
});
