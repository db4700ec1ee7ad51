/** GET/POST /o/oauth2/v2/auth: validate, show the consent screen, and redirect back with a code (or access_denied). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm, redirect, sendHtml } from '../../shared/http';
import { safeOrigin } from '../../shared/http';
import type { GoogleContext } from '../context';
import { renderConsentPage, renderErrorPage } from './consent-page';
import type { AuthorizeParams } from './grants';
import { grantedOf, isKnownScope, isSignInScope, parseScopes } from './scopes';

export const AUTHORIZE_PATH = '/o/oauth2/v2/auth';

/** An authorize request the emulator refuses: Google's error screen (no redirect), or an Error from consent(). */
export class AuthorizeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`Error ${status}: ${code} – ${detail}`);
    this.name = 'AuthorizeError';
  }
}

const PROMPTS = new Set(['none', 'consent', 'select_account']);

/** Checks an authorize query (Google's checks, plus the sandbox's: PKCE S256 and openid are required). */
export function parseAuthorizeQuery(ctx: GoogleContext, q: URLSearchParams): AuthorizeParams {
  const fail = (code: string, message: string, status = 400): never => {
    throw new AuthorizeError(status, code, message);
  };
  const missing = (name: string) => q.get(name) || fail('invalid_request', `Missing required parameter: ${name}`);
  const clientId = missing('client_id');
  if (ctx.clientId && clientId !== ctx.clientId) fail('invalid_client', 'The OAuth client was not found.', 401);
  const redirectUri = missing('redirect_uri');
  if (!URL.canParse(redirectUri) || !/^https?:$/.test(new URL(redirectUri).protocol))
    fail('invalid_request', `Invalid parameter value for redirect_uri: ${redirectUri}`);
  if (ctx.redirectUris && !ctx.redirectUris.includes(redirectUri))
    fail(
      'redirect_uri_mismatch',
      `The redirect URI in the request, ${redirectUri}, does not match the ones authorized.`,
    );
  const responseType = missing('response_type');
  if (responseType !== 'code') fail('invalid_request', `Invalid response_type: ${responseType}`);
  const scopes = parseScopes(missing('scope'));
  const unknown = scopes.filter((s) => !isKnownScope(s));
  if (unknown.length) fail('invalid_scope', `Some requested scopes were invalid. {invalid=[${unknown.join(', ')}]}`);
  if (!scopes.includes('openid')) fail('invalid_request', 'The sandbox requires the openid scope.');
  const codeChallenge = missing('code_challenge');
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(codeChallenge)) fail('invalid_request', 'Invalid code_challenge.');
  if (q.get('code_challenge_method') !== 'S256')
    fail('invalid_request', 'The sandbox requires code_challenge_method=S256 (plain is refused).');
  const accessType = q.get('access_type') ?? 'online';
  if (accessType !== 'online' && accessType !== 'offline')
    fail('invalid_request', `Invalid access_type: ${accessType}`);
  const prompt = (q.get('prompt') ?? '').split(' ').filter(Boolean);
  if (prompt.some((p) => !PROMPTS.has(p)) || (prompt.includes('none') && prompt.length > 1))
    fail('invalid_request', `Invalid prompt: ${q.get('prompt')}`);
  return {
    clientId,
    redirectUri,
    scopes,
    codeChallenge,
    accessType: accessType as AuthorizeParams['accessType'],
    prompt,
    includeGrantedScopes: q.get('include_granted_scopes') === 'true',
    state: q.get('state') ?? undefined,
    nonce: q.get('nonce') ?? undefined,
    loginHint: q.get('login_hint')?.trim() || undefined,
  };
}

/** The query sent back to redirect_uri: a code for what was granted, or access_denied. */
export function completeAuthorization(
  ctx: GoogleContext,
  params: AuthorizeParams,
  allow: boolean,
  withheld: Iterable<string>,
  prompted = true,
): Record<string, string> {
  const fields: Record<string, string> = {};
  if (params.state !== undefined) fields.state = params.state;
  if (!allow) return { error: 'access_denied', ...fields };
  let granted = grantedOf(params.scopes, withheld);
  if (params.includeGrantedScopes) granted = [...new Set([...granted, ...ctx.identity.grantedBefore(params.clientId)])];
  fields.code = ctx.identity.issueCode(params, granted);
  fields.scope = granted.join(' ');
  fields.authuser = '0';
  fields.prompt = prompted ? 'consent' : 'none';
  return fields;
}

/** redirect_uri with the response fields added to its query. */
export function redirectUrl(params: AuthorizeParams, fields: Record<string, string>): string {
  const url = new URL(params.redirectUri);
  for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
  return url.toString();
}

/** Serves the authorize endpoint: GET shows the consent screen, its POST redirects back to the app. */
export async function handleAuthorize(
  ctx: GoogleContext,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const method = req.method ?? 'GET';
  const log = (status: number) => ctx.log({ method, route: 'authorize', status });
  // The POST carries the original query in hidden fields; the consent_* fields are the screen's own controls.
  const form = method === 'POST' ? await readForm(req) : undefined;
  const original = form ? new URLSearchParams([...form].filter(([k]) => !k.startsWith('consent_'))) : query;
  let params: AuthorizeParams;
  try {
    params = parseAuthorizeQuery(ctx, original);
  } catch (err) {
    if (!(err instanceof AuthorizeError)) throw err;
    sendHtml(res, err.status, renderErrorPage(err.status, err.code, err.detail));
    return log(err.status);
  }
  if (form) {
    const ticked = new Set(form.getAll('consent_scope'));
    const withheld = form.has('consent_offered')
      ? params.scopes.filter((s) => !isSignInScope(s) && !ticked.has(s))
      : [];
    redirect(
      res,
      redirectUrl(params, completeAuthorization(ctx, params, form.get('consent_action') === 'allow', withheld)),
    );
    return log(302);
  }
  if (params.prompt.includes('none')) {
    // No screen may be shown: a client already holding every scope gets a code, anyone else consent_required.
    const fields = ctx.identity.covers(params.clientId, params.scopes)
      ? completeAuthorization(ctx, params, true, [], false)
      : { error: 'consent_required', ...(params.state !== undefined ? { state: params.state } : {}) };
    redirect(res, redirectUrl(params, fields));
    return log(302);
  }
  const view = {
    name: ctx.user.name,
    email: ctx.user.email,
    clientId: params.clientId,
    scopes: params.scopes,
    withheld: new Set<string>(),
    loginHint: params.loginHint,
    redirectOrigin: safeOrigin(params.redirectUri),
    query: [...original],
  };
  // Browsers may enforce form-action on the redirect that follows the POST, so the app's origin is allowed too.
  sendHtml(res, 200, renderConsentPage(view), `; form-action 'self' ${safeOrigin(params.redirectUri)}`);
  log(200);
}

/** Programmatic "click Allow" (or Cancel with deny) on an authorize URL of any host; returns the redirect URL. */
export function consentToUrl(ctx: GoogleContext, authorizeUrl: string, deny: boolean, withhold: string[]): string {
  const url = new URL(authorizeUrl);
  if (!url.pathname.endsWith(AUTHORIZE_PATH))
    throw new AuthorizeError(400, 'invalid_request', `Not an authorize URL: ${url.pathname}`);
  const params = parseAuthorizeQuery(ctx, url.searchParams);
  ctx.log({ method: 'GET', route: 'authorize', status: 200 });
  const fields = completeAuthorization(ctx, params, !deny, withhold);
  ctx.log({ method: 'POST', route: 'authorize', status: 302 });
  return redirectUrl(params, fields);
}
