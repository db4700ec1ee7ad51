/** Which manager a VAPI call books for: routes from trusted call context (phone number, assistant), and a default. */
import { isManagerId } from './booking-rules';
import { ConfigError, gather, type Env } from './env';

export interface RoutingConfig {
  defaultManagerId: string;
  /** VAPI phoneNumberId or assistantId → managerId. */
  routes: Record<string, string>;
}

const ROUTES_FORM = 'a JSON object of VAPI phoneNumberId/assistantId → manager id, e.g. {"<phoneNumberId>":"pat"}';

/** A manager id named by configuration, or a ConfigError naming the variable. */
function managerIdIn(name: string, id: string): string {
  if (isManagerId(id)) return id;
  throw new ConfigError(`${name} must hold manager ids of 1-128 letters, digits and . _ @ + -, got "${id}"`);
}

/** Which manager's calendar a VAPI call books on, from trusted call context only. */
export function readRouting(env: Env): RoutingConfig {
  const raw = env.VAPI_ROUTES?.trim() || '{}';
  let routes: unknown;
  try {
    routes = JSON.parse(raw);
  } catch {
    routes = undefined;
  }
  const entries = routes && typeof routes === 'object' && !Array.isArray(routes) ? Object.entries(routes) : undefined;
  if (!entries?.every(([, v]) => typeof v === 'string' && v)) {
    throw new ConfigError(`VAPI_ROUTES must be ${ROUTES_FORM}, got "${raw}"`);
  }
  return gather<RoutingConfig>({
    defaultManagerId: () => managerIdIn('DEFAULT_MANAGER_ID', env.DEFAULT_MANAGER_ID?.trim() || 'demo-manager'),
    // A null-prototype map: a route id such as "__proto__" stays an ordinary key.
    routes: () =>
      Object.assign(
        Object.create(null) as Record<string, string>,
        Object.fromEntries(entries.map(([id, manager]) => [id, managerIdIn('VAPI_ROUTES', manager as string)])),
      ),
  });
}
