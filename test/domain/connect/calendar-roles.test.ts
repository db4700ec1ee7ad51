import { describe, expect, it } from 'vitest';
import { assignRoles, connectionIdFor, reassignBook } from '../../../functions/domain/connect/calendar-roles';
import type { CalendarConnection } from '../../../functions/domain/ports';
import type { ProviderCalendar } from '../../../functions/domain/types';

const cal = (id: string, extra: Partial<ProviderCalendar> = {}): ProviderCalendar => ({
  id,
  name: id,
  isDefault: false,
  canEdit: true,
  shared: false,
  ...extra,
});
const roles = (calendars: { id: string; role: string }[]) => Object.fromEntries(calendars.map((c) => [c.id, c.role]));

describe('Function: assignRoles', () => {
  it('on a first connection: the default calendar books, other own calendars are busy, shared ones ignored', () => {
    // Act
    const got = assignRoles(
      [cal('main', { isDefault: true }), cal('showings'), cal('team', { shared: true })],
      [],
      true,
    );
    // Assess
    expect(roles(got)).toEqual({ main: 'book', showings: 'busy', team: 'ignore' });
  });

  it('on a later connection: busy and ignore only, the book role stays where it was', () => {
    // Act
    const got = assignRoles([cal('main', { isDefault: true }), cal('team', { shared: true })], [], false);
    // Assess
    expect(roles(got)).toEqual({ main: 'busy', team: 'ignore' });
  });

  it('never gives book to a read-only default calendar: the first editable own calendar takes it', () => {
    // Act
    const got = assignRoles([cal('main', { isDefault: true, canEdit: false }), cal('own')], [], true);
    // Assess
    expect(roles(got)).toEqual({ main: 'busy', own: 'book' });
  });

  it("on a reconnect keeps the manager's roles, and new calendars arrive busy", () => {
    // Prepare
    const previous = [
      { id: 'main', name: 'main', role: 'busy' as const, canEdit: true },
      { id: 'showings', name: 'showings', role: 'book' as const, canEdit: true },
      { id: 'old', name: 'old', role: 'ignore' as const, canEdit: true },
    ];
    // Act
    const got = assignRoles([cal('main', { isDefault: true }), cal('showings'), cal('new')], previous, true);
    // Assess
    expect(roles(got)).toEqual({ main: 'busy', showings: 'book', new: 'busy' });
  });
});

describe('Function: assignRoles (shared calendars)', () => {
  it('marks a shared calendar and keeps it ignored, even one the manager had counted before the flag', () => {
    // Prepare: stored before calendars carried the flag, "team" was set to busy
    const previous = [
      { id: 'main', name: 'main', role: 'book' as const, canEdit: true },
      { id: 'team', name: 'team', role: 'busy' as const, canEdit: true },
    ];
    // Act
    const got = assignRoles([cal('main', { isDefault: true }), cal('team', { shared: true })], previous, true);
    // Assess
    expect(got).toEqual([
      { id: 'main', name: 'main', role: 'book', canEdit: true },
      { id: 'team', name: 'team', role: 'ignore', canEdit: true, shared: true },
    ]);
  });

  it('never gives book to a shared calendar, even an editable one when nothing else can take it', () => {
    // Act
    const got = assignRoles(
      [cal('main', { isDefault: true, canEdit: false }), cal('team', { shared: true })],
      [],
      true,
    );
    // Assess
    expect(roles(got)).toEqual({ main: 'busy', team: 'ignore' });
  });
});

describe('Function: reassignBook', () => {
  it('gives book to the first editable busy calendar of a healthy connection when none has it', () => {
    // Prepare
    const base = {
      provider: 'fake',
      accountId: 'a',
      account: 'a@x',
      credentials: 'v1.a.b',
      connectedAt: '',
      version: 1,
    };
    const connections: CalendarConnection[] = [
      {
        ...base,
        connectionId: 'broken',
        needsReconnect: true,
        calendars: [{ id: 'x', name: 'x', role: 'busy', canEdit: true }],
      },
      {
        ...base,
        connectionId: 'ok',
        needsReconnect: false,
        calendars: [
          { id: 'r', name: 'r', role: 'busy', canEdit: false },
          { id: 'w', name: 'w', role: 'busy', canEdit: true },
        ],
      },
    ];
    // Act
    const got = reassignBook(connections);
    // Assess
    expect(got[1]!.calendars.map((c) => c.role)).toEqual(['busy', 'book']);
    expect(got[0]!.calendars[0]!.role).toBe('busy');
  });
});

describe('Function: connectionIdFor', () => {
  it('is stable per provider and account and safe in keys and URLs', () => {
    // Act & Assess
    expect(connectionIdFor('microsoft', 'oid.tid')).toBe(connectionIdFor('microsoft', 'oid.tid'));
    expect(connectionIdFor('microsoft', 'oid.tid')).not.toBe(connectionIdFor('google', 'oid.tid'));
    expect(connectionIdFor('microsoft', 'oid.tid')).toMatch(/^microsoft-[0-9a-f]{16}$/);
  });
});
