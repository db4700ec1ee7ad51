/**
 * The refresh-token grant against the Microsoft identity platform's token endpoint, over httpFetch and without msal:
 * the request msal's RefreshTokenClient sends, the same login base URL (sandbox), timeout, deadline and onRequest
 * hooks as its network client, and its error mapping (token-errors.ts). No retries: as on msal's path, a failed
 * refresh fails the call (the Graph client retries Graph only).
 */
import * as z from 'zod/mini';
import type { Clock, Deadline } from '../../domain/ports';
import { isRecord } from '../shared/is-record';
import { parseRetryAfter } from '../shared/retry';
import { type ClientSecret, currentClientSecret } from './client-secret';
import { type LoginRequestEvent, MICROSOFT_LOGIN, rewriteLoginUrl } from './login-url';
import { GRAPH_SCOPES } from './scopes';
import { type OAuthErrorBody, toRefreshError, toRefreshFailure } from './token-errors';
import { failedOutcome } from '../shared/http-retry';
import { type HttpFetch, type HttpResponse, httpFetch } from '../shared/https-transport';

/** The app registration and transport a refresh needs (MicrosoftAppOptions fits). */
export interface TokenAppOptions {
  clientId: string;
  tenantId: string;
  /** The value, or a reader of the current one (Secrets Manager, re-read after a rotation). */
  clientSecret: ClientSecret;
  /** Sandbox/tests only: replaces https://login.microsoftonline.com. */
  loginBaseUrl?: string;
  fetch?: HttpFetch;
  /** Cap for one request (ms); the deadline may shorten it. */
  timeoutMs?: number;
  clock?: Clock;
  onLoginRequest?: (event: LoginRequestEvent) => void;
}

/** What msal asks for on a refresh: the Graph scopes plus the OIDC ones (an id_token, a new refresh token). */
export const REFRESH_SCOPES = [...GRAPH_SCOPES, 'openid', 'profile', 'offline_access'];

const nonEmpty = () => z.string().check(z.minLength(1));
// Entra may send the lifetimes as strings; msal reads both.
const seconds = (check: ReturnType<typeof z.positive>) => z.pipe(z.coerce.number(), z.int().check(check));
const tokenSchema = z.object({
  access_token: nonEmpty(),
  expires_in: seconds(z.positive()),
  ext_expires_in: z.optional(seconds(z.nonnegative())),
  refresh_in: z.optional(seconds(z.positive())),
  token_type: z.optional(z.string()),
  scope: z.optional(z.string()),
  refresh_token: z.optional(nonEmpty()),
  id_token: z.optional(nonEmpty()),
});

/** A successful token response (A8 shape). */
export type RefreshedTokens = z.infer<typeof tokenSchema>;

/** A refresh's answer. */
export interface RefreshOutcome {
  tokens: RefreshedTokens;
  /** Epoch seconds just before the request: msal's base for expires_on. */
  requestedAt: number;
}

/**
 * msal's in-memory throttle (ThrottlingUtils), kept per token source as msal kept it per client: after a 429, a 5xx
 * or any Retry-After, the same refresh fails at once, without a round trip, until Retry-After (default 60 s, ≤ 1 h).
 */
export interface RefreshThrottle {
  untilMs?: number;
}

// Time kept back from the deadline so the caller can still answer after a token call (msal network client's).
const MARGIN_MS = 250;
const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_THROTTLE_MS = 60_000;
const MAX_THROTTLE_MS = 3_600_000;

/** Redeems a refresh token: one POST, mapped to ReconnectRequired / ProviderUnavailable / ProviderError. */
export async function redeemRefreshToken(
  app: TokenAppOptions,
  refreshToken: string,
  deadline: Deadline,
  throttle: RefreshThrottle = {},
): Promise<RefreshOutcome> {
  const clock = app.clock ?? Date.now;
  if (throttle.untilMs !== undefined && throttle.untilMs > clock()) {
    const retryAfterMs = throttle.untilMs - clock();
    throw toRefreshError(429, plain('throttled'), retryAfterMs);
  }
  const url = rewriteLoginUrl(`${MICROSOFT_LOGIN}/${app.tenantId}/oauth2/v2.0/token`, app.loginBaseUrl);
  const form = new URLSearchParams({
    client_id: app.clientId,
    scope: REFRESH_SCOPES.join(' '),
    grant_type: 'refresh_token',
    client_info: '1',
    refresh_token: refreshToken,
    client_secret: await currentClientSecret(app.clientSecret),
  });
  const timeoutMs = Math.min(app.timeoutMs ?? DEFAULT_TIMEOUT_MS, deadline.at - clock() - MARGIN_MS);
  if (timeoutMs <= 0) throw toRefreshFailure('deadline');
  const requestedAt = Math.floor(clock() / 1000);
  const started = clock();
  const report = (event: Pick<LoginRequestEvent, 'outcome' | 'status'>) =>
    app.onLoginRequest?.({ method: 'POST', path: new URL(url).pathname, durationMs: clock() - started, ...event });
  let response: HttpResponse;
  let text: string;
  try {
    response = await (app.fetch ?? httpFetch)(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8', Accept: 'application/json' },
      body: form.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const { timedOut } = failedOutcome(error);
    report({ outcome: timedOut ? 'timeout' : 'network-error' });
    throw toRefreshFailure(timedOut ? 'timeout' : 'network-error', error);
  }
  const { status } = response;
  report({ outcome: 'response', status });
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock());
  if (status === 429 || status >= 500 || (status >= 400 && retryAfterMs !== undefined)) {
    // `||`, not `??`: msal's ThrottlingUtils.calculateThrottleTime also reads Retry-After: 0 as the 60 s default.
    throttle.untilMs = clock() + Math.min(retryAfterMs || DEFAULT_THROTTLE_MS, MAX_THROTTLE_MS);
  }
  return { tokens: readTokens(status, parseJson(text), retryAfterMs), requestedAt };
}

/** The tokens of a 2xx answer; any other answer (or a 2xx without a token) thrown as its typed error. */
function readTokens(status: number, body: unknown, retryAfterMs: number | undefined): RefreshedTokens {
  if (status >= 200 && status < 300) {
    const parsed = tokenSchema.safeParse(body);
    if (parsed.success) return parsed.data;
    // A proxy's page or an answer without a token: msal's token_parsing_error, or its missing-token check.
    throw toRefreshError(status, plain(body === undefined ? 'token_parsing_error' : 'NoAccessToken'));
  }
  // Not JSON (a gateway's HTML page): named by status, as msal's network client does.
  if (body === undefined) {
    throw toRefreshError(
      status,
      plain(status === 429 || status >= 500 ? 'temporarily_unavailable' : 'invalid_response'),
    );
  }
  throw toRefreshError(status, errorBody(body), retryAfterMs);
}

function plain(error: string): OAuthErrorBody {
  return { error, suberror: '', description: '' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorBody(body: unknown): OAuthErrorBody {
  const field = (name: string) => (isRecord(body) && typeof body[name] === 'string' ? (body[name] as string) : '');
  return { error: field('error'), suberror: field('suberror'), description: field('error_description') };
}
