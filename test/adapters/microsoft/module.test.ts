import { describe, expect, it, type Mock, vi } from 'vitest';
import type { MsalClientOptions } from '../../../functions/adapters/microsoft/msal-client';
import { microsoftModule } from '../../../functions/adapters/microsoft/module';
import { ConfigError } from '../../../functions/contract/env';
import type { ProviderShared } from '../../../functions/domain/ports';
import { connection, memoryStore, testCipher } from './helpers';

// Keeps the options of every msal client built, so a test can reach the log sink the module hands msal.
const built = vi.hoisted(() => [] as MsalClientOptions[]);
vi.mock('../../../functions/adapters/microsoft/msal-client', async (original) => {
  const real = await original<typeof import('../../../functions/adapters/microsoft/msal-client')>();
  return {
    ...real,
    createMsalClient: (options: MsalClientOptions) => {
      built.push(options);
      return real.createMsalClient(options);
    },
  };
});

const ENV = { MICROSOFT_CLIENT_ID: 'client-1', MICROSOFT_CLIENT_SECRET: 'app-secret' };

type LogSpy = Mock<ProviderShared['log']['warn']>;

function shared(): ProviderShared & {
  secrets: { get: ReturnType<typeof vi.fn> };
  log: { warn: LogSpy; error: LogSpy };
} {
  return {
    connections: memoryStore().store,
    cipher: testCipher(),
    secrets: { get: vi.fn(async () => 'app-secret') },
    log: { warn: vi.fn<ProviderShared['log']['warn']>(), error: vi.fn<ProviderShared['log']['warn']>() },
    clock: () => Date.UTC(2026, 2, 15),
  };
}

