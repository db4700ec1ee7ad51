import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DynamoTables, useDynamoTables } from '../support/dynamo';
import { adminEvent, CONNECTION_ID, SHOWINGS_ID, seedManager, statusEnv, twoCalendarConnection } from './admin-support';
import { coldStart, type Invoke } from './invoke';

const json = (body: string | undefined) => JSON.parse(body ?? 'null');

describe('Handler: status, admin API (a manager)', () => {
  let dynamo: DynamoTables;
  let status: Invoke;

  beforeAll(async () => {
    dynamo = await useDynamoTables();
    ({ status } = await coldStart(['status'], statusEnv(dynamo)));
  });
  afterAll(() => vi.unstubAllEnvs());

  describe('GET managers/{id}', () => {
    it('shows mode, settings and connections with their calendars, and no credential material', async () => {
      // Prepare
      await seedManager(dynamo, 'pat', [twoCalendarConnection()], { slotMinutes: 45 });

      // Act
      const res = await status(adminEvent('get-manager'));

      // Assess
      expect(res.statusCode).toBe(200);
      expect(json(res.body)).toEqual({
        managerId: 'pat',
        mode: 'calendar',
        settings: { slotMinutes: 45 },
        connections: [
          {
            connectionId: CONNECTION_ID,
            provider: 'microsoft',
            account: `${CONNECTION_ID}@contoso.example`,
            needsReconnect: false,
            connectedAt: '2026-11-01T00:00:00.000Z',
            calendars: [
              { id: 'default', name: 'Calendar', role: 'book' },
              { id: SHOWINGS_ID, name: 'Showings', role: 'busy' },
              { id: 'holidays', name: 'Holidays', role: 'ignore' },
            ],
          },
        ],
      });
      expect(res.body).not.toMatch(/credentials|v1\.|version|accountId/);
    });

    it.each([
      ['manual', 'hours-only', { workingHours: 'mon-fri 09:00-17:00', timeZone: 'Europe/London' }],
      ['none', 'nobody', undefined],
    ])('shows mode %s for a manager without connections', async (mode, managerId, settings) => {
      // Prepare
      await seedManager(dynamo, managerId, [], settings);

      // Act
      const res = await status(adminEvent('get-manager', { path: `managers/${managerId}` }));

      // Assess
      expect(res.statusCode).toBe(200);
      expect(json(res.body)).toEqual({ managerId, mode, settings: settings ?? {}, connections: [] });
    });
  });

  describe('PUT managers/{id}/settings', () => {
    it('merges a subset, removes a null, and answers the merged settings', async () => {
      // Prepare
      await seedManager(dynamo, 'lee', [], { slotMinutes: 30, bufferMinutes: 10 });
      const path = 'managers/lee/settings';

      // Act
      const first = await status(adminEvent('put-settings', { path }));
      const second = await status(adminEvent('put-settings', { path, body: { bufferMinutes: null } }));

      // Assess
      expect(first.statusCode).toBe(200);
      const merged = { slotMinutes: 30, timeZone: 'Europe/London', workingHours: 'mon-fri 09:00-17:00' };
      expect(json(first.body)).toEqual({ managerId: 'lee', settings: { ...merged, bufferMinutes: 10 } });
      expect(json(second.body)).toEqual({ managerId: 'lee', settings: merged });
      const view = json((await status(adminEvent('get-manager', { path: 'managers/lee' }))).body);
      expect(view).toMatchObject({ mode: 'manual', settings: merged });
    });

    it.each([
      [{ timeZone: 'Mars/Base' }, 'timeZone: must be an IANA time zone'],
      [{ workingHours: '9 to 5' }, 'workingHours: must look like'],
      [{ slotMinutes: 4 }, 'slotMinutes: must be a whole number from 5 to 480'],
      [{ slotMinute: 30 }, 'slotMinute: not a setting'],
      [[1], 'body: must be a JSON object of settings'],
      [undefined, 'body: is required, a JSON object'],
    ])('answers %j with 400 naming the field, and stores nothing', async (body, message) => {
      // Prepare
      const event = adminEvent('put-settings', { path: 'managers/kim/settings' });
      event.body = body === undefined ? undefined : JSON.stringify(body);

      // Act
      const res = await status(event);

      // Assess
      expect(res.statusCode).toBe(400);
      expect(json(res.body).error).toContain(message);
      expect(json((await status(adminEvent('get-manager', { path: 'managers/kim' }))).body).settings).toEqual({});
    });
  });
});
