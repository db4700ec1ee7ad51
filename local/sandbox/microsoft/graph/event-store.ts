/** The mailbox's events as written (POST/PATCH shapes), with the server-side fields Graph adds and transactionId dedup. */
import { randomBytes } from 'node:crypto';
import type { GraphEventInput, GraphEventPatch } from '../calendar-schema';

export interface StoredEvent {
  id: string;
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
function canonical(value: unknown): string {
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

export class EventStore {
  private events = new Map<string, StoredEvent>();
  private transactions = new Map<string, { eventId: string; fingerprint: string }>();

  constructor(
    private readonly now: () => number,
    seed: GraphEventInput[] = [],
  ) {
    for (const { id, ...input } of seed) this.insert(input, id);
  }

  private insert(input: GraphEventInput, id = newId()): StoredEvent {
    const at = this.now();
    const event: StoredEvent = {
      id,
      input,
      createdMs: at,
      modifiedMs: at,
      changeKey: newChangeKey(),
      iCalUId: `040000008200E00074C5B7101A82E008${randomBytes(28).toString('hex').toUpperCase()}`,
    };
    this.events.set(id, event);
    if (input.transactionId) this.transactions.set(input.transactionId, { eventId: id, fingerprint: canonical(input) });
    return event;
  }

  /** Creates an event, honouring transactionId dedup (a record whose event was deleted no longer dedups). */
  create(input: GraphEventInput): CreateOutcome {
    const { id: _ignored, ...body } = input;
    const txn = body.transactionId ? this.transactions.get(body.transactionId) : undefined;
    const existing = txn && this.events.get(txn.eventId);
    if (txn && existing) {
      return txn.fingerprint === canonical(body)
        ? { kind: 'replayed', event: existing }
        : { kind: 'conflict', existingId: existing.id };
    }
    return { kind: 'created', event: this.insert(body) };
  }

  /** The event with this id. */
  get(id: string): StoredEvent | undefined {
    return this.events.get(id);
  }

  /** Applies a validated PATCH (top-level properties replace, as in Graph; null removes). */
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
    return event;
  }

  /** Marks an event cancelled (Graph moves it to Deleted Items; here it stays visible with isCancelled true). */
  cancel(id: string): StoredEvent | undefined {
    return this.update(id, { isCancelled: true });
  }

  /** Deletes an event; false when it did not exist. */
  delete(id: string): boolean {
    return this.events.delete(id);
  }

  /** Every stored event (series masters included), in creation order. */
  all(): StoredEvent[] {
    return [...this.events.values()];
  }

  /** The events in the calendar-file format, with their ids. */
  dump(): GraphEventInput[] {
    return this.all().map((e) => structuredClone({ id: e.id, ...e.input }));
  }
}
