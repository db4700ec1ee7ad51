import { describe, expect, it } from 'vitest';
import { getManagerView, viewOf } from '../../../functions/domain/manage/manager-view';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';

/** pat's record: an account with a book calendar, a read-only busy one and one shared with it; and a second account. */
function patRecord() {
  const first = fakeConnection('fake-1', [
    { id: 'main', role: 'book' },
    { id: 'holidays', role: 'busy', canEdit: false },
    { id: 'team', role: 'ignore' },
  ]);
  first.calendars[2]!.shared = true;
  const second = fakeConnection('fake-2', [{ id: 'side', role: 'busy' }], {
    needsReconnect: true,
    connectedAt: '2026-11-15T09:30:00.000Z',
    displayName: 'Pat Side',
    lastUsedAt: '2026-11-20T00:00:00.000Z',
  });
  return managerRecord('pat', [first, second]);
}

const PAT_CONNECTIONS = [
  {
    connectionId: 'fake-1',
    provider: 'fake',
    account: 'fake-1@contoso.example',
    needsReconnect: false,
    connectedAt: '2026-11-01T00:00:00.000Z',
    calendars: [
      { id: 'main', name: 'main', role: 'book' },
      { id: 'holidays', name: 'holidays', role: 'busy' },
      { id: 'team', name: 'team', role: 'ignore', shared: true },
    ],
  },
  {
    connectionId: 'fake-2',
    provider: 'fake',
    account: 'fake-2@contoso.example',
    needsReconnect: true,
    connectedAt: '2026-11-15T09:30:00.000Z',
    calendars: [{ id: 'side', name: 'side', role: 'busy' }],
  },
];

describe('Function: viewOf', () => {
  it('shows each connection and its calendars, never credential material, and says the manager uses calendars', () => {
    // Prepare
    const settings = { timeZone: 'America/Chicago', workingHours: 'mon-fri 09:00-17:00' };

    // Act
    const view = viewOf('pat', patRecord(), settings);

    // Assess
    expect(view).toStrictEqual({ managerId: 'pat', mode: 'calendar', settings, connections: PAT_CONNECTIONS });
    expect(JSON.stringify(view)).not.toContain('v1.');
  });

  it('says manual for a manager with hours but no calendar', () => {
    // Act
    const view = viewOf('pat', undefined, { workingHours: 'mon-fri 09:00-17:00' });

    // Assess
    expect(view).toStrictEqual({
      managerId: 'pat',
      mode: 'manual',
      settings: { workingHours: 'mon-fri 09:00-17:00' },
      connections: [],
    });
  });

  it.each([
    ['no record and no settings', undefined, undefined],
    ['a record left with no connection, and settings without hours', managerRecord('pat', []), { slotMinutes: 30 }],
  ])('says none (not set up) for %s', (_, record, settings) => {
    // Act
    const view = viewOf('pat', record, settings);

    // Assess
    expect(view).toStrictEqual({ managerId: 'pat', mode: 'none', settings: settings ?? {}, connections: [] });
  });
});

describe('Function: getManagerView', () => {
  it("reads the manager's connections and settings", async () => {
    // Prepare
    const connections = new MemoryConnectionStore();
    await connections.save(patRecord(), undefined);
    const settings = new MemorySettingsStore();
    settings.seed('pat', { timeZone: 'America/Chicago' });
    settings.seed('sam', { timeZone: 'Europe/London' });

    // Act
    const view = await getManagerView('pat', { connections, settings });

    // Assess
    expect(view).toStrictEqual({
      managerId: 'pat',
      mode: 'calendar',
      settings: { timeZone: 'America/Chicago' },
      connections: PAT_CONNECTIONS,
    });
  });

  it('shows a manager with nothing stored as not set up, with no settings', async () => {
    // Act
    const view = await getManagerView('pat', {
      connections: new MemoryConnectionStore(),
      settings: new MemorySettingsStore(),
    });

    // Assess
    expect(view).toStrictEqual({ managerId: 'pat', mode: 'none', settings: {}, connections: [] });
  });

  it('shows manual mode from stored hours alone', async () => {
    // Prepare
    const settings = new MemorySettingsStore();
    settings.seed('pat', { workingHours: 'mon-fri 09:00-17:00' });

    // Act
    const view = await getManagerView('pat', { connections: new MemoryConnectionStore(), settings });

    // Assess
    expect(view.mode).toBe('manual');
  });
});
