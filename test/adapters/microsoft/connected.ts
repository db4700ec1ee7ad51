/** A manager connected through msal-node's real code redemption (the cache msal writes), for the token source tests. */
import { vi } from 'vitest';
import { MsalAuthorizationClient } from '../../../functions/adapters/microsoft/authorization-client';
import { TokenMemory } from '../../../functions/adapters/microsoft/token-memory';
import type { TokenAppOptions } from '../../../functions/adapters/microsoft/token-refresh';
import { ManagerTokenSource } from '../../../functions/adapters/microsoft/token-source';
import { CREDENTIALS_PURPOSE as TOKEN_CACHE_PURPOSE } from '../../../functions/contract/credentials';
import { connection, memoryStore, scriptedFetch, testCipher } from './helpers';
import { tokenEndpoint, type TokenEndpointOptions } from './token-endpoint';

export const APP = { clientId: 'client-1', tenantId: 'tid-1', clientSecret: 'app-secret' };
export const deadline = () => ({ at: Date.now() + 10_000 });
export const SECRETS = /at-secret|rt-secret|app-secret/;

/** A connected manager: code redeemed against the fake endpoint, cache sealed and stored at version 1. */
export async function connected(options: TokenEndpointOptions = {}, extra: Partial<TokenAppOptions> = {}) {
  const endpoint = tokenEndpoint({ nonce: 'n', ...options });
  const http = scriptedFetch(endpoint.handle);
  const grant = await new MsalAuthorizationClient({ ...APP, fetch: http.fetch }).redeemCode(
    { code: 'c', codeVerifier: 'v'.repeat(43), nonce: 'n', redirectUri: 'https://api.example/cb' },
    deadline(),
  );
  const cipher = testCipher();
  const open = vi.spyOn(cipher, 'open');
  const row = connection({
    accountId: grant.account.accountId,
    credentials: await cipher.seal(grant.credentials, { managerId: 'mgr-1', purpose: TOKEN_CACHE_PURPOSE }),
  });
  const db = memoryStore([{ managerId: 'mgr-1', connection: row }]);
  const logger = { warn: vi.fn() };
  http.requests.length = 0;
  // One process's memory, shared by every source built here (as MicrosoftCalendarAccess shares its own).
  const memory = new TokenMemory();
  const app = { ...APP, fetch: http.fetch, ...extra };
  const source = (conn = row, managerId = 'mgr-1') =>
    new ManagerTokenSource(managerId, conn, { app, store: db.store, cipher, logger, memory });
  return { endpoint, http, cipher, open, row, db, logger, memory, source };
}
