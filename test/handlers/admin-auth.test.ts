import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_ADMIN_BODY_BYTES } from '../../functions/handlers/admin/request';
import { captureOutput } from '../integration/log-capture';
import { type DynamoTables, useDynamoTables } from '../support/dynamo';
import { ADMIN_TOKEN, adminEvent, seedManager, statusEnv, twoCalendarConnection } from './admin-support';
import { coldStart, failureLines, type Invoke } from './invoke';

const json = (body: string | undefined) => JSON.parse(body ?? 'null');

describe('Handler: status, admin API (authentication and the edge)', () => {
  let dynamo: DynamoTables;
  let status: Invoke;

  beforeAll(async () => {
    dynamo = await useDynamoTables();
    ({ status } = await coldStart(['status'], statusEnv(dynamo)));
    await seedManager(dynamo, 'pat', [twoCalendarConnection()]);
  });
  afterAll(() => vi.unstubAllEnvs());

  describe('401', () => {
    it.each([
      ['get-manager', undefined],
      ['put-settings', undefined],
      ['put-role', undefined],
      ['delete-connection', undefined],
      ['list-bookings', undefined],
      ['get-manager', 'nowhere/at/all'],
    ])('answers %s (%s) without a valid token with 401, and changes nothing', async (fixture, path) => {
      // Prepare
      const wrong = [undefined, 'Bearer not-the-token', `Basic ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}x`];

      // Act
      const answers = await Promise.all(
        wrong.map((authorization) => status(adminEvent(fixture, { path, headers: { authorization } }))),
      );

      // Assess
      for (const res of answers) {
        expect(res.statusCode).toBe(401);
        expect(json(res.body)).toEqual({ error: 'A valid admin bearer token is required.' });
      }
      const view = json((await status(adminEvent('get-manager'))).body);
      expect(view.connections[0].calendars.map((c: { role: string }) => c.role)).toEqual(['book', 'busy', 'ignore']);
    });
  });

  describe('404 and 405', () => {
    it.each([
      ['managers'],
      ['managers/pat/nothing'],
      ['managers/pat/connections'],
      ['managers/pat/settings/more'],
      ['accounts/pat'],
    ])('answers an unknown admin path (%s) with 404 naming the routes', async (path) => {
      // Act
      const res = await status(adminEvent('get-manager', { path }));

      // Assess
      expect(res.statusCode).toBe(404);
      expect(json(res.body).error).toMatch(
        new RegExp(`^No admin route for GET /calendar/admin/${path}\\. The routes are GET /calendar/admin/managers`),
      );
    });

    it('answers a known path with another method with 405 and the methods it takes', async () => {
      // Act
      const res = await status(adminEvent('get-manager', { method: 'DELETE' }));

      // Assess
      expect(res.statusCode).toBe(405);
      expect(res.headers?.allow).toBe('GET');
      expect(json(res.body)).toEqual({ error: 'DELETE is not served here; this path takes GET.' });
    });
  });

  describe('400 and 413', () => {
    it.each([
      ['managers/a%20b', 'managerId: must be 1-128 characters'],
      [`managers/${'m'.repeat(129)}`, 'managerId: must be 1-128 characters'],
      ['managers/', 'managerId: must be 1-128 characters'],
      ['managers/%E0%A4%A', 'path: a segment is not valid percent-encoding'],
    ])('answers a bad path parameter (%s) with 400 naming it', async (path, message) => {
      // Act
      const res = await status(adminEvent('get-manager', { path }));

      // Assess
      expect(res.statusCode).toBe(400);
      expect(json(res.body).error).toContain(message);
    });

    it('answers a body that is not JSON with 400 naming the body', async () => {
      // Act
      const res = await status(adminEvent('put-settings', { body: '{"timeZone":' }));

      // Assess
      expect(res.statusCode).toBe(400);
      expect(json(res.body)).toEqual({ error: 'body: must be valid JSON' });
    });

    it.each([
      ['plain', false],
      ['base64', true],
    ])('answers a %s body over the cap with 413 before parsing it', async (_, base64) => {
      // Prepare
      const text = JSON.stringify({ timeZone: 'x'.repeat(MAX_ADMIN_BODY_BYTES) });
      const event = adminEvent('put-settings', { body: base64 ? Buffer.from(text).toString('base64') : text });
      event.isBase64Encoded = base64;
      const logs = captureOutput();

      // Act
      const res = await status(event).finally(logs.stop);

      // Assess
      expect(res.statusCode).toBe(413);
      expect(json(res.body)).toEqual({ error: `body: at most ${MAX_ADMIN_BODY_BYTES} bytes` });
      expect(failureLines(logs.entries())).toEqual([]);
    });
  });
});
