/** The stack's four routes, bound to the same handler modules the CDK stack bundles. */
import type { LocalRoute } from './server';

/** Imports the handlers (after the environment is set: they read it at cold start). */
export async function loadRoutes(): Promise<LocalRoute[]> {
  const [start, callback, status, webhook] = await Promise.all([
    import('../functions/handlers/authStart'),
    import('../functions/handlers/authCallback'),
    import('../functions/handlers/status'),
    import('../functions/handlers/vapiWebhook'),
  ]);
  return [
    { method: 'GET', path: '/calendar/auth/start', functionName: 'authStart', timeoutMs: 10_000, handler: start.handler as LocalRoute['handler'] },
    { method: 'GET', path: '/calendar/auth/callback', functionName: 'authCallback', timeoutMs: 10_000, handler: callback.handler as LocalRoute['handler'] },
    { method: 'GET', path: '/calendar/auth/status', functionName: 'status', timeoutMs: 10_000, handler: status.handler as LocalRoute['handler'] },
    { method: 'POST', path: '/vapi/webhook', functionName: 'vapiWebhook', timeoutMs: 18_000, handler: webhook.handler as LocalRoute['handler'] },
  ];
}
