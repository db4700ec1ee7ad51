/** Encryption at rest, the OAuth code flow, and secrets. */
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

/** The result of redeeming an authorization code. */
export interface RedeemedGrant {
  homeAccountId: string;
  username: string;
  name?: string;
  /** Serialized msal token cache (plaintext: seal it before storing). */
  tokenCache: string;
}

/** Leg 1 and leg 2 of the OAuth authorization code flow (msal-node). */
export interface AuthorizationClient {
  /** The provider's authorize URL (PKCE S256). */
  buildAuthorizeUrl(input: {
    state: string;
    codeChallenge: string;
    nonce: string;
    redirectUri: string;
  }): Promise<string>;
  /** Exchanges the code; throws ReconnectRequiredError/ValidationError on a rejected code. */
  redeemCode(
    input: { code: string; codeVerifier: string; nonce: string; redirectUri: string },
    deadline: Deadline,
  ): Promise<RedeemedGrant>;
}

/** Resolves a secret (Secrets Manager or local env) once per container. */
export interface SecretSource {
  get(name: 'vapiSecret' | 'inviteSigningKey' | 'adminToken' | 'microsoftClientSecret'): Promise<string>;
}
