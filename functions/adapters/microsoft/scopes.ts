/** Which delegated permissions a Microsoft connection was granted, and which of the ones it needs are missing. */
const OFFLINE_ACCESS = 'offline_access';

/** Graph permissions the product needs (delegated). */
export const GRAPH_SCOPES = ['Calendars.ReadWrite', 'MailboxSettings.Read', 'User.Read'];
/** What the consent screen asks for: msal appends offline_access itself; named too, the refresh token is the point. */
export const AUTHORIZE_SCOPES = [...GRAPH_SCOPES, OFFLINE_ACCESS];

/** "https://graph.microsoft.com/Calendars.ReadWrite", "calendars.readwrite" and "Calendars.ReadWrite" are one scope. */
export function bareScope(scope: string): string {
  // The resource prefix is a URL or an app id URI ending in "/"; scope names themselves have no slash.
  return scope.trim().replace(/^.*\//, '').toLowerCase();
}

/** The scopes a connection cannot work without (AUTHORIZE_SCOPES) that `granted` lacks, in their canonical spelling. */
export function missingScopes(granted: readonly string[]): string[] {
  const have = new Set(granted.map(bareScope));
  return AUTHORIZE_SCOPES.filter((scope) => !have.has(bareScope(scope)));
}

/**
 * What a code redemption granted: the token response's scopes, plus offline_access when a refresh token came back.
 * Entra grants offline_access by issuing the refresh token and often leaves it out of `scope` (its own docs' example
 * does), so the refresh token in the cache is the evidence, not the echo.
 */
export function grantedScopes(responseScopes: readonly string[], serializedCache: string): string[] {
  const scopes = responseScopes.filter((scope) => scope.trim());
  const echoed = scopes.some((scope) => bareScope(scope) === OFFLINE_ACCESS);
  return !echoed && holdsRefreshToken(serializedCache) ? [...scopes, OFFLINE_ACCESS] : scopes;
}

function holdsRefreshToken(serializedCache: string): boolean {
  try {
    const cache = JSON.parse(serializedCache) as { RefreshToken?: Record<string, unknown> };
    return Object.keys(cache.RefreshToken ?? {}).length > 0;
  } catch {
    return false;
  }
}
