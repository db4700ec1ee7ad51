/**
 * Microsoft 365's calendar side as a registry line (CalendarModule): its variables and its calendars (Graph, tokens
 * read from the stored msal cache without msal). The webhook and the keeper build only this; module.ts adds the
 * connect flow (msal) for authStart and authCallback.
 */
import type { CalendarModule } from '../../domain/ports';
import { requestMetrics } from '../shared/request-metrics';
import { MicrosoftCalendarAccess } from './calendar-access';
import { CLIENT_SECRET_NAME, type MicrosoftConfig, readMicrosoftConfig } from './config';
import { microsoftOperation } from './operations';

/** Microsoft 365 for the functions that only use stored connections. */
export const microsoftCalendars: CalendarModule<MicrosoftConfig> = {
  id: 'microsoft',
  readConfig: readMicrosoftConfig,
  async createAccess(config, shared) {
    // Read now, so a missing secret fails the cold start rather than a call; then again at each refresh (the source
    // keeps it for SECRETS_MAX_AGE_SECONDS), so a rotated secret is used without a deploy.
    await shared.secrets.get(CLIENT_SECRET_NAME);
    return new MicrosoftCalendarAccess({
      microsoft: {
        clientId: config.clientId,
        tenantId: config.tenantId,
        clientSecret: () => shared.secrets.get(CLIENT_SECRET_NAME),
        loginBaseUrl: config.loginBaseUrl,
        graphBaseUrl: config.graphBaseUrl,
      },
      store: shared.connections,
      cipher: shared.cipher,
      logger: shared.log,
      clock: shared.clock,
      onRequest: shared.metrics && requestMetrics(shared.metrics, 'microsoft', microsoftOperation),
    });
  },
};
