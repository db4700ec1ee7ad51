/**
 * What a Google connection's sealed credentials hold: the refresh token (Google does not rotate it), the latest
 * access token with its expiry, and the scopes granted. Plaintext JSON here; the caller seals it.
 */
import * as z from 'zod/mini';
import { parseStoredCredentials } from '../shared/stored-credentials';

const schema = z.object({
  refreshToken: z.string().check(z.minLength(1)),
  accessToken: z.string(),
  /** Epoch ms. */
  accessTokenExpiresAt: z.number(),
  /** Space-separated, as the token endpoint wrote it. */
  scope: z.string(),
});

export type GoogleCredentials = z.infer<typeof schema>;

/** The credentials as stored (a fixed key order, so a test can compare text). */
export function serializeCredentials(credentials: GoogleCredentials): string {
  const { refreshToken, accessToken, accessTokenExpiresAt, scope } = credentials;
  return JSON.stringify({ refreshToken, accessToken, accessTokenExpiresAt, scope });
}

/** Opened credentials read back; unreadable ones cannot refresh anything, so only a new connect helps. */
export function parseCredentials(plaintext: string): GoogleCredentials {
  return parseStoredCredentials(plaintext, schema, 'The stored Google credentials are unreadable');
}
