/** A scriptable CalendarProvider/CalendarAccess for use-case tests: several calendars, created events show up. */
import { NotFoundError } from '../../functions/domain/errors';
import type { CalendarAccess, CalendarConnection, CalendarProvider, Deadline } from '../../functions/domain/ports';
import type {
  CalendarEntry,
  CreatedEvent,
  EventChanges,
  NewCalendarEvent,
  OwnerSchedule,
  ProviderAccount,
  ProviderCalendar,
} from '../../functions/domain/types';

/** The calendar id the fake's `entries` and default bookings live in. */
export const FAKE_DEFAULT = 'default';

export class FakeCalendar implements CalendarProvider, CalendarAccess {
  /** Entries of the default calendar (other calendars: `byCalendar`). */
  entries: CalendarEntry[] = [];
  byCalendar = new Map<string, CalendarEntry[]>();
  created: Array<NewCalendarEvent & { calendarId: string }> = [];
  updated: Array<{ calendarId: string; eventId: string; changes: EventChanges }> = [];
  /** Every cancel asked for, with the comment it carried (a repeat is recorded too; the event is gone by then). */
  cancelled: Array<{ calendarId: string; eventId: string; comment?: string }> = [];
  /** Whether an online event gets a join link (false: the calendar does not offer online meetings). */
  onlineAllowed = true;
  /** Reads that failed with this error (optionally only for one calendar). */
  failList?: Error;
  failListFor?: string;
  failCreate?: Error;
  /** Create the event, then throw failCreate (a create whose answer was lost). */
  createThenFail = false;
  /** getEvent, updateEvent and cancelEvent throw these when set. */
  failGet?: Error;
  failUpdate?: Error;
  failCancel?: Error;
  failSchedule?: Error;
  /** keepAlive throws this when set; `keptAlive` counts the redemptions asked for. */
  failKeepAlive?: Error;
  keptAlive = 0;
  schedule: OwnerSchedule = {};
  account: ProviderAccount = { accountId: 'u1', email: 'pat@contoso.example', name: 'Pat' };
  calendars: ProviderCalendar[] = [
    { id: FAKE_DEFAULT, name: 'Calendar', isDefault: true, canEdit: true, shared: false },
  ];
  opened: Array<{ managerId: string; connectionId: string }> = [];
  /** Ids cancelled so far: updating one is a NotFoundError, as on Graph. */
  private gone = new Set<string>();

  open(managerId: string, connection: CalendarConnection): CalendarProvider {
    this.opened.push({ managerId, connectionId: connection.connectionId });
    return this;
  }

  private calendar(id: string): CalendarEntry[] {
    if (id === FAKE_DEFAULT) return this.entries;
    const list = this.byCalendar.get(id) ?? [];
    this.byCalendar.set(id, list);
    return list;
  }

  async listEntries(calendarId: string) {
    if (this.failList && (!this.failListFor || this.failListFor === calendarId)) throw this.failList;
    return structuredClone(this.calendar(calendarId));
  }

  /** Like Graph: a created event shows up in later reads of its calendar, with its bookingKey. */
  async createEvent(calendarId: string, event: NewCalendarEvent): Promise<CreatedEvent> {
    if (this.failCreate && !this.createThenFail) throw this.failCreate;
    this.created.push({ ...event, calendarId });
    const id = `evt-${this.created.length}`;
    const joinUrl = event.online && this.onlineAllowed ? `https://teams.example/meet/${id}` : undefined;
    this.calendar(calendarId).push({
      id,
      start: event.start,
      end: event.end,
      availability: 'busy',
      isCancelled: false,
      isAllDay: false,
      bookingKey: event.bookingKey,
    });
    if (this.failCreate) throw this.failCreate;
    return joinUrl ? { id, joinUrl } : { id };
  }

  /** The entry as it is now in its calendar (moved by updateEvent); undefined once cancelled or never there. */
  async getEvent(calendarId: string, eventId: string) {
    if (this.failGet) throw this.failGet;
    const entry = this.calendar(calendarId).find((e) => e.id === eventId);
    return entry && structuredClone(entry);
  }

  /** Records the change and moves the entry to its new times, like a Graph PATCH (a cancelled one: NotFoundError). */
  async updateEvent(calendarId: string, eventId: string, changes: EventChanges) {
    if (this.failUpdate) throw this.failUpdate;
    if (this.gone.has(eventId)) throw new NotFoundError('The calendar item was not found');
    this.updated.push({ calendarId, eventId, changes });
    const entry = this.calendar(calendarId).find((e) => e.id === eventId);
    if (entry && changes.start !== undefined) entry.start = changes.start;
    if (entry && changes.end !== undefined) entry.end = changes.end;
  }

  /** Records the cancel and removes the entry from its calendar (Graph's cancel moves it out of the view). */
  async cancelEvent(calendarId: string, eventId: string, _deadline?: Deadline, comment?: string) {
    if (this.failCancel) throw this.failCancel;
    this.gone.add(eventId);
    this.cancelled.push({ calendarId, eventId, ...(comment !== undefined ? { comment } : {}) });
    const list = this.calendar(calendarId);
    const at = list.findIndex((e) => e.id === eventId);
    if (at >= 0) list.splice(at, 1);
  }

  async getOwnerSchedule() {
    if (this.failSchedule) throw this.failSchedule;
    return structuredClone(this.schedule);
  }

  async keepAlive() {
    if (this.failKeepAlive) throw this.failKeepAlive;
    this.keptAlive++;
  }

  async getAccount() {
    return { ...this.account };
  }

  async listCalendars() {
    return structuredClone(this.calendars);
  }
}
