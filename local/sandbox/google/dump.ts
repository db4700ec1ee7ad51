/** The account back in the file format: what GET /calendar serves and a file can load again (same ids, same times). */
import type { CalendarEntry } from './calendar/calendars';
import type { EventStore, StoredEvent, StoredMeta } from './calendar/event-store';
import { writableBody } from './calendar/event-store';
import type { EventResource } from './calendar/event-types';
import type { GoogleContext } from './context';
import type { GoogleSandboxFile, SandboxGoogleCalendar } from './file-schema';

/** An event as the file holds it: its id, body, and the server fields a reload restores. Deleted: status cancelled. */
function dumpEvent(event: StoredEvent): EventResource {
  return {
    id: event.id,
    ...structuredClone(event.body),
    ...(event.deleted ? { status: 'cancelled' as const } : {}),
    created: new Date(event.createdMs).toISOString(),
    updated: new Date(event.updatedMs).toISOString(),
    sequence: event.sequence,
    iCalUID: event.iCalUID,
  };
}

/** Every calendar as the file gave it (its extras only where given), with all its events, deleted ones included. */
export function dumpFile(ctx: GoogleContext, user: GoogleSandboxFile['user']): GoogleSandboxFile {
  return {
    user: { ...user },
    calendars: ctx.calendars.all().map((calendar: CalendarEntry): SandboxGoogleCalendar => {
      const { events: _events, ...spec } = calendar.spec;
      return { ...structuredClone(spec), events: ctx.events.list(calendar.key).map(dumpEvent) };
    }),
  };
}

/** Loads a file's events into the store, restoring ids and the server fields a dump wrote. */
export function seedEvents(store: EventStore, calendars: readonly SandboxGoogleCalendar[]): void {
  for (const calendar of calendars) {
    for (const input of calendar.events) {
      const raw = input as Record<string, unknown>;
      const { body, cancelled } = writableBody(raw);
      const time = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined);
      const meta: StoredMeta = {
        id: typeof raw.id === 'string' ? raw.id : undefined,
        createdMs: time(raw.created),
        updatedMs: time(raw.updated),
        sequence: typeof raw.sequence === 'number' ? raw.sequence : undefined,
        iCalUID: typeof raw.iCalUID === 'string' ? raw.iCalUID : undefined,
        deleted: cancelled,
      };
      store.add(calendar.id, body, meta);
    }
  }
}
