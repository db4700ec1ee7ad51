import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoBookingStore } from '../../functions/adapters/dynamo/booking-store';
import { DynamoConnectionStore } from '../../functions/adapters/dynamo/connection-store';
import { DynamoSettingsStore } from '../../functions/adapters/dynamo/settings-store';
import { CREDENTIALS_PURPOSE } from '../../functions/contract/credentials';
import { ConcurrencyError } from '../../functions/domain/errors';
import type { Cipher, ProviderPlugin, ProviderRegistry } from '../../functions/domain/ports';
import { adminRoute } from '../../functions/handlers/admin/router';
import type { StatusDeps } from '../../functions/runtime/compose-status';
import { type DynamoTables, useDynamoTables } from '../support/dynamo';
import { adminEvent, CONNECTION_ID, seedManager, twoCalendarConnection } from './admin-support';

const NOW = Date.UTC(2026, 11, 1, 12);
const PLAINTEXT = 'refresh-token-plaintext';

/** A provider "microsoft" that can revoke, recording what it was given (or failing when told to). */
function revokingRegistry(fail?: Error) {
  const revoked: Array<{ credentials: string; at: number }> = [];
  const plugin = {
    id: 'microsoft',
    label: 'Test provider',
    authorizeOrigin: 'https://signin.test.example',
    readsWorkingHours: true,
    authorization: {} as ProviderPlugin['authorization'],
    revoke: async (credentials: string, deadline: { at: number }) => {
      revoked.push({ credentials, at: deadline.at });
      if (fail) throw fail;
    },
  } satisfies ProviderPlugin;
  const registry: ProviderRegistry = { get: (id) => (id === plugin.id ? plugin : undefined), all: () => [plugin] };
  return { registry, revoked };
}

describe('Function: adminRoute (injected providers and stores)', () => {
  let dynamo: DynamoTables;
  const cipher: Cipher = { seal: async () => 'v1.a.b', open: vi.fn(async () => PLAINTEXT) };
  const deps = (providers: ProviderRegistry, log = { warn: vi.fn(), error: vi.fn() }): StatusDeps => ({
    connections: new DynamoConnectionStore(dynamo.doc, dynamo.tables.connections),
    settings: new DynamoSettingsStore(dynamo.doc, dynamo.tables.settings),
    bookings: new DynamoBookingStore(dynamo.doc, dynamo.tables.bookings),
    providers,
    cipher,
    clock: () => NOW,
    log,
    defaultTimeZone: 'UTC',
    adminToken: async () => 'unused',
  });

  beforeAll(async () => {
    dynamo = await useDynamoTables();
  });

  describe('DELETE a connection of a provider that can revoke', () => {
    it('opens the credentials with their context, revokes them, then deletes the connection', async () => {
      // Prepare
      await seedManager(dynamo, 'rev', [twoCalendarConnection()]);
      const { registry, revoked } = revokingRegistry();

      // Act
      const res = await adminRoute(
        adminEvent('delete-connection', { path: `managers/rev/connections/${CONNECTION_ID}` }),
        deps(registry),
      );

      // Assess
      expect(res.statusCode).toBe(204);
      expect(cipher.open).toHaveBeenCalledWith(twoCalendarConnection().credentials, {
        managerId: 'rev',
        purpose: CREDENTIALS_PURPOSE,
      });
      expect(revoked).toEqual([{ credentials: PLAINTEXT, at: NOW + 5_000 }]);
      expect(await deps(registry).connections.get('rev')).toBeUndefined();
    });

    it('still deletes when the provider refuses, and logs why without the credentials', async () => {
      // Prepare
      await seedManager(dynamo, 'rev-fail', [twoCalendarConnection()]);
      const { registry } = revokingRegistry(new Error('revocation endpoint answered 503'));
      const log = { warn: vi.fn(), error: vi.fn() };

      // Act
      const res = await adminRoute(
        adminEvent('delete-connection', { path: `managers/rev-fail/connections/${CONNECTION_ID}` }),
        deps(registry, log),
      );

      // Assess
      expect(res.statusCode).toBe(204);
      expect(await deps(registry).connections.get('rev-fail')).toBeUndefined();
      expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/revoking the grant/), {
        managerId: 'rev-fail',
        connectionId: CONNECTION_ID,
        error: 'Error',
        reason: 'revocation endpoint answered 503',
      });
      expect(JSON.stringify(log.warn.mock.calls)).not.toContain(PLAINTEXT);
    });
  });

  describe('409', () => {
    it('answers 409 when the record keeps changing under a role change', async () => {
      // Prepare
      await seedManager(dynamo, 'race', [twoCalendarConnection()]);
      const base = deps(revokingRegistry().registry);
      const save = vi.fn(async () => {
        throw new ConcurrencyError('The connections changed since they were read');
      });
      const racing = { ...base, connections: Object.assign(Object.create(base.connections), { save }) };
      const path = `managers/race/connections/${CONNECTION_ID}/calendars/holidays`;

      // Act
      const res = await adminRoute(adminEvent('put-role', { path, body: { role: 'busy' } }), racing);

      // Assess
      expect(res.statusCode).toBe(409);
      expect(JSON.parse(res.body!)).toEqual({
        error: "The manager's connections changed while this was being saved. Try again.",
      });
      expect(save).toHaveBeenCalledTimes(3);
    });
  });
});
