/**
 * CSRF tokens of the connect pages' forms. The invite page sets a random cookie in the manager's browser; each form
 * carries HMAC(invite key, cookie value + invite id). A cross-site form cannot send the cookie (SameSite=Lax) and
 * cannot compute the token without it, and a token of one invite is worthless with another.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh value for the invite cookie: 256 random bits, base64url. */
export function newInviteCookieValue(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a cookie value has the shape this code gives it (anything else is treated as absent). */
export function isInviteCookieValue(value: string | undefined): value is string {
  return value !== undefined && /^[\w-]{43}$/.test(value);
}

function mac(key: string, cookieValue: string, inviteId: string): Buffer {
  // Its own prefix, so a CSRF token can never double as an invite signature or a result token.
  return createHmac('sha256', key).update(`csrf.v1.${cookieValue}.${inviteId}`).digest();
}

/** The CSRF token the forms of one invite carry in one browser. */
export function csrfToken(key: string, cookieValue: string, inviteId: string): string {
  return mac(key, cookieValue, inviteId).toString('base64url');
}

/** Constant-time check of a posted CSRF token against the cookie and the invite; false when either is missing. */
export function csrfMatches(
  given: string | undefined,
  key: string,
  cookieValue: string | undefined,
  inviteId: string,
): boolean {
  if (!given || !isInviteCookieValue(cookieValue)) return false;
  const expected = mac(key, cookieValue, inviteId);
  const posted = Buffer.from(given, 'base64url');
  return posted.length === expected.length && timingSafeEqual(posted, expected);
}
