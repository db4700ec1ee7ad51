/** KMS stand-in: data keys "wrapped" as a fixed prefix + the key; Decrypt insists on an encryption context. */
import { randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, InvalidCiphertextException, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import type { KmsCount } from './figures';

const BLOB_PREFIX = Buffer.from('bench-kms-wrapped:');

/** Mocks every KMSClient in the process; `count` reports the calls so far, `restore` puts the real client back. */
export function mockKms() {
  const mock = mockClient(KMSClient);
  mock.on(GenerateDataKeyCommand).callsFake((input: GenerateDataKeyCommand['input']) => {
    if (!input.EncryptionContext || Object.keys(input.EncryptionContext).length === 0)
      throw new Error('bench KMS: GenerateDataKey without EncryptionContext');
    const key = randomBytes(32);
    return {
      Plaintext: new Uint8Array(key),
      CiphertextBlob: new Uint8Array(Buffer.concat([BLOB_PREFIX, key])),
      KeyId: input.KeyId,
    };
  });
  mock.on(DecryptCommand).callsFake((input: DecryptCommand['input']) => {
    const blob = Buffer.from(input.CiphertextBlob ?? []);
    const ok =
      blob.length === BLOB_PREFIX.length + 32 &&
      blob.subarray(0, BLOB_PREFIX.length).equals(BLOB_PREFIX) &&
      !!input.EncryptionContext &&
      Object.keys(input.EncryptionContext).length > 0;
    if (!ok)
      throw new InvalidCiphertextException({
        message: 'bench KMS: not a bench data key, or no EncryptionContext',
        $metadata: {},
      });
    return { Plaintext: new Uint8Array(blob.subarray(BLOB_PREFIX.length)), KeyId: input.KeyId };
  });
  const count = (): KmsCount => {
    const generateDataKey = mock.commandCalls(GenerateDataKeyCommand).length;
    const decrypt = mock.commandCalls(DecryptCommand).length;
    return { generateDataKey, decrypt, total: mock.calls().length };
  };
  return { restore: () => mock.restore(), count };
}

/** The KMS calls made between two counts (`a` taken after `b`). */
export const minus = (a: KmsCount, b: KmsCount): KmsCount => ({
  generateDataKey: a.generateDataKey - b.generateDataKey,
  decrypt: a.decrypt - b.decrypt,
  total: a.total - b.total,
});
