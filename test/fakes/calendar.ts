/** A scriptable CalendarProvider/CalendarAccess for use-case tests. */
import type { CalendarAccess, CalendarProvider, ManagerConnection } from '../../functions/domain/ports';
import { DateTime } from 'luxon';
import type { CalendarEntry, NewCalendarEvent } from '../../functions/domain/types';

export class FakeCalendar implements CalendarProvider, CalendarAccess {
  entries: CalendarEntry[] = [];
  created: NewCalendarEvent[] = [];
  failList?: Error;
  failCreate?: Error;
  forConnection(_connection: ManagerConnection): CalendarProvider { return this; }
  async listEntries() { if (this.failList) throw this.failList; return structuredClone(this.entries); }
  /** Like Graph: a created event shows up in later reads, with its transactionId (set failCreate to fail after creating with createThenFail). */
  async createEvent(event: NewCalendarEvent) {
    if (this.failCreate && !this.createThenFail) throw this.failCreate;
    this.created.push(event);
    const id = `evt-${this.created.length}`;
    const at = (wall: string) => DateTime.fromISO(wall, { zone: event.timeZone }).toMillis();
    this.entries.push({ id, start: at(event.start), end: at(event.end), showAs: 'busy', isCancelled: false, isAllDay: false, transactionId: event.transactionId });
    if (this.failCreate) throw this.failCreate;
    return { id };
  }
  createThenFail = false;
  async getMailboxSettings() { return {}; }
  async getProfile() { return { id: 'u1', mail: 'pat@contoso.example' }; }
}
