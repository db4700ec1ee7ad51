/** The stack's four routes, bound to the same handler modules the CDK stack bundles. */
import { pathToFileURL } from 'node:url';
import { DEFAULT_TIMEOUT_SECONDS, WEBHOOK_TIMEOUT_SECONDS } from '../functions/contract/timeouts';
import type { LocalRoute } from './server';

export type HandlerName = 'authStart' | 'authCallback' | 'status' | 'vapiWebhook';

type HandlerModule = { handler: LocalRoute['handler'] };

const SOURCES: Record<HandlerName, () => Promise<unknown>> = {
  authStart: () => import('../functions/handlers/authStart'),
  authCallback: () => import('../functions/handlers/authCallback'),
  status: () => import('../functions/handlers/status'),
  vapiWebhook: () => import('../functions/handlers/vapiWebhook'),
};

/**
 * Imports the handlers (after the environment is set: they read it at cold start). `bundles` maps a handler to a
 * bundled file (the esbuild output the stack deploys) to run that instead of the TypeScript source.
 */
export async function loadRoutes(bundles: Partial<Record<HandlerName, string>> = {}): Promise<LocalRoute[]> {
  const load = async (name: HandlerName) => {
    const file = bundles[name];
    const module = (file ? await import(pathToFileURL(file).href) : await SOURCES[name]()) as HandlerModule;
    return module.handler;
  };
  const [start, callback, status, webhook] = await Promise.all(
    (['authStart', 'authCallback', 'status', 'vapiWebhook'] as const).map(load),
  );
  const [short, webhookMs] = [DEFAULT_TIMEOUT_SECONDS * 1000, WEBHOOK_TIMEOUT_SECONDS * 1000];
  return [
    { method: 'GET', path: '/calendar/auth/start', functionName: 'authStart', timeoutMs: short, handler: start! },
    {
      method: 'GET',
      path: '/calendar/auth/callback',
      functionName: 'authCallback',
      timeoutMs: short,
      handler: callback!,
    },
    { method: 'GET', path: '/calendar/auth/status', functionName: 'status', timeoutMs: short, handler: status! },
    { method: 'POST', path: '/vapi/webhook', functionName: 'vapiWebhook', timeoutMs: webhookMs, handler: webhook! },
  ];
}
