/** API Gateway HTTP API (payload 2.0) helpers shared by the handlers. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** Headers every response carries. */
export const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** A JSON response. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { ...BASE_HEADERS, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The pages' content security policy: no scripts, no third-party content, forms post only here. `formTargets` are
 * origins a form's POST may be redirected to (a provider's sign-in): browsers check form-action on those redirects.
 */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  const formAction = ["'self'", ...new Set(formTargets)].join(' ');
  return (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; " +
    `form-action ${formAction}; frame-ancestors 'none'`
  );
}

/** An HTML response with a strict content security policy (see contentSecurityPolicy). */
export function html(
  statusCode: number,
  body: string,
  extra: { headers?: Record<string, string>; cookies?: string[]; formTargets?: readonly string[] } = {},
): HttpResult {
  return {
    statusCode,
    headers: {
      ...BASE_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy(extra.formTargets),
      'x-frame-options': 'DENY',
      ...extra.headers,
    },
    cookies: extra.cookies,
    body,
  };
}

/** A 303 See Other to `location` (after a POST, or to take a callback's code out of the address bar). */
export function seeOther(location: string, cookies: string[] = []): HttpResult {
  return { statusCode: 303, headers: { ...BASE_HEADERS, location }, cookies: cookies.length ? cookies : undefined };
}

/** "METHOD /path" of the route API Gateway matched (the local server sets it the same way). */
export function routeOf(event: HttpEvent): string {
  return event.routeKey && event.routeKey !== '$default'
    ? event.routeKey
    : `${event.requestContext.http.method} ${event.rawPath}`;
}

/** The fields of a form-urlencoded body (an empty set for any other body). */
export function formFields(event: HttpEvent): URLSearchParams {
  const type = lowerHeaders(event)['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(rawBody(event));
}

/** The raw request body as a string (decoding base64 when API Gateway flagged it). */
export function rawBody(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** The body's size in bytes, without decoding it twice. */
export function bodyBytes(event: HttpEvent): number {
  if (!event.body) return 0;
  return event.isBase64Encoded ? Math.floor((event.body.length * 3) / 4) : Buffer.byteLength(event.body, 'utf8');
}

/** Headers with lowercase names (HTTP API already lowercases; local runs and tests may not). */
export function lowerHeaders(event: HttpEvent): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

/** A cookie's value from the event's `cookies` array or Cookie header. */
export function cookieValue(event: HttpEvent, name: string): string | undefined {
  const all = [...(event.cookies ?? []), ...(lowerHeaders(event).cookie?.split(';') ?? [])];
  for (const pair of all) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** A query parameter (first value), trimmed; undefined when absent or empty. */
export function queryParam(event: HttpEvent, name: string): string | undefined {
  const value = event.queryStringParameters?.[name]?.split(',')[0]?.trim();
  return value ? value : undefined;
}
