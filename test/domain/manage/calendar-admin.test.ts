import { describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors';
import { type CalendarAdminDeps, disconnect, setCalendarRole } from '../../../functions/domain/manage/calendar-admin';
import type { ProviderPlugin, ProviderRegistry } from '../../../functions/domain/ports';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryConnectionStore } from '../../fakes/stores';

const registry = (plugins: ProviderPlugin[] = []): ProviderRegistry => ({
  get: (id) => plugins.find((p) => p.id === id),
  all: () => plugins,
});

/** A manager "pat" whose connection has a book calendar, a busy one, and one shared with the account. */
async function world(plugins: ProviderPlugin[] = []) {
  const connections = new MemoryConnectionStore();
  const connection = fakeConnection('fake-1', [
    { id: 'main', role: 'book' },
    { id: 'showings', role: 'busy' },
    { id: 'team', role: 'ignore' },
  ]);
  connection.calendars[2]!.shared = true;
  await connections.save(managerRecord('pat', [connection]), undefined);
  const log = { warn: vi.fn(), error: vi.fn() };
  const cipher = { seal: vi.fn(), open: vi.fn(async () => '{"refresh":"x"}') };
  const deps: CalendarAdminDeps = { connections, providers: registry(plugins), cipher, clock: Date.now, log };
  const roles = async () => (await connections.get('pat'))?.connections[0]?.calendars.map((c) => [c.id, c.role]);
  return { connections, deps, log, roles };
}

describe('Function: setCalendarRole', () => {
  it.each(['busy', 'book'] as const)('refuses %s for a calendar shared with the account, saying why', async (role) => {
    // Prepare
    const w = await world();

    // Act
    const act = setCalendarRole('pat', { connectionId: 'fake-1', calendarId: 'team', role }, w.deps);

    // Assess
    await expect(act).rejects.toThrow(ValidationError);
    await expect(act).rejects.toMatchObject({ reason: 'role' });
    await expect(act).rejects.toThrow('The assistant has no access to shared calendars, so it can only be ignored');
    expect(await w.roles()).toEqual([
      ['main', 'book'],
      ['showings', 'busy'],
      ['team', 'ignore'],
    ]);
  });

  it('treats a calendar stored without the flag as not shared: it may count as busy', async () => {
    // Prepare
    const w = await world();

    // Act
    await setCalendarRole('pat', { connectionId: 'fake-1', calendarId: 'showings', role: 'ignore' }, w.deps);
    const after = await setCalendarRole(
      'pat',
      { connectionId: 'fake-1', calendarId: 'showings', role: 'busy' },
      w.deps,
    );

    // Assess
    expect(after.connections[0]!.calendars[1]).toEqual({
      id: 'showings',
      name: 'showings',
      role: 'busy',
      canEdit: true,
    });
  });
});

describe('Function: disconnect', () => {
  it('logs a WARN when the provider is not configured here (nothing was revoked), and still deletes', async () => {
    // Prepare
    const w = await world();

    // Act
    await disconnect('pat', 'fake-1', w.deps);

    // Assess
    expect(await w.connections.get('pat')).toBeUndefined();
    expect(w.log.warn).toHaveBeenCalledWith(
      'provider not configured here: the grant was not revoked at the provider, only deleted',
      { managerId: 'pat', connectionId: 'fake-1', provider: 'fake' },
    );
  });

  it('logs nothing for a configured provider that has no revocation endpoint: deleting is all there is', async () => {
    // Prepare
    const plugin = { id: 'fake', label: 'Fake', authorizeOrigin: 'https://signin.fake.example' } as ProviderPlugin;
    const w = await world([plugin]);

    // Act
    await disconnect('pat', 'fake-1', w.deps);

    // Assess
    expect(await w.connections.get('pat')).toBeUndefined();
    expect(w.log.warn).not.toHaveBeenCalled();
  });
});
