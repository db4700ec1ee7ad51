/** The stack's routes (functions/contract/routes.ts), bound to the same handler modules the CDK stack bundles. */
import { pathToFileURL } from 'node:url';
import { type FunctionName, ROUTE_SPECS } from '../functions/contract/routes';
import { DEFAULT_TIMEOUT_SECONDS, WEBHOOK_TIMEOUT_SECONDS } from '../functions/contract/timeouts';
import type { LocalRoute } from './server';

export type HandlerName = FunctionName;

type HandlerModule = { handler: LocalRoute['handler'] };

const SOURCES: Record<HandlerName, () => Promise<unknown>> = {
  authStart: () => import('../functions/handlers/authStart'),
  authCallback: () => import('../functions/handlers/authCallback'),
  status: () => import('../functions/handlers/status'),
  vapiWebhook: () => import('../functions/handlers/vapiWebhook'),
};

const TIMEOUT_MS: Record<HandlerName, number> = {
  authStart: DEFAULT_TIMEOUT_SECONDS * 1000,
  authCallback: DEFAULT_TIMEOUT_SECONDS * 1000,
  status: DEFAULT_TIMEOUT_SECONDS * 1000,
  vapiWebhook: WEBHOOK_TIMEOUT_SECONDS * 1000,
};

/**
 * Imports the handlers (after the environment is set: they read it at cold start). `bundles` maps a handler to a
 * bundled file (the esbuild output the stack deploys) to run that instead of the TypeScript source.
 */
export async function loadRoutes(bundles: Partial<Record<HandlerName, string>> = {}): Promise<LocalRoute[]> {
  const names = Object.keys(SOURCES) as HandlerName[];
  const loaded = await Promise.all(
    names.map(async (name) => {
      const file = bundles[name];
      const module = (file ? await import(pathToFileURL(file).href) : await SOURCES[name]()) as HandlerModule;
      return [name, module.handler] as const;
    }),
  );
  const handlers = Object.fromEntries(loaded) as Record<HandlerName, LocalRoute['handler']>;
  return ROUTE_SPECS.map((spec) => ({
    method: spec.method,
    path: spec.path,
    functionName: spec.function,
    timeoutMs: TIMEOUT_MS[spec.function],
    handler: handlers[spec.function],
  }));
}
