/** Microsoft 365 as a provider module: its calendars (calendar-module.ts) and its connect-flow side (msal). */
import type { ProviderModule, ProviderShared } from '../../domain/ports';
import { MsalAuthorizationClient } from './authorization-client';
import { microsoftCalendars } from './calendar-module';
import { CLIENT_SECRET_NAME, type MicrosoftConfig } from './config';
import type { MsalLogSink } from './msal-client';

export type { MicrosoftConfig } from './config';

/** msal's own warnings (already stripped of PII by msal-client) as the product's log lines. */
function msalSink(log: ProviderShared['log']): MsalLogSink {
  return (level, message) => log.warn('msal', { level, msal: message });
}

/**
 * The registry's line for Microsoft 365. There is no `revoke`: Microsoft offers no endpoint that revokes one app's
 * delegated refresh token (revokeSignInSessions signs the user out of every app and device), so disconnecting deletes
 * the sealed cache (the refresh token in it is then unreachable); the manager may also remove the app's permissions in
 * their Microsoft account.
 */
export const microsoftModule: ProviderModule<MicrosoftConfig> = {
  id: microsoftCalendars.id,
  readConfig: microsoftCalendars.readConfig,
  async create(config, shared) {
    // Reads the client secret now (a missing one fails the cold start); msal clients read it again when built.
    const access = await microsoftCalendars.createAccess(config, shared);
    return {
      plugin: {
        id: 'microsoft',
        label: 'Microsoft 365',
        authorizeOrigin: new URL(config.loginBaseUrl ?? 'https://login.microsoftonline.com').origin,
        readsWorkingHours: true,
        authorization: new MsalAuthorizationClient({
          clientId: config.clientId,
          tenantId: config.tenantId,
          clientSecret: () => shared.secrets.get(CLIENT_SECRET_NAME),
          loginBaseUrl: config.loginBaseUrl,
          log: msalSink(shared.log),
        }),
      },
      access,
    };
  },
};
