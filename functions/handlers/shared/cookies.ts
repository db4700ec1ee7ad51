/**
 * The cookies of the connect flow. On https they are `__Host-` prefixed: Secure, no Domain, and Path=/ (browsers
 * reject a `__Host-` cookie with any other path), so no sibling subdomain can plant or overwrite them. Plain http
 * (npm start on localhost) cannot set Secure cookies, so there the names are unprefixed. All are HttpOnly and
 * SameSite=Lax: Lax, not Strict, because the provider's callback is a cross-site top-level GET.
 */
import { sha256 } from '../../domain/connect/oauth-transaction';

/** Seconds the invite cookie lives: the manager's page stays usable this long after it was last opened. */
export const INVITE_COOKIE_SECONDS = 3600;

/** Seconds the binding cookie lives (the pending authorization's own lifetime). */
const BINDING_COOKIE_SECONDS = 600;

const prefix = (secure: boolean) => (secure ? '__Host-' : '');

function setCookie(name: string, value: string, maxAge: number, secure: boolean): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/**
 * The binding cookie's name carries a tag of the state, so two connects started in one browser do not overwrite
 * each other's cookie.
 */
export function bindingCookieName(secure: boolean, state: string | undefined): string {
  return `${prefix(secure)}cal_connect_${sha256(state ?? '').slice(0, 12)}`;
}

/** Set-Cookie value binding the pending authorization to this browser for 10 minutes. */
export function bindingCookie(value: string, secure: boolean, state: string): string {
  return setCookie(bindingCookieName(secure, state), value, BINDING_COOKIE_SECONDS, secure);
}

/** Set-Cookie value that deletes the binding cookie. */
export function clearBindingCookie(secure: boolean, state: string | undefined): string {
  return setCookie(bindingCookieName(secure, state), '', 0, secure);
}

/** The name of the cookie the CSRF tokens of the connect pages are bound to. */
export function inviteCookieName(secure: boolean): string {
  return `${prefix(secure)}cal_invite`;
}

/** Set-Cookie value of the invite cookie (set, or renewed, each time an invite page opens). */
export function inviteCookie(value: string, secure: boolean): string {
  return setCookie(inviteCookieName(secure), value, INVITE_COOKIE_SECONDS, secure);
}

/** The name of the cookie carrying the signed outcome of the last callback to the result page. */
export function resultCookieName(secure: boolean): string {
  return `${prefix(secure)}cal_result`;
}

/** Set-Cookie value of the result cookie; `maxAge` matches the token's own lifetime. */
export function resultCookie(token: string, secure: boolean, maxAge: number): string {
  return setCookie(resultCookieName(secure), token, maxAge, secure);
}

/** Seconds the page cookie lives: long enough for a sign-in, the callback and a while on the result page. */
const PAGE_COOKIE_SECONDS = 1800;

/**
 * The name of the cookie that keeps the invite a connect was started from, so the result page can link back to the
 * manager's page (the browser had that link already; it never goes to the provider or the database).
 */
export function pageCookieName(secure: boolean): string {
  return `${prefix(secure)}cal_page`;
}

/** Set-Cookie value of the page cookie. */
export function pageCookie(invite: string, secure: boolean): string {
  return setCookie(pageCookieName(secure), encodeURIComponent(invite), PAGE_COOKIE_SECONDS, secure);
}

/** Set-Cookie value that deletes the page cookie (read once, by the result page). */
export function clearPageCookie(secure: boolean): string {
  return setCookie(pageCookieName(secure), '', 0, secure);
}
