/** The secrets of one OAuth authorization: state, PKCE pair, nonce and browser-binding cookie. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Lifetime of a pending authorization. */
export const STATE_TTL_SECONDS = 600;

export interface OAuthTransaction {
  /** Sent to the provider and back; only its hash is stored. 256 bits. */
  state: string;
  /** PKCE verifier (43 chars of base64url, RFC 7636 §4.1). */
  codeVerifier: string;
  /** S256 challenge of the verifier. */
  codeChallenge: string;
  nonce: string;
  /** Value of the browser-binding cookie; only its hash is stored. */
  binding: string;
}

/** SHA-256 as base64url. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** The S256 code challenge of a PKCE verifier. */
export function pkceChallenge(verifier: string): string {
  return sha256(verifier);
}

/** Fresh random material for one authorization. */
export function newOAuthTransaction(random: (bytes: number) => Buffer = randomBytes): OAuthTransaction {
  const codeVerifier = random(32).toString('base64url');
  return {
    state: random(32).toString('base64url'),
    codeVerifier,
    codeChallenge: pkceChallenge(codeVerifier),
    nonce: random(16).toString('base64url'),
    binding: random(32).toString('base64url'),
  };
}

/** Constant-time check that a cookie value hashes to the stored binding hash. */
export function bindingMatches(cookieValue: string | undefined, bindingHash: string): boolean {
  if (!cookieValue) return false;
  const a = Buffer.from(sha256(cookieValue));
  const b = Buffer.from(bindingHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
