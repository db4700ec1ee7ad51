/** A manager signed in through the Microsoft emulator as the connect pages do it: authorize, consent, redeem. */
import { CryptoProvider } from '@azure/msal-node';
import {
  type MicrosoftAppOptions,
  MsalAuthorizationClient,
} from '../../../functions/adapters/microsoft/authorization-client';
import type { MicrosoftEmulator } from '../../../local/sandbox/microsoft/emulator';

/** The grant msal redeems for the emulator's consent (its credentials are the cache the connection stores). */
export async function signInThroughEmulator(
  emulator: MicrosoftEmulator,
  baseUrl: string,
  app: Omit<MicrosoftAppOptions, 'loginBaseUrl'>,
  redirectUri: string,
) {
  const auth = new MsalAuthorizationClient({ ...app, loginBaseUrl: `${baseUrl}/login` });
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const url = await auth.buildAuthorizeUrl({ state: 's', codeChallenge: challenge, nonce: 'n', redirectUri });
  const code = new URL(await emulator.consent(url)).searchParams.get('code')!;
  return auth.redeemCode({ code, codeVerifier: verifier, nonce: 'n', redirectUri }, { at: Date.now() + 10_000 });
}
