/** Calendar roles at their edges: the book role moved off, the default calendar found, book given back. */
import { describe, expect, it } from 'vitest';
import { assignRoles, hasBook, reassignBook } from '../../../functions/domain/connect/calendar-roles';
import type { CalendarConnection, CalendarRole } from '../../../functions/domain/ports';
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
const was = (id: string, role: CalendarRole) => ({ id, name: id, role, canEdit: true });

function connection(
  connectionId: string,
  calendars: Array<{ id: string; role: CalendarRole; canEdit?: boolean; shared?: boolean }>,
  needsReconnect = false,
): CalendarConnection {
  return {
    connectionId,
    provider: 'fake',
    accountId: connectionId,
    account: `${connectionId}@contoso.example`,
    calendars: calendars.map((c) => ({ name: c.id, canEdit: true, ...c })),
    credentials: 'v1.a.b',
    needsReconnect,
    connectedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
  };
}

describe('Function: assignRoles', () => {
  it('on a reconnect while another connection books: the calendar that booked before only counts as busy', () => {
    // Act
    const got = assignRoles([cal('main', { isDefault: true }), cal('other')], [was('main', 'book')], false);

    // Assess
    expect(roles(got)).toEqual({ main: 'busy', other: 'busy' });
  });

  it('takes book off a calendar that became read-only and gives it to the default calendar', () => {
    // Act
    const got = assignRoles(
      [cal('old', { canEdit: false }), cal('main', { isDefault: true })],
      [was('old', 'book'), was('main', 'busy')],
      true,
    );

    // Assess
    expect(roles(got)).toEqual({ old: 'busy', main: 'book' });
  });

  it('gives book to the default calendar even when it is not listed first', () => {
    // Act
    const got = assignRoles([cal('first'), cal('main', { isDefault: true }), cal('last')], [], true);

    // Assess
    expect(roles(got)).toEqual({ first: 'busy', main: 'book', last: 'busy' });
  });
});

describe('Function: hasBook', () => {
  it('sees a calendar taking bookings among several of a connection', () => {
    // Prepare
    const connections = [
      connection('a', [
        { id: 'busy', role: 'busy' },
        { id: 'book', role: 'book' },
      ]),
    ];

    // Act
    const got = hasBook(connections);

    // Assess
    expect(got).toBe(true);
  });

  it('leaves out the connection it is told to: only that one booking means none books', () => {
    // Prepare
    const connections = [connection('a', [{ id: 'book', role: 'book' }]), connection('b', [{ id: 'x', role: 'busy' }])];

    // Act
    const got = hasBook(connections, 'a');

    // Assess
    expect(got).toBe(false);
    expect(hasBook(connections, 'b')).toBe(true);
  });
});

describe('Function: reassignBook', () => {
  it('changes nothing while a calendar still takes bookings', () => {
    // Prepare
    const connections = [
      connection('a', [{ id: 'x', role: 'busy' }]),
      connection('b', [
        { id: 'y', role: 'busy' },
        { id: 'z', role: 'book' },
      ]),
    ];

    // Act
    const got = reassignBook(connections);

    // Assess
    expect(got.map((c) => roles(c.calendars))).toEqual([{ x: 'busy' }, { y: 'busy', z: 'book' }]);
  });

  it('never gives book to a calendar the manager set to ignore', () => {
    // Prepare
    const connections = [
      connection('a', [
        { id: 'ignored', role: 'ignore' },
        { id: 'counted', role: 'busy' },
      ]),
    ];

    // Act
    const got = reassignBook(connections);

    // Assess
    expect(roles(got[0]!.calendars)).toEqual({ ignored: 'ignore', counted: 'book' });
  });

  it('skips a healthy connection with nothing that can book and gives book to the next one', () => {
    // Prepare
    const connections = [
      connection('read-only', [
        { id: 'r', role: 'busy', canEdit: false },
        { id: 's', role: 'busy', shared: true },
      ]),
      connection('ok', [{ id: 'w', role: 'busy' }]),
    ];

    // Act
    const got = reassignBook(connections);

    // Assess
    expect(got.map((c) => roles(c.calendars))).toEqual([{ r: 'busy', s: 'busy' }, { w: 'book' }]);
  });
});