describe('Module: microsoftModule', () => {
  describe('Method: readConfig', () => {
    it('offers nothing when none of its variables is set', () => {
      // Act & Assess
      expect(microsoftModule.readConfig({ PORT: '3000' })).toBeUndefined();
    });

    it('reads the app with the common tenant and Graph v1.0 by default', () => {
      // Act
      const config = microsoftModule.readConfig(ENV);
      // Assess
      expect(config).toEqual({
        clientId: 'client-1',
        tenantId: 'common',
        loginBaseUrl: undefined,
        graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      });
    });

    it('takes the sandbox endpoints without their trailing slashes, and a secret given by ARN', () => {
      // Act
      const config = microsoftModule.readConfig({
        MICROSOFT_CLIENT_ID: 'client-1',
        MICROSOFT_CLIENT_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:ms',
        MICROSOFT_TENANT_ID: 'contoso.onmicrosoft.com',
        MICROSOFT_LOGIN_BASE_URL: 'http://localhost:3000/_sandbox/login/',
        GRAPH_BASE_URL: 'http://localhost:3000/_sandbox/graph/v1.0/',
      });
      // Assess
      expect(config).toEqual({
        clientId: 'client-1',
        tenantId: 'contoso.onmicrosoft.com',
        loginBaseUrl: 'http://localhost:3000/_sandbox/login',
        graphBaseUrl: 'http://localhost:3000/_sandbox/graph/v1.0',
      });
    });

    it('trims the client id and tenant, and counts a variable of blanks as unset', () => {
      // Act
      const config = microsoftModule.readConfig({
        ...ENV,
        MICROSOFT_CLIENT_ID: ' client-1 ',
        MICROSOFT_TENANT_ID: ' tid-1 ',
      });
      const blank = microsoftModule.readConfig({ MICROSOFT_TENANT_ID: '  ', GRAPH_BASE_URL: ' ' });
      // Assess
      expect(config).toMatchObject({ clientId: 'client-1', tenantId: 'tid-1' });
      expect(blank).toBeUndefined();
    });

    it.each([
      [{ MICROSOFT_CLIENT_ID: 'client-1' }, /MICROSOFT_CLIENT_SECRET \(or MICROSOFT_CLIENT_SECRET_ARN\)/],
      [{ MICROSOFT_CLIENT_SECRET: 'app-secret' }, /MICROSOFT_CLIENT_ID/],
      [{ ...ENV, GRAPH_BASE_URL: 'graph.microsoft.com' }, /GRAPH_BASE_URL must be an http\(s\) URL/],
      [{ ...ENV, MICROSOFT_TENANT_ID: 'a b' }, /MICROSOFT_TENANT_ID must be/],
    ])('names the variable that is wrong in %j', (env, message) => {
      // Act
      const reading = () => microsoftModule.readConfig(env);
      // Assess
      expect(reading).toThrow(ConfigError);
      expect(reading).toThrow(message);
    });

    it('reports every bad variable at once', () => {
      // Act
      const error = (() => {
        try {
          microsoftModule.readConfig({ ...ENV, GRAPH_BASE_URL: 'x', MICROSOFT_LOGIN_BASE_URL: 'y' });
        } catch (e) {
          return e as ConfigError;
        }
      })();
      // Assess
      expect(error?.problems).toHaveLength(2);
    });
  });

  describe('Method: create', () => {
    it('builds the Microsoft 365 plugin and calendar access, secret from the shared source, no revoke', async () => {
      // Prepare
      const deps = shared();
      const config = microsoftModule.readConfig({ ...ENV, MICROSOFT_TENANT_ID: 'tid-1' })!;
      // Act
      const adapter = await microsoftModule.create(config, deps);
      const url = new URL(
        await adapter.plugin.authorization.buildAuthorizeUrl({
          state: 's',
          codeChallenge: 'c'.repeat(43),
          nonce: 'n',
          redirectUri: 'https://api.example/cb',
        }),
      );
      // Assess
      expect(deps.secrets.get).toHaveBeenCalledWith('microsoftClientSecret');
      expect(adapter.plugin).toMatchObject({ id: 'microsoft', label: 'Microsoft 365', readsWorkingHours: true });
      expect(adapter.plugin.revoke).toBeUndefined();
      expect(microsoftModule.id).toBe('microsoft');
      expect(`${url.origin}${url.pathname}`).toBe('https://login.microsoftonline.com/tid-1/oauth2/v2.0/authorize');
      expect(url.searchParams.get('client_id')).toBe('client-1');
      expect(adapter.plugin.authorization.missingScopes(['User.Read'])).toEqual([
        'Calendars.ReadWrite',
        'MailboxSettings.Read',
        'offline_access',
      ]);
      expect(typeof adapter.access.open('mgr-1', connection()).listCalendars).toBe('function');
    });

    it("writes msal's own warnings and errors as warn lines of the shared log, keeping msal's level", async () => {
      // Prepare
      const deps = shared();
      const adapter = await microsoftModule.create(microsoftModule.readConfig(ENV)!, deps);
      built.length = 0;
      const input = { state: 's', codeChallenge: 'c'.repeat(43), nonce: 'n', redirectUri: 'https://api.example/cb' };
      await adapter.plugin.authorization.buildAuthorizeUrl(input);
      // Act
      built[0]!.log!('error', 'token endpoint unreachable');
      built[0]!.log!('warning', 'clock skew');
      // Assess
      expect(built).toHaveLength(1);
      expect(deps.log.warn.mock.calls).toEqual([
        ['msal', { level: 'error', msal: 'token endpoint unreachable' }],
        ['msal', { level: 'warning', msal: 'clock skew' }],
      ]);
      expect(deps.log.error).not.toHaveBeenCalled();
    });

    it.each([
      ['Microsoft', {}, 'https://login.microsoftonline.com'],
      ['the sandbox', { MICROSOFT_LOGIN_BASE_URL: 'http://127.0.0.1:3001/_sandbox/login' }, 'http://127.0.0.1:3001'],
    ])('names the origin its authorize URL is on (%s) for the connect pages CSP', async (_case, extra, origin) => {
      // Prepare
      const adapter = await microsoftModule.create(microsoftModule.readConfig({ ...ENV, ...extra })!, shared());
      const input = { state: 's', codeChallenge: 'c'.repeat(43), nonce: 'n', redirectUri: 'https://api.example/cb' };
      // Act
      const url = new URL(await adapter.plugin.authorization.buildAuthorizeUrl(input));
      // Assess
      expect(adapter.plugin.authorizeOrigin).toBe(origin);
      expect(url.origin).toBe(origin);
    });
  });
});
