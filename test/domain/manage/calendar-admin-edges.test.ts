import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConcurrencyError, NotFoundError, ValidationError } from '../../../functions/domain/errors';
import { type CalendarAdminDeps, disconnect, setCalendarRole } from '../../../functions/domain/manage/calendar-admin';
import type { CalendarRole, ProviderPlugin, ProviderRegistry } from '../../../functions/domain/ports';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryConnectionStore } from '../../fakes/stores';

const NOW = Date.parse('2026-12-01T10:00:00.000Z');

const registry = (plugins: ProviderPlugin[] = []): ProviderRegistry => ({
  get: (id) => plugins.find((p) => p.id === id),
  all: () => plugins,
});

/** The "fake" provider, with a revocation endpoint `revoke`. */
const revoking = (revoke: ProviderPlugin['revoke']) =>
  ({ id: 'fake', label: 'Fake', authorizeOrigin: 'https://signin.fake.example', revoke }) as ProviderPlugin;

/**
 * Manager "pat" with two accounts: fake-1 has the book calendar, an editable busy one, a read-only busy one and one
 * shared with the account; fake-2 has a busy calendar and an ignored one.
 */
async function world(opts: { plugins?: ProviderPlugin[]; log?: boolean } = {}) {
  const connections = new MemoryConnectionStore();
  const first = fakeConnection('fake-1', [
    { id: 'main', role: 'book' },
    { id: 'showings', role: 'busy' },
    { id: 'holidays', role: 'busy', canEdit: false },
    { id: 'team', role: 'ignore' },
  ]);
  first.calendars[3]!.shared = true;
  const second = fakeConnection(
    'fake-2',
    [
      { id: 'side', role: 'busy' },
      { id: 'birthdays', role: 'ignore' },
    ],
    { credentials: 'v1.c2Vjb25k' },
  );
  await connections.save(managerRecord('pat', [first, second]), undefined);
  const log = { warn: vi.fn(), error: vi.fn() };
  const cipher = { seal: vi.fn(), open: vi.fn(async (sealed: string) => `plain:${sealed}`) };
  const deps: CalendarAdminDeps = {
    connections,
    providers: registry(opts.plugins),
    cipher,
    clock: Date.now,
    ...(opts.log === false ? {} : { log }),
  };
  /** Every calendar's role, as "connection/calendar role". */
  const roles = async () =>
    (await connections.get('pat'))?.connections.flatMap((c) =>
      c.calendars.map((cal) => `${c.connectionId}/${cal.id} ${cal.role}`),
    );
  const set = (connectionId: string, calendarId: string, role: CalendarRole) =>
    setCalendarRole('pat', { connectionId, calendarId, role }, deps);
  return { connections, deps, log, cipher, roles, set };
}

type World = Awaited<ReturnType<typeof world>>;

const BEFORE = [
  'fake-1/main book',
  'fake-1/showings busy',
  'fake-1/holidays busy',
  'fake-1/team ignore',
  'fake-2/side busy',
  'fake-2/birthdays ignore',
];
/** BEFORE with `changes` ("fake-1/main busy", say) applied. */
const rolesWith = (...changes: string[]) =>
  BEFORE.map((line) => changes.find((c) => c.split(' ')[0] === line.split(' ')[0]) ?? line);

