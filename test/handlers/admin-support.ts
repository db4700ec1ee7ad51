/** Events and stored state for the admin API tests: fixtures under test/events/admin/, records on DynamoDB Local. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DynamoBookingStore } from '../../functions/adapters/dynamo/booking-store';
import { DynamoConnectionStore } from '../../functions/adapters/dynamo/connection-store';
import { DynamoSettingsStore } from '../../functions/adapters/dynamo/settings-store';
import type { BookingRecord, CalendarConnection, ManagerSettings } from '../../functions/domain/ports';
import type { HttpEvent } from '../../functions/handlers/shared/http';
import { fakeConnection } from '../fakes/manager';
import type { DynamoTables } from '../support/dynamo';

export const ADMIN_TOKEN = randomBytes(24).toString('base64url');

/** The connection id and a Microsoft-style calendar id ("/", "+" and "=" included) the fixtures use. */
export const CONNECTION_ID = 'microsoft-0123456789abcdef';
export const SHOWINGS_ID = 'AAMkADI5ZjQ+Lw/abc==';

export interface AdminChanges {
  /** The raw path below /calendar/admin/ (percent-encoded as a client sends it). */
  path?: string;
  method?: string;
  query?: Record<string, string>;
  /** A value is sent as JSON; a string as it is. */
  body?: unknown;
  headers?: Record<string, string | undefined>;
}

/** An admin API event from test/events/admin/<fixture>.json with the admin token, changed as asked. */
export function adminEvent(fixture: string, changes: AdminChanges = {}): HttpEvent {
  const file = new URL(`../events/admin/${fixture}.json`, import.meta.url);
  const event = JSON.parse(readFileSync(file, 'utf8')) as HttpEvent;
  event.headers = { ...event.headers, authorization: `Bearer ${ADMIN_TOKEN}` };
  if (changes.path !== undefined) {
    event.rawPath = `/calendar/admin/${changes.path}`;
    // API Gateway decodes the whole proxy parameter (and leaves a malformed one as it is).
    event.pathParameters = { proxy: decoded(changes.path) };
  }
  if (changes.method) {
    event.requestContext.http.method = changes.method;
    event.routeKey = `${changes.method} /calendar/admin/{proxy+}`;
  }
  if (changes.query) {
    event.queryStringParameters = changes.query;
    event.rawQueryString = new URLSearchParams(changes.query).toString();
  }
  if (changes.body !== undefined) {
    event.body = typeof changes.body === 'string' ? changes.body : JSON.stringify(changes.body);
  }
  if (changes.headers) {
    const merged = { ...event.headers, ...changes.headers };
    event.headers = Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined));
  }
  return event;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The status function's configuration over `dynamo`. */
export function statusEnv(dynamo: DynamoTables): Record<string, string> {
  return {
    ADMIN_TOKEN,
    CONNECTIONS_TABLE: dynamo.tables.connections,
    SETTINGS_TABLE: dynamo.tables.settings,
    BOOKINGS_TABLE: dynamo.tables.bookings,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
  };
}

/**
 * A manager with one connection of two calendars: "Calendar" takes bookings, "Showings" (SHOWINGS_ID) counts as
 * busy, and a read-only "Holidays" is ignored.
 */
export function twoCalendarConnection(extra: Partial<CalendarConnection> = {}): CalendarConnection {
  const connection = fakeConnection(
    CONNECTION_ID,
    [
      { id: 'default', role: 'book' },
      { id: SHOWINGS_ID, role: 'busy' },
      { id: 'holidays', role: 'ignore', canEdit: false },
    ],
    { provider: 'microsoft', schedule: { timeZone: 'America/Los_Angeles' }, ...extra },
  );
  const names: Record<string, string> = { default: 'Calendar', [SHOWINGS_ID]: 'Showings', holidays: 'Holidays' };
  return { ...connection, calendars: connection.calendars.map((c) => ({ ...c, name: names[c.id]! })) };
}

/** Stores `connections` (and `settings`) for `managerId` with the real adapters. */
export async function seedManager(
  dynamo: DynamoTables,
  managerId: string,
  connections: CalendarConnection[],
  settings?: ManagerSettings,
): Promise<void> {
  if (connections.length) {
    await new DynamoConnectionStore(dynamo.doc, dynamo.tables.connections).save(
      { managerId, connections, revision: 0 },
      undefined,
    );
  }
  if (settings) {
    await new DynamoSettingsStore(dynamo.doc, dynamo.tables.settings).merge(
      managerId,
      settings,
      '2026-11-01T00:00:00Z',
    );
  }
}

const WEEK_MS = 7 * 86_400_000;
/** The times of `booking` a week later. */
const weekLater = ({ startMs, endMs }: BookingRecord) => ({
  start: new Date(startMs + WEEK_MS).toISOString(),
  end: new Date(endMs + WEEK_MS).toISOString(),
  startMs: startMs + WEEK_MS,
  endMs: endMs + WEEK_MS,
});

/**
 * A booking of `managerId` at `startIso` (30 minutes), stored with the real adapter: pending unless `extra` says
 * otherwise; `released` is a released pending one, `moved` the tombstone of a confirmed one the owner moved a week on.
 */
export async function seedBooking(
  dynamo: DynamoTables,
  managerId: string,
  bookingId: string,
  startIso: string,
  extra: Partial<BookingRecord> = {},
): Promise<BookingRecord> {
  const startMs = Date.parse(startIso);
  const booking: BookingRecord = {
    managerId,
    bookingId,
    start: startIso,
    end: new Date(startMs + 30 * 60_000).toISOString(),
    startMs,
    endMs: startMs + 30 * 60_000,
    callerName: 'Ada Caller',
    callerPhone: '+1 (555) 010-4321',
    propertyAddress: '12 Elm St',
    status: 'pending',
    toolCallId: `tc-${bookingId}`,
    confirmationCode: 'ABC123',
    createdAt: '2026-11-01T00:00:00.000Z',
    ...extra,
  };
  const store = new DynamoBookingStore(dynamo.doc, dynamo.tables.bookings);
  const cells = [startMs, startMs + 15 * 60_000];
  if (booking.status === 'held') {
    await store.hold({ ...booking, holdUntilMs: booking.holdUntilMs ?? startMs }, cells, 0);
    return booking;
  }
  await store.reserve(booking, cells, startMs, 0);
  if (booking.status === 'released') await store.release(booking, cells);
  if (booking.status === 'confirmed' || booking.status === 'moved') {
    await store.confirm(booking, cells, `event-${bookingId}`);
  }
  // A moved one is the tombstone of a booking the owner moved to a week later (it holds no cells there).
  if (booking.status === 'moved') await store.relocate(booking, weekLater(booking), booking.createdAt);
  return booking;
}
