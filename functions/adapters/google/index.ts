/** Google Calendar adapters: OAuth and Calendar v3 over plain fetch (no Google client libraries). */
export { GoogleAuthorizationClient, type GoogleAppOptions } from './authorization-client';
export { GoogleCalendarAccess, type GoogleCalendarAccessDeps, type GoogleRequestEvent } from './calendar-access';
export { CalendarClient, type CalendarClientOptions, type CalendarRequest } from './calendar-client';
export { CalendarApiError } from './calendar-errors';
export { CLIENT_SECRET_NAME, readGoogleConfig, type GoogleConfig } from './config';
export { parseCredentials, serializeCredentials, type GoogleCredentials } from './credentials';
export { eventIdFor } from './event-body';
export { GoogleCalendar } from './google-calendar';
export type { RoundTrip } from '../shared/http-retry';
export { GOOGLE_ISSUERS, verifyIdToken } from './id-token';
export { JwksCache } from './jwks';
export { googleModule } from './module';
export { AUTHORIZE_SCOPES, REQUIRED_SCOPES, missingScopes } from './scopes';
export { GoogleTokenEndpoint, type TokenResponse } from './token-endpoint';
export { GoogleTokenSource, type AccessTokenSource, type GoogleTokenSourceDeps } from './token-source';
