/** Builds msal-node ConfidentialClientApplications: real authority, our network client, a logger without PII. */
import { ConfidentialClientApplication, LogLevel, type ICachePlugin, type INetworkModule } from '@azure/msal-node';
import { MICROSOFT_LOGIN, MsalNetworkClient } from './network-client';
import type { HttpFetch } from '../shared/https-transport';

export { AUTHORIZE_SCOPES, GRAPH_SCOPES } from './scopes';

/** Where msal's warnings go (already stripped of PII-bearing messages). */
export type MsalLogSink = (level: 'error' | 'warning', message: string) => void;

export interface MsalClientOptions {
  clientId: string;
  tenantId: string;
  clientSecret: string;
  /** Sandbox/tests only: replaces https://login.microsoftonline.com for msal's calls. */
  loginBaseUrl?: string;
  cachePlugin?: ICachePlugin;
  /** Per-request timeout for the default network client. */
  timeoutMs?: number;
  fetch?: HttpFetch;
  /** Overrides the network client (the token source passes one bound to its deadline). */
  networkClient?: INetworkModule;
  log?: MsalLogSink;
}

const defaultSink: MsalLogSink = (level, message) => console.warn(JSON.stringify({ source: 'msal', level, message }));

/** A ConfidentialClientApplication on the real authority (hard-coded metadata: no discovery round trips). */
export function createMsalClient(options: MsalClientOptions): ConfidentialClientApplication {
  const sink = options.log ?? defaultSink;
  return new ConfidentialClientApplication({
    // The authority stays the real https host even in the sandbox: msal refuses http authorities and would
    // run instance discovery against Microsoft for any other host. The network client rewrites instead.
    auth: {
      clientId: options.clientId,
      authority: `${MICROSOFT_LOGIN}/${options.tenantId}`,
      clientSecret: options.clientSecret,
    },
    cache: options.cachePlugin ? { cachePlugin: options.cachePlugin } : undefined,
    system: {
      networkClient:
        options.networkClient ??
        new MsalNetworkClient({
          fetch: options.fetch,
          loginBaseUrl: options.loginBaseUrl,
          timeoutMs: options.timeoutMs,
        }),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii) return;
          if (level === LogLevel.Error) sink('error', message);
          else if (level === LogLevel.Warning) sink('warning', message);
        },
      },
    },
  });
}
