/**
 * Envelope encryption with AWS KMS: GenerateDataKey to seal, Decrypt to open, both with the encryption context (so
 * CloudTrail and IAM conditions see managerId and purpose) and Decrypt pinned to our key. Data keys are cached
 * (see data-key-cache.ts) so the warm path makes zero KMS calls.
 */
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { Cipher, EncryptionContext } from '../../domain/ports';
import { boundToDeadline } from '../shared/deadline-scope';
import { DataKeyCache, DEFAULT_LIMITS, type DataKeyLimits } from './data-key-cache';
import { canonicalContext, CipherError, openEnvelope, parseEnvelope, sealEnvelope } from './envelope';
import { withFastConfig, withoutSdkLogging } from '../shared/sdk-client';
import { KeyCachingSha256 } from '../shared/sdk-sha256';

/**
 * KMS answers that mean "this blob, context or key is not valid", as opposed to throttling or outages (rethrown as is).
 */
const REJECTIONS = new Set([
  'InvalidCiphertextException',
  'IncorrectKeyException',
  'AccessDeniedException',
  'NotFoundException',
  'InvalidKeyUsageException',
]);

export interface KmsCipherOptions extends Partial<DataKeyLimits> {
  /** Epoch ms (tests). */
  now?: () => number;
}

/** A KMS client with explicit timeouts (SDK defaults are 0 = none), 2 attempts, bounded by the invocation deadline. */
export function createKmsClient(region: string): KMSClient {
  // The same per-request trims as the DynamoDB client (functions/adapters/dynamo/client.ts).
  return boundToDeadline(
    withFastConfig(
      withoutSdkLogging(
        new KMSClient({
          region,
          requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
          maxAttempts: 2,
          retryMode: 'standard',
          sha256: KeyCachingSha256,
        }),
      ),
    ),
  );
}

/** Cipher backed by a KMS key; one instance per container so its data-key cache survives between invocations. */
export class KmsCipher implements Cipher {
  private readonly cache: DataKeyCache;
  private readonly now: () => number;

  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
    opts: KmsCipherOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    const limits = Object.fromEntries(
      Object.entries(opts).filter(([name, value]) => name in DEFAULT_LIMITS && value !== undefined),
    );
    this.cache = new DataKeyCache({ ...DEFAULT_LIMITS, ...limits }, this.now);
  }

  async seal(plaintext: string, context: EncryptionContext): Promise<string> {
    const canonical = canonicalContext(context);
    const cached = this.cache.forSealing(canonical);
    if (cached) return sealEnvelope(cached.key, cached, plaintext, canonical);
    const out = await this.kms.send(
      new GenerateDataKeyCommand({
        KeyId: this.keyId,
        KeySpec: 'AES_256',
        EncryptionContext: { ...context },
      }),
    );
    if (out.Plaintext?.length !== 32 || !out.CiphertextBlob) throw new Error('KMS returned no usable data key');
    const dataKey = {
      key: Buffer.from(out.Plaintext),
      edk: Buffer.from(out.CiphertextBlob),
      kid: out.KeyId ?? this.keyId,
      iat: Math.floor(this.now() / 1000),
    };
    out.Plaintext.fill(0);
    // Synchronous from here on: the cached buffer cannot be evicted (and zeroed) before it is used.
    this.cache.put(canonical, dataKey, 1);
    return sealEnvelope(dataKey.key, dataKey, plaintext, canonical);
  }

  async open(sealed: string, context: EncryptionContext): Promise<string> {
    const envelope = parseEnvelope(sealed);
    const canonical = canonicalContext(context);
    const cached = this.cache.forOpening(canonical, envelope.edk);
    if (cached) return openEnvelope(cached, envelope, canonical);
    let plaintextKey: Uint8Array | undefined;
    try {
      ({ Plaintext: plaintextKey } = await this.kms.send(
        new DecryptCommand({
          CiphertextBlob: envelope.edk,
          KeyId: this.keyId,
          EncryptionContext: { ...context },
        }),
      ));
    } catch (error) {
      if (error instanceof Error && REJECTIONS.has(error.name)) throw new CipherError({ cause: error });
      throw error;
    }
    if (plaintextKey?.length !== 32) throw new CipherError();
    const key = Buffer.from(plaintextKey);
    plaintextKey.fill(0);
    let plaintext: string;
    try {
      plaintext = openEnvelope(key, envelope, canonical);
    } catch (error) {
      key.fill(0);
      throw error;
    }
    // Only a key that authenticated this blob is cached, and it becomes the context's sealing key for the write-back.
    this.cache.put(canonical, { key, edk: envelope.edk, kid: envelope.kid, iat: envelope.iat });
    return plaintext;
  }

  /** Zeroes and forgets every cached data key. */
  forgetKeys(): void {
    this.cache.clear();
  }
}
