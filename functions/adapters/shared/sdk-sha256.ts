/**
 * The SHA-256 the AWS SDK signs requests with (its `sha256` client option), with HMAC keys imported once. SigV4 makes
 * two HMACs per request (the secret over the access key id, for its signing-key cache; the day's signing key over the
 * string to sign), and the SDK's own class hands node:crypto the raw key bytes each time, which node imports into a
 * new key object per HMAC: measured ~75 µs of a DynamoDB request's ~590 µs of SDK CPU time. Imported once as a
 * KeyObject, the key costs nothing more per HMAC. The digests are node:crypto's, byte for byte.
 */
import {
  type BinaryLike,
  createHash,
  createHmac,
  createSecretKey,
  type Hash,
  type Hmac,
  type KeyObject,
} from 'node:crypto';

type SourceData = string | ArrayBuffer | ArrayBufferView;

/** Secrets in use at once: the credentials' secret, the day's derived keys; a credential rotation adds a few. */
const MAX_TEXT_KEYS = 16;
const textKeys = new Map<string, KeyObject>();
/** Binary keys by identity (the SDK keeps one signing key object per day), with their bytes to catch reuse. */
const binaryKeys = new WeakMap<object, { bytes: Buffer; key: KeyObject }>();

const bytesOf = (data: ArrayBuffer | ArrayBufferView) =>
  ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/** The KeyObject for `secret`, imported on first use. */
function secretKey(secret: SourceData): KeyObject {
  if (typeof secret === 'string') {
    let key = textKeys.get(secret);
    if (!key) {
      key = createSecretKey(Buffer.from(secret, 'utf8'));
      if (textKeys.size >= MAX_TEXT_KEYS) textKeys.delete(textKeys.keys().next().value as string);
      textKeys.set(secret, key);
    }
    return key;
  }
  const bytes = bytesOf(secret);
  const known = binaryKeys.get(secret);
  // A buffer whose bytes changed since is a different key: imported again.
  if (known?.bytes.equals(bytes)) return known.key;
  const key = createSecretKey(Buffer.from(bytes));
  binaryKeys.set(secret, { bytes: Buffer.from(bytes), key });
  return key;
}

/** SHA-256 (no secret) or HMAC-SHA-256 (a secret), as the SDK's Checksum interface; semantics of the SDK's own. */
export class KeyCachingSha256 {
  readonly digestLength = 32;
  private hash: Hash | Hmac;
  private finished = false;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }

  update(data: Uint8Array): void {
    if (this.finished) throw new Error('Attempted to update an already finished hash.');
    this.hash.update(data as BinaryLike);
  }

  async digest(): Promise<Uint8Array> {
    // An HMAC digests once; a plain hash digests a copy, so that it can be updated further (as the SDK's does).
    let out: Buffer;
    if (this.secret) {
      this.finished = true;
      out = this.hash.digest();
    } else out = (this.hash as Hash).copy().digest();
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }

  reset(): void {
    this.hash = this.create();
    this.finished = false;
  }

  private create(): Hash | Hmac {
    return this.secret ? createHmac('sha256', secretKey(this.secret)) : createHash('sha256');
  }
}
