/**
 * Which calendar does what when an account connects. On a manager's first connection the account's default calendar
 * takes bookings (`book`), the other calendars the account owns count as busy, and calendars shared with it are
 * ignored. A later connection only adds `busy` and `ignore` calendars: the `book` role stays where it was. A reconnect
 * keeps the roles the manager gave. Exactly one calendar of a manager has `book`, and it is one the account can edit.
 * A shared calendar is always `ignore`: the grant does not reach it, and a read it refuses would fail every answer.
 */
import { createHash } from 'node:crypto';
import type { CalendarConnection, CalendarRole, ConnectedCalendar } from '../ports';
import type { ProviderCalendar } from '../types';

/** The connection id of (provider, account): stable, so reconnecting the same account finds its connection. */
export function connectionIdFor(provider: string, accountId: string): string {
  return `${provider}-${createHash('sha256').update(accountId).digest('hex').slice(0, 16)}`;
}

/** The role a calendar gets when nobody chose one yet. */
function defaultRole(calendar: ProviderCalendar): CalendarRole {
  return calendar.shared ? 'ignore' : 'busy';
}

/**
 * The calendars of a (re)connected account with their roles: `previous` roles kept, new calendars busy or ignore, and
 * the default calendar `book` when `needsBook` (no other connection of the manager takes bookings).
 */
export function assignRoles(
  listed: readonly ProviderCalendar[],
  previous: readonly ConnectedCalendar[],
  needsBook: boolean,
): ConnectedCalendar[] {
  const before = new Map(previous.map((c) => [c.id, c.role]));
  const calendars: ConnectedCalendar[] = listed.map((cal) => ({
    id: cal.id,
    name: cal.name,
    canEdit: cal.canEdit,
    // A role given before the calendar was known to be shared does not survive: the provider would refuse it.
    role: cal.shared ? 'ignore' : (before.get(cal.id) ?? defaultRole(cal)),
    ...(cal.shared ? { shared: true } : {}),
  }));
  for (const cal of calendars) if (cal.role === 'book' && (!needsBook || !cal.canEdit)) cal.role = 'busy';
  if (needsBook && !calendars.some((c) => c.role === 'book')) {
    const target =
      calendars.find((c, i) => listed[i]!.isDefault && c.canEdit && !c.shared) ??
      calendars.find((c) => c.canEdit && !c.shared);
    if (target) target.role = 'book';
  }
  return calendars;
}

/** Whether any of `connections` (other than `except`) has a calendar taking bookings. */
export function hasBook(connections: readonly CalendarConnection[], except?: string): boolean {
  return connections.some((c) => c.connectionId !== except && c.calendars.some((cal) => cal.role === 'book'));
}

/** After a connection left: gives `book` to the first editable, counted calendar left, if none has it. */
export function reassignBook(connections: CalendarConnection[]): CalendarConnection[] {
  if (hasBook(connections)) return connections;
  for (const connection of connections) {
    if (connection.needsReconnect) continue;
    const target = connection.calendars.find((c) => c.canEdit && !c.shared && c.role === 'busy');
    if (!target) continue;
    return connections.map((c) =>
      c !== connection
        ? c
        : { ...c, calendars: c.calendars.map((cal) => (cal === target ? { ...cal, role: 'book' as const } : cal)) },
    );
  }
  return connections;
}
