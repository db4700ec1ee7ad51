/**
 * Microsoft 365 adapters: msal-node for the connect flow (authorization code), tokens read and refreshed from the
 * stored msal cache without msal (token-source.ts), Microsoft Graph over fetch for the calendars.
 */
export { MsalAuthorizationClient, type MicrosoftAppOptions } from './authorization-client';
export {
  MicrosoftCalendarAccess,
  type MicrosoftCalendarAccessDeps,
  type ProviderRequestEvent,
} from './calendar-access';
export { CLIENT_SECRET_NAME, readMicrosoftConfig, type MicrosoftConfig } from './config';
export { GraphCalendar } from './graph-calendar';
export {
  GraphClient,
  type AccessTokenSource,
  type GraphClientOptions,
  type GraphRequest,
  type GraphRequestEvent,
} from './graph-client';
export { DuplicateTransactionError } from './graph-errors';
export { microsoftCalendars } from './calendar-module';
export { microsoftModule } from './module';
export {
  AUTHORIZE_SCOPES,
  GRAPH_SCOPES,
  createMsalClient,
  type MsalClientOptions,
  type MsalLogSink,
} from './msal-client';
export { MsalNetworkClient, type LoginRequestEvent } from './network-client';
export { DEFAULT_RETRY, type RetryPolicy } from '../shared/retry';
export { missingScopes } from './scopes';
export { RENEWAL_OFFSET_MS, TokenMemory } from './token-memory';
export { redeemRefreshToken, REFRESH_SCOPES, type TokenAppOptions } from './token-refresh';
export { ManagerTokenSource, type TokenSourceDeps } from './token-source';
