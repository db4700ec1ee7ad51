/** CalendarAccess for Google: a GoogleCalendar per connection, with a token source and client of its own. */
import type { CalendarAccess, CalendarConnection, Cipher, Clock, ConnectionStore, Log } from '../../domain/ports';
import type { RetryPolicy } from '../shared/retry';
import { CalendarClient } from './calendar-client';
import { GoogleCalendar } from './google-calendar';
import type { RoundTrip } from '../shared/http-retry';
import { type ClientSecret, GoogleTokenEndpoint } from './token-endpoint';
import { GoogleTokenSource } from './token-source';
import type { HttpFetch } from '../shared/https-transport';

/** A provider round trip: Calendar v3, or Google's OAuth endpoints (token, revoke, signing keys). */
export type GoogleRequestEvent = RoundTrip & { service: 'google-calendar' | 'google-token' };

export interface GoogleCalendarAccessDeps {
  google: { clientId: string; clientSecret: ClientSecret; oauth2BaseUrl: string; apiBaseUrl: string };
  store: ConnectionStore;
  cipher: Cipher;
  fetch?: HttpFetch;
  /** Called after every round trip (benchmarks count them; logs time them). */
  onRequest?: (event: GoogleRequestEvent) => void;
  logger?: Log;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  clock?: Clock;
}

/** Opens managers' Google calendars. Call open once per connection and invocation: it owns that token state. */
export class GoogleCalendarAccess implements CalendarAccess {
  constructor(private readonly deps: GoogleCalendarAccessDeps) {}

  /** The connection's calendars (nothing shared across connections or invocations). */
  open(managerId: string, connection: CalendarConnection): GoogleCalendar {
    const { google, store, cipher, fetch, onRequest, logger, retry, sleep, random, clock } = this.deps;
    const transport = { fetch, retry, sleep, random, clock };
    const endpoint = new GoogleTokenEndpoint({
      ...transport,
      clientId: google.clientId,
      clientSecret: google.clientSecret,
      oauth2BaseUrl: google.oauth2BaseUrl,
      onRequest: onRequest && ((event) => onRequest({ ...event, service: 'google-token' })),
    });
    const tokens = new GoogleTokenSource(managerId, connection, { endpoint, store, cipher, logger, clock });
    const client = new CalendarClient({
      ...transport,
      baseUrl: `${google.apiBaseUrl.replace(/\/+$/, '')}/calendar/v3`,
      tokens,
      log: logger,
      onRequest: onRequest && ((event) => onRequest({ ...event, service: 'google-calendar' })),
    });
    const account = {
      accountId: connection.accountId,
      email: connection.account,
      ...(connection.displayName ? { name: connection.displayName } : {}),
    };
    return new GoogleCalendar(client, account, logger);
  }
}
