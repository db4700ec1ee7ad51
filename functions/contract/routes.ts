/**
 * Every route of the HTTP API and the function serving it: the one list the stack (API Gateway) and the local server
 * build from. Four functions; new routes join one of them. A path ending in `{proxy+}` matches everything below it.
 */

/** The four functions, by handler file name (functions/handlers/<name>.ts). */
export type FunctionName = 'authStart' | 'authCallback' | 'status' | 'vapiWebhook';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteSpec {
  method: HttpMethod;
  path: string;
  function: FunctionName;
}

/** Named routes whose URLs other parts of the app build (the invite link, the redirect URI, the webhook URL). */
export const PATHS = {
  connect: '/calendar/auth/start',
  manage: '/calendar/auth/manage',
  callback: '/calendar/auth/callback',
  result: '/calendar/auth/result',
  status: '/calendar/auth/status',
  admin: '/calendar/admin',
  webhook: '/vapi/webhook',
} as const;

/** The API: browser pages (connect and manage), the provider callback, the operator's status and admin, VAPI. */
export const ROUTE_SPECS: readonly RouteSpec[] = [
  { method: 'GET', path: PATHS.connect, function: 'authStart' },
  { method: 'POST', path: PATHS.connect, function: 'authStart' },
  { method: 'POST', path: PATHS.manage, function: 'authStart' },
  { method: 'GET', path: PATHS.callback, function: 'authCallback' },
  { method: 'GET', path: PATHS.result, function: 'authCallback' },
  { method: 'GET', path: PATHS.status, function: 'status' },
  { method: 'GET', path: `${PATHS.admin}/{proxy+}`, function: 'status' },
  { method: 'PUT', path: `${PATHS.admin}/{proxy+}`, function: 'status' },
  { method: 'DELETE', path: `${PATHS.admin}/{proxy+}`, function: 'status' },
  { method: 'POST', path: PATHS.webhook, function: 'vapiWebhook' },
];

/** Whether `path` (a request's path) is served by the route path `pattern`. */
export function routeMatches(pattern: string, path: string): boolean {
  if (!pattern.endsWith('/{proxy+}')) return pattern === path;
  const prefix = pattern.slice(0, -'{proxy+}'.length);
  return path.startsWith(prefix) && path.length > prefix.length;
}
