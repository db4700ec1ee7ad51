import { createHash, createHmac } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
// The SDK's own signer module (a dependency of @aws-sdk/core): its signing-key cache is per module, shared by both.
import { clearCredentialCache } from '@smithy/signature-v4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyCachingSha256 } from '../../../functions/adapters/shared/sdk-sha256';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const utf8 = (text: string) => new TextEncoder().encode(text);

async function hmacOf(secret: string | Uint8Array | ArrayBuffer, data: string) {
  const hash = new KeyCachingSha256(secret);
  hash.update(utf8(data));
  return hex(await hash.digest());
}

/** The Authorization header a DynamoDB client signs a fixed GetItem with (the handler answers without a network). */
async function authorizationOf(
  sha256?: typeof KeyCachingSha256,
  secretAccessKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
) {
  // Each signature derives its own signing key: a key cached by the other signer would test nothing.
  clearCredentialCache();
  let authorization = '';
  const client = new DynamoDBClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey },
    ...(sha256 ? { sha256 } : {}),
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        authorization = request.headers.authorization ?? '';
        const body = Buffer.from('{}');
        return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body } };
      },
    } as never,
  });
  // The retry step signs a random invocation id; a fixed one makes the two signatures comparable.
  type Args = { request: { headers: Record<string, string> } };
  client.middlewareStack.addRelativeTo(
    ((next: (args: Args) => Promise<unknown>) => (args: Args) => {
      args.request.headers['amz-sdk-invocation-id'] = 'fixed';
      return next(args);
    }) as never,
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'fixedInvocationId' },
  );
  await client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } }));
  client.destroy();
  return authorization;
}

describe('Class: KeyCachingSha256', () => {
  afterEach(() => vi.useRealTimers());

  it('digests as node:crypto does, with and without a key of each kind, on first and later use', async () => {
    // Prepare
    const binary = Uint8Array.from([1, 2, 3, 250]);
    const expected = (key: string | Buffer) => createHmac('sha256', key).update('to sign').digest('hex');
    // Act
    const results = [];
    for (let round = 0; round < 2; round++)
      results.push([
        await hmacOf('secret', 'to sign'),
        await hmacOf(binary, 'to sign'),
        await hmacOf(binary.buffer, 'to sign'),
        await hmacOf(new Uint8Array(0), 'to sign'),
      ]);
    const plain = new KeyCachingSha256();
    plain.update(utf8('to hash'));
    // Assess
    const want = [expected('secret'), expected(Buffer.from(binary)), expected(Buffer.from(binary)), expected('')];
    expect(results).toEqual([want, want]);
    expect(hex(await plain.digest())).toBe(createHash('sha256').update('to hash').digest('hex'));
  });

  it('uses the bytes a reused key buffer holds now, not those it held when first seen', async () => {
    // Prepare
    const key = Uint8Array.from([7, 7, 7]);
    const first = await hmacOf(key, 'data');
    // Act
    key[0] = 8;
    const second = await hmacOf(key, 'data');
    // Assess
    expect(first).toBe(
      createHmac('sha256', Buffer.from([7, 7, 7]))
        .update('data')
        .digest('hex'),
    );
    expect(second).toBe(
      createHmac('sha256', Buffer.from([8, 7, 7]))
        .update('data')
        .digest('hex'),
    );
  });

  it('keeps the SDK class semantics: an HMAC digests once, a hash goes on after a digest, reset restarts', async () => {
    // Prepare
    const hmac = new KeyCachingSha256('k');
    const hash = new KeyCachingSha256();
    // Act
    hmac.update(utf8('a'));
    await hmac.digest();
    hash.update(utf8('a'));
    await hash.digest();
    hash.update(utf8('b'));
    const ab = hex(await hash.digest());
    hash.reset();
    hash.update(utf8('c'));
    const c = hex(await hash.digest());
    // Assess
    expect(() => hmac.update(utf8('b'))).toThrow('already finished');
    expect(ab).toBe(createHash('sha256').update('ab').digest('hex'));
    expect(c).toBe(createHash('sha256').update('c').digest('hex'));
  });

  it('signs a DynamoDB request exactly as the SDK default does', async () => {
    // Prepare: one fixed instant, winter then summer, so both signatures share their date
    const signatures = [];
    for (const now of ['2026-01-15T10:00:00Z', '2026-07-15T10:00:00Z']) {
      vi.useFakeTimers({ now: new Date(now), toFake: ['Date'] });
      // Act
      signatures.push([await authorizationOf(), await authorizationOf(KeyCachingSha256)]);
    }
    // Assess
    for (const [sdk, ours] of signatures) {
      expect(sdk).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/dynamodb\/aws4_request/);
      expect(ours).toBe(sdk);
    }
    expect(signatures[0]![0]).not.toBe(signatures[1]![0]);
  });

  it('signs with the new secret once the credentials rotate (Lambda hands out new ones every few hours)', async () => {
    // Prepare
    vi.useFakeTimers({ now: new Date('2026-07-15T10:00:00Z'), toFake: ['Date'] });
    const secrets = [
      'rotated-secret-one/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'rotated-secret-two/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
    ];
    // Act: ours signs with each secret twice (the second time from its key cache), then the SDK's
    const ours = [];
    for (const secret of [...secrets, ...secrets]) ours.push(await authorizationOf(KeyCachingSha256, secret));
    const sdk = [];
    for (const secret of secrets) sdk.push(await authorizationOf(undefined, secret));
    // Assess
    expect(ours).toEqual([...sdk, ...sdk]);
    expect(sdk[0]).not.toBe(sdk[1]);
  });
});
