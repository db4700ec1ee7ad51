/**
 * Google Calendar's calendar side as a registry line (CalendarModule): its variables and its calendars over stored
 * connections. The webhook and the keeper build only this; module.ts adds the connect flow for the connect pages.
 */
import type { CalendarModule, ProviderShared } from '../../domain/ports';
import { requestMetrics } from '../shared/request-metrics';
import { GoogleCalendarAccess } from './calendar-access';
import { CLIENT_SECRET_NAME, type GoogleConfig, readGoogleConfig } from './config';
import { googleOperation, googleThrottled } from './operations';

/** The calendar access over stored connections, the client secret read when a refresh needs it. */
export function googleAccess(config: GoogleConfig, shared: ProviderShared): GoogleCalendarAccess {
  return new GoogleCalendarAccess({
    google: {
      clientId: config.clientId,
      clientSecret: () => shared.secrets.get(CLIENT_SECRET_NAME),
      oauth2BaseUrl: config.oauth2BaseUrl,
      apiBaseUrl: config.apiBaseUrl,
    },
    store: shared.connections,
    cipher: shared.cipher,
    logger: shared.log,
    clock: shared.clock,
    onRequest: shared.metrics && requestMetrics(shared.metrics, 'google', googleOperation, googleThrottled),
  });
}

/** Google Calendar for the functions that only use stored connections. */
export const googleCalendars: CalendarModule<GoogleConfig> = {
  id: 'google',
  readConfig: readGoogleConfig,
  async createAccess(config, shared) {
    // Fetched now where it is given, so a missing secret fails the cold start rather than a refresh.
    if (config.hasSecret) await shared.secrets.get(CLIENT_SECRET_NAME);
    return googleAccess(config, shared);
  },
};
