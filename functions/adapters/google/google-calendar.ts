/** CalendarProvider over Google Calendar v3: events per calendar, the primary calendar's zone, the calendar list. */
import { NotFoundError, ProviderError } from '../../domain/errors';
import type { CalendarProvider, Deadline, Log } from '../../domain/ports';
import type {
  CalendarEntry,
  CreatedEvent,
  EventChanges,
  Interval,
  NewCalendarEvent,
  OwnerSchedule,
  ProviderAccount,
  ProviderCalendar,
} from '../../domain/types';
import type { CalendarClient } from './calendar-client';
import { calendarZone, listCalendars, ownerSchedule } from './calendar-list';
import { createBookingEvent } from './create-event';
import { toEventPatch } from './event-body';
import { type GoogleEvent, isAllDayEvent, toCalendarEntry } from './event-mapping';
import { readPages } from './paging';
import { eventPath, eventsPath } from './paths';
import { utcIsoText } from '../../domain/time';

/** The connection's own facts about its account, from the id_token at connect: no round trip to repeat them. */
export interface ConnectedAccount {
  accountId: string;
  email: string;
  name?: string;
}

/** One connected Google account's calendars. */
export class GoogleCalendar implements CalendarProvider {
  // Calendar zones read for all-day events of getEvent (events.get carries none), once per calendar per instance.
  private readonly zones = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly client: CalendarClient,
    private readonly account: ConnectedAccount,
    private readonly log?: Pick<Log, 'warn'>,
  ) {}

  /**
   * Entries overlapping `range` (recurring series expanded), every page; cancelled ones are left out. All-day dates are
   * read in the calendar's zone, which events.list returns beside the items.
   */
  async listEntries(calendarId: string, range: Interval, deadline: Deadline): Promise<CalendarEntry[]> {
    const query = {
      singleEvents: 'true',
      // Google's bounds: timeMin is exclusive for an event's end, timeMax for its start, so these select overlaps.
      timeMin: utcIsoText(range.start),
      timeMax: utcIsoText(range.end),
      maxResults: '2500',
      showDeleted: 'false',
    };
    const request = { method: 'GET' as const, path: eventsPath(calendarId), query };
    const { items, timeZone } = await readPages<GoogleEvent>(this.client, request, deadline, 'events.list');
    return items.filter((item) => item.status !== 'cancelled').map((item) => toCalendarEntry(item, timeZone));
  }

  /** Creates the event (id derived from the booking key); a replay adopts the event its first attempt made. */
  createEvent(calendarId: string, event: NewCalendarEvent, deadline: Deadline): Promise<CreatedEvent> {
    return createBookingEvent(this.client, calendarId, event, deadline, this.log);
  }

  /** The event as it is now (a deleted one reads as cancelled); undefined on 404 or 410. */
  async getEvent(calendarId: string, eventId: string, deadline: Deadline): Promise<CalendarEntry | undefined> {
    let event: GoogleEvent | undefined;
    try {
      event = await this.client.send<GoogleEvent>({ method: 'GET', path: eventPath(calendarId, eventId) }, deadline);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
    if (!event) throw new ProviderError('Google Calendar returned an empty event', 200, 'InvalidEvent');
    const zone = isAllDayEvent(event) ? await this.zoneOf(calendarId, deadline) : undefined;
    return toCalendarEntry({ ...event, id: event.id ?? eventId }, zone);
  }

  /**
   * Patches only the given fields. sendUpdates=all: Google emails only the attendees the event has, and they get an
   * updated invitation (same event, same iCalUID), not a new one. NotFoundError when the event is gone.
   */
  async updateEvent(calendarId: string, eventId: string, changes: EventChanges, deadline: Deadline): Promise<void> {
    const path = eventPath(calendarId, eventId);
    const request = { method: 'PATCH' as const, path, query: { sendUpdates: 'all' }, body: toEventPatch(changes) };
    await this.client.send(request, deadline);
  }

  /**
   * Deletes the event with sendUpdates=all (attendees get Google's cancellation). Gone already (404, or 410 for one
   * deleted before) is done. `comment` is not sent: Google's delete carries no message, and patching it into the
   * description first would cost a round trip and send attendees an "updated" email just before the cancellation.
   */
  async cancelEvent(calendarId: string, eventId: string, deadline: Deadline, _comment?: string): Promise<void> {
    const request = { method: 'DELETE' as const, path: eventPath(calendarId, eventId), query: { sendUpdates: 'all' } };
    try {
      await this.client.send(request, deadline);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  /** The primary calendar's zone; never working hours (Google has no API for them). */
  getOwnerSchedule(deadline: Deadline): Promise<OwnerSchedule> {
    return ownerSchedule(this.client, deadline);
  }

  /** The signed-in account as the connection recorded it from the verified id_token (sub, email). */
  async getAccount(_deadline: Deadline): Promise<ProviderAccount> {
    const { accountId, email, name } = this.account;
    if (!email) throw new ProviderError('The Google connection has no account address', 0, 'InvalidConnection');
    return { accountId, email, ...(name ? { name } : {}) };
  }

  /** The account's calendar list; calendars it does not own are marked shared. */
  listCalendars(deadline: Deadline): Promise<ProviderCalendar[]> {
    return listCalendars(this.client, deadline, this.account.email);
  }

  /** A refresh-token grant at Google's token endpoint (an unused grant lapses after six months). */
  keepAlive(deadline: Deadline): Promise<void> {
    return this.client.refreshTokens(deadline);
  }

  private zoneOf(calendarId: string, deadline: Deadline): Promise<string | undefined> {
    let zone = this.zones.get(calendarId);
    if (!zone) {
      zone = calendarZone(this.client, calendarId, deadline);
      // A failed read is not kept: the next call asks again.
      zone.catch(() => this.zones.delete(calendarId));
      this.zones.set(calendarId, zone);
    }
    return zone;
  }
}
