/**
 * AWS SDK clients without the SDK's logger middleware. With no logger configured the SDK still calls its no-op
 * logger's info() after every response, and first builds that call's argument: a copy of the whole input and output
 * with sensitive members masked, walked against the operation's schema. For a Query of a few hundred items that is a
 * quarter of the request's CPU time, spent on a line nobody logs. The app logs its own lines, never an SDK response.
 */

/** The one middleware step this removes, by the name the SDK registers it under. */
export const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

/** `client` with the SDK's logger middleware taken out of its stack. */
export function withoutSdkLogging<T extends { middlewareStack: { remove(name: string): boolean } }>(client: T): T {
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return client;
}
