/**
 * authCallback's log lines: the INFO of a connected calendar (manager, provider) and the code of a refused sign-in
 * (the provider's redirect with `error`), over DynamoDB Local and the Microsoft emulator.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MicrosoftEmulator } from '../../local/sandbox/microsoft';
import { captureOutput } from '../integration/log-capture';
import { useDynamoTables } from '../support/dynamo';
import { cookiePairs, formOf, inviteFor, invitePage, submitEvent } from './connect-support';
import { coldStart, httpEvent } from './invoke';
import { microsoftConnect } from './microsoft-connect';

let emulator: MicrosoftEmulator;
let closeEmulator: () => Promise<void>;
let env: Record<string, string>;

beforeAll(async () => {
  ({ emulator, env, close: closeEmulator } = await microsoftConnect(await useDynamoTables()));
});
afterAll(() => closeEmulator?.());
afterEach(() => vi.unstubAllEnvs());

/** A connect of `managerId` started through the invite page's "Microsoft 365" button. */
async function startedConnect(managerId: string) {
  const { authStart, authCallback } = await coldStart(['authStart', 'authCallback'], env);
  const page = await authStart(invitePage(inviteFor(managerId)));
  const start = await authStart(submitEvent(formOf(page, 'Microsoft 365'), 'Microsoft 365', cookiePairs(page)));
  const authorizeUrl = String(start.headers!.location);
  const state = new URL(authorizeUrl).searchParams.get('state')!;
  const callback = (query: Record<string, string>) =>
    authCallback(httpEvent('auth-callback-get', { query: { state, ...query }, cookies: [cookiePairs(start)[0]!] }));
  return { authorizeUrl, callback };
}

describe('Handler: authCallback (log lines)', () => {
  it('logs the connected calendar with its manager and provider', async () => {
    // Prepare
    const { authorizeUrl, callback } = await startedConnect('log-ok');
    const code = new URL(await emulator.consent(authorizeUrl)).searchParams.get('code')!;
    const logs = captureOutput();

    // Act
    const res = await callback({ code }).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(303);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'calendar connected',
        managerId: 'log-ok',
        provider: 'microsoft',
      }),
    );
  });

  it("logs a sign-in the manager refused at the provider with the code 'denied'", async () => {
    // Prepare
    const { callback } = await startedConnect('log-denied');
    const logs = captureOutput();

    // Act
    const res = await callback({ error: 'access_denied' }).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(303);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ message: 'connect not finished', status: 400, code: 'denied' }),
    );
  });
});
