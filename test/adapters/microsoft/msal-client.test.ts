/** createMsalClient: msal-node wired to our network client, our cache plugin, and a log sink that drops PII. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ICachePlugin } from '@azure/msal-node';
import { createMsalClient } from '../../../functions/adapters/microsoft/msal-client';
import { json, scriptedFetch } from './helpers';

const APP = { clientId: 'client-1', tenantId: 'tid-1', clientSecret: 'app-secret' };

describe('Function: createMsalClient', () => {
  afterEach(() => vi.restoreAllMocks());

  it("sends msal's token calls through the given fetch, to the sandbox login host", async () => {
    // Prepare
    const http = scriptedFetch(json(200, { token_type: 'Bearer', expires_in: 3599, access_token: 'at-app' }));
    const cca = createMsalClient({ ...APP, fetch: http.fetch, loginBaseUrl: 'http://localhost:3000/_sandbox/login' });
    // Act
    const result = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    // Assess
    expect(result?.accessToken).toBe('at-app');
    expect(http.requests.map((r) => `${r.method} ${r.url.origin}${r.url.pathname}`)).toEqual([
      'POST http://localhost:3000/_sandbox/login/tid-1/oauth2/v2.0/token',
    ]);
  });

  it('reads and writes its cache through the given plugin', async () => {
    // Prepare
    const cachePlugin: ICachePlugin = { beforeCacheAccess: vi.fn(async () => {}), afterCacheAccess: vi.fn() };
    const cca = createMsalClient({ ...APP, cachePlugin });
    // Act
    await cca.getTokenCache().getAllAccounts();
    // Assess
    expect(cachePlugin.beforeCacheAccess).toHaveBeenCalledTimes(1);
  });

  it("hands msal's errors and warnings to the sink by level, and nothing that contains PII", () => {
    // Prepare
    const log = vi.fn();
    const logger = createMsalClient({ ...APP, log }).getLogger();
    // Act
    logger.error('error line', 'c-1');
    logger.warning('warning line', 'c-1');
    logger.info('info line', 'c-1');
    logger.errorPii('user adele@contoso.com', 'c-1');
    // Assess
    expect(log.mock.calls).toEqual([
      ['error', expect.stringContaining('error line')],
      ['warning', expect.stringContaining('warning line')],
    ]);
  });

  it('writes to the console as one JSON line when no sink is given', () => {
    // Prepare
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const logger = createMsalClient(APP).getLogger();
    // Act
    logger.warning('warning line', 'c-1');
    // Assess
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.parse(warn.mock.calls[0]![0] as string)).toEqual({
      source: 'msal',
      level: 'warning',
      message: expect.stringContaining('warning line'),
    });
  });
});
