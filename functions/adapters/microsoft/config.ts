/** The Microsoft provider's own variables: the Entra app registration and the two endpoints (sandbox overrides). */
import { ConfigError, type Env, gather } from '../../contract/env';
import { endpointUrl } from '../shared/config-url';

/** The app registration and endpoints. The client secret is not here: it comes through ProviderShared.secrets. */
export interface MicrosoftConfig {
  clientId: string;
  /** A directory id, a verified domain, or common / organizations / consumers. */
  tenantId: string;
  /** Sandbox only: replaces https://login.microsoftonline.com for msal's network calls and the browser redirect. */
  loginBaseUrl?: string;
  graphBaseUrl: string;
}

/** The secret's name for SecretSource: configured as MICROSOFT_CLIENT_SECRET, or MICROSOFT_CLIENT_SECRET_ARN. */
export const CLIENT_SECRET_NAME = 'microsoftClientSecret';

const SECRET = 'MICROSOFT_CLIENT_SECRET';
const OWN = [
  'MICROSOFT_CLIENT_ID',
  SECRET,
  `${SECRET}_ARN`,
  'MICROSOFT_TENANT_ID',
  'MICROSOFT_LOGIN_BASE_URL',
  'GRAPH_BASE_URL',
];
const GRAPH = 'https://graph.microsoft.com/v1.0';

const set = (env: Env, name: string) => !!env[name]?.trim();

function tenant(env: Env): string {
  const raw = env.MICROSOFT_TENANT_ID?.trim() || 'common';
  if (/^[A-Za-z0-9][A-Za-z0-9.-]{0,253}$/.test(raw)) return raw;
  throw new ConfigError(`MICROSOFT_TENANT_ID must be a directory id, a domain or "common", got "${raw}"`);
}

/**
 * The Microsoft configuration, or undefined when the deployment does not offer Microsoft 365 (none of its variables
 * set). A client id without a secret (or the reverse), a bad URL or tenant is a ConfigError naming the variable.
 */
export function readMicrosoftConfig(env: Env): MicrosoftConfig | undefined {
  if (!OWN.some((name) => set(env, name))) return undefined;
  return gather<MicrosoftConfig>({
    clientId: () => {
      const id = env.MICROSOFT_CLIENT_ID?.trim();
      if (!id) throw new ConfigError('MICROSOFT_CLIENT_ID environment variable is not set');
      if (!set(env, SECRET) && !set(env, `${SECRET}_ARN`)) {
        throw new ConfigError(`${SECRET} (or ${SECRET}_ARN) environment variable is not set`);
      }
      return id;
    },
    tenantId: () => tenant(env),
    loginBaseUrl: () => endpointUrl(env, 'MICROSOFT_LOGIN_BASE_URL'),
    graphBaseUrl: () => endpointUrl(env, 'GRAPH_BASE_URL', GRAPH)!,
  });
}
