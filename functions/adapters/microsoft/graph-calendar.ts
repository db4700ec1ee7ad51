/** CalendarProvider over Microsoft Graph: events per calendar, mailbox settings, the account and its calendars. */
import { NotFoundError, ProviderError } from '../../domain/errors';
import { type CalendarProvider, DEFAULT_CALENDAR_ID, type Deadline, type Log } from '../../domain/ports';
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
import { type ConnectedAccount, MailboxAccount } from './graph-account';
import type { GraphClient } from './graph-client';
import { DuplicateTransactionError } from './graph-errors';
import { type GraphEvent, toCalendarEntry, toGraphEventBody, toGraphEventPatch } from './graph-mapping';
import { type Page, readPages, utcIso } from './graph-paging';
import { type MailboxSettings, ownerScheduleFromMailbox } from './mailbox-schedule';

// transactionId lets a booking recognise its own event (a retried or repeated request) in the live re-check.
const ENTRY_FIELDS = 'subject,start,end,showAs,isAllDay,isCancelled,type,transactionId';
// 500 per page keeps a normal two-week window to one round trip.
const PAGE_SIZE = '500';
// Sent to the attendees with Outlook's cancellation; nothing about the caller (it goes to the caller).
const CANCEL_COMMENT = 'This appointment has been cancelled.';

/** One connected account's Outlook calendars through Graph. Reads come back in UTC (GraphClient's Prefer header). */
export class GraphCalendar implements CalendarProvider {
  private readonly mailbox: MailboxAccount;

  constructor(
    private readonly graph: GraphClient,
    account: ConnectedAccount,
    private readonly log?: Pick<Log, 'warn'>,
  ) {
    this.mailbox = new MailboxAccount(graph, account);
  }

  /** Entries of one calendar overlapping `range`, recurrences expanded, following @odata.nextLink until absent. */
  async listEntries(calendarId: string, range: Interval, deadline: Deadline): Promise<CalendarEntry[]> {
    const query = {
      startDateTime: utcIso(range.start),
      endDateTime: utcIso(range.end),
      $select: ENTRY_FIELDS,
      $top: PAGE_SIZE,
    };
    const path = `${calendarPath(calendarId)}/calendarView`;
    const items = await readPages<GraphEvent>(this.graph, { method: 'GET', path, query }, deadline, 'calendarView');
    return items.map(toCalendarEntry);
  }

  /** Creates the event in the calendar; a reused booking key is a replay that resolves to the existing event. */
  async createEvent(calendarId: string, event: NewCalendarEvent, deadline: Deadline): Promise<CreatedEvent> {
    try {
      const body = toGraphEventBody(event);
      const request = { method: 'POST' as const, path: eventsPath(calendarId), body, idempotent: true };
      const created = await this.graph.send<GraphEvent>(request, deadline);
      if (!created?.id) throw new ProviderError('Microsoft Graph created an event without an id', 201, 'InvalidEvent');
      return { id: created.id };
    } catch (error) {
      if (!(error instanceof DuplicateTransactionError)) throw error;
      const id = error.existingEventId ?? (await this.findByBookingKey(calendarId, event, deadline));
      if (!id) throw error;
      return { id };
    }
  }

  /** Changes the given fields (event ids are unique in the mailbox, so no calendar is needed in the path). */
  async updateEvent(_calendarId: string, eventId: string, changes: EventChanges, deadline: Deadline): Promise<void> {
    await this.graph.send({ method: 'PATCH', path: eventPath(eventId), body: toGraphEventPatch(changes) }, deadline);
  }

  /**
   * Cancels through /cancel, so attendees get Outlook's cancellation. Graph answers 400 to an event it will not cancel
   * that way (the manager is not its organizer; the code is undocumented): that one is deleted instead. Gone is done.
   */
  async cancelEvent(_calendarId: string, eventId: string, deadline: Deadline): Promise<void> {
    try {
      // A repeated cancel finds the event gone (404, done), so the POST may be retried.
      const body = { comment: CANCEL_COMMENT };
      const path = `${eventPath(eventId)}/cancel`;
      await this.graph.send({ method: 'POST', path, body, idempotent: true, answers: [400] }, deadline);
    } catch (error) {
      if (error instanceof NotFoundError) return;
      if (!(error instanceof ProviderError && error.status === 400)) throw error;
      await this.deleteEvent(eventId, deadline);
    }
  }

  /** The mailbox's zone and working hours, in IANA zones (an unknown Windows name is logged and left out). */
  async getOwnerSchedule(deadline: Deadline): Promise<OwnerSchedule> {
    const settings = await this.graph.send<MailboxSettings>({ method: 'GET', path: '/me/mailboxSettings' }, deadline);
    return ownerScheduleFromMailbox(settings, this.log);
  }

  /** The signed-in account (GET /me). */
  getAccount(deadline: Deadline): Promise<ProviderAccount> {
    return this.mailbox.account(deadline);
  }

  /** The account's calendars, its own and those shared with it (GET /me/calendars, every page). */
  listCalendars(deadline: Deadline): Promise<ProviderCalendar[]> {
    return this.mailbox.calendars(deadline);
  }

  private async deleteEvent(eventId: string, deadline: Deadline): Promise<void> {
    try {
      await this.graph.send({ method: 'DELETE', path: eventPath(eventId) }, deadline);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  // Graph documents neither the dedup window nor a lookup by transactionId: try $filter, then the event's own window.
  private async findByBookingKey(
    calendarId: string,
    event: NewCalendarEvent,
    deadline: Deadline,
  ): Promise<string | undefined> {
    const match = (page: Page<GraphEvent> | undefined) =>
      page?.value?.find((item) => item.transactionId === event.bookingKey && item.id)?.id;
    try {
      const filter = `transactionId eq '${event.bookingKey.replace(/'/g, "''")}'`;
      const query = { $filter: filter, $select: 'id,transactionId', $top: '1' };
      const request = { method: 'GET' as const, path: eventsPath(calendarId), query, answers: [400, 404] };
      const found = match(await this.graph.send<Page<GraphEvent>>(request, deadline));
      if (found) return found;
    } catch (error) {
      // Unsupported filter (400) or listing (404): the window lookup below still works. Anything transient is final.
      if (!(error instanceof ProviderError || error instanceof NotFoundError)) throw error;
    }
    const query = {
      startDateTime: utcIso(event.start - 60_000),
      endDateTime: utcIso(event.end + 60_000),
      $select: 'id,transactionId',
      $top: PAGE_SIZE,
    };
    const path = `${calendarPath(calendarId)}/calendarView`;
    return match(await this.graph.send<Page<GraphEvent>>({ method: 'GET', path, query }, deadline));
  }
}

/** The Graph path of a calendar; DEFAULT_CALENDAR_ID is the account's default calendar (/me/calendar). */
export function calendarPath(calendarId: string): string {
  return calendarId === DEFAULT_CALENDAR_ID ? '/me/calendar' : `/me/calendars/${encodeURIComponent(calendarId)}`;
}

// POST /me/events writes to the default calendar; another calendar takes its events under its own path.
function eventsPath(calendarId: string): string {
  return calendarId === DEFAULT_CALENDAR_ID ? '/me/events' : `${calendarPath(calendarId)}/events`;
}

function eventPath(id: string): string {
  return `/me/events/${encodeURIComponent(id)}`;
}
