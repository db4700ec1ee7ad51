/** Each offered provider's app id (and tenant) and client secret on a function, given together. */
import type { AppFunction } from './constructs/app-function';
import type { AppSecrets } from './secrets';
import type { BookingStackConfig } from './stack-config';

/**
 * Gives `fn` the variables and secret grants of every offered provider. `exchanges` false: the Google client id
 * only (sending a manager to sign-in, revoking); true where codes are exchanged or tokens refreshed.
 */
export function withProviderApps(
  fn: AppFunction,
  config: BookingStackConfig,
  secrets: AppSecrets,
  exchanges = true,
): AppFunction {
  if (config.microsoft && secrets.microsoftClientSecret) {
    fn.addEnvironment('MICROSOFT_CLIENT_ID', config.microsoft.clientId);
    fn.addEnvironment('MICROSOFT_TENANT_ID', config.microsoft.tenantId);
    fn.useSecret('MICROSOFT_CLIENT_SECRET', secrets.microsoftClientSecret);
  }
  if (config.google && secrets.googleClientSecret) {
    fn.addEnvironment('GOOGLE_CLIENT_ID', config.google.clientId);
    if (exchanges) fn.useSecret('GOOGLE_CLIENT_SECRET', secrets.googleClientSecret);
  }
  return fn;
}
