/** A scriptable CalendarProvider/CalendarAccess for use-case tests. */
import type { CalendarAccess, CalendarProvider, ManagerConnection } from '../../functions/domain/ports';
import type { CalendarEntry, NewCalendarEvent, OwnerSchedule } from '../../functions/domain/types';

export class FakeCalendar implements CalendarProvider, CalendarAccess {
  entries: CalendarEntry[] = [];
  created: NewCalendarEvent[] = [];
  failList?: Error;
  failCreate?: Error;
  forConnection(_connection: ManagerConnection): CalendarProvider {
    return this;
  }
  async listEntries() {
    if (this.failList) throw this.failList;
    return structuredClone(this.entries);
  }
  /** Like Graph: a created event shows up in later reads, with its transactionId (set failCreate to fail after creating with createThenFail). */
  async createEvent(event: NewCalendarEvent) {
    if (this.failCreate && !this.createThenFail) throw this.failCreate;
    this.created.push(event);
    const id = `evt-${this.created.length}`;
    this.entries.push({
      id,
      start: event.start,
      end: event.end,
      showAs: 'busy',
      isCancelled: false,
      isAllDay: false,
      transactionId: event.transactionId,
    });
    if (this.failCreate) throw this.failCreate;
    return { id };
  }
  createThenFail = false;
  schedule: OwnerSchedule = {};
  async getOwnerSchedule() {
    if (this.failSchedule) throw this.failSchedule;
    return structuredClone(this.schedule);
  }
  failSchedule?: Error;
  async getProfile() {
    return { id: 'u1', mail: 'pat@contoso.example' };
  }
}
