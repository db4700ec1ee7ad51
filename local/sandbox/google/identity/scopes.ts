/** Google OAuth scope names: the short sign-in aliases, what the consent page may leave unticked, what is known. */

export const SCOPE_PREFIX = 'https://www.googleapis.com/auth/';
export const EMAIL_SCOPE = `${SCOPE_PREFIX}userinfo.email`;
export const PROFILE_SCOPE = `${SCOPE_PREFIX}userinfo.profile`;

// Google answers with the long names: `scope` in the redirect and the token response reads userinfo.email for email.
const ALIASES: Record<string, string> = { email: EMAIL_SCOPE, profile: PROFILE_SCOPE };

/** The canonical (long) name of a scope; `openid` stays itself. */
export function normalizeScope(scope: string): string {
  return ALIASES[scope] ?? scope;
}

/** Canonical names of a space-separated scope list, first spelling first, duplicates dropped. */
export function parseScopes(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter(Boolean).map(normalizeScope))];
}

/** Sign-in scopes: the consent page lists them but the user cannot refuse them. */
export function isSignInScope(scope: string): boolean {
  const name = normalizeScope(scope);
  return name === 'openid' || name === EMAIL_SCOPE || name === PROFILE_SCOPE;
}

/** Whether Google would know the scope (openid, an alias, or a googleapis.com/auth/ URL). */
export function isKnownScope(scope: string): boolean {
  const name = normalizeScope(scope);
  return name === 'openid' || /^https:\/\/www\.googleapis\.com\/auth\/[a-z0-9._-]+$/i.test(name);
}

/** What the user granted of `requested` with `withheld` (any spelling) unticked; sign-in scopes always stay. */
export function grantedOf(requested: readonly string[], withheld: Iterable<string>): string[] {
  const refused = new Set([...withheld].map(normalizeScope));
  return requested.filter((s) => isSignInScope(s) || !refused.has(normalizeScope(s)));
}

/** The full URL of a Calendar scope from its short name ("calendar.events"). */
export function calendarScope(name: string): string {
  return `${SCOPE_PREFIX}${name}`;
}
