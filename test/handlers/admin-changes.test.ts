/**
 * The admin routes that change a manager, through adminRoute loaded afresh for each test (module-level routes:
 * test/mutation/README.md): what each answers, and the "admin change" line it leaves for the operator.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoBookingStore } from '../../functions/adapters/dynamo/booking-store';
import { DynamoConnectionStore } from '../../functions/adapters/dynamo/connection-store';
import { DynamoSettingsStore } from '../../functions/adapters/dynamo/settings-store';
import type { HttpResult } from '../../functions/handlers/shared/http';
import type { StatusDeps } from '../../functions/runtime/compose-status';
import { captureOutput, type LogEntry } from '../integration/log-capture';
import { type DynamoTables, useDynamoTables } from '../support/dynamo';
import { type AdminChanges, adminEvent, CONNECTION_ID, seedManager, twoCalendarConnection } from './admin-support';

const NOW = Date.UTC(2026, 11, 1, 12);
const rolePath = (managerId: string, calendarId: string) =>
  `managers/${managerId}/connections/${CONNECTION_ID}/calendars/${calendarId}`;

let dynamo: DynamoTables;
let errors: typeof import('../../functions/domain/errors');
let send: (fixture: string, changes: AdminChanges) => Promise<{ res: HttpResult; changes: unknown[] }>;
/** What the last request logged, kept when it threw too. */
let logged: LogEntry[] = [];
const adminChanges = () => logged.filter((entry) => entry.message === 'admin change');

beforeAll(async () => {
  dynamo = await useDynamoTables();
});

beforeEach(async () => {
  vi.resetModules();
  logged = [];
  const { adminRoute } = await import('../../functions/handlers/admin/router');
  errors = await import('../../functions/domain/errors');
  const deps = {
    connections: new DynamoConnectionStore(dynamo.doc, dynamo.tables.connections),
    settings: new DynamoSettingsStore(dynamo.doc, dynamo.tables.settings),
    bookings: new DynamoBookingStore(dynamo.doc, dynamo.tables.bookings),
    providers: { get: () => undefined, all: () => [] },
    clock: () => NOW,
    log: { warn: vi.fn(), error: vi.fn() },
    defaultTimeZone: 'UTC',
  } as unknown as StatusDeps;
  send = async (fixture, changes) => {
    const logs = captureOutput();
    const res = await adminRoute(adminEvent(fixture, changes), deps).finally(() => {
      logs.stop();
      logged = logs.entries();
    });
    return { res, changes: adminChanges() };
  };
});

describe('Function: adminRoute (changes)', () => {
  it('merges settings and logs which ones changed, never their values', async () => {
    // Act
    const { res, changes } = await send('put-settings', {
      path: 'managers/ch-set/settings',
      body: { slotMinutes: 45 },
    });

    // Assess
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual({ managerId: 'ch-set', settings: { slotMinutes: 45 } });
    expect(changes).toEqual([
      expect.objectContaining({ level: 'INFO', action: 'settings', managerId: 'ch-set', settings: ['slotMinutes'] }),
    ]);
  });

  it('refuses a settings change without a body, naming the body', async () => {
    // Act
    const refusal = await send('put-settings', { path: 'managers/ch-none/settings', body: '' }).catch((e) => e);

    // Assess
    expect(refusal).toBeInstanceOf(errors.ValidationError);
    expect(refusal).toMatchObject({ message: 'body: is required, a JSON object', reason: 'body' });
  });

  it("gives a calendar a role, answers the manager's view with its settings, and logs the change", async () => {
    // Prepare
    await seedManager(dynamo, 'ch-role', [twoCalendarConnection()], { slotMinutes: 20 });

    // Act
    const { res, changes } = await send('put-role', { path: rolePath('ch-role', 'holidays'), body: { role: 'busy' } });

    // Assess
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toMatchObject({ managerId: 'ch-role', settings: { slotMinutes: 20 } });
    expect(changes).toEqual([
      expect.objectContaining({ action: 'role', managerId: 'ch-role', connectionId: CONNECTION_ID, role: 'busy' }),
    ]);
  });

  it('names the role in a rule the change breaks, keeping the rule as its cause, and logs no change', async () => {
    // Prepare
    await seedManager(dynamo, 'ch-rule', [twoCalendarConnection()]);

    // Act
    const refusal = await send('put-role', { path: rolePath('ch-rule', 'holidays'), body: { role: 'book' } }).catch(
      (e) => e,
    );

    // Assess
    expect(refusal).toBeInstanceOf(errors.ValidationError);
    expect(refusal).toMatchObject({ message: 'role: That calendar is read-only, so it cannot take bookings.' });
    expect(refusal.reason).toBe('role');
    expect(refusal.cause).toMatchObject({ message: 'That calendar is read-only, so it cannot take bookings.' });
    expect(adminChanges()).toEqual([]);
  });

  it('answers a disconnect with 204 and the usual headers, and logs it', async () => {
    // Prepare
    await seedManager(dynamo, 'ch-del', [twoCalendarConnection()]);

    // Act
    const { res, changes } = await send('delete-connection', { path: `managers/ch-del/connections/${CONNECTION_ID}` });

    // Assess
    expect(res).toEqual({
      statusCode: 204,
      headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' },
    });
    expect(changes).toEqual([
      expect.objectContaining({ action: 'disconnect', managerId: 'ch-del', connectionId: CONNECTION_ID }),
    ]);
  });

  it('shows a manager', async () => {
    // Prepare
    await seedManager(dynamo, 'ch-get', [twoCalendarConnection()]);

    // Act
    const { res } = await send('get-manager', { path: 'managers/ch-get' });

    // Assess
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toMatchObject({ managerId: 'ch-get', mode: 'calendar' });
  });
});
