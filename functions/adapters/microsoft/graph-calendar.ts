/** CalendarProvider over Microsoft Graph (/me/calendarView, /me/events, /me/mailboxSettings, /me). */
import type { CalendarProvider, Deadline, Log } from '../../domain/ports';
import type {
  CalendarEntry,
  CreatedEvent,
  Interval,
  NewCalendarEvent,
  OwnerSchedule,
  ProviderProfile,
} from '../../domain/types';
import { NotFoundError, ProviderError } from '../../domain/errors';
import { utcWallText } from '../../domain/time';
import type { GraphClient } from './graph-client';
import { DuplicateTransactionError } from './graph-errors';
import { ownerScheduleFromMailbox, type MailboxSettings } from './mailbox-schedule';
import {
  toCalendarEntry,
  toGraphEventBody,
  toGraphEventPatch,
  type EventChanges,
  type GraphEvent,
} from './graph-mapping';

/** One event read back by id. */
export interface CalendarEvent extends CalendarEntry {
  id: string;
  subject?: string;
  transactionId?: string;
}

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

// transactionId lets a booking recognise its own event (a retried or repeated request) in the live re-check.
const ENTRY_FIELDS = 'subject,start,end,showAs,isAllDay,isCancelled,type,transactionId';
// 500 per page keeps a normal two-week window to one round trip; the page cap stops a runaway nextLink chain.
const PAGE_SIZE = '500';
const MAX_PAGES = 20;

/** One manager's Outlook calendar through Graph. All reads come back in UTC (Prefer header set by GraphClient). */
export class GraphCalendar implements CalendarProvider {
  constructor(
    private readonly graph: GraphClient,
    private readonly log?: Pick<Log, 'warn'>,
  ) {}

  /** Entries overlapping `range`, recurrences expanded, following @odata.nextLink until absent. */
  async listEntries(range: Interval, deadline: Deadline): Promise<CalendarEntry[]> {
    const query = {
      startDateTime: utcIso(range.start),
      endDateTime: utcIso(range.end),
      $select: ENTRY_FIELDS,
      $top: PAGE_SIZE,
    };
    let page = await this.graph.send<Page<GraphEvent>>({ method: 'GET', path: '/me/calendarView', query }, deadline);
    const entries: CalendarEntry[] = [];
    for (let pages = 1; ; pages++) {
      for (const item of page?.value ?? []) entries.push(toCalendarEntry(item));
      const next = page?.['@odata.nextLink'];
      if (!next) return entries;
      if (pages >= MAX_PAGES)
        throw new ProviderError('Microsoft Graph calendarView paged too far', 200, 'TooManyPages');
      page = await this.graph.send<Page<GraphEvent>>({ method: 'GET', path: next }, deadline);
    }
  }

  /** Creates the event; a reused transactionId is an idempotent replay that resolves to the existing event. */
  async createEvent(event: NewCalendarEvent, deadline: Deadline): Promise<CreatedEvent> {
    try {
      const body = toGraphEventBody(event);
      const created = await this.graph.send<GraphEvent>(
        { method: 'POST', path: '/me/events', body, idempotent: true },
        deadline,
      );
      if (!created?.id) throw new ProviderError('Microsoft Graph created an event without an id', 201, 'InvalidEvent');
      return { id: created.id };
    } catch (error) {
      if (!(error instanceof DuplicateTransactionError)) throw error;
      const id = error.existingEventId ?? (await this.findByTransactionId(event, deadline));
      if (!id) throw error;
      return { id };
    }
  }

  /** The mailbox's time zone and working hours, mapped to IANA zones (an unknown Windows name is logged and left out). */
  async getOwnerSchedule(deadline: Deadline): Promise<OwnerSchedule> {
    const settings = await this.graph.send<MailboxSettings>({ method: 'GET', path: '/me/mailboxSettings' }, deadline);
    return ownerScheduleFromMailbox(settings, this.log);
  }

  /** The signed-in user. */
  async getProfile(deadline: Deadline): Promise<ProviderProfile> {
    const query = { $select: 'id,displayName,mail,userPrincipalName' };
    const me = await this.graph.send<ProviderProfile>({ method: 'GET', path: '/me', query }, deadline);
    if (!me?.id) throw new ProviderError('Microsoft Graph returned a profile without an id', 200, 'InvalidProfile');
    return {
      id: me.id,
      displayName: me.displayName ?? null,
      mail: me.mail ?? null,
      userPrincipalName: me.userPrincipalName ?? null,
    };
  }

  /** One event by id; NotFoundError when it was deleted. */
  async getEvent(id: string, deadline: Deadline): Promise<CalendarEvent> {
    const query = { $select: ENTRY_FIELDS };
    const event = await this.graph.send<GraphEvent>({ method: 'GET', path: eventPath(id), query }, deadline);
    if (!event) throw new ProviderError('Microsoft Graph returned an empty event', 200, 'InvalidEvent');
    return {
      ...toCalendarEntry(event),
      id,
      subject: event.subject ?? undefined,
      transactionId: event.transactionId ?? undefined,
    };
  }

  /** Changes the given fields of an event (future reschedule). */
  async updateEvent(id: string, changes: EventChanges, deadline: Deadline): Promise<void> {
    await this.graph.send({ method: 'PATCH', path: eventPath(id), body: toGraphEventPatch(changes) }, deadline);
  }

  /** Deletes an event; one that is already gone counts as deleted. */
  async deleteEvent(id: string, deadline: Deadline): Promise<void> {
    try {
      await this.graph.send({ method: 'DELETE', path: eventPath(id) }, deadline);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  // The dedup window and lookup support for transactionId are undocumented: try $filter, then the event's own time window.
  private async findByTransactionId(event: NewCalendarEvent, deadline: Deadline): Promise<string | undefined> {
    const match = (page: Page<GraphEvent> | undefined) =>
      page?.value?.find((item) => item.transactionId === event.transactionId && item.id)?.id;
    try {
      const filter = `transactionId eq '${event.transactionId.replace(/'/g, "''")}'`;
      const query = { $filter: filter, $select: 'id,transactionId', $top: '1' };
      const found = match(
        await this.graph.send<Page<GraphEvent>>({ method: 'GET', path: '/me/events', query }, deadline),
      );
      if (found) return found;
    } catch (error) {
      // Unsupported filter (400) or listing (404): the window lookup below still works. Anything transient is final.
      if (!(error instanceof ProviderError || error instanceof NotFoundError)) throw error;
    }
    const [start, end] = [event.start - 60_000, event.end + 60_000];
    const query = {
      startDateTime: utcIso(start),
      endDateTime: utcIso(end),
      $select: 'id,transactionId',
      $top: PAGE_SIZE,
    };
    return match(await this.graph.send<Page<GraphEvent>>({ method: 'GET', path: '/me/calendarView', query }, deadline));
  }
}

/** "2026-11-24T15:00:00Z": calendarView bounds carry their own offset (the Prefer header does not apply to them). */
function utcIso(ms: number): string {
  return `${utcWallText(ms)}Z`;
}

function eventPath(id: string): string {
  return `/me/events/${encodeURIComponent(id)}`;
}