/** A token write-back of fake-1 lands between each of the next `times` reads and the save that follows them. */
function writeBacks(w: World, times: number) {
  const read = w.connections.get.bind(w.connections);
  let left = times;
  return vi.spyOn(w.connections, 'get').mockImplementation(async (managerId) => {
    const record = await read(managerId);
    const c = record?.connections[0];
    if (left > 0 && c) {
      left--;
      await w.connections.updateCredentials(managerId, c.connectionId, `v1.cmVmcmVzaGVk${left}`, c.version);
    }
    return record;
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Function: setCalendarRole', () => {
  it('gives book to another calendar, the previous one becomes busy, and returns what is stored', async () => {
    // Prepare
    const w = await world();

    // Act
    const record = await w.set('fake-1', 'showings', 'book');

    // Assess
    expect(await w.roles()).toEqual(rolesWith('fake-1/main busy', 'fake-1/showings book'));
    expect(record).toEqual(await w.connections.get('pat'));
    expect(record.revision).toBe(2);
  });

  it("gives book to a calendar of another account: the first account's book calendar becomes busy", async () => {
    // Prepare
    const w = await world();

    // Act
    await w.set('fake-2', 'side', 'book');

    // Assess
    expect(await w.roles()).toEqual(rolesWith('fake-1/main busy', 'fake-2/side book'));
  });

  it.each([
    ['fake-1', 'showings', 'ignore', 'fake-1/showings ignore'],
    ['fake-2', 'side', 'ignore', 'fake-2/side ignore'],
    ['fake-2', 'birthdays', 'busy', 'fake-2/birthdays busy'],
    ['fake-1', 'holidays', 'ignore', 'fake-1/holidays ignore'],
  ] as const)('changes %s/%s to %s and nothing else', async (connectionId, calendarId, role, changed) => {
    // Prepare
    const w = await world();

    // Act
    await w.set(connectionId, calendarId, role);

    // Assess
    expect(await w.roles()).toEqual(rolesWith(changed));
  });

  it('lets a read-only calendar count as busy again after being ignored', async () => {
    // Prepare
    const w = await world();
    await w.set('fake-1', 'holidays', 'ignore');

    // Act
    await w.set('fake-1', 'holidays', 'busy');

    // Assess
    expect(await w.roles()).toEqual(BEFORE);
  });

  it('accepts book for the calendar already taking the bookings, changing nothing', async () => {
    // Prepare
    const w = await world();

    // Act
    await w.set('fake-1', 'main', 'book');

    // Assess
    expect(await w.roles()).toEqual(BEFORE);
  });

  it('accepts ignore for a calendar shared with the account', async () => {
    // Prepare
    const w = await world();

    // Act
    await w.set('fake-1', 'team', 'ignore');

    // Assess
    expect(await w.roles()).toEqual(BEFORE);
  });

  it('refuses book for a read-only calendar, saying why', async () => {
    // Prepare
    const w = await world();

    // Act
    const act = w.set('fake-1', 'holidays', 'book');

    // Assess
    await expect(act).rejects.toThrow(ValidationError);
    await expect(act).rejects.toMatchObject({
      message: 'That calendar is read-only, so it cannot take bookings.',
      reason: 'role',
    });
    expect(await w.roles()).toEqual(BEFORE);
  });

  it.each(['busy', 'ignore'] as const)(
    'refuses %s for the book calendar: another one takes book first',
    async (role) => {
      // Prepare
      const w = await world();

      // Act
      const act = w.set('fake-1', 'main', role);

      // Assess
      await expect(act).rejects.toThrow(ValidationError);
      await expect(act).rejects.toMatchObject({
        message: 'This calendar takes the bookings: give another calendar the book role first.',
        reason: 'role',
      });
      expect(await w.roles()).toEqual(BEFORE);
    },
  );

  it.each([
    ['an unknown connection', 'fake-9', 'main'],
    ['an unknown calendar', 'fake-1', 'nope'],
    ['a calendar of another connection', 'fake-2', 'main'],
  ])('refuses %s as not found', async (_, connectionId, calendarId) => {
    // Prepare
    const w = await world();

    // Act
    const act = w.set(connectionId, calendarId, 'book');

    // Assess
    await expect(act).rejects.toThrow(NotFoundError);
    await expect(act).rejects.toThrow('No such calendar for this manager');
    expect(await w.roles()).toEqual(BEFORE);
  });

  it('refuses a manager with nothing connected as not found', async () => {
    // Prepare
    const w = await world();

    // Act
    const act = setCalendarRole('nobody', { connectionId: 'fake-1', calendarId: 'main', role: 'book' }, w.deps);

    // Assess
    await expect(act).rejects.toThrow(NotFoundError);
    await expect(act).rejects.toThrow('Manager nobody has no connected calendars');
  });

  it('reads again when a token write-back got in between, keeping the refreshed credentials', async () => {
    // Prepare
    const w = await world();
    const get = writeBacks(w, 2);

    // Act
    await w.set('fake-1', 'showings', 'book');

    // Assess
    expect(get).toHaveBeenCalledTimes(3);
    expect(await w.roles()).toEqual(rolesWith('fake-1/main busy', 'fake-1/showings book'));
    expect((await w.connections.get('pat'))?.connections[0]).toMatchObject({
      credentials: 'v1.cmVmcmVzaGVk0',
      version: 3,
    });
  });

  it('gives up after 3 reads each overtaken by a write-back, changing nothing', async () => {
    // Prepare: a fourth read would not be overtaken.
    const w = await world();
    const get = writeBacks(w, 3);

    // Act
    const act = w.set('fake-1', 'showings', 'book');

    // Assess
    await expect(act).rejects.toThrow(ConcurrencyError);
    expect(get).toHaveBeenCalledTimes(3);
    expect(await w.roles()).toEqual(BEFORE);
  });

  it('does not retry a store failure that is not a concurrent write', async () => {
    // Prepare
    const w = await world();
    const get = vi.spyOn(w.connections, 'get');
    vi.spyOn(w.connections, 'save').mockRejectedValueOnce(new Error('ProvisionedThroughputExceeded'));

    // Act
    const act = w.set('fake-1', 'showings', 'book');

    // Assess
    await expect(act).rejects.toThrow('ProvisionedThroughputExceeded');
    expect(get).toHaveBeenCalledTimes(1);
    expect(await w.roles()).toEqual(BEFORE);
  });
});

describe('Function: disconnect', () => {
  it("revokes the grant with the account's opened credentials and a 5 s deadline, then deletes only it", async () => {
    // Prepare
    const revoke = vi.fn(async () => {});
    const w = await world({ plugins: [revoking(revoke)] });

    // Act
    await disconnect('pat', 'fake-2', w.deps);

    // Assess
    expect(w.cipher.open).toHaveBeenCalledWith('v1.c2Vjb25k', { managerId: 'pat', purpose: 'msal-token-cache' });
    expect(revoke).toHaveBeenCalledWith('plain:v1.c2Vjb25k', { at: NOW + 5_000 });
    expect(await w.roles()).toEqual(BEFORE.filter((line) => line.startsWith('fake-1/')));
    expect(w.log.warn).not.toHaveBeenCalled();
  });

  it('gives book to a calendar of the account left when the disconnected one took the bookings', async () => {
    // Prepare
    const w = await world({ plugins: [revoking(vi.fn(async () => {}))] });

    // Act
    await disconnect('pat', 'fake-1', w.deps);

    // Assess
    expect(await w.roles()).toEqual(['fake-2/side book', 'fake-2/birthdays ignore']);
  });

  it('logs a WARN when revoking fails, and deletes the connection anyway', async () => {
    // Prepare
    const revoke = vi.fn(async () => {
      throw new Error('invalid_grant');
    });
    const w = await world({ plugins: [revoking(revoke)] });

    // Act
    await disconnect('pat', 'fake-2', w.deps);

    // Assess
    expect(w.log.warn).toHaveBeenCalledExactlyOnceWith(
      'revoking the grant at the provider failed; deleting it here anyway',
      { managerId: 'pat', connectionId: 'fake-2', error: 'Error', reason: 'invalid_grant' },
    );
    expect(await w.roles()).toEqual(BEFORE.filter((line) => line.startsWith('fake-1/')));
  });

  it('deletes the connection when revoking fails and no log is given', async () => {
    // Prepare
    const revoke = vi.fn(async () => {
      throw new Error('invalid_grant');
    });
    const w = await world({ plugins: [revoking(revoke)], log: false });

    // Act
    await disconnect('pat', 'fake-2', w.deps);

    // Assess
    expect(revoke).toHaveBeenCalledOnce();
    expect(await w.roles()).toEqual(BEFORE.filter((line) => line.startsWith('fake-1/')));
  });

  it('deletes the connection of a provider not configured here when no log is given', async () => {
    // Prepare
    const w = await world({ log: false });

    // Act
    await disconnect('pat', 'fake-2', w.deps);

    // Assess
    expect(w.cipher.open).not.toHaveBeenCalled();
    expect(await w.roles()).toEqual(BEFORE.filter((line) => line.startsWith('fake-1/')));
  });

  it.each([
    ['a manager with nothing connected', 'nobody', 'fake-1'],
    ['an unknown connection', 'pat', 'fake-9'],
  ])('refuses %s as not found, revoking and deleting nothing', async (_, managerId, connectionId) => {
    // Prepare
    const revoke = vi.fn(async () => {});
    const w = await world({ plugins: [revoking(revoke)] });

    // Act
    const act = disconnect(managerId, connectionId, w.deps);

    // Assess
    await expect(act).rejects.toThrow(NotFoundError);
    await expect(act).rejects.toThrow('No such connection for this manager');
    expect(revoke).not.toHaveBeenCalled();
    expect(await w.roles()).toEqual(BEFORE);
  });
});
