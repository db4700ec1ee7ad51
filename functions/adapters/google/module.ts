/** Google Calendar as a provider module: its variables, its connect-flow side and its calendars (all over fetch). */
import type { ProviderModule } from '../../domain/ports';
import { GoogleAuthorizationClient } from './authorization-client';
import { googleAccess } from './calendar-module';
import { CLIENT_SECRET_NAME, type GoogleConfig, readGoogleConfig } from './config';
import { parseCredentials } from './credentials';
import { GoogleTokenEndpoint } from './token-endpoint';

export type { GoogleConfig } from './config';

/**
 * The registry's line for Google Calendar. Google has no working-hours API (the zone comes from the primary
 * calendar), so hours come from the manager's settings. Disconnecting revokes the refresh token, which ends the grant.
 */
export const googleModule: ProviderModule<GoogleConfig> = {
  id: 'google',
  readConfig: readGoogleConfig,
  async create(config, shared) {
    // Used when a code is exchanged or a token refreshed: the functions that only authorize or revoke are deployed
    // without it. Where it is given, it is fetched now, so a callback never consumes a state it then cannot redeem;
    // later uses get it from the SecretSource, which re-reads it after SECRETS_MAX_AGE_SECONDS (a rotation lands).
    const clientSecret = () => shared.secrets.get(CLIENT_SECRET_NAME);
    if (config.hasSecret) await clientSecret();
    const app = { clientId: config.clientId, clientSecret, clock: shared.clock };
    const endpoint = new GoogleTokenEndpoint({ ...app, oauth2BaseUrl: config.oauth2BaseUrl });
    return {
      plugin: {
        id: 'google',
        label: 'Google Calendar',
        authorizeOrigin: new URL(config.accountsBaseUrl).origin,
        readsWorkingHours: false,
        authorization: new GoogleAuthorizationClient({ ...app, ...config }),
        revoke: (credentials, deadline) => endpoint.revoke(parseCredentials(credentials).refreshToken, deadline),
      },
      access: googleAccess(config, shared),
    };
  },
};
