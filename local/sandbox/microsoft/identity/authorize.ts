/** GET/POST /{tenant}/oauth2/v2.0/authorize: validate, show the consent card, and redirect back with a code. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context';
import { base64url, guid, readForm, redirect, safeOrigin, sendHtml } from '../../shared/http';
import { renderConsentPage, renderErrorPage, renderFormPost } from './consent-page';
import { type AuthorizeParams, grantableScopes, grantedOf } from './grants';

/** Thrown for an authorize request the emulator refuses (a 400 page, or an Error from consent()). */
export class AuthorizeRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthorizeRequestError';
  }
}

/** Checks the query of an authorize request and extracts what the code must be bound to. */
export function parseAuthorizeQuery(ctx: EmulatorContext, tenant: string, q: URLSearchParams): AuthorizeParams {
  const fail = (msg: string): never => {
    throw new AuthorizeRequestError(msg);
  };
  const clientId =
    q.get('client_id') ?? fail("AADSTS900144: The request body must contain the following parameter: 'client_id'.");
  if (ctx.clientId && clientId !== ctx.clientId)
    fail(`AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`);
  const redirectUri =
    q.get('redirect_uri') ??
    fail("AADSTS900144: The request body must contain the following parameter: 'redirect_uri'.");
  if (!/^https?:$/.test(safeProtocol(redirectUri)))
    fail(`AADSTS50011: The redirect URI '${redirectUri}' is not a valid absolute http(s) URL.`);
  if (q.get('response_type') !== 'code')
    fail("AADSTS700054: response_type must be 'code' for the authorization code flow.");
  const codeChallenge =
    q.get('code_challenge') ?? fail('AADSTS9002325: Proof Key for Code Exchange is required (code_challenge missing).');
  if (q.get('code_challenge_method') !== 'S256')
    fail('AADSTS501491: code_challenge_method must be S256 in this sandbox.');
  const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
  if (!scopes.length) fail("AADSTS900144: The request body must contain the following parameter: 'scope'.");
  const mode = q.get('response_mode') ?? 'query';
  if (mode !== 'query' && mode !== 'form_post' && mode !== 'fragment')
    return fail(`AADSTS900144: Unsupported response_mode '${mode}'.`);
  return {
    tenant,
    clientId,
    redirectUri,
    responseMode: mode,
    scopes,
    codeChallenge,
    state: q.get('state') ?? undefined,
    nonce: q.get('nonce') ?? undefined,
    loginHint: q.get('login_hint')?.trim() || undefined,
  };
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

/** The fields sent back to redirect_uri after Accept (a code for what was granted) or Cancel (access_denied). */
export function completeAuthorization(
  ctx: EmulatorContext,
  params: AuthorizeParams,
  accept: boolean,
  withheld: Iterable<string> = ctx.withheldScopes,
): Record<string, string> {
  const fields: Record<string, string> = accept
    ? {
        code: ctx.identity.issueCode(params, grantedOf(params.scopes, withheld)),
        client_info: base64url(JSON.stringify({ uid: ctx.user.oid, utid: ctx.user.tid })),
      }
    : { error: 'access_denied', error_description: 'AADSTS65004: User declined to consent to access the app.' };
  if (params.state !== undefined) fields.state = params.state;
  if (accept) fields.session_state = guid();
  return fields;
}

/** redirect_uri with the response fields in its query (or fragment, for response_mode=fragment). */
export function redirectUrl(params: AuthorizeParams, fields: Record<string, string>): string {
  const url = new URL(params.redirectUri);
  if (params.responseMode === 'fragment') {
    url.hash = new URLSearchParams(fields).toString();
  } else {
    for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
  }
  return url.toString();
}

/** Serves the authorize endpoint: GET shows the consent card, POST (from that card) redirects back to the app. */
export async function handleAuthorize(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  tenant: string,
  query: URLSearchParams,
): Promise<void> {
  const log = (status: number) => ctx.log({ method: req.method ?? 'GET', route: 'authorize', status });
  if (req.method === 'POST') {
    const form = await readForm(req);
    const params = ctx.identity.takeTicket(form.get('ticket') ?? '');
    if (!params) {
      sendHtml(
        res,
        400,
        renderErrorPage('This sign-in page has expired or was already used. Start the connection again.'),
      );
      return log(400);
    }
    // The card lists each scope as a checkbox; what was left unticked is not granted.
    const ticked = new Set(form.getAll('scope'));
    const withheld = form.has('offered')
      ? grantableScopes(params.scopes).filter((s) => !ticked.has(s))
      : ctx.withheldScopes;
    const fields = completeAuthorization(ctx, params, form.get('action') === 'accept', withheld);
    if (params.responseMode === 'form_post') {
      const nonce = randomBytes(12).toString('base64url');
      const csp = `; script-src 'nonce-${nonce}'; form-action ${safeOrigin(params.redirectUri)}`;
      sendHtml(res, 200, renderFormPost(params.redirectUri, fields, nonce), csp);
      return log(200);
    }
    redirect(res, redirectUrl(params, fields));
    return log(302);
  }
  let params: AuthorizeParams;
  try {
    params = parseAuthorizeQuery(ctx, tenant, query);
  } catch (err) {
    if (!(err instanceof AuthorizeRequestError)) throw err;
    sendHtml(res, 400, renderErrorPage(err.message));
    return log(400);
  }
  const ticket = ctx.identity.openTicket(params);
  const view = {
    displayName: ctx.user.displayName,
    username: ctx.user.userPrincipalName,
    clientId: params.clientId,
    scopes: params.scopes,
    withheld: grantableScopes(params.scopes).filter((s) => grantedOf([s], ctx.withheldScopes).length === 0),
    loginHint: params.loginHint,
    redirectUri: params.redirectUri,
    ticket,
  };
  // Browsers enforce form-action on the redirect that follows the POST, so the app's origin must be allowed too.
  sendHtml(res, 200, renderConsentPage(view), `; form-action 'self' ${safeOrigin(params.redirectUri)}`);
  log(200);
}

/**
 * Programmatic "click Accept/Cancel" on an authorize URL (any host: only its path and query matter); `withhold`
 * unticks those scopes (default: the emulator's withheldScopes).
 */
export function consentToUrl(
  ctx: EmulatorContext,
  authorizeUrl: string,
  deny: boolean,
  withhold: Iterable<string> = ctx.withheldScopes,
): string {
  const url = new URL(authorizeUrl);
  const match = /\/([^/]+)\/oauth2\/v2\.0\/authorize$/.exec(url.pathname);
  if (!match?.[1]) throw new AuthorizeRequestError(`Not an authorize URL: ${url.pathname}`);
  const params = parseAuthorizeQuery(ctx, decodeURIComponent(match[1]), url.searchParams);
  ctx.log({ method: 'GET', route: 'authorize', status: 200 });
  const fields = completeAuthorization(ctx, params, !deny, withhold);
  ctx.log({ method: 'POST', route: 'authorize', status: 302 });
  return redirectUrl(params, fields);
}
