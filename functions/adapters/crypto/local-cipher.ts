/**
 * Stand-in for KMS in npm start and tests: the same sealed format, with each data key wrapped by AES-256-GCM under a
 * local 256-bit key and the encryption context as AAD (as KMS binds it), so a wrong context fails at unwrap already.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Cipher, EncryptionContext } from '../../domain/ports';
import { canonicalContext, CipherError, openEnvelope, parseEnvelope, sealEnvelope } from './envelope';

const KID = 'local';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAPPED_BYTES = IV_BYTES + 32 + TAG_BYTES;

/** Cipher under a local key (base64 of 32 bytes, e.g. LOCAL_TOKEN_KEY). */
export class LocalCipher implements Cipher {
  private readonly wrappingKey: Buffer;

  constructor(
    keyBase64: string,
    private readonly now: () => number = Date.now,
  ) {
    this.wrappingKey = Buffer.from(keyBase64, 'base64');
    if (this.wrappingKey.length !== 32) throw new TypeError('LocalCipher needs a 32-byte key, base64');
  }

  async seal(plaintext: string, context: EncryptionContext): Promise<string> {
    const canonical = canonicalContext(context);
    const dataKey = randomBytes(32);
    try {
      const edk = this.wrap(dataKey, canonical);
      return sealEnvelope(dataKey, { kid: KID, edk, iat: Math.floor(this.now() / 1000) }, plaintext, canonical);
    } finally {
      dataKey.fill(0);
    }
  }

  async open(sealed: string, context: EncryptionContext): Promise<string> {
    const envelope = parseEnvelope(sealed);
    const canonical = canonicalContext(context);
    const dataKey = this.unwrap(envelope.edk, canonical);
    try {
      return openEnvelope(dataKey, envelope, canonical);
    } finally {
      dataKey.fill(0);
    }
  }

  private wrap(dataKey: Buffer, canonical: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.wrappingKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(canonical, 'utf8'));
    return Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  }

  private unwrap(edk: Buffer, canonical: string): Buffer {
    if (edk.length !== WRAPPED_BYTES) throw new CipherError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.wrappingKey, edk.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(canonical, 'utf8'));
      decipher.setAuthTag(edk.subarray(IV_BYTES + 32));
      return Buffer.concat([decipher.update(edk.subarray(IV_BYTES, IV_BYTES + 32)), decipher.final()]);
    } catch (error) {
      throw new CipherError({ cause: error });
    }
  }
}
