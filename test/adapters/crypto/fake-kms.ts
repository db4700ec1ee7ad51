/**
 * A KMS stand-in for aws-sdk-client-mock that behaves like KMS: data keys wrapped under a master key, context as AAD.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, InvalidCiphertextException, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';

export const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const sortedContext = (ctx: Record<string, string> = {}) =>
  JSON.stringify(Object.entries(ctx).sort(([a], [b]) => a.localeCompare(b)));

/** Mocks every KMSClient; returns the mock (for call inspection) and a client to hand to the cipher. */
export function fakeKms() {
  const master = randomBytes(32);
  const mock = mockClient(KMSClient);
  mock.on(GenerateDataKeyCommand).callsFake((input: GenerateDataKeyCommand['input']) => {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', master, iv);
    c.setAAD(Buffer.from(sortedContext(input.EncryptionContext)));
    const blob = Buffer.concat([iv, c.update(key), c.final(), c.getAuthTag()]);
    return { Plaintext: new Uint8Array(key), CiphertextBlob: new Uint8Array(blob), KeyId: KEY_ARN };
  });
  mock.on(DecryptCommand).callsFake((input: DecryptCommand['input']) => {
    const blob = Buffer.from(input.CiphertextBlob ?? []);
    try {
      const d = createDecipheriv('aes-256-gcm', master, blob.subarray(0, 12));
      d.setAAD(Buffer.from(sortedContext(input.EncryptionContext)));
      d.setAuthTag(blob.subarray(blob.length - 16));
      const key = Buffer.concat([d.update(blob.subarray(12, blob.length - 16)), d.final()]);
      return { Plaintext: new Uint8Array(key), KeyId: KEY_ARN };
    } catch {
      throw new InvalidCiphertextException({ message: 'invalid ciphertext', $metadata: {} });
    }
  });
  return {
    mock,
    client: new KMSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
  };
}

/** Flips one bit of a string's bytes (latin1 keeps one byte per char, so every position is reachable). */
export function flipBit(sealed: string, bit: number): string {
  const bytes = Buffer.from(sealed, 'latin1');
  bytes[bit >> 3]! ^= 1 << (bit & 7);
  return bytes.toString('latin1');
}
