/** The Google provider's own variables: the OAuth client, and three endpoint roots (sandbox and test overrides). */
import { ConfigError, type Env, gather } from '../../contract/env';
import { endpointUrl } from '../shared/config-url';

/** The OAuth client and endpoint roots. The client secret is not here: it comes through ProviderShared.secrets. */
export interface GoogleConfig {
  clientId: string;
  /** The browser's sign-in host; the authorize page is `${accountsBaseUrl}/o/oauth2/v2/auth`. */
  accountsBaseUrl: string;
  /** `${oauth2BaseUrl}/token` and `${oauth2BaseUrl}/revoke`. */
  oauth2BaseUrl: string;
  /** Calendar at `${apiBaseUrl}/calendar/v3`, the id_token signing keys at `${apiBaseUrl}/oauth2/v3/certs`. */
  apiBaseUrl: string;
  /** Whether this function is given the client secret (GOOGLE_CLIENT_SECRET or _ARN): then it is read at cold start. */
  hasSecret: boolean;
}

/** The secret's name for SecretSource: configured as GOOGLE_CLIENT_SECRET, or GOOGLE_CLIENT_SECRET_ARN. */
export const CLIENT_SECRET_NAME = 'googleClientSecret';

export const GOOGLE_ACCOUNTS = 'https://accounts.google.com';
export const GOOGLE_OAUTH2 = 'https://oauth2.googleapis.com';
export const GOOGLE_API = 'https://www.googleapis.com';

const SECRET = 'GOOGLE_CLIENT_SECRET';
const ACCOUNTS = 'GOOGLE_ACCOUNTS_BASE_URL';
const OAUTH2 = 'GOOGLE_OAUTH2_BASE_URL';
const API = 'GOOGLE_API_BASE_URL';
const OWN = ['GOOGLE_CLIENT_ID', SECRET, `${SECRET}_ARN`, ACCOUNTS, OAUTH2, API];

const set = (env: Env, name: string) => !!env[name]?.trim();

/**
 * The Google configuration, or undefined when the deployment does not offer Google Calendar (none of its variables
 * set). The secret is not required here: it is read where it is used (code exchange, refresh), so a function that
 * only sends managers to Google's sign-in or revokes grants runs with the client id alone. A secret without a client
 * id, or a bad URL, is a ConfigError naming the variable (npm start checks the id and secret as a pair).
 */
export function readGoogleConfig(env: Env): GoogleConfig | undefined {
  if (!OWN.some((name) => set(env, name))) return undefined;
  return gather<GoogleConfig>({
    clientId: () => {
      const id = env.GOOGLE_CLIENT_ID?.trim();
      if (!id) throw new ConfigError('GOOGLE_CLIENT_ID environment variable is not set');
      return id;
    },
    accountsBaseUrl: () => endpointUrl(env, ACCOUNTS, GOOGLE_ACCOUNTS)!,
    oauth2BaseUrl: () => endpointUrl(env, OAUTH2, GOOGLE_OAUTH2)!,
    apiBaseUrl: () => endpointUrl(env, API, GOOGLE_API)!,
    hasSecret: () => set(env, SECRET) || set(env, `${SECRET}_ARN`),
  });
}
