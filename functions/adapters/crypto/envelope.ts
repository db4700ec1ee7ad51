/**
 * The one sealed-string format shared by KmsCipher and LocalCipher:
 *   v1.<base64url(JSON header {alg:"A256GCM", kid, edk, iv, iat})>.<base64url(ciphertext || 16-byte tag)>
 * AES-256-GCM under a per-envelope data key with a 12-byte random IV. The AAD is the canonical encryption context
 * plus the encoded header, so a blob moved to another manager's row, or any edited header byte, fails to open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionContext } from '../../domain/ports';

const VERSION = 'v1';
const ALG = 'A256GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** DynamoDB items stop at 400 KB; anything longer is not ours and is refused before any parsing work. */
const MAX_SEALED_CHARS = 400_000;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Thrown by open() for every bad input (tampered, wrong context, wrong key, malformed); deliberately says nothing more.
 */
export class CipherError extends Error {
  constructor(options?: ErrorOptions) {
    super('Sealed value could not be opened', options);
    this.name = 'CipherError';
  }
}

export interface EnvelopeHeader {
  /** Key id of the wrapping key (the KMS key ARN, or "local"). */
  kid: string;
  /** The wrapped (encrypted) data key. */
  edk: Buffer;
  /** Epoch seconds the data key was generated; bounds how long a cached data key may keep sealing. */
  iat: number;
}

export interface Envelope extends EnvelopeHeader {
  /** The header exactly as encoded in the blob; it is part of the AAD. */
  headerSegment: string;
  iv: Buffer;
  body: Buffer;
}

/** Cheap shape check (no decryption): true for strings in the sealed format, false for e.g. a plaintext token cache. */
export function looksSealed(value: unknown): boolean {
  return typeof value === 'string' && /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value);
}

/** JSON of the context with sorted keys: the same context always yields the same bytes. */
export function canonicalContext(context: EncryptionContext | Record<string, string>): string {
  const entries = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0 || !entries.every(([, v]) => typeof v === 'string' && v.length > 0)) {
    throw new TypeError('Encryption context values must be non-empty strings');
  }
  return JSON.stringify(Object.fromEntries(entries));
}

/** Encrypts `plaintext` under `dataKey` into the sealed-string format. */
export function sealEnvelope(dataKey: Buffer, header: EnvelopeHeader, plaintext: string, canonical: string): string {
  const iv = randomBytes(IV_BYTES);
  const headerJson = JSON.stringify({
    alg: ALG,
    kid: header.kid,
    edk: header.edk.toString('base64url'),
    iv: iv.toString('base64url'),
    iat: header.iat,
  });
  const headerSegment = Buffer.from(headerJson, 'utf8').toString('base64url');
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(canonical, headerSegment));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${headerSegment}.${body.toString('base64url')}`;
}

/** Parses a sealed string strictly (canonical base64url, exact header shape); throws CipherError. */
export function parseEnvelope(sealed: string): Envelope {
  if (typeof sealed !== 'string' || sealed.length > MAX_SEALED_CHARS) throw new CipherError();
  const [version, headerSegment, bodySegment, ...rest] = sealed.split('.');
  if (version !== VERSION || !headerSegment || !bodySegment || rest.length > 0) throw new CipherError();
  const body = decodeSegment(bodySegment);
  let header: unknown;
  try {
    header = JSON.parse(decodeSegment(headerSegment).toString('utf8'));
  } catch (error) {
    throw new CipherError({ cause: error });
  }
  const h = header as Record<string, unknown>;
  const ok =
    !!header &&
    typeof header === 'object' &&
    Object.keys(h).length === 5 &&
    h.alg === ALG &&
    typeof h.kid === 'string' &&
    typeof h.edk === 'string' &&
    typeof h.iv === 'string' &&
    Number.isSafeInteger(h.iat);
  if (!ok) throw new CipherError();
  const iv = decodeSegment(h.iv as string);
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new CipherError();
  return { kid: h.kid as string, edk: decodeSegment(h.edk as string), iat: h.iat as number, headerSegment, iv, body };
}

/** Decrypts and authenticates an envelope under `dataKey`; throws CipherError on any mismatch. */
export function openEnvelope(dataKey: Buffer, envelope: Envelope, canonical: string): string {
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, envelope.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(canonical, envelope.headerSegment));
    decipher.setAuthTag(envelope.body.subarray(envelope.body.length - TAG_BYTES));
    const plaintext = Buffer.concat([
      decipher.update(envelope.body.subarray(0, envelope.body.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return plaintext.toString('utf8');
  } catch (error) {
    throw new CipherError({ cause: error });
  }
}

function aad(canonical: string, headerSegment: string): Buffer {
  return Buffer.from(`${canonical}.${headerSegment}`, 'utf8');
}

// Node's decoder ignores stray characters and the unused low bits of the last character; re-encoding catches both,
// so a flipped bit can never decode to the same bytes.
function decodeSegment(segment: string): Buffer {
  if (!SEGMENT.test(segment)) throw new CipherError();
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment) throw new CipherError();
  return bytes;
}
