/** The browser-binding cookie of the connect flow. */

/** `__Host-` needs Secure, which needs https; plain http (npm start on localhost) uses an unprefixed name. */
export function bindingCookieName(secure: boolean): string {
  return secure ? '__Host-cal_connect' : 'cal_connect';
}

/** Set-Cookie value binding the pending authorization to this browser for 10 minutes. */
export function bindingCookie(value: string, secure: boolean): string {
  return `${bindingCookieName(secure)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600${secure ? '; Secure' : ''}`;
}

/** Set-Cookie value that deletes the binding cookie. */
export function clearBindingCookie(secure: boolean): string {
  return `${bindingCookieName(secure)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
