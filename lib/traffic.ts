/**
 * The expected load, and every limit sized from it: the API Gateway throttles (lib/api.ts) and the WAF's per-address
 * rate rules (lib/waf.ts). One place, so a limit cannot drift from the reason it was given.
 */
import { PATHS } from '../functions/contract/routes';

/** VAPI's tool calls on the webhook: about 25 a second at peak, in bursts of 50 (an LLM's parallel tool calls). */
export const VAPI_LOAD = { ratePerSecond: 25, burst: 50 } as const;

/**
 * The webhook route (the stage default, which only the webhook uses): twice VAPI's load. Without an allow-list the
 * WAF lets one address send as much as VAPI itself (WEBHOOK_PER_IP_LIMIT), so one host at that cap still leaves VAPI
 * its whole rate and burst; a host sending more (the 100 junk POSTs a second of issue #10) is blocked at the edge.
 */
export const WEBHOOK_THROTTLE = {
  rateLimit: 2 * VAPI_LOAD.ratePerSecond,
  burstLimit: 2 * VAPI_LOAD.burst,
} as const;

/**
 * Each browser and operator route: a connect is about five requests (page, its POST, callback, result, a refresh),
 * a manager's page a few, an operator command one; a handful of managers a day. 1 a second with bursts of 5 lets a
 * whole connect through at once; faster is a script.
 */
export const BROWSER_ROUTE_THROTTLE = { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 5 } as const;

/** The window of the WAF's rate rules: the shortest WAF offers, so a flood is cut off (and let go) soonest. */
export const RATE_WINDOW_SECONDS = 60;

/**
 * Requests one address may send to the browser and operator paths per window: four connects a minute, a third of
 * what one route takes (60 a minute), so a curl loop is blocked long before it starves a route. The minimum is 10.
 */
export const BROWSER_PER_IP_LIMIT = 20;

/**
 * Requests one address may send to the webhook per window, when no allow-list names VAPI's addresses: VAPI's whole
 * peak rate, because its calls may all leave through one address. With the allow-list, other addresses are blocked
 * outright and VAPI's are not rate-limited (their rate is VAPI's own, and dropping one drops a caller's booking).
 */
export const WEBHOOK_PER_IP_LIMIT = VAPI_LOAD.ratePerSecond * RATE_WINDOW_SECONDS;

/** Every browser and operator path starts with this; the WAF tells them from the webhook (and anything else) by it. */
export const BROWSER_PATH_PREFIX = '/calendar/';

for (const [name, path] of Object.entries(PATHS)) {
  // A new non-webhook path outside the prefix would get the webhook's limits and, with the allow-list, be refused.
  if (name !== 'webhook' && !path.startsWith(BROWSER_PATH_PREFIX))
    throw new Error(`lib/traffic.ts: PATHS.${name} (${path}) is not under ${BROWSER_PATH_PREFIX}`);
}
if (PATHS.webhook.startsWith(BROWSER_PATH_PREFIX)) throw new Error('lib/traffic.ts: the webhook is under the prefix');
