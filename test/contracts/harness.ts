/**
 * What every contract suite shares: a subject is set up once (the DynamoDB subject creates its tables from
 * lib/tables.ts on the shared DynamoDB Local), then each test gets a fresh store, a clock it can move, and ids no other
 * test uses.
 */
import { beforeAll, beforeEach } from 'vitest';
import type { BookingRecord, BookingStore, Clock } from '../../functions/domain/ports';
import { booking as fixtureBooking, cellsOf } from '../adapters/dynamo/booking-fixtures';

export { CELL_MS, cellsOf } from '../adapters/dynamo/booking-fixtures';

/** Prepared once per suite; returns the factory of fresh stores (options: what the store may depend on). */
export type Setup<Store, Options = void> = () => Promise<(options: Options) => Store>;

/** A BOOKING# item as the store keeps it: its sort key, whose record it is, its status, where a tombstone moved to. */
export interface StoredBookingItem {
  sk: string;
  bookingId: string;
  status: string;
  movedTo?: string;
}

/** A BookingStore subject: fresh stores, and a look at the raw BOOKING# items of one manager (sorted by sort key). */
export interface BookingSubject {
  make: (options: BookingStoreOptions) => BookingStore;
  items: (store: BookingStore, managerId: string) => Promise<StoredBookingItem[]>;
}

/** What a BookingStore under contract is built with: the clock holderOf judges leases by, the tool-call lease. */
export interface BookingStoreOptions {
  clock: Clock;
  toolCallLeaseMs: number;
}

/** "Now" at the start of every test (epoch ms), and the lease a reservation takes by default. */
export const T0 = Date.parse('2030-06-01T12:00:00Z');
export const LEASE_UNTIL = T0 + 60_000;
export const TOOL_CALL_LEASE_MS = 30_000;

export interface Scope<Store> {
  store: Store;
  /** A prefix unique to the running test (manager id, tool-call id, state hash...). */
  id: string;
  /** The store's clock; a test may move it. */
  now: number;
}

/** A booking fixture and the cells it covers. */
export type Made = { b: BookingRecord; cells: number[] };

export interface BookingScope extends Scope<BookingStore> {
  /** A pending booking of this test's manager over [startIso, endIso), with its 15-minute cells (on the record too). */
  booking(name: string, startIso: string, endIso: string): Made;
  /** Reserves then confirms a booking, as a successful booking attempt leaves it. */
  confirmed(name: string, startIso: string, endIso: string, eventId?: string): Promise<Made>;
  /** The raw BOOKING# items of this test's manager, by sort key (DynamoDB: a Query of the partition). */
  items(): Promise<StoredBookingItem[]>;
}

/** What a call threw (undefined when it resolved): lets Act run calls one after another and Assess look at each. */
export const caught = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => undefined,
    (error: unknown) => error,
  );

let serial = 0;

/** Registers the hooks of a contract: the subject once, then a fresh store and a fresh id for every test. */
export function useScope<Store, Options>(setup: Setup<Store, Options>, options: (scope: Scope<Store>) => Options) {
  const scope = { now: T0 } as Scope<Store>;
  let make: (options: Options) => Store;
  beforeAll(async () => {
    make = await setup();
  });
  beforeEach(() => {
    scope.now = T0;
    scope.id = `c${++serial}`;
    scope.store = make(options(scope));
  });
  return scope;
}

/** The scope of a BookingStore contract, with booking fixtures for the test's own manager. */
export function useBookingScope(setup: () => Promise<BookingSubject>): BookingScope {
  let items: BookingSubject['items'];
  const factory: Setup<BookingStore, BookingStoreOptions> = async () => {
    const subject = await setup();
    items = subject.items;
    return subject.make;
  };
  const scope = useScope(factory, (s) => ({ clock: () => s.now, toolCallLeaseMs: TOOL_CALL_LEASE_MS })) as BookingScope;
  scope.items = () => items(scope.store, managerOf(scope));
  scope.booking = (name, startIso, endIso) => {
    const cells = cellsOf(startIso, endIso);
    // The record names its cells, as the booking tool's do: moves and retires free exactly those.
    return { b: { ...fixtureBooking(`${scope.id}-${name}`, startIso, endIso, `m-${scope.id}`), cells }, cells };
  };
  scope.confirmed = async (name, startIso, endIso, eventId = `evt-${name}`) => {
    const made = scope.booking(name, startIso, endIso);
    await scope.store.reserve(made.b, made.cells, LEASE_UNTIL, scope.now);
    await scope.store.confirm(made.b, made.cells, eventId);
    return made;
  };
  return scope;
}

/** The manager id of a booking scope's test. */
export const managerOf = (scope: Scope<unknown>) => `m-${scope.id}`;
