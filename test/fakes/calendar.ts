/** A scriptable CalendarProvider/CalendarAccess for use-case tests. */
import type { CalendarAccess, CalendarProvider, ManagerConnection } from '../../functions/domain/ports';
import type { CalendarEntry, NewCalendarEvent } from '../../functions/domain/types';

export class FakeCalendar implements CalendarProvider, CalendarAccess {
  entries: CalendarEntry[] = [];
  created: NewCalendarEvent[] = [];
  failList?: Error;
  failCreate?: Error;
  forConnection(_connection: ManagerConnection): CalendarProvider { return this; }
  async listEntries() { if (this.failList) throw this.failList; return structuredClone(this.entries); }
  async createEvent(event: NewCalendarEvent) {
    if (this.failCreate) throw this.failCreate;
    this.created.push(event);
    return { id: `evt-${this.created.length}` };
  }
  async getMailboxSettings() { return {}; }
  async getProfile() { return { id: 'u1', mail: 'pat@contoso.example' }; }
}
