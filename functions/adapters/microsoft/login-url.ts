/** The Microsoft login origin, its sandbox rewrite, and what one login round trip reports (no msal here). */

export const MICROSOFT_LOGIN = 'https://login.microsoftonline.com';

/** One identity-provider round trip (no query string, no body, no token). */
export interface LoginRequestEvent {
  method: 'GET' | 'POST';
  path: string;
  status?: number;
  outcome: 'response' | 'timeout' | 'network-error';
  durationMs: number;
}

/** Rewrites the Microsoft login origin to the sandbox base URL, for msal and the browser (unchanged without one). */
export function rewriteLoginUrl(url: string, loginBaseUrl: string | undefined): string {
  if (!loginBaseUrl || !url.startsWith(MICROSOFT_LOGIN)) return url;
  return loginBaseUrl.replace(/\/+$/, '') + url.slice(MICROSOFT_LOGIN.length);
}
