/** A scriptable CalendarProvider/CalendarAccess for use-case tests: several calendars, created events show up. */
import type { CalendarAccess, CalendarConnection, CalendarProvider } from '../../functions/domain/ports';
import type {
  CalendarEntry,
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
  cancelled: Array<{ calendarId: string; eventId: string }> = [];
  /** Reads that failed with this error (optionally only for one calendar). */
  failList?: Error;
  failListFor?: string;
  failCreate?: Error;
  /** Create the event, then throw failCreate (a create whose answer was lost). */
  createThenFail = false;
  failSchedule?: Error;
  schedule: OwnerSchedule = {};
  account: ProviderAccount = { accountId: 'u1', email: 'pat@contoso.example', name: 'Pat' };
  calendars: ProviderCalendar[] = [
    { id: FAKE_DEFAULT, name: 'Calendar', isDefault: true, canEdit: true, shared: false },
  ];
  opened: Array<{ managerId: string; connectionId: string }> = [];

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
  async createEvent(calendarId: string, event: NewCalendarEvent) {
    if (this.failCreate && !this.createThenFail) throw this.failCreate;
    this.created.push({ ...event, calendarId });
    const id = `evt-${this.created.length}`;
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
    return { id };
  }

  async updateEvent(calendarId: string, eventId: string, changes: EventChanges) {
    this.updated.push({ calendarId, eventId, changes });
  }

  async cancelEvent(calendarId: string, eventId: string) {
    this.cancelled.push({ calendarId, eventId });
  }

  async getOwnerSchedule() {
    if (this.failSchedule) throw this.failSchedule;
    return structuredClone(this.schedule);
  }

  async getAccount() {
    return { ...this.account };
  }

  async listCalendars() {
    return structuredClone(this.calendars);
  }
}
