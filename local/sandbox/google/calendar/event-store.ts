/** The calendars' events as written, with Google's own fields; deleted events stay (status cancelled, id reserved). */
import { randomBytes } from 'node:crypto';
import type { EventResource } from './event-types';

/** Read-only fields a client may send back (a GET's body re-posted); Google ignores them, and so does the store. */
export const READ_ONLY_FIELDS = [
  'kind',
  'etag',
  'id',
  'htmlLink',
  'created',
  'updated',
  'iCalUID',
  'sequence',
  'creator',
  'hangoutLink',
  'privateCopy',
  'locked',
  'attendeesOmitted',
] as const;

export interface StoredEvent {
  id: string;
  calendarKey: string;
  /** The client's fields (no id, no read-only fields); `status` is never "cancelled": see `deleted`. */
  body: EventResource;
  createdMs: number;
  updatedMs: number;
  sequence: number;
  iCalUID: string;
  etag: string;
  /** Deleted (or cancelled in the file): served with status "cancelled", its id reserved. */
  deleted: boolean;
}

/** What a file or dump may restore besides the body. */
export interface StoredMeta {
  id?: string;
  createdMs?: number;
  updatedMs?: number;
  sequence?: number;
  iCalUID?: string;
  deleted?: boolean;
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** A new event id in Google's alphabet (base32hex), 26 characters like Google's own. */
export function newEventId(): string {
  return [...randomBytes(26)].map((b) => BASE32HEX[b & 31]).join('');
}

/** The body without read-only fields; a "cancelled" status becomes the deleted flag. */
export function writableBody(input: Record<string, unknown>): { body: EventResource; cancelled: boolean } {
  const body: Record<string, unknown> = { ...input };
  for (const field of READ_ONLY_FIELDS) delete body[field];
  const cancelled = body.status === 'cancelled';
  if (cancelled) delete body.status;
  return { body: body as unknown as EventResource, cancelled };
}

/** Every calendar's events by id, in creation order. */
export class EventStore {
  private calendars = new Map<string, Map<string, StoredEvent>>();
  private counter = 0;

  constructor(private readonly now: () => number) {}

  private etag(ms: number): string {
    this.counter = (this.counter + 1) % 1000;
    return `"${ms}${String(this.counter).padStart(3, '0')}"`;
  }

  private events(calendarKey: string): Map<string, StoredEvent> {
    let events = this.calendars.get(calendarKey);
    if (!events) this.calendars.set(calendarKey, (events = new Map()));
    return events;
  }

  /** Stores a new event (the caller has checked that the id is free). */
  add(calendarKey: string, body: EventResource, meta: StoredMeta = {}): StoredEvent {
    const at = this.now();
    const id = meta.id ?? newEventId();
    const updatedMs = meta.updatedMs ?? at;
    const event: StoredEvent = {
      id,
      calendarKey,
      body,
      createdMs: meta.createdMs ?? at,
      updatedMs,
      sequence: meta.sequence ?? 0,
      iCalUID: meta.iCalUID ?? `${id.replace(/_.*$/, '')}@google.com`,
      etag: this.etag(updatedMs),
      deleted: meta.deleted ?? false,
    };
    this.events(calendarKey).set(id, event);
    return event;
  }

  /** The event (deleted ones included) with this id in a calendar. */
  get(calendarKey: string, id: string): StoredEvent | undefined {
    return this.calendars.get(calendarKey)?.get(id);
  }

  /** A calendar's events in creation order, deleted ones included. */
  list(calendarKey: string): StoredEvent[] {
    return [...(this.calendars.get(calendarKey)?.values() ?? [])];
  }

  /** Replaces the body of a changed event: new etag and updated time, sequence + 1. */
  replace(event: StoredEvent, body: EventResource): StoredEvent {
    event.body = body;
    this.touch(event);
    return event;
  }

  /** Marks an event deleted (kept so that its id stays reserved and GET shows it cancelled). */
  remove(event: StoredEvent): void {
    event.deleted = true;
    this.touch(event);
  }

  private touch(event: StoredEvent): void {
    event.updatedMs = Math.max(this.now(), event.updatedMs);
    event.sequence += 1;
    event.etag = this.etag(event.updatedMs);
  }
}
