/** Microsoft 365 adapters: msal-node for OAuth and tokens, Microsoft Graph over fetch for the calendars. */
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
export { ManagerTokenSource, type TokenSourceDeps } from './token-source';
