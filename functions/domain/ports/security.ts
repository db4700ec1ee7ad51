/** Encryption at rest, the OAuth code flow of each calendar provider, and secrets. */
import type { ProviderAccount } from '../types';
import type { Deadline } from './calendar';

/** Encryption context bound to every sealed blob (KMS EncryptionContext / AES-GCM AAD). Not secret. */
export interface EncryptionContext {
  managerId: string;
  purpose: string;
}

/** Envelope encryption of secrets at rest. */
export interface Cipher {
  seal(plaintext: string, context: EncryptionContext): Promise<string>;
  /** Throws if the blob was tampered with or the context differs. */
  open(sealed: string, context: EncryptionContext): Promise<string>;
}

/** What redeeming an authorization code gives: the account, the scopes granted, and credentials to seal. */
export interface RedeemedGrant {
  account: ProviderAccount;
  /** The scopes the user actually granted (they may untick some). */
  grantedScopes: string[];
  /** The provider's credentials (plaintext: seal them before storing). */
  credentials: string;
}

/** Leg 1 and leg 2 of one provider's OAuth authorization code flow. */
export interface AuthorizationClient {
  /** The provider's authorize URL (PKCE S256); `loginHint` pre-fills the expected account. */
  buildAuthorizeUrl(input: {
    state: string;
    codeChallenge: string;
    nonce: string;
    redirectUri: string;
    loginHint?: string;
  }): Promise<string>;
  /** Exchanges the code; throws ReconnectRequiredError/ValidationError on a rejected code. */
  redeemCode(
    input: { code: string; codeVerifier: string; nonce: string; redirectUri: string },
    deadline: Deadline,
  ): Promise<RedeemedGrant>;
  /** The scopes a connection cannot work without that `granted` lacks (empty when all are there). */
  missingScopes(granted: readonly string[]): string[];
}

/**
 * Resolves a secret (Secrets Manager or local env), reused for a few minutes so a rotation reaches warm containers.
 * Names are camelCase ("adminToken"); each is configured as the matching SCREAMING_SNAKE variable ("ADMIN_TOKEN") or
 * its "_ARN" twin.
 */
export interface SecretSource {
  /** The current value; rejects (never caches) when it cannot be read or is empty. */
  get(name: string): Promise<string>;
  /** The values to accept: the current one, then the previous one while a rotation settles (if there is one). */
  versions(name: string): Promise<string[]>;
}

/**
 * Remembers which signed requests were already admitted, so one cannot be replayed while its timestamp is still
 * inside the window. Only digests are given to it, never a signature.
 */
export interface ReplayGuard {
  /** True the first time `digest` is seen before `expiresAtMs`; false if it was already admitted and has not expired. */
  admitOnce(digest: string, expiresAtMs: number, nowMs: number): Promise<boolean>;
}
