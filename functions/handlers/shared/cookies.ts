/** The browser-binding cookie of the connect flow. */

import { sha256 } from '../../domain/connect/oauth-transaction';

/**
 * `__Host-` needs Secure, which needs https; plain http (npm start on localhost) uses an unprefixed name. The name
 * carries a tag of the state, so two connects started in one browser do not overwrite each other's cookie.
 */
export function bindingCookieName(secure: boolean, state: string | undefined): string {
  const tag = sha256(state ?? '').slice(0, 12);
  return `${secure ? '__Host-' : ''}cal_connect_${tag}`;
}

/** Set-Cookie value binding the pending authorization to this browser for 10 minutes. */
export function bindingCookie(value: string, secure: boolean, state: string): string {
  return `${bindingCookieName(secure, state)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600${secure ? '; Secure' : ''}`;
}

/** Set-Cookie value that deletes the binding cookie. */
export function clearBindingCookie(secure: boolean, state: string | undefined): string {
  return `${bindingCookieName(secure, state)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
