/** The id_token Google's token endpoint returns: an RS256 JWT whose claims follow the granted sign-in scopes. */
import type { GoogleContext } from '../context';
import { EMAIL_SCOPE, PROFILE_SCOPE } from './scopes';
import { atHash, signJwt } from './signer';

export const ISSUER = 'https://accounts.google.com';
export const ID_TOKEN_LIFETIME_S = 3600;

/**
 * Claims as Google orders them: email and email_verified only with the email scope, the names only with profile
 * (an app asking for "openid email" gets neither name from Google either).
 */
export function idTokenFor(
  ctx: GoogleContext,
  clientId: string,
  scopes: readonly string[],
  accessToken: string,
  nonce?: string,
): string {
  const iat = Math.floor(ctx.now() / 1000);
  const { user } = ctx;
  const claims: Record<string, unknown> = { iss: ISSUER, azp: clientId, aud: clientId, sub: user.sub };
  if (scopes.includes(EMAIL_SCOPE)) Object.assign(claims, { email: user.email, email_verified: true });
  claims.at_hash = atHash(accessToken);
  if (nonce !== undefined) claims.nonce = nonce;
  if (scopes.includes(PROFILE_SCOPE)) {
    claims.name = user.name;
    claims.given_name = user.givenName;
    if (user.familyName) claims.family_name = user.familyName;
  }
  Object.assign(claims, { iat, exp: iat + ID_TOKEN_LIFETIME_S });
  return signJwt(claims);
}
