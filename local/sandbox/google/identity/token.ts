/** POST /token: authorization_code (PKCE S256) and refresh_token grants, with Google's OAuth error bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm, s256, sendJson } from '../../shared/http';
import type { GoogleContext } from '../context';
import { faultDelay, resolveFault } from '../faults';
import { ACCESS_TOKEN_LIFETIME_S, type Session } from './grants';
import { parseScopes } from './scopes';
import { idTokenFor } from './id-token';

/** An OAuth error answer: {"error": code, "error_description": description}. */
export interface OAuthError {
  status: number;
  error: string;
  description: string;
}

type Outcome = OAuthError | Record<string, unknown>;

/** An OAuth error answer to send. */
export const oauthError = (status: number, error: string, description: string): OAuthError => ({
  status,
  error,
  description,
});

const BAD_CODE = () => oauthError(400, 'invalid_grant', 'Bad Request');
const REVOKED = () => oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');

/** Sends Google's OAuth error body. */
export function sendOAuthError(res: ServerResponse, e: OAuthError, headers: Record<string, string> = {}): void {
  sendJson(res, e.status, { error: e.error, error_description: e.description }, headers);
}

function isOAuthError(x: Outcome): x is OAuthError {
  return typeof x.error === 'string' && typeof x.status === 'number';
}

/** client_secret_basic (RFC 6749 §2.3.1: both halves form-encoded) or client_secret_post. */
function clientCredentials(req: IncomingMessage, form: URLSearchParams): { id?: string; secret?: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!basic) return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
  const text = Buffer.from(basic, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return colon < 0 ? { id: decode(text) } : { id: decode(text.slice(0, colon)), secret: decode(text.slice(colon + 1)) };
}

function authenticateClient(ctx: GoogleContext, id?: string, secret?: string): OAuthError | undefined {
  if (!id) return oauthError(400, 'invalid_request', 'Could not determine client ID from request.');
  if (ctx.clientId && id !== ctx.clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
  if (!ctx.clientSecret) return undefined;
  if (!secret) return oauthError(400, 'invalid_request', 'client_secret is missing.');
  return secret === ctx.clientSecret ? undefined : oauthError(401, 'invalid_client', 'Unauthorized');
}

function tokenBody(ctx: GoogleContext, session: Session, scopes: string[], withRefresh: boolean, nonce?: string) {
  const accessToken = ctx.identity.mintAccess(session, scopes);
  const body: Record<string, unknown> = { access_token: accessToken, expires_in: ACCESS_TOKEN_LIFETIME_S };
  if (withRefresh && session.refreshToken) body.refresh_token = session.refreshToken;
  body.scope = scopes.join(' ');
  body.token_type = 'Bearer';
  if (scopes.includes('openid')) body.id_token = idTokenFor(ctx, session.clientId, scopes, accessToken, nonce);
  return body;
}

function redeemCode(ctx: GoogleContext, clientId: string, form: URLSearchParams): Outcome {
  const code = form.get('code');
  if (!code) return oauthError(400, 'invalid_request', 'Missing required parameter: code');
  const found = ctx.identity.redeemCode(code);
  if (!found.ok) return BAD_CODE();
  const p = found.params;
  if (p.clientId !== clientId) return oauthError(400, 'unauthorized_client', 'Unauthorized');
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) return oauthError(400, 'invalid_request', 'Missing parameter: redirect_uri');
  if (redirectUri !== p.redirectUri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
  const verifier = form.get('code_verifier');
  if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
  if (s256(verifier) !== p.codeChallenge) return BAD_CODE();
  // Google hands out a refresh token to offline access only on the account's first consent or a forced one.
  const withRefresh = p.accessType === 'offline' && (p.prompt.includes('consent') || found.firstGrant);
  const session = ctx.identity.openSession(clientId, found.granted, withRefresh);
  found.bind(session);
  return tokenBody(ctx, session, session.scopes, true, p.nonce);
}

function refresh(ctx: GoogleContext, clientId: string, form: URLSearchParams): Outcome {
  const token = form.get('refresh_token');
  if (!token) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
  const found = ctx.identity.findRefresh(token);
  if (!found.ok) return found.reason === 'revoked' ? REVOKED() : BAD_CODE();
  if (found.session.clientId !== clientId) return oauthError(401, 'unauthorized_client', 'Unauthorized');
  // A refresh may narrow the scopes, never widen them.
  const asked = parseScopes(form.get('scope') ?? '');
  if (asked.some((s) => !found.session.scopes.includes(s))) return oauthError(400, 'invalid_scope', 'Bad Request');
  // Google does not rotate refresh tokens: the answer carries none, and the old one stays good.
  return tokenBody(ctx, found.session, asked.length ? asked : found.session.scopes, false);
}

/** Serves the token endpoint. */
export async function handleToken(ctx: GoogleContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'POST';
  const form = method === 'POST' ? await readForm(req) : new URLSearchParams();
  const grantType = form.get('grant_type') ?? undefined;
  const fault = ctx.faults.take('token');
  await faultDelay(fault);
  const scripted = fault && resolveFault(fault, 'oauth');
  let outcome: Outcome;
  if (scripted) outcome = oauthError(scripted.status, scripted.reason, scripted.message);
  else if (method !== 'POST') outcome = oauthError(405, 'invalid_request', 'The token endpoint only accepts POST.');
  else {
    const client = clientCredentials(req, form);
    outcome =
      authenticateClient(ctx, client.id, client.secret) ??
      (grantType === 'authorization_code'
        ? redeemCode(ctx, client.id!, form)
        : grantType === 'refresh_token'
          ? refresh(ctx, client.id!, form)
          : oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`));
  }
  const status = isOAuthError(outcome) ? outcome.status : 200;
  const retry: Record<string, string> = fault?.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {};
  if (isOAuthError(outcome)) sendOAuthError(res, outcome, retry);
  else sendJson(res, 200, outcome, { Pragma: 'no-cache' });
  ctx.log({ method, route: 'token', status, grantType });
}
