/** Microsoft 365 as a provider module: its variables, its connect-flow side (msal) and its calendars (Graph). */
import type { ProviderModule, ProviderShared } from '../../domain/ports';
import { requestMetrics } from '../shared/request-metrics';
import { MsalAuthorizationClient } from './authorization-client';
import { MicrosoftCalendarAccess } from './calendar-access';
import { CLIENT_SECRET_NAME, type MicrosoftConfig, readMicrosoftConfig } from './config';
import type { MsalLogSink } from './msal-client';
import { microsoftOperation } from './operations';

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
  id: 'microsoft',
  readConfig: readMicrosoftConfig,
  async create(config, shared) {
    // Read now, so a missing secret fails the cold start rather than a call; then read again each time an msal
    // client is built (the source keeps it for SECRETS_MAX_AGE_SECONDS), so a rotated secret is used without a deploy.
    await shared.secrets.get(CLIENT_SECRET_NAME);
    const clientSecret = () => shared.secrets.get(CLIENT_SECRET_NAME);
    const app = {
      clientId: config.clientId,
      tenantId: config.tenantId,
      clientSecret,
      loginBaseUrl: config.loginBaseUrl,
    };
    const msalLog = msalSink(shared.log);
    return {
      plugin: {
        id: 'microsoft',
        label: 'Microsoft 365',
        authorizeOrigin: new URL(config.loginBaseUrl ?? 'https://login.microsoftonline.com').origin,
        readsWorkingHours: true,
        authorization: new MsalAuthorizationClient({ ...app, log: msalLog }),
      },
      access: new MicrosoftCalendarAccess({
        microsoft: { ...app, graphBaseUrl: config.graphBaseUrl },
        store: shared.connections,
        cipher: shared.cipher,
        logger: shared.log,
        msalLog,
        clock: shared.clock,
        onRequest: shared.metrics && requestMetrics(shared.metrics, 'microsoft', microsoftOperation),
      }),
    };
  },
};
