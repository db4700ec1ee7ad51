import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { legacyConnectionId } from '../../functions/adapters/dynamo/legacy-migration';
import { fakeConnection } from '../fakes/manager';
import { type DynamoTables, useDynamoTables } from '../support/dynamo';
import { adminEvent, CONNECTION_ID, seedManager, statusEnv, twoCalendarConnection } from './admin-support';
import { coldStart, httpEvent, type Invoke } from './invoke';

const json = (body: string | undefined) => JSON.parse(body ?? 'null');
const SEALED = 'v1.eyJhbGciOiJBMjU2R0NNIn0.c2VhbGVk';

describe('Handler: status, admin API (disconnect, and the status route over the new record)', () => {
  let dynamo: DynamoTables;
  let status: Invoke;
  const statusOf = async (manager: string) =>
    json(
      (await status(httpEvent('status-get', { query: { manager }, headers: adminEvent('get-manager').headers }))).body,
    );
  const stored = async (managerId: string) =>
    (await dynamo.doc.send(new GetCommand({ TableName: dynamo.tables.connections, Key: { managerId } }))).Item;

  beforeAll(async () => {
    dynamo = await useDynamoTables();
    ({ status } = await coldStart(['status'], statusEnv(dynamo)));
  });
  afterAll(() => vi.unstubAllEnvs());

  describe('DELETE managers/{id}/connections/{connectionId}', () => {
    it('deletes the last connection with its sealed credentials: 204, status not connected, mode manual', async () => {
      // Prepare
      await seedManager(dynamo, 'pat', [twoCalendarConnection()], { workingHours: 'mon-fri 09:00-17:00' });
      expect((await statusOf('pat')).connected).toBe(true);

      // Act
      const res = await status(adminEvent('delete-connection'));

      // Assess
      expect(res.statusCode).toBe(204);
      expect(res.body).toBeUndefined();
      expect(await stored('pat')).toBeUndefined();
      expect(await statusOf('pat')).toMatchObject({ managerId: 'pat', connected: false, provider: null });
      expect(json((await status(adminEvent('get-manager'))).body)).toMatchObject({ mode: 'manual', connections: [] });
    });

    it('keeps the other connections, and the book role moves to one of them', async () => {
      // Prepare
      await seedManager(dynamo, 'two', [
        twoCalendarConnection(),
        fakeConnection('fake-2', [{ id: 'team', role: 'busy' }]),
      ]);

      // Act
      const res = await status(adminEvent('delete-connection', { path: `managers/two/connections/${CONNECTION_ID}` }));

      // Assess
      expect(res.statusCode).toBe(204);
      const item = await stored('two');
      expect(Object.keys(item!.connections)).toEqual(['fake-2']);
      expect(JSON.stringify(item)).not.toContain(CONNECTION_ID);
      expect(await statusOf('two')).toMatchObject({ connected: true, account: 'fake-2@contoso.example' });
      const view = json((await status(adminEvent('get-manager', { path: 'managers/two' }))).body);
      expect(view.connections[0].calendars).toEqual([{ id: 'team', name: 'team', role: 'book' }]);
    });

    it('answers 404 for a connection the manager does not have, and changes nothing', async () => {
      // Prepare
      await seedManager(dynamo, 'kept', [twoCalendarConnection()]);

      // Act
      const res = await status(adminEvent('delete-connection', { path: 'managers/kept/connections/fake-9' }));

      // Assess
      expect(res.statusCode).toBe(404);
      expect(json(res.body)).toEqual({ error: 'No such connection for this manager' });
      expect(Object.keys((await stored('kept'))!.connections)).toEqual([CONNECTION_ID]);
    });
  });

  describe('GET /calendar/auth/status', () => {
    it('keeps its shape: the book connection named, connected while any connection works', async () => {
      // Prepare
      const broken = fakeConnection('fake-3', [{ id: 'x', role: 'busy' }], { needsReconnect: true });
      await seedManager(dynamo, 'mix', [twoCalendarConnection(), broken]);

      // Act
      const answer = await statusOf('mix');

      // Assess
      expect(answer).toEqual({
        managerId: 'mix',
        connected: true,
        provider: 'microsoft',
        account: `${CONNECTION_ID}@contoso.example`,
        timeZone: 'America/Los_Angeles',
        needsReconnect: true,
        connectedAt: '2026-11-01T00:00:00.000Z',
        lastUsedAt: null,
      });
    });

    it('reads an item stored before several connections (migrated on read), and the admin view shows it', async () => {
      // Prepare
      const legacy = {
        managerId: 'old',
        provider: 'microsoft',
        account: 'old@contoso.example',
        homeAccountId: 'oid.tid',
        timeZone: 'Europe/London',
        needsReconnect: false,
        connectedAt: '2026-01-01T00:00:00.000Z',
        lastUsedAt: '2026-02-01T00:00:00.000Z',
        version: 4,
        tokenCache: SEALED,
      };
      await dynamo.doc.send(new PutCommand({ TableName: dynamo.tables.connections, Item: legacy }));

      // Act
      const answer = await statusOf('old');
      const view = json((await status(adminEvent('get-manager', { path: 'managers/old' }))).body);

      // Assess
      expect(answer).toEqual({
        managerId: 'old',
        connected: true,
        provider: 'microsoft',
        account: 'old@contoso.example',
        timeZone: 'Europe/London',
        needsReconnect: false,
        connectedAt: '2026-01-01T00:00:00.000Z',
        lastUsedAt: '2026-02-01T00:00:00.000Z',
      });
      expect(view.connections).toEqual([
        expect.objectContaining({
          connectionId: legacyConnectionId('oid.tid'),
          calendars: [{ id: 'default', name: 'Calendar', role: 'book' }],
        }),
      ]);
      expect((await stored('old'))!.tokenCache).toBeUndefined();
    });
  });
});
