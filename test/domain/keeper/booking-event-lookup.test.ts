/** Where a pending booking's event is: the calendar it was written to, and the live event carrying its key. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookingRecord } from '../../../functions/domain/ports';
import type { CalendarEntry } from '../../../functions/domain/types';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { honestDeps } from '../scheduling/honest-booking.harness';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const START = Date.parse('2026-11-24T15:00:00Z');
const END = START + 1_800_000;
const deadline = { at: NOW + 60_000 };

type Lookup = typeof import('../../../functions/domain/keeper/booking-event-lookup');

/** A booking of call-1 written to conn-1's default calendar. */
const booking = (extra: Partial<BookingRecord> = {}): BookingRecord => ({
  managerId: 'mgr',
  bookingId: 'b-1',
  start: '2026-11-24T10:00:00-05:00',
  end: '2026-11-24T10:30:00-05:00',
  startMs: START,
  endMs: END,
  callerName: 'Jane',
  status: 'pending',
  toolCallId: 'tc-1',
  callId: 'call-1',
  confirmationCode: '123456',
  bookingKey: 'key-1',
  createdAt: new Date(NOW).toISOString(),
  cells: [START],
  connectionId: 'conn-1',
  calendarId: 'default',
  ...extra,
});

const entry = (id: string | undefined, extra: Partial<CalendarEntry> = {}): CalendarEntry => ({
  id,
  start: START,
  end: END,
  availability: 'busy',
  isCancelled: false,
  isAllDay: false,
  ...extra,
});

describe('Function: bookingCalendar', () => {
  const at = { now: NOW };
  let h: Awaited<ReturnType<typeof honestDeps>>;
  let lookup: Lookup;
  let errors: typeof import('../../../functions/domain/errors');

  beforeEach(async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    vi.resetModules();
    lookup = await import('../../../functions/domain/keeper/booking-event-lookup');
    errors = await import('../../../functions/domain/errors');
    h = await honestDeps(at);
  });
  afterEach(() => vi.useRealTimers());

  it('a booking made in manual mode (no connection) has no calendar to look in', async () => {
    // Act
    const found = await lookup.bookingCalendar(booking({ connectionId: undefined }), h.deps);
    // Assess
    expect(found).toBeUndefined();
    expect(h.calendar.opened).toEqual([]);
  });

  it('a booking with a manual event id has no calendar to look in, even if it names a connection', async () => {
    // Act
    const found = await lookup.bookingCalendar(booking({ eventId: 'manual-7' }), h.deps);
    // Assess
    expect(found).toBeUndefined();
    expect(h.calendar.opened).toEqual([]);
  });

  it('a booking whose manager is gone is unreachable', async () => {
    // Act
    const found = await lookup.bookingCalendar(booking({ managerId: 'nobody' }), h.deps);
    // Assess
    expect(found).toBe('unreachable');
  });

  it('a booking whose connection was disconnected is unreachable, though the manager has another one', async () => {
    // Prepare
    await h.deps.connections.save(managerRecord('two', [fakeConnection('conn-other')]), undefined);
    // Act
    const found = await lookup.bookingCalendar(booking({ managerId: 'two' }), h.deps);
    // Assess
    expect(found).toBe('unreachable');
    expect(h.calendar.opened).toEqual([]);
  });

  it('opens the connection and calendar the booking was written to', async () => {
    // Prepare
    const connections = [fakeConnection('conn-a'), fakeConnection('conn-b')];
    await h.deps.connections.save(managerRecord('two', connections), undefined);
    // Act
    const found = await lookup.bookingCalendar(
      booking({ managerId: 'two', connectionId: 'conn-b', calendarId: 'shared' }),
      h.deps,
    );
    // Assess
    expect(found).toMatchObject({ provider: h.calendar, calendarId: 'shared', connection: { connectionId: 'conn-b' } });
    expect(h.calendar.opened).toEqual([{ managerId: 'two', connectionId: 'conn-b' }]);
  });

  it("a booking that names no calendar is looked for in the account's default one", async () => {
    // Act
    const found = await lookup.bookingCalendar(booking({ calendarId: undefined }), h.deps);
    // Assess
    expect(found).toMatchObject({ calendarId: 'default', connection: { connectionId: 'conn-1' } });
  });

  it('a booking whose grant needs reconnecting is a ReconnectRequiredError, and nothing is opened', async () => {
    // Prepare
    await h.deps.connections.markNeedsReconnect('mgr', 'conn-1', new Date(NOW).toISOString());
    // Act
    const failed = await lookup.bookingCalendar(booking(), h.deps).catch((e: unknown) => e);
    // Assess
    expect(failed).toBeInstanceOf(errors.ReconnectRequiredError);
    expect((failed as Error).message).toBe('the booking calendar needs reconnecting');
    expect(h.calendar.opened).toEqual([]);
  });
});

