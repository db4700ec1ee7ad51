/**
 * POST /{tenant}/oauth2/v2.0/token: authorization_code (PKCE) and refresh_token grants, with Entra-shaped JSON errors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context';
import { resolveFault } from '../faults';
import { base64url, guid, readForm, s256, sendJson } from '../../shared/http';
import { ACCESS_TOKEN_LIFETIME_S, bareScope, resourceScopes, type Grant } from './grants';

interface OAuthError {
  status: number;
  error: string;
  description: string;
  subError?: string;
  retryAfter?: string;
}

const err = (status: number, error: string, description: string, subError?: string): OAuthError => ({
  status,
  error,
  description,
  subError,
});

/** Entra's error body; msal-node needs JSON even on errors, or it reports token_parsing_error. */
function sendOAuthError(ctx: EmulatorContext, res: ServerResponse, e: OAuthError, correlationId: string): void {
  const timestamp = new Date(ctx.now())
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  const traceId = guid();
  const code = Number(/AADSTS(\d+)/.exec(e.description)?.[1] ?? 0);
  const body: Record<string, unknown> = {
    error: e.error,
    error_description:
      `${e.description}\r\nTrace ID: ${traceId}\r\n` + `Correlation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: code ? [code] : [],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
  if (e.subError) body.suberror = e.subError;
  sendJson(res, e.status, body, {
    'x-ms-request-id': traceId,
    ...(e.retryAfter !== undefined ? { 'Retry-After': e.retryAfter } : {}),
  });
}

/** An unsigned (alg "none") id_token: msal-node parses but does not verify id_tokens. */
function idToken(ctx: EmulatorContext, clientId: string, nonce: string | undefined): string {
  const iat = Math.floor(ctx.now() / 1000);
  const { oid, tid, displayName, userPrincipalName } = ctx.user;
  const claims: Record<string, unknown> = {
    aud: clientId,
    iss: `https://login.microsoftonline.com/${tid}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    name: displayName,
    oid,
    preferred_username: userPrincipalName,
    sub: s256(`${oid}:${clientId}`), // pairwise per app, as Entra's sub is
    tid,
    ver: '2.0',
  };
  if (nonce !== undefined) claims.nonce = nonce;
  return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.`;
}

function tokenResponse(
  ctx: EmulatorContext,
  grant: Grant,
  requested: string[],
  nonce?: string,
): Record<string, unknown> {
  // A refresh token only when offline_access was both asked for now and granted at consent.
  const withRefresh = grant.offline && requested.some((s) => s.toLowerCase() === 'offline_access');
  const { accessToken, refreshToken } = ctx.identity.issueTokens(grant, withRefresh);
  // `scope` says what was granted: the resource scopes, offline_access when a refresh token comes, the sign-in ones.
  const oidc = requested.filter((s) => {
    const scope = s.toLowerCase();
    return ['openid', 'profile', 'email'].includes(scope) || (scope === 'offline_access' && withRefresh);
  });
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: [...grant.scopes, ...oidc].join(' '),
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_S,
    access_token: accessToken,
  };
  if (refreshToken) body.refresh_token = refreshToken;
  if (requested.some((s) => s.toLowerCase() === 'openid')) body.id_token = idToken(ctx, grant.clientId, nonce);
  body.client_info = base64url(JSON.stringify({ uid: ctx.user.oid, utid: ctx.user.tid }));
  return body;
}

function authenticateClient(ctx: EmulatorContext, form: URLSearchParams): OAuthError | undefined {
  const clientId = form.get('client_id');
  if (!clientId)
    return err(
      400,
      'invalid_request',
      "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
    );
  if (ctx.clientId && clientId !== ctx.clientId)
    return err(
      400,
      'unauthorized_client',
      `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`,
    );
  if (!ctx.clientSecret) return undefined;
  const secret = form.get('client_secret');
  if (!secret)
    return err(
      401,
      'invalid_client',
      "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  if (secret !== ctx.clientSecret) return err(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
  return undefined;
}

function redeemCode(ctx: EmulatorContext, form: URLSearchParams): OAuthError | Record<string, unknown> {
  const found = ctx.identity.redeemCode(form.get('code') ?? '');
  if (!found.ok) {
    if (found.reason === 'used')
      return err(
        400,
        'invalid_grant',
        'AADSTS54005: OAuth2 Authorization code was already redeemed, ' +
          'please retry with a new valid code or use an existing refresh token.',
      );
    if (found.reason === 'expired')
      return err(
        400,
        'invalid_grant',
        'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
      );
    return err(
      400,
      'invalid_grant',
      'AADSTS9002313: Invalid request. Request is malformed or invalid. (unknown authorization code)',
    );
  }
  const p = found.params;
  if (p.clientId !== form.get('client_id'))
    return err(
      400,
      'invalid_grant',
      'AADSTS700005: Provided Authorization Code is intended to use against other tenant or application.',
    );
  if (p.redirectUri !== form.get('redirect_uri'))
    return err(
      400,
      'invalid_grant',
      'AADSTS50011: The redirect_uri does not match the one used in the authorization request.',
    );
  const verifier = form.get('code_verifier');
  if (!verifier || s256(verifier) !== p.codeChallenge)
    return err(
      400,
      'invalid_grant',
      'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    );
  return tokenResponse(ctx, ctx.identity.newGrant(p.clientId, found.granted), p.scopes, p.nonce);
}

function redeemRefresh(ctx: EmulatorContext, form: URLSearchParams): OAuthError | Record<string, unknown> {
  const found = ctx.identity.findRefresh(form.get('refresh_token') ?? '');
  if (!found.ok) {
    if (found.reason === 'revoked')
      return err(
        400,
        'invalid_grant',
        'AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed.',
        'bad_token',
      );
    if (found.reason === 'expired')
      return err(400, 'invalid_grant', 'AADSTS700082: The refresh token has expired due to inactivity.', 'bad_token');
    return err(
      400,
      'invalid_grant',
      'AADSTS9002313: Invalid request. Request is malformed or invalid. (unknown refresh token)',
    );
  }
  if (found.grant.clientId !== form.get('client_id'))
    return err(400, 'invalid_grant', 'AADSTS700005: The refresh token was issued to a different application.');
  const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
  const granted = new Set(found.grant.scopes.map(bareScope));
  const missing = resourceScopes(requested).filter((s) => !granted.has(bareScope(s)));
  if (missing.length) {
    return err(
      400,
      'invalid_grant',
      `AADSTS65001: The user or administrator has not consented to use the application for: ${missing.join(' ')}.`,
      'consent_required',
    );
  }
  return tokenResponse(ctx, found.grant, requested.length ? requested : ['openid', 'offline_access']);
}

/** Serves the token endpoint. */
export async function handleToken(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const correlationId = query.get('client-request-id') ?? guid();
  const form = req.method === 'POST' ? await readForm(req) : new URLSearchParams();
  const grantType = form.get('grant_type') ?? undefined;
  const finish = (status: number) => ctx.log({ method: req.method ?? 'POST', route: 'token', status, grantType });
  const fault = ctx.faults.take('token');
  if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
  const scripted = fault && resolveFault(fault, 'oauth');
  let outcome: OAuthError | Record<string, unknown>;
  if (scripted) {
    outcome = {
      ...err(scripted.status, scripted.code, scripted.message, fault.subError),
      retryAfter: fault.retryAfter,
    };
  } else if (req.method !== 'POST') {
    outcome = err(400, 'invalid_request', 'AADSTS900561: The endpoint only accepts POST requests.');
  } else {
    outcome =
      authenticateClient(ctx, form) ??
      (grantType === 'authorization_code'
        ? redeemCode(ctx, form)
        : grantType === 'refresh_token'
          ? redeemRefresh(ctx, form)
          : err(
              400,
              'unsupported_grant_type',
              `AADSTS70003: The app requested an unsupported grant type '${grantType ?? ''}'.`,
            ));
  }
  if (isOAuthError(outcome)) {
    sendOAuthError(ctx, res, outcome, correlationId);
    return finish(outcome.status);
  }
  sendJson(res, 200, outcome, { 'x-ms-request-id': guid(), 'client-request-id': correlationId });
  finish(200);
}

function isOAuthError(x: OAuthError | Record<string, unknown>): x is OAuthError {
  return typeof x.error === 'string' && typeof x.status === 'number';
}
