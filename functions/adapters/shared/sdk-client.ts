/**
 * AWS SDK clients made cheaper per request without changing what they send or answer.
 * - Without the SDK's logger middleware. With no logger configured the SDK still calls its no-op logger's info() after
 *   every response, and first builds that call's argument: a copy of the whole input and output with sensitive members
 *   masked, walked against the operation's schema. For a Query of a few hundred items that is a quarter of the
 *   request's CPU time, spent on a line nobody logs. The app logs its own lines, never an SDK response.
 * - With the client's config object in V8's fast-properties mode (see withFastConfig).
 */

/** The one middleware step withoutSdkLogging removes, by the name the SDK registers it under. */
export const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

/** `client` with the SDK's logger middleware taken out of its stack. */
export function withoutSdkLogging<T extends { middlewareStack: { remove(name: string): boolean } }>(client: T): T {
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return client;
}

/** Property lookups through the probe that make V8 settle the prototype's layout (it does so once a lookup repeats). */
const PROBE_LOOKUPS = 20;

/**
 * `client` with its config object (the same object, the same properties) switched to V8's fast-properties layout.
 * The SDK copies the whole config (~50 properties) with object spread four times per request: endpoint resolution,
 * serializing, deserializing, building the signer. It builds that object by Object.assign after Object.assign, and
 * V8 keeps an object grown that way in dictionary mode, where a spread of it costs ~17 µs against ~1-2 µs for a
 * fast-mode object (measured: ~90-110 µs of a DynamoDB request's ~590 µs of SDK CPU). V8 turns an object into a
 * fast-mode one when it serves as a prototype and lookups go through it: hence the throwaway probe below. Properties
 * the SDK adds later (the signing region and name on the first request, a clock-skew offset) keep it fast. Nothing
 * observable changes; should a V8 release stop doing this, only the speed is lost (test/adapters/shared covers it).
 */
export function withFastConfig<T extends { config: object }>(client: T): T {
  const probe = Object.create(client.config) as Record<string, unknown>;
  const lookup = () => typeof probe.notAConfigKey;
  for (let i = 0; i < PROBE_LOOKUPS; i++) lookup();
  return client;
}
