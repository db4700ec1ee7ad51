/** CalendarProvider over Microsoft Graph: events per calendar, mailbox settings, the account and its calendars. */
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
import { type ConnectedAccount, MailboxAccount } from './graph-account';
import { cancelOrDelete } from './graph-cancel';
import type { GraphClient } from './graph-client';
import { DuplicateTransactionError } from './graph-errors';
import { type GraphEvent, joinUrlOf, toCalendarEntry, toGraphEventBody, toGraphEventPatch } from './graph-mapping';
import { calendarAllowsTeams, checkTeamsAnswer } from './graph-online';
import { type Page, readPages } from './graph-paging';
import { utcIsoText } from '../../domain/time';
import { calendarPath, eventPath, eventsPath } from './graph-paths';
import { type MailboxSettings, ownerScheduleFromMailbox } from './mailbox-schedule';

// transactionId lets a booking recognise its own event (a retried or repeated request) in the live re-check.
const ENTRY_FIELDS = 'subject,start,end,showAs,isAllDay,isCancelled,type,transactionId';
// 500 per page keeps a normal two-week window to one round trip.
const PAGE_SIZE = '500';

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
      startDateTime: utcIsoText(range.start),
      endDateTime: utcIsoText(range.end),
      $select: ENTRY_FIELDS,
      $top: PAGE_SIZE,
    };
    const path = `${calendarPath(calendarId)}/calendarView`;
    const items = await readPages<GraphEvent>(this.graph, { method: 'GET', path, query }, deadline, 'calendarView');
    return items.map(toCalendarEntry);
  }

  /**
   * Creates the event in the calendar; a reused booking key is a replay that resolves to the existing event. An online
   * event costs one GET of the calendar first: Teams is asked for only where the calendar offers it.
   */
  async createEvent(calendarId: string, event: NewCalendarEvent, deadline: Deadline): Promise<CreatedEvent> {
    const teams = event.online === true && (await calendarAllowsTeams(this.graph, calendarId, deadline));
    try {
      const body = toGraphEventBody(event, teams);
      const request = { method: 'POST' as const, path: eventsPath(calendarId), body, idempotent: true };
      const created = await this.graph.send<GraphEvent>(request, deadline);
      if (!created?.id) throw new ProviderError('Microsoft Graph created an event without an id', 201, 'InvalidEvent');
      if (teams) checkTeamsAnswer(created, this.log);
      return withJoinUrl(created.id, created);
    } catch (error) {
      if (!(error instanceof DuplicateTransactionError)) throw error;
      // The id Graph names costs nothing more; a link would take another GET, so that replay goes without one.
      if (error.existingEventId) return { id: error.existingEventId };
      const found = await this.findByBookingKey(calendarId, event, deadline);
      if (!found?.id) throw error;
      return withJoinUrl(found.id, found);
    }
  }

  /** The event as it is now (ids are unique in the mailbox); undefined once Graph answers 404 ErrorItemNotFound. */
  async getEvent(_calendarId: string, eventId: string, deadline: Deadline): Promise<CalendarEntry | undefined> {
    try {
      const request = { method: 'GET' as const, path: eventPath(eventId), query: { $select: ENTRY_FIELDS } };
      const event = await this.graph.send<GraphEvent>(request, deadline);
      if (!event) throw new ProviderError('Microsoft Graph returned an empty event', 200, 'InvalidEvent');
      return toCalendarEntry({ ...event, id: event.id ?? eventId });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** Changes only the given fields (a move sends start and end alone, so an online meeting's body is untouched). */
  async updateEvent(_calendarId: string, eventId: string, changes: EventChanges, deadline: Deadline): Promise<void> {
    await this.graph.send({ method: 'PATCH', path: eventPath(eventId), body: toGraphEventPatch(changes) }, deadline);
  }

  /** With attendees, Outlook's cancellation carrying `comment` (default: a neutral one); without, a delete. */
  cancelEvent(_calendarId: string, eventId: string, deadline: Deadline, comment?: string): Promise<void> {
    return cancelOrDelete(this.graph, eventId, deadline, comment);
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

  /** A refresh-token redemption at the token endpoint; msal stores the rotated refresh token it brings. */
  keepAlive(deadline: Deadline): Promise<void> {
    return this.graph.refreshTokens(deadline);
  }

  // Graph documents neither the dedup window nor a lookup by transactionId: try $filter, then the event's own window.
  // An online event's lookup also selects onlineMeeting, so the replay returns its link at no extra cost.
  private async findByBookingKey(
    calendarId: string,
    event: NewCalendarEvent,
    deadline: Deadline,
  ): Promise<GraphEvent | undefined> {
    const match = (page: Page<GraphEvent> | undefined) =>
      page?.value?.find((item) => item.transactionId === event.bookingKey && item.id);
    const $select = event.online ? 'id,transactionId,onlineMeeting' : 'id,transactionId';
    try {
      const filter = `transactionId eq '${event.bookingKey.replace(/'/g, "''")}'`;
      const query = { $filter: filter, $select, $top: '1' };
      const request = { method: 'GET' as const, path: eventsPath(calendarId), query, answers: [400, 404] };
      const found = match(await this.graph.send<Page<GraphEvent>>(request, deadline));
      if (found) return found;
    } catch (error) {
      // Unsupported filter (400) or listing (404): the window lookup below still works. Anything transient is final.
      if (!(error instanceof ProviderError || error instanceof NotFoundError)) throw error;
    }
    const query = {
      startDateTime: utcIsoText(event.start - 60_000),
      endDateTime: utcIsoText(event.end + 60_000),
      $select,
      $top: PAGE_SIZE,
    };
    const path = `${calendarPath(calendarId)}/calendarView`;
    return match(await this.graph.send<Page<GraphEvent>>({ method: 'GET', path, query }, deadline));
  }
}

function withJoinUrl(id: string, event: GraphEvent): CreatedEvent {
  const joinUrl = joinUrlOf(event);
  return joinUrl ? { id, joinUrl } : { id };
}
