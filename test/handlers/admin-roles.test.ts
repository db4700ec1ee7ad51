import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeConnection } from '../fakes/manager';
import { type DynamoTables, useDynamoTables } from '../support/dynamo';
import { adminEvent, CONNECTION_ID, SHOWINGS_ID, seedManager, statusEnv, twoCalendarConnection } from './admin-support';
import { coldStart, type Invoke } from './invoke';

const json = (body: string | undefined) => JSON.parse(body ?? 'null');
const ENCODED_SHOWINGS = encodeURIComponent(SHOWINGS_ID);
const rolePath = (managerId: string, calendarId: string, connectionId = CONNECTION_ID) =>
  `managers/${managerId}/connections/${connectionId}/calendars/${calendarId}`;

describe('Handler: status, admin API (calendar roles)', () => {
  let dynamo: DynamoTables;
  let status: Invoke;

  beforeAll(async () => {
    dynamo = await useDynamoTables();
    ({ status } = await coldStart(['status'], statusEnv(dynamo)));
  });
  afterAll(() => vi.unstubAllEnvs());

  describe('PUT managers/{id}/connections/{connectionId}/calendars/{calendarId}', () => {
    it('gives a calendar whose id holds "/", "+" and "=" the book role; the old one turns busy', async () => {
      // Prepare
      await seedManager(dynamo, 'ana', [twoCalendarConnection()]);

      // Act
      const res = await status(
        adminEvent('put-role', { path: rolePath('ana', ENCODED_SHOWINGS), body: { role: 'book' } }),
      );

      // Assess
      expect(res.statusCode).toBe(200);
      const roles = json(res.body).connections[0].calendars.map((c: { id: string; role: string }) => [c.id, c.role]);
      expect(roles).toEqual([
        ['default', 'busy'],
        [SHOWINGS_ID, 'book'],
        ['holidays', 'ignore'],
      ]);
      expect(json(res.body)).toMatchObject({ managerId: 'ana', mode: 'calendar' });
    });

    it.each([
      [ENCODED_SHOWINGS, { role: 'primary' }, 400, 'role: must be one of book, busy, ignore'],
      [ENCODED_SHOWINGS, { role: 'busy', extra: 1 }, 400, 'extra: not accepted here'],
      ['holidays', { role: 'book' }, 400, 'role: That calendar is read-only'],
      ['default', { role: 'ignore' }, 400, 'role: This calendar takes the bookings'],
      ['nope', { role: 'busy' }, 404, 'No such calendar for this manager'],
    ])('answers calendar %s with %j: %i naming why', async (calendarId, body, code, message) => {
      // Prepare
      const managerId = `bo-${Object.keys(body).join('-')}-${calendarId.slice(0, 8)}-${String(body.role)}`;
      await seedManager(dynamo, managerId, [twoCalendarConnection()]);

      // Act
      const res = await status(adminEvent('put-role', { path: rolePath(managerId, calendarId), body }));

      // Assess
      expect(res.statusCode).toBe(code);
      expect(json(res.body).error).toContain(message);
    });

    it.each(['busy', 'book'])('refuses %s for a calendar shared with the account: 400 naming why', async (role) => {
      // Prepare: shared with the account, editable even; its flag is stored and read back by DynamoDB
      const connection = twoCalendarConnection();
      connection.calendars.push({ id: 'team', name: 'Team', role: 'ignore', canEdit: true, shared: true });
      await seedManager(dynamo, `shared-${role}`, [connection]);

      // Act
      const res = await status(adminEvent('put-role', { path: rolePath(`shared-${role}`, 'team'), body: { role } }));
      const ignore = await status(
        adminEvent('put-role', { path: rolePath(`shared-${role}`, 'team'), body: { role: 'ignore' } }),
      );

      // Assess
      expect(res.statusCode).toBe(400);
      expect(json(res.body).error).toBe(
        'role: That calendar is shared with this account by someone else. The assistant has no access to shared ' +
          'calendars, so it can only be ignored: it cannot count as busy or take bookings.',
      );
      expect(ignore.statusCode).toBe(200);
      expect(json(ignore.body).connections[0].calendars[3]).toEqual({
        id: 'team',
        name: 'Team',
        role: 'ignore',
        shared: true,
      });
    });

    it('answers 404 for a manager without connections and 400 for a malformed connection id', async () => {
      // Act
      const none = await status(adminEvent('put-role', { path: rolePath('ghost', 'default') }));
      const bad = await status(adminEvent('put-role', { path: rolePath('ghost', 'default', 'a%20b') }));

      // Assess
      expect([none.statusCode, json(none.body).error]).toEqual([404, 'Manager ghost has no connected calendars']);
      expect([bad.statusCode, json(bad.body).error]).toEqual([400, expect.stringMatching(/^connectionId: /)]);
    });

    it.each([
      ['"book"', 'body: Invalid input: expected object, received string'],
      ['["book"]', 'body: Invalid input: expected object, received array'],
      ['{"role": 3}', 'role: must be one of book, busy, ignore'],
    ])(
      'answers the body %s with 400 and a reason in words (zod/mini is given its English messages)',
      async (body, reason) => {
        // Act: the body is judged before the manager is looked up.
        const res = await status(adminEvent('put-role', { path: rolePath('ghost', ENCODED_SHOWINGS), body }));

        // Assess
        expect([res.statusCode, json(res.body).error]).toEqual([400, reason]);
      },
    );

    it('moves the book role across connections', async () => {
      // Prepare
      const other = fakeConnection('fake-2', [{ id: 'team', role: 'busy' }]);
      await seedManager(dynamo, 'cy', [twoCalendarConnection(), other]);

      // Act
      const res = await status(
        adminEvent('put-role', { path: rolePath('cy', 'team', 'fake-2'), body: { role: 'book' } }),
      );

      // Assess
      const byId = (id: string) =>
        json(res.body).connections.find((c: { connectionId: string }) => c.connectionId === id).calendars[0];
      expect(byId(CONNECTION_ID)).toMatchObject({ id: 'default', role: 'busy' });
      expect(byId('fake-2')).toMatchObject({ id: 'team', role: 'book' });
    });
  });
});
