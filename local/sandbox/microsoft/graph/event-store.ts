/** The mailbox's events as written (POST/PATCH shapes), each in one calendar, with Graph's own fields and dedup. */
import { randomBytes } from 'node:crypto';
import type { GraphEventInput, GraphEventPatch } from '../calendar-schema';

export interface StoredEvent {
  id: string;
  /** The calendar it was written to (MailboxCalendar.id). */
  calendarId: string;
  /** The event as posted and patched, without `id`. */
  input: GraphEventInput;
  createdMs: number;
  modifiedMs: number;
  changeKey: string;
  iCalUId: string;
}

export type CreateOutcome =
  | { kind: 'created'; event: StoredEvent }
  /** Same transactionId, same content: Graph answers with the existing event and creates nothing. */
  | { kind: 'replayed'; event: StoredEvent }
  /** Same transactionId, different content: ErrorDuplicateTransactionId. */
  | { kind: 'conflict'; existingId: string };

function newId(): string {
  // Shaped like Exchange ids (base64 of an entry id); base64url keeps it path-safe.
  return `AAMkAGI2${randomBytes(30).toString('base64url')}`;
}

function newChangeKey(): string {
  return randomBytes(16).toString('base64');
}

/** JSON with sorted keys, so two bodies compare equal regardless of property order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Dedup is per calendar: the same transactionId in two calendars makes two events. */
const txnKey = (calendarId: string, transactionId: string) => `${calendarId}\n${transactionId}`;

export class EventStore {
  private events = new Map<string, StoredEvent>();
  private transactions = new Map<string, { eventId: string; fingerprint: string }>();
  /** Counts the changes (create, update, delete): a view expanded at one revision holds until the next. */
  revision = 0;

  constructor(
    private readonly now: () => number,
    seed: ReadonlyArray<{ calendarId: string; events: GraphEventInput[] }> = [],
  ) {
    for (const { calendarId, events } of seed)
      for (const { id, ...input } of events) this.insert(calendarId, input, id);
  }

  private insert(calendarId: string, input: GraphEventInput, id = newId()): StoredEvent {
    const at = this.now();
    const event: StoredEvent = {
      id,
      calendarId,
      input,
      createdMs: at,
      modifiedMs: at,
      changeKey: newChangeKey(),
      iCalUId: `040000008200E00074C5B7101A82E008${randomBytes(28).toString('hex').toUpperCase()}`,
    };
    this.events.set(id, event);
    this.revision += 1;
    if (input.transactionId)
      this.transactions.set(txnKey(calendarId, input.transactionId), { eventId: id, fingerprint: canonical(input) });
    return event;
  }

  /** Creates an event in a calendar, honouring its transactionId dedup (a deleted event's id no longer dedups). */
  create(calendarId: string, input: GraphEventInput): CreateOutcome {
    const { id: _ignored, ...body } = input;
    const txn = body.transactionId ? this.transactions.get(txnKey(calendarId, body.transactionId)) : undefined;
    const existing = txn && this.events.get(txn.eventId);
    if (txn && existing) {
      return txn.fingerprint === canonical(body)
        ? { kind: 'replayed', event: existing }
        : { kind: 'conflict', existingId: existing.id };
    }
    return { kind: 'created', event: this.insert(calendarId, body) };
  }

  /** The event with this id. */
  get(id: string): StoredEvent | undefined {
    return this.events.get(id);
  }

  /** Applies a validated PATCH in place: same id, new changeKey (properties replace, as in Graph; null removes). */
  update(id: string, patch: GraphEventPatch): StoredEvent | undefined {
    const event = this.events.get(id);
    if (!event) return undefined;
    const merged: Record<string, unknown> = { ...event.input };
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'id') continue;
      if (value === null) delete merged[key];
      else if (value !== undefined) merged[key] = value;
    }
    event.input = merged as GraphEventInput;
    event.modifiedMs = this.now();
    event.changeKey = newChangeKey();
    this.revision += 1;
    return event;
  }

  /** Deletes an event (DELETE, or a cancel: Graph moves it to Deleted Items, out of every view); false if absent. */
  delete(id: string): boolean {
    const deleted = this.events.delete(id);
    if (deleted) this.revision += 1;
    return deleted;
  }

  /** Every stored event (series masters included) of the given calendars (default: all), in creation order. */
  all(calendarIds?: ReadonlySet<string>): StoredEvent[] {
    const events = [...this.events.values()];
    return calendarIds ? events.filter((e) => calendarIds.has(e.calendarId)) : events;
  }

  /** One calendar's events in the calendar-file format, with their ids. */
  dump(calendarId: string): GraphEventInput[] {
    return this.all(new Set([calendarId])).map((e) => structuredClone({ id: e.id, ...e.input }));
  }
}