describe('Function: findBookingEvent', () => {
  const at = { now: NOW };
  let h: Awaited<ReturnType<typeof honestDeps>>;
  let lookup: Lookup;
  const find = async (record: BookingRecord) => {
    const opened = await lookup.bookingCalendar(record, h.deps);
    if (!opened || opened === 'unreachable') throw new Error('the calendar should open');
    return lookup.findBookingEvent(record, opened, deadline, h.deps);
  };

  beforeEach(async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    vi.resetModules();
    lookup = await import('../../../functions/domain/keeper/booking-event-lookup');
    h = await honestDeps(at);
  });
  afterEach(() => vi.useRealTimers());

  it("reads only the booking's slot and finds the live event carrying its key", async () => {
    // Prepare
    h.calendar.entries = [entry('evt-other', { bookingKey: 'key-9' }), entry('evt-mine', { bookingKey: 'key-1' })];
    const listEntries = vi.spyOn(h.calendar, 'listEntries');
    // Act
    const found = await find(booking());
    // Assess
    expect(found).toBe('evt-mine');
    expect(listEntries).toHaveBeenCalledWith('default', { start: START, end: END }, deadline);
  });

  it('finds the event by the id the booking recorded when its key is not on it', async () => {
    // Prepare
    h.calendar.entries = [entry('evt-other'), entry('evt-7')];
    // Act
    const found = await find(booking({ eventId: 'evt-7' }));
    // Assess
    expect(found).toBe('evt-7');
  });

  it('a cancelled event carrying the key is not the booking event', async () => {
    // Prepare
    h.calendar.entries = [entry('evt-gone', { bookingKey: 'key-1', isCancelled: true }), entry('evt-other')];
    // Act
    const found = await find(booking());
    // Assess
    expect(found).toBeUndefined();
  });

  it('an entry without an id (a free/busy block) is never the booking event', async () => {
    // Prepare
    h.calendar.entries = [entry(undefined, { bookingKey: 'key-1' })];
    // Act
    const found = await find(booking());
    // Assess
    expect(found).toBeUndefined();
  });

  it('a keyless booking matches no keyless event', async () => {
    // Prepare
    h.calendar.entries = [entry('evt-other')];
    // Act
    const found = await find(booking({ bookingKey: undefined }));
    // Assess
    expect(found).toBeUndefined();
  });
});

describe('Function: cancelBookingEvent', () => {
  const at = { now: NOW };
  let h: Awaited<ReturnType<typeof honestDeps>>;
  let lookup: Lookup;

  beforeEach(async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    vi.resetModules();
    lookup = await import('../../../functions/domain/keeper/booking-event-lookup');
    h = await honestDeps(at);
  });
  afterEach(() => vi.useRealTimers());

  it('cancels the event with a note that the viewing was never confirmed', async () => {
    // Prepare
    h.calendar.entries = [entry('evt-1', { bookingKey: 'key-1' })];
    const opened = await lookup.bookingCalendar(booking(), h.deps);
    // Act
    await lookup.cancelBookingEvent(
      booking(),
      opened as Exclude<typeof opened, 'unreachable' | undefined>,
      'evt-1',
      deadline,
      h.deps,
    );
    // Assess
    expect(h.calendar.cancelled).toEqual([
      {
        calendarId: 'default',
        eventId: 'evt-1',
        comment: 'This viewing could not be confirmed during the call, so it has been cancelled.',
      },
    ]);
  });
});
