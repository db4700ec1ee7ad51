/** GET /v1/userinfo (OpenID Connect), the certs (JWKS) and the discovery document. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../shared/http';
import type { GoogleContext } from '../context';
import { faultDelay, resolveFault } from '../faults';
import type { GoogleRoute } from '../routes';
import { ISSUER } from './id-token';
import { EMAIL_SCOPE, PROFILE_SCOPE } from './scopes';
import { jwks } from './signer';
import { oauthError, sendOAuthError } from './token';

/** Serves userinfo for a valid bearer token: sub always, email with the email scope, names with profile. */
export async function handleUserinfo(ctx: GoogleContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const finish = (status: number) => ctx.log({ method, route: 'userinfo', status });
  const fault = ctx.faults.take('userinfo');
  await faultDelay(fault);
  const scripted = fault && resolveFault(fault, 'oauth');
  if (scripted) {
    sendOAuthError(res, oauthError(scripted.status, scripted.reason, scripted.message));
    return finish(scripted.status);
  }
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const access = ctx.identity.checkAccess(token);
  if (!access.ok) {
    sendOAuthError(res, oauthError(401, 'invalid_request', 'Invalid Credentials'), {
      'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
    });
    return finish(401);
  }
  const scopes = access.scopes ?? [];
  const { user } = ctx;
  const body: Record<string, unknown> = { sub: user.sub };
  if (scopes.includes(PROFILE_SCOPE)) {
    body.name = user.name;
    body.given_name = user.givenName;
    if (user.familyName) body.family_name = user.familyName;
  }
  if (scopes.includes(EMAIL_SCOPE)) Object.assign(body, { email: user.email, email_verified: true });
  sendJson(res, 200, body);
  finish(200);
}

/** Serves the JWKS (/oauth2/v3/certs) or the OpenID discovery document; both are public and cacheable. */
export async function handlePublicDocument(
  ctx: GoogleContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: Extract<GoogleRoute, 'certs' | 'discovery'>,
  base: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const fault = ctx.faults.take(route);
  await faultDelay(fault);
  const scripted = fault && resolveFault(fault, 'calendar');
  if (scripted) sendJson(res, scripted.status, { error: { code: scripted.status, message: scripted.message } });
  else sendJson(res, 200, route === 'certs' ? jwks() : discovery(base), { 'Cache-Control': 'public, max-age=3600' });
  ctx.log({ method, route, status: res.statusCode });
}

/** The emulator's .well-known/openid-configuration: Google's values, with the endpoints at this emulator. */
function discovery(base: string): Record<string, unknown> {
  return {
    issuer: ISSUER,
    authorization_endpoint: `${base}/o/oauth2/v2/auth`,
    token_endpoint: `${base}/token`,
    userinfo_endpoint: `${base}/v1/userinfo`,
    revocation_endpoint: `${base}/revoke`,
    jwks_uri: `${base}/oauth2/v3/certs`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    claims_supported: [
      'aud',
      'email',
      'email_verified',
      'exp',
      'family_name',
      'given_name',
      'iat',
      'iss',
      'name',
      'sub',
    ],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
  };
}
