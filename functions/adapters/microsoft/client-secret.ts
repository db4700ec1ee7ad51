/** The Entra client secret: a value, or how to read the current one each time an msal client is built. */
import { ProviderUnavailableError } from '../../domain/errors';

/**
 * A string (tests, fixed) or a reader (the module passes the shared SecretSource's, which keeps the value for
 * SECRETS_MAX_AGE_SECONDS): every msal client built after a rotation gets the new secret, with no redeploy.
 */
export type ClientSecret = string | (() => Promise<string>);

/** The secret to build an msal client with now; a read that fails is ours to fix, never the manager's grant. */
export async function currentClientSecret(secret: ClientSecret): Promise<string> {
  if (typeof secret === 'string') return secret;
  try {
    return await secret();
  } catch (error) {
    throw new ProviderUnavailableError('The Microsoft client secret could not be read', { cause: error });
  }
}
