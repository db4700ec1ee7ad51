/** RS256 signing of id_tokens, and the JWKS (/oauth2/v3/certs) a client verifies them with, as against Google. */
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

interface SigningKey {
  privateKey: KeyObject;
  jwk: { kty: string; n: string; e: string; alg: 'RS256'; use: 'sig'; kid: string };
}

// A 2048-bit key takes ~0.2 s to make (seconds on a loaded machine); one per process, made when the first emulator
// is created (warmSigningKey), so no token request, which a client times, waits for it.
let shared: SigningKey | undefined;

function signingKey(): SigningKey {
  if (!shared) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { n = '', e = '' } = publicKey.export({ format: 'jwk' });
    // Google's kids are 40 hex characters; a hash of the modulus keeps it stable for the key.
    const kid = createHash('sha1').update(n).digest('hex');
    shared = { privateKey, jwk: { kty: 'RSA', n, e, alg: 'RS256', use: 'sig', kid } };
  }
  return shared;
}

/** Makes the process's signing key now, if it is not made yet. */
export function warmSigningKey(): void {
  signingKey();
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS (header {alg: RS256, kid, typ: JWT}) over `claims`. */
export function signJwt(claims: Record<string, unknown>): string {
  const key = signingKey();
  const input = `${b64({ alg: 'RS256', kid: key.jwk.kid, typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** The JSON Web Key Set Google serves at https://www.googleapis.com/oauth2/v3/certs. */
export function jwks(): { keys: SigningKey['jwk'][] } {
  return { keys: [{ ...signingKey().jwk }] };
}

/** OIDC at_hash: base64url of the left half of SHA-256 of the access token. */
export function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}
