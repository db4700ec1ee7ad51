/**
 * The invite cookie and the CSRF tokens bound to it. Opening an invite page keeps the browser's cookie when it has
 * one (so two open tabs stay valid) and renews its lifetime; a POST is accepted only with the token of its invite.
 */
import { csrfMatches, csrfToken, isInviteCookieValue, newInviteCookieValue } from '../../domain/connect/csrf';
import { inviteCookie, inviteCookieName } from '../shared/cookies';
import { cookieValue, type HttpEvent } from '../shared/http';

export interface SessionKeys {
  inviteSigningKey: string;
  secureCookies: boolean;
}

/** The CSRF token for the forms of `inviteId`, and the Set-Cookie that (re)sets the invite cookie. */
export function openSession(event: HttpEvent, inviteId: string, keys: SessionKeys): { csrf: string; cookie: string } {
  const present = cookieValue(event, inviteCookieName(keys.secureCookies));
  const value = isInviteCookieValue(present) ? present : newInviteCookieValue();
  return {
    csrf: csrfToken(keys.inviteSigningKey, value, inviteId),
    cookie: inviteCookie(value, keys.secureCookies),
  };
}

/** Whether a posted token belongs to this browser's invite cookie and to `inviteId` (constant time). */
export function sessionAccepts(event: HttpEvent, posted: string | undefined, inviteId: string, keys: SessionKeys) {
  const present = cookieValue(event, inviteCookieName(keys.secureCookies));
  return csrfMatches(posted, keys.inviteSigningKey, present, inviteId);
}
